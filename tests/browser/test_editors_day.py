"""The editor's day, in Chromium with the demo accounts, every step through the admin's own pages:
the editor writes an article with a photo and submits it; reviewer1 reads it in the portal's
layout and returns it with an opinion; the editor sees the opinion on the desk, fixes and
resubmits; reviewer1 and reviewer2 approve, the chief signs off and schedules it; it goes live at
its time; the chief moves a live article to 头条. No dead end, no English, no overflow at 1280 or
768 px. Each screen is saved as an artifact; the clicks of the path are counted."""

import re
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from newsroom.models import Article
from tests.browser.conftest import login, screenshot

ENGLISH = re.compile(r"\b(Error|Save|Delete|Action|Submit|None|True|False|ACTION LABEL|approve|in_review)\b")


class Clicks:
    """Every click and choice the people make on the way, counted."""

    def __init__(self):
        self.count = 0

    def click(self, locator):
        self.count += 1
        locator.click()


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
        page.fill("#id_opinion", opinion)
        clicks.count += 1
    clicks.click(page.get_by_role("button", name=label, exact=True))
    page.wait_for_load_state()


def test_the_editors_day(site, browser, tmp_path):
    clicks = Clicks()
    photo = tmp_path / "festival.jpg"
    Image.new("RGB", (1600, 1000), (180, 60, 40)).save(photo, "JPEG")

    # The editor writes and submits.
    editor = login(browser, site, "editor", "linli-editor-2026")
    editor.goto(f"{site}/admin/")
    screenshot(editor, "day-01-editor-desk")
    clicks.click(editor.get_by_role("link", name="写新稿件"))
    editor.wait_for_load_state()
    editor.fill("#id_title", "中南社区邻里节百家宴")
    pick(editor, editor.locator(".field-column"), "党建新闻")
    clicks.count += 2
    editor.fill("#id_summary", "同心广场上，四百多位居民摆起百家宴。")
    editable = editor.locator("#cke_id_body .cke_wysiwyg_div[contenteditable=true]")
    clicks.click(editable)
    editor.keyboard.type("十一月二十八日，中南社区在同心广场举办第三届邻里节。")
    editor.select_option("#id_credits-0-role", label="记者")
    editor.fill("#id_credits-0-name", "张聿修")
    editor.select_option("#id_credits-1-role", label="责任编辑")
    editor.fill("#id_credits-1-name", "王芳")
    clicks.count += 4  # two roles chosen, two names typed
    clicks.click(editor.locator("#photos-group .add-row a"))
    row = editor.locator("#photos-group .inline-related:not(.empty-form)").last
    row.locator("input[type=file][name$='-image']").set_input_files(str(photo))
    row.locator("textarea[name$='-caption']").fill("居民在同心广场摆起百家宴")
    row.locator("input[name$='-alt_text']").fill("广场上摆满长桌，居民围坐聚餐")
    row.locator("select[name$='-credit_kind']").select_option(label="摄")
    row.locator("input[name$='-credit_role']").fill("")
    row.locator("input[name$='-credit_organisation']").fill("")
    clicks.count += 4
    screenshot(editor, "day-02-new-article")
    pick(editor, row.locator(".field-credit_person"), "张")  # a 摄 credit names a person
    clicks.count += 2
    clicks.click(editor.get_by_role("button", name="保存并继续编辑"))
    editor.wait_for_load_state()
    assert editor.locator(".errornote").count() == 0, editor.locator(".errorlist").all_inner_texts()
    article = Article.objects.get(title="中南社区邻里节百家宴")
    no_dead_end(editor)
    press(editor, clicks, "提交审核")
    assert "已送初审" in editor.locator(".messagelist").inner_text()
    screenshot(editor, "day-03-submitted")

    # reviewer1 reads it as readers will and returns it with an opinion.
    first = login(browser, site, "reviewer1", "linli-first-2026")
    first.goto(f"{site}/admin/")
    clicks.click(first.locator(".linli-desk").get_by_role("link", name="中南社区邻里节百家宴"))
    first.wait_for_load_state()
    frame = first.frame_locator(".linli-reading iframe")
    assert "十一月二十八日" in frame.locator("body").inner_text()
    assert "居民在同心广场摆起百家宴" in frame.locator("body").inner_text()
    screenshot(first, "day-04-reviewer-reads")
    no_dead_end(first)
    press(first, clicks, "退回", opinion="导语请写明参加人数。")
    assert Article.objects.get(pk=article.pk).status == Article.Status.REJECTED

    # The editor sees the opinion on the desk, fixes and resubmits.
    editor.goto(f"{site}/admin/")
    desk = editor.locator(".linli-desk").inner_text()
    assert "导语请写明参加人数" in desk
    screenshot(editor, "day-05-returned-on-desk")
    clicks.click(editor.locator(".linli-desk").get_by_role("link", name="中南社区邻里节百家宴"))
    editor.wait_for_load_state()
    editable = editor.locator("#cke_id_body .cke_wysiwyg_div[contenteditable=true]")
    clicks.click(editable)
    editor.keyboard.press("Control+End")
    editor.keyboard.type("四百多位居民参加。")
    clicks.click(editor.get_by_role("button", name="保存并继续编辑"))
    editor.wait_for_load_state()
    press(editor, clicks, "提交审核")
    assert "四百多位居民参加" in Article.objects.get(pk=article.pk).body

    # reviewer1, reviewer2 approve; the chief signs off and schedules it.
    for page, label in ((first, "初审通过"), (login(browser, site, "reviewer2", "linli-second-2026"), "复审通过")):
        page.goto(f"{site}/admin/newsroom/article/{article.pk}/change/")
        press(page, clicks, label, opinion="同意")
    chief = login(browser, site, "chief", "linli-chief-2026")
    chief.goto(f"{site}/admin/")
    clicks.click(chief.locator(".linli-desk").get_by_role("link", name="中南社区邻里节百家宴"))
    chief.wait_for_load_state()
    press(chief, clicks, "签发", opinion="同意签发")
    at = timezone.localtime(timezone.now() + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M")
    chief.fill("input[name=publish_at]", at)
    clicks.count += 1
    press(chief, clicks, "发布")
    screenshot(chief, "day-06-scheduled")
    article = Article.objects.get(pk=article.pk)
    assert article.is_live and not article.is_public  # scheduled, not yet visible
    anonymous = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    assert anonymous.goto(site + article.get_absolute_url()).status == 404

    # Its time comes (the clock moved on): readers see it, the audit records the go-live.
    Article.objects.filter(pk=article.pk).update(live_from=timezone.now() - timedelta(seconds=1))
    call_command("publish_scheduled")
    anonymous.goto(site + article.get_absolute_url())
    assert "四百多位居民参加" in anonymous.locator("body").inner_text()
    screenshot(anonymous, "day-07-live-article")
    print(f"\nclicks from a blank article to published (editor, two reviewers, chief): {clicks.count}")

    # The chief puts it in 头条 without a new version; readers see it at once.
    chief.goto(f"{site}/admin/newsroom/article/{article.pk}/change/")
    chief.check("input[name=is_headline]")
    press(chief, clicks, "调整推荐位")
    assert Article.objects.get(pk=article.pk).is_headline
    anonymous.goto(site + "/")
    assert "中南社区邻里节百家宴" in anonymous.locator("section.headline").inner_text()

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
