"""The admin at a tablet's width: the side menu starts closed (the « button opens it and the
choice is kept) and a list's filters go below it, so the list has the page's width."""

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


def test_at_1280_the_menu_is_open_and_the_filters_beside_the_list(browser, site):
    page = editor_at(browser, site, 1280)
    page.goto(site + "/admin/newsroom/notification/")
    assert page.locator("#main").evaluate("main => main.classList.contains('shifted')")
    tools = page.locator(".object-tools li")
    heights = {round(tools.nth(i).locator("a, button").bounding_box()["height"]) for i in range(tools.count())}
    assert len(heights) == 1, heights  # 全部标为已读 (a button) looks like its neighbour links
    screenshot(page, "admin-notifications-1280")
    page.context.close()
