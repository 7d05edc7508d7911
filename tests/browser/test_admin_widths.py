"""The admin at a laptop's and a tablet's width: below 1440 px the side menu starts closed (the «
button opens it and the choice is kept); below 1025 px a list's filters go below it, so the
list has the page's width; the save row stays in reach; the object tools never cover a box."""

from tests.browser.conftest import screenshot


def editor_at(browser, site, width):
    page = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN").new_page()
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "linli-editor-2026")
    page.click("input[type=submit]")
    return page


def test_at_768_the_list_has_the_width_and_the_menu_waits_to_be_opened(browser, site):
    page = editor_at(browser, site, 768)
    page.goto(site + "/admin/newsroom/article/")
    assert not page.locator("#main").evaluate("main => main.classList.contains('shifted')")  # menu closed
    results = page.locator("#changelist .changelist-form-container").bounding_box()
    filters = page.locator("#changelist-filter").bounding_box()
    assert results["width"] > 650 and filters["y"] > results["y"]  # filters below, not beside
    assert page.evaluate("document.documentElement.scrollWidth") <= 768
    screenshot(page, "admin-articles-768")
    page.click("#toggle-nav-sidebar")  # the editor opens it: it stays open on the next page
    page.goto(site + "/admin/newsroom/article/")
    assert page.locator("#main").evaluate("main => main.classList.contains('shifted')")
    page.context.close()


def test_at_1280_the_lists_fit_beside_their_filters(browser, site):
    """Below 1440 px the side menu starts closed too: the article list and 操作记录 then show every
    column without scrolling sideways, their filters beside them."""
    page = editor_at(browser, site, 1280)
    for path in ("/admin/newsroom/article/", "/admin/newsroom/auditentry/"):
        page.goto(site + path)
        assert not page.locator("#main").evaluate("main => main.classList.contains('shifted')")
        results = page.locator("#changelist .results")
        assert results.evaluate("r => r.scrollWidth <= r.clientWidth"), path
        assert page.locator("#changelist-filter").bounding_box()["x"] > results.bounding_box()["x"]
    screenshot(page, "admin-audit-1280")
    page.goto(site + "/admin/newsroom/notification/")
    tools = page.locator(".object-tools li")
    heights = {round(tools.nth(i).locator("a, button").bounding_box()["height"]) for i in range(tools.count())}
    assert len(heights) == 1, heights  # 全部标为已读 (a button) looks like its neighbour links
    page.context.close()


def test_on_a_wide_screen_the_menu_is_open(browser, site):
    page = editor_at(browser, site, 1600)
    page.goto(site + "/admin/newsroom/article/")
    assert page.locator("#main").evaluate("main => main.classList.contains('shifted')")
    page.context.close()


def test_the_save_buttons_are_in_reach_on_a_long_article_page(browser, site):
    """An article with eight photos is several screens tall; wherever the editor is in its form,
    the save row is at the bottom of the window, at both widths."""
    from django.contrib.auth.models import User

    from newsroom import workflow
    from newsroom.models import Article

    draft = workflow.new_version(
        Article.objects.get(slug="hohhot-yuquan-grassroots-party-building"), User.objects.get(username="editor")
    )
    for width in (1280, 768):
        page = editor_at(browser, site, width)
        page.goto(site + f"/admin/newsroom/article/{draft.pk}/change/")
        assert page.evaluate("document.documentElement.scrollHeight") > 3 * 900
        # The editor works in the form (the row sticks within it, below the 稿件流程 box).
        page.locator("#id_title").scroll_into_view_if_needed()
        save = page.get_by_role("button", name="保存并继续编辑").bounding_box()
        assert 0 <= save["y"] and save["y"] + save["height"] <= 900, (width, save)
        page.locator("#id_body, .field-body").first.scroll_into_view_if_needed()  # further down
        save = page.get_by_role("button", name="保存并继续编辑").bounding_box()
        assert 0 <= save["y"] and save["y"] + save["height"] <= 900, (width, save)
        page.context.close()


def test_the_object_tools_never_cover_the_review_box(browser, site):
    """修订版本 / 预览 / 历史 / 在站点上查看 sit on a row of their own under the 稿件流程 or 内容审核
    box, not on it (Django pulls them up beside the title)."""
    from communities.models import Community
    from newsroom.models import Article

    pages = [
        f"/admin/communities/community/{Community.objects.get(slug='guanyinmiao').pk}/change/",
        f"/admin/newsroom/article/{Article.objects.get(slug='hohhot-yuquan-grassroots-party-building').pk}/change/",
    ]
    for width in (1280, 768):
        page = editor_at(browser, site, width)
        for path in pages:
            page.goto(site + path)
            box = page.locator(".linli-workflow").bounding_box()
            tools = page.locator("#content-main > .object-tools").bounding_box()
            assert tools["y"] >= box["y"] + box["height"], (width, path, box, tools)
        page.context.close()
