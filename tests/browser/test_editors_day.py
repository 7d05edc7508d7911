"""The editor's day, in Chromium with the demo accounts, every step through the admin's own pages:
the editor imports a Word file with three photos (two under a 小标题), adds a library photo and
a 4000×3000 camera upload, brings the bylines to six, fills the reprint fields and submits;
reviewer1 reads it in the portal's layout and returns it with an opinion; the editor sees the
opinion on the desk, fixes and resubmits; reviewer1 and reviewer2 approve, the chief signs off
and schedules it in one; it goes live at its time; the chief moves it to 头条. No dead end, no
English, no overflow at 1280 or 768 px. Each screen is saved as an artifact; the clicks, choices
and typed fields of the path are counted and printed."""

import re
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from newsroom.models import Article
from tests.browser.conftest import login, screenshot
from tests.browser.photos import open_dialog, save_dialog
from tests.browser.test_photo_library_journey import camera_file
from tests.importer.docx_corpus import three_photos

ENGLISH = re.compile(r"\b(Error|Save|Delete|Action|Submit|None|True|False|ACTION LABEL|approve|in_review)\b")


class Clicks:
    """What the people do on the way, counted as the desk counts it: clicks, choices (a menu
    option, a file picked) and typed fields."""

    def __init__(self):
        self.count = self.choices = self.fields = 0

    def click(self, locator):
        self.count += 1
        locator.click()

    def type(self, locator, text):
        self.fields += 1
        locator.fill(text)

    def choose(self, locator, **option):
        self.choices += 1
        locator.select_option(**option)

    def pick_file(self, locator, path):
        self.choices += 1
        locator.set_input_files(str(path))


def no_dead_end(page):
    """Nothing English a user can read, no page wider than the window, no server error."""
    text = page.locator("body").inner_text()
    assert not ENGLISH.search(text), ENGLISH.search(text).group(0)
    assert "Server Error" not in text
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        wide = page.evaluate(
            "() => Array.from(document.querySelectorAll('body *'))"
            ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(-5)"
            ".map(e => e.tagName + '.' + e.className + '#' + e.id)"
        )
        raise AssertionError(f"{page.url} overflows by {overflow} px: {wide}")


def pick(page, field, search):
    """Choose in an autocomplete (select2) box: open, type, take the first match."""
    field.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option:not(.loading-results)", has_text=search).first.click()


def press(page, clicks, label, opinion=None):
    if opinion is not None:
        clicks.type(page.locator("#id_opinion"), opinion)
    clicks.click(page.get_by_role("button", name=label, exact=True))
    page.wait_for_load_state()


def autocomplete(page, clicks, field, search):
    """An autocomplete choice as a person makes it: open (a click), type, take the match (a click)."""
    clicks.click(field.locator(".select2-selection"))
    clicks.type(page.locator(".select2-container--open .select2-search__field"), search)
    clicks.click(page.locator(".select2-results__option:not(.loading-results)", has_text=search).first)


