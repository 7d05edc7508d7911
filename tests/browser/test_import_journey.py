"""An editor turns a Word file with three photos into a draft in Chromium: upload, check the
confirm screen, confirm; the draft has its photos, credits and bylines. Timed."""

from newsroom.models import Article, Photo
from tests.browser.conftest import login, screenshot
from tests.importer.docx_corpus import three_photos


def test_a_word_file_with_three_photos_to_a_draft(site, browser, tmp_path):
    name, data, truth = three_photos()
    manuscript = tmp_path / "万锦社区四点半课堂.docx"
    manuscript.write_bytes(data)
    editor = login(browser, site, "editor", "linli-editor-2026")
    editor.goto(f"{site}/admin/newsroom/article/")
    editor.get_by_role("link", name="导入稿件（Word、网页、文本）").click()
    editor.set_input_files("input[type=file]", str(manuscript))
    editor.get_by_role("button", name="读取稿件").click()
    editor.wait_for_load_state()
    assert editor.input_value("#id_title") == truth["title"]
    assert editor.locator("text=随文件导入").count() == 3
    editor.select_option("#id_column", label="党建工作 > 党建新闻")
    screenshot(editor, "admin-import-confirm")
    editor.get_by_role("button", name="确认，生成草稿").click()
    editor.wait_for_load_state()
    assert "已导入为草稿" in editor.locator(".messagelist").inner_text()
    screenshot(editor, "admin-import-draft")
    article = Article.objects.get(title=truth["title"])
    assert article.status == Article.Status.DRAFT
    credits = [p.credit_line for p in Photo.objects.filter(article=article).order_by("order")]
    assert credits == ["张聿修 摄", "记者 张聿修 摄", "万锦社区供图"]  # the credit keeps its role
    editor.context.close()
