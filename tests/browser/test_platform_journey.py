"""站群 in Chromium with the demo accounts: the platform's site admin gives a new 五华区 staff
member a role there; 五华区's own site admin and editor see 五华区 and nothing of 玉泉区; the
platform's page of portals and the public directory of portals, at the widths people use."""

from tests.browser.conftest import login, screenshot


def test_the_platform_admin_puts_a_new_editor_in_one_district_and_the_district_sees_only_itself(site, browser):
    platform = login(browser, site, "platform", "linli-platform-2026")
    clicks = 0
    platform.goto(site + "/admin/auth/user/add/")
    platform.fill("#id_username", "wuhua-intern")
    platform.fill("#id_password1", "Dianchi-lake-0871")
    platform.fill("#id_password2", "Dianchi-lake-0871")
    # the roles go on the same page: which portal, and what the person does there
    platform.locator("#memberships-group tr.add-row a").click()
    clicks += 1
    row = platform.locator("tr.form-row.dynamic-memberships").last
    row.locator("select[name$='-portal']").select_option(label="五华区新闻网")
    row.get_by_label("编辑").check()
    clicks += 2
    screenshot(platform, "platform-grants-role-1280")
    platform.set_viewport_size({"width": 768, "height": 900})
    screenshot(platform, "platform-grants-role-768")
    platform.set_viewport_size({"width": 1280, "height": 900})
    platform.get_by_role("button", name="保存", exact=True).click()
    clicks += 1
    platform.wait_for_load_state()
    errors = platform.locator(".errornote, .errorlist").all_inner_texts()
    assert not errors, errors
    assert "wuhua-intern" in platform.locator(".messagelist").inner_text()
    platform.goto(site + "/admin/auth/user/?q=wuhua-intern")
    listed = platform.locator("#result_list").inner_text()
    assert "五华区新闻网：编辑" in listed
    print(f"grant a role in one district: {clicks} clicks")
    assert clicks <= 6

    platform.goto(site + "/admin/newsroom/portal/overview/")
    text = platform.locator("#content-main").inner_text()
    for name in ("玉泉区新闻网", "五华区新闻网", "望城区新闻网", "武侯区新闻网", "九龙坡区新闻网"):
        assert name in text
    assert "不齐全" in text  # the districts' record numbers are left empty in the demo
    screenshot(platform, "platform-overview-1280")
    platform.set_viewport_size({"width": 768, "height": 900})
    screenshot(platform, "platform-overview-768")
    platform.context.close()

    district = login(browser, site, "wuhua-site", "linli-wuhua-site-2026")
    district.goto(site + "/admin/auth/user/")
    staff = district.locator("#result_list").inner_text()
    assert "wuhua-intern" in staff and "wuhua-editor" in staff
    assert "siteadmin" not in staff and "jlp-editor" not in staff
    district.goto(site + "/admin/newsroom/portal/")
    portals = district.locator("#result_list").inner_text()
    assert "五华区新闻网" in portals and "玉泉区新闻网" not in portals
    district.context.close()

    editor = login(browser, site, "wuhua-editor", "linli-wuhua-editor-2026")
    editor.goto(site + "/admin/newsroom/article/")
    assert "玉泉区" not in editor.locator("#content-main").inner_text()
    editor.goto(site + "/admin/newsroom/article/add/")
    editor.locator(".field-column .select2-selection").click()  # the column chooser
    editor.wait_for_selector(".select2-results__option:not(.loading-results)")
    columns = editor.locator(".select2-results__option").all_inner_texts()
    assert any("基层党建" in c for c in columns) and not any("党建新闻" in c for c in columns), columns
    screenshot(editor, "district-editor-add-article-1280")
    editor.context.close()


def test_the_directory_of_portals_at_every_width(site, page):
    page.goto(site + "/sites/")
    names = page.locator(".site-tree").inner_text()
    for name in ("玉泉区新闻网", "五华区新闻网", "九龙坡区新闻网"):
        assert name in names
    for width in (1280, 768, 375, 360):
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(page, f"sites-directory-{width}")