def test_the_editors_day(site, browser, tmp_path):
    clicks = Clicks()
    name, data, truth = three_photos()  # a WPS file: three photos, two of them under a 小标题
    manuscript = tmp_path / "万锦社区四点半课堂.docx"
    manuscript.write_bytes(data)
    camera = camera_file(tmp_path / "IMG_4032.jpg", (4000, 3000))

    # The editor imports the Word file from the desk.
    editor = login(browser, site, "editor", "linli-editor-2026")
    editor.goto(f"{site}/admin/")
    screenshot(editor, "day-01-editor-desk")
    clicks.click(editor.locator(".linli-desk-actions").get_by_role("link", name="导入稿件"))
    clicks.pick_file(editor.locator("input[type=file]"), manuscript)
    clicks.click(editor.get_by_role("button", name="读取稿件"))
    editor.wait_for_load_state()
    clicks.choose(editor.locator("#id_column"), label="党建工作 > 党建新闻")
    clicks.click(editor.get_by_role("button", name="确认，生成草稿"))
    editor.wait_for_load_state()
    article = Article.objects.get(title=truth["title"])
    assert article.photos.count() == 3
    no_dead_end(editor)

    # Six bylines: the file's 记者, 通讯员 and 责任编辑, and three the desk adds.
    credits = editor.locator("#credits-group")
    for role, person in (("摄影", "李明"), ("编辑", "刘思远"), ("审校", "赵敏")):
        clicks.click(credits.locator(".add-row a"))
        row = credits.locator("tr.form-row:not(.empty-form)").last
        clicks.choose(row.locator("select[name$='-role']"), label=role)
        clicks.type(row.locator("input[name$='-name']"), person)

    # It is a reprint: source, original title, author, address and time.
    clicks.click(editor.locator("#id_is_reprint"))
    clicks.type(editor.locator("#id_source_name"), "兴隆巷街道办事处")
    clicks.type(editor.locator("#id_original_title"), "万锦社区“四点半课堂”开课")
    clicks.type(editor.locator("#id_original_author"), "王丽")
    clicks.type(editor.locator("#id_original_url"), "https://xlx.example.gov.cn/2026/1128/1.html")
    clicks.type(editor.locator("#id_original_published_at_0"), "2026-11-28")
    clicks.type(editor.locator("#id_original_published_at_1"), "09:30:00")

    # A photo from the library, and a 4000×3000 one from the camera, each added in the dialog
    # (saved at once: nothing typed on the page is lost, and the upload is in the library).
    dialog = open_dialog(editor, editor.get_by_role("button", name="添加图片"))
    clicks.count += 1
    autocomplete(dialog, clicks, dialog.locator(".field-asset"), "暖心坊")
    clicks.type(dialog.locator("textarea[name=caption]"), "社区党员为孩子们讲党史故事")
    clicks.count += 1
    save_dialog(editor, dialog, shows="社区党员为孩子们讲党史故事")
    dialog = open_dialog(editor, editor.get_by_role("button", name="添加图片"))
    clicks.count += 1
    clicks.pick_file(dialog.locator("input[type=file][name=image]"), camera)
    clicks.type(dialog.locator("textarea[name=caption]"), "孩子们在“四点半课堂”上做手工")
    clicks.type(dialog.locator("input[name=alt_text]"), "几个孩子围着桌子剪纸")
    clicks.choose(dialog.locator("select[name=credit_kind]"), label="摄")
    autocomplete(dialog, clicks, dialog.locator(".field-credit_person"), "张聿修")
    screenshot(editor, "day-02-photo-dialog", full_page=False)
    clicks.count += 1
    save_dialog(editor, dialog, shows="孩子们在“四点半课堂”上做手工")
    screenshot(editor, "day-02-imported-draft")
    clicks.click(editor.get_by_role("button", name="保存并提交审核"))
    editor.wait_for_load_state()
    assert editor.locator(".errornote").count() == 0, editor.locator(".errorlist").all_inner_texts()
    assert "已保存并提交审核" in editor.locator(".messagelist").inner_text()
    article = Article.objects.get(pk=article.pk)
    assert article.status == Article.Status.IN_REVIEW and article.is_reprint
    assert article.credits.count() == 6 and article.photos.count() == 5
    no_dead_end(editor)
    screenshot(editor, "day-03-submitted")

    # reviewer1 reads it as readers will and returns it with an opinion.
    first = login(browser, site, "reviewer1", "linli-first-2026")
    first.goto(f"{site}/admin/")
    clicks.click(first.locator(".linli-desk").get_by_role("link", name=truth["title"]))
    first.wait_for_load_state()
    frame = first.frame_locator(".linli-reading iframe")
    read = frame.locator("body").inner_text()
    assert "家长下班不再着急" in read and "孩子们在“四点半课堂”上做手工" in read
    screenshot(first, "day-04-reviewer-reads")
    no_dead_end(first)
    press(first, clicks, "退回", opinion="导语请写明报名人数。")
    assert Article.objects.get(pk=article.pk).status == Article.Status.REJECTED

    # The editor sees the opinion on the desk, fixes and resubmits in one click.
    editor.goto(f"{site}/admin/")
    assert "导语请写明报名人数" in editor.locator(".linli-desk").inner_text()
    screenshot(editor, "day-05-returned-on-desk")
    clicks.click(editor.locator(".linli-desk").get_by_role("link", name=truth["title"]))
    editor.wait_for_load_state()
    clicks.type(editor.locator("#id_summary"), "万锦社区开办“四点半课堂”，42名孩子报名。")
    clicks.click(editor.get_by_role("button", name="保存并提交审核"))
    editor.wait_for_load_state()
    assert "42名孩子报名" in Article.objects.get(pk=article.pk).summary

    # 三审: reviewer1, reviewer2, and the chief signs off and schedules it in one.
    for page, label in ((first, "初审通过"), (login(browser, site, "reviewer2", "linli-second-2026"), "复审通过")):
        page.goto(f"{site}/admin/")
        clicks.click(page.locator(".linli-desk").get_by_role("link", name=truth["title"]))
        page.wait_for_load_state()
        press(page, clicks, label)
    chief = login(browser, site, "chief", "linli-chief-2026")
    chief.goto(f"{site}/admin/")
    clicks.click(chief.locator(".linli-desk").get_by_role("link", name=truth["title"]))
    chief.wait_for_load_state()
    at = timezone.localtime(timezone.now() + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M")
    clicks.type(chief.locator("input[name=publish_at]"), at)
    press(chief, clicks, "签发并发布")
    screenshot(chief, "day-06-scheduled")
    article = Article.objects.get(pk=article.pk)
    assert article.is_live and not article.is_public  # scheduled, not yet visible
    anonymous = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    assert anonymous.goto(site + article.get_absolute_url()).status == 404

    # Its time comes (the clock moved on): readers see it, the audit records the go-live.
    Article.objects.filter(pk=article.pk).update(live_from=timezone.now() - timedelta(seconds=1))
    call_command("publish_scheduled")
    anonymous.goto(site + article.get_absolute_url())
    page_text = anonymous.locator("body").inner_text()
    assert "42名孩子报名" in page_text and "兴隆巷街道办事处" in page_text
    screenshot(anonymous, "day-07-live-article")

    # The chief puts it in 头条 without a new version; readers see it at once.
    chief.goto(f"{site}/admin/newsroom/article/{article.pk}/change/")
    clicks.click(chief.locator("input[name=is_headline]"))
    press(chief, clicks, "调整推荐位")
    assert Article.objects.get(pk=article.pk).is_headline
    anonymous.goto(site + "/")
    assert truth["title"][:10] in anonymous.locator("section.headline").inner_text()
    print(
        f"\nthe editor's day, from a Word file to 头条 (editor, two reviewers, chief): {clicks.count} clicks, "
        f"{clicks.choices} choices, {clicks.fields} typed fields"
    )
    assert clicks.count < 44

    # The screens an editor reads all day fit at 1280 and 768 px.
    for width in (1280, 768):
        chief.set_viewport_size({"width": width, "height": 900})
        for path in (
            "/admin/",
            "/admin/newsroom/article/",
            f"/admin/newsroom/article/{article.pk}/revisions/",
            "/admin/communities/community/1/change/",
        ):
            chief.goto(site + path)
            no_dead_end(chief)
        screenshot(chief, f"day-08-community-{width}")
    for page in (editor, first, chief, anonymous):
        page.context.close()
