"""Pasting from Word/WPS or a web page: the body takes no images, and the editor is told at once
how many were left out and where to add them (not a silent loss)."""

from django.contrib.auth.models import User

from tests.browser.conftest import login, screenshot
from tests.helpers import new_draft

READY = "!!(window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready')"


def editor_ready(page):
    """Wait for CKEditor, polling from the test: Playwright's own polling evaluates a string,
    which the admin's Content-Security-Policy (no 'unsafe-eval') refuses."""
    for _ in range(100):
        if page.evaluate(READY):
            return
        page.wait_for_timeout(100)
    raise AssertionError("CKEditor did not start")


PASTED = '<p>第一段。</p><p><img src="data:image/png;base64,iVBORw0KGgo="></p><p>第二段。</p><img src="b.png">'


def test_pasted_images_are_named_not_lost_silently(site, browser):
    draft = new_draft(User.objects.get(username="editor"), title="从 Word 粘贴")
    editor = login(browser, site, "editor", "linli-editor-2026")
    editor.goto(f"{site}/admin/newsroom/article/{draft.pk}/change/")
    editor_ready(editor)
    editor.evaluate("html => CKEDITOR.instances.id_body.execCommand('paste', html)", PASTED)
    note = editor.locator(".linli-paste-note")
    note.wait_for()
    assert "2 张图片未放进正文" in note.inner_text() and "插入位置" in note.inner_text()
    body = editor.evaluate("CKEDITOR.instances.id_body.getData()")
    assert "第二段" in body and "<img" not in body
    screenshot(editor, "admin-paste-images")
    editor.context.close()


# Word's clipboard HTML: a highlighted phrase (突出显示) in a span, as Word and WPS write it.
WORD = (
    "<html><head><style>p.MsoNormal{margin:0}</style></head><body><!--StartFragment-->"
    "<p class=MsoNormal>活动持续到<span style='background:yellow;mso-highlight:yellow'>（此处待核实）</span>晚上九点。</p>"
    '<p>居民共<span style="background-color:#ffff00">四百多</span>人参加，<span style="background:white">不算</span>。</p>'
    "<!--EndFragment--></body></html>"
)


def test_a_highlight_pasted_from_word_stays_visible_and_stops_submission(site, browser):
    from newsroom.models import Article

    draft = new_draft(User.objects.get(username="editor"), title="从 WPS 粘贴带高亮的稿子")
    editor = login(browser, site, "editor", "linli-editor-2026")
    editor.goto(f"{site}/admin/newsroom/article/{draft.pk}/change/")
    editor_ready(editor)
    editor.evaluate("html => CKEDITOR.instances.id_body.execCommand('paste', html)", WORD)
    editor.locator(".linli-paste-note[data-key=marks]").wait_for()
    assert "2 处高亮文字" in editor.locator(".linli-paste-note[data-key=marks]").inner_text()
    for _ in range(50):  # the paste lands after Word's filter has run
        body = editor.evaluate("CKEDITOR.instances.id_body.getData()")
        if "<mark>" in body:
            break
        editor.wait_for_timeout(100)
    assert body.count("<mark>") == 2 and "<mark>（此处待核实）</mark>" in body and "<mark>不算" not in body
    screenshot(editor, "admin-paste-highlight", full_page=False)
    editor.get_by_role("button", name="保存并提交审核").click()
    editor.wait_for_load_state()
    assert "高亮标记" in editor.locator(".messagelist").inner_text()
    article = Article.objects.get(pk=draft.pk)
    assert article.status == Article.Status.DRAFT and "<mark>四百多</mark>" in article.body
    editor.context.close()
