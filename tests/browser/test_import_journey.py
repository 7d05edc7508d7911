"""A Word manuscript with a 副题, 小标题 and photos under them (one inline, two in a WPS photo
table) goes from the file to the public page in Chromium: the editor uploads it, adds the missing
责任编辑 on the confirm screen, confirms and submits; reviewer1, reviewer2 and the chief pass it;
a reader sees every photo where the manuscript put it, with its caption and its credit."""

from newsroom.models import Article, Photo
from tests.browser.conftest import login, screenshot
from tests.importer.docx_corpus import subtitle_and_headings

# What the manuscript puts before each photo, its caption and its credit as the page prints it.
EXPECTED = [
    ("社工进驻 服务有了专业队伍", "社工为居民讲解防诈骗知识。", "记者 李娜 摄"),
    (
        "街道孵化社区社会组织27个，舞蹈队、调解队、护河队活跃在各个小区。",
        "居民调解队在调解邻里纠纷。",
        "通讯员 周红 摄",
    ),
    ("街道孵化社区社会组织27个，舞蹈队、调解队、护河队活跃在各个小区。", "护河队在巡河。", "学府社区供图"),
]

# For each photo in the article's body: the text of the block it follows, its caption and credit.
PLACES = """() => [...document.querySelectorAll('.article-body figure')].map(figure => {
  let before = figure.previousElementSibling;
  while (before && before.tagName === 'FIGURE') before = before.previousElementSibling;
  const caption = figure.querySelector('figcaption');
  const credit = caption.querySelector('.credit');
  return [before ? before.innerText.trim() : '', caption.innerText.replace(credit.innerText, '').trim(),
          credit.innerText.trim()];
})"""


def _desk(page, site, title, button):
    page.goto(f"{site}/admin/")
    page.locator(".linli-desk").get_by_role("link", name=title).click()
    page.wait_for_load_state()
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


def test_a_word_file_with_headings_a_subtitle_and_photos_to_the_public_page(site, browser, tmp_path):
    name, data, truth = subtitle_and_headings()
    manuscript = tmp_path / "三社联动.docx"
    manuscript.write_bytes(data)
    editor = login(browser, site, "editor", "linli-editor-2026")
    editor.goto(f"{site}/admin/newsroom/article/")
    editor.get_by_role("link", name="导入稿件（Word、网页、文本）").click()
    editor.set_input_files("input[type=file]", str(manuscript))
    editor.get_by_role("button", name="读取稿件").click()
    editor.wait_for_load_state()
    assert editor.input_value("#id_title") == truth["title"]
    assert editor.input_value("#id_subtitle") == truth["subtitle"]
    assert editor.locator("text=随文件导入").count() == 3
    assert editor.input_value("#id_photo-1-role") == "通讯员" and editor.input_value("#id_photo-1-who") == "周红"
    # The manuscript names no 责任编辑: the editor adds one in an empty row of the byline table.
    rows = editor.locator("#linli-import-bylines tbody tr")
    empty = len(truth["bylines"])
    rows.nth(empty).locator("input[name$=-role]").fill("责任编辑")
    rows.nth(empty).locator("input[name$=-name]").fill("王晋南")
    editor.select_option("#id_column", label="党建工作 > 党建新闻")
    screenshot(editor, "admin-import-confirm")
    editor.set_viewport_size({"width": 768, "height": 1000})
    screenshot(editor, "admin-import-confirm-768")
    overflow = editor.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the confirm screen overflows 768 px by {overflow} px"
    editor.set_viewport_size({"width": 1280, "height": 900})
    editor.get_by_role("button", name="确认，生成草稿").click()
    editor.wait_for_load_state()
    assert "已导入为草稿" in editor.locator(".messagelist").inner_text()
    screenshot(editor, "admin-import-draft")
    article = Article.objects.get(title=truth["title"])
    assert article.status == Article.Status.DRAFT and article.subtitle == truth["subtitle"].lstrip("—")
    assert "责任编辑 王晋南" in [str(c) for c in article.credits.all()]
    assert [p.credit_line for p in Photo.objects.filter(article=article).order_by("order")] == [
        credit for _before, _caption, credit in EXPECTED
    ]
    editor.get_by_role("button", name="保存并提交审核").click()
    editor.wait_for_load_state()
    assert editor.locator(".errornote").count() == 0, editor.locator(".errorlist").all_inner_texts()

    _desk(login(browser, site, "reviewer1", "linli-first-2026"), site, truth["title"], "初审通过")
    _desk(login(browser, site, "reviewer2", "linli-second-2026"), site, truth["title"], "复审通过")
    _desk(login(browser, site, "chief", "linli-chief-2026"), site, truth["title"], "签发并发布")
    article = Article.objects.get(pk=article.pk)
    assert article.is_public

    reader = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    assert reader.goto(site + article.get_absolute_url()).status == 200
    # One dash, the page's own: the manuscript's —— is not printed twice.
    assert reader.locator("p.subtitle").inner_text() == truth["subtitle"]
    places = reader.evaluate(PLACES)
    assert [tuple(place) for place in places] == EXPECTED
    body = reader.locator(".article-body").inner_text()
    assert truth["subtitle"] not in body  # the 副题 heads the article, it is not a heading of the body
    # Every role the manuscript credits is printed with its name (二审 and 三审 were added to the
    # portal's vocabulary as the confirm screen said).
    assert "[编辑：王敏　二审：李强　三审：赵刚　责任编辑：王晋南]" in reader.locator("body").inner_text()
    screenshot(reader, "import-journey-public-page")
    for page in (editor, reader):
        page.context.close()
