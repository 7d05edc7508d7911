"""The site admin and the chief read the website inspection on the demo, fix the leaders list,
run a check and follow a finding to where it is fixed; an editor cannot reach any of it."""

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, login, screenshot

DASHBOARD = "/admin/inspection/inspectionrun/"


def test_the_inspection_says_the_demo_would_fail_and_leads_to_the_fix(site, browser, page):
    admin = page  # bypasses CSP so that axe-core can be injected
    admin.goto(site + "/admin/login/")
    admin.fill("#id_username", "siteadmin")
    admin.fill("#id_password", "linli-site-2026")
    admin.click("input[type=submit]")
    admin.get_by_role("link", name="网站检查").first.click()
    verdict = admin.locator(".linli-inspection-verdict").inner_text()
    assert "将被单项否决" in verdict and "首页更新" in verdict and "天前" in verdict
    assert axe_violations(admin) == []
    screenshot(admin, "inspection-dashboard")

    admin.get_by_role("link", name="检查设置与领导名单").click()
    admin.get_by_role("link", name="玉泉区新闻网").click()
    last = 2  # the demo's list has two leaders; the blank row after them
    assert admin.locator("#id_leader_set-1-name").input_value() == "池建业"
    admin.locator(f"#id_leader_set-{last}-name").fill("杨俊爱")
    admin.locator(f"#id_leader_set-{last}-title").fill("社区主任")
    admin.get_by_role("button", name="保存", exact=True).click()
    # The answer is a new page: wait for it rather than read the group while it is on its way.
    expect(admin.locator("#leader_set-group")).to_contain_text("姓名“杨俊爱”填写了两次，请合并为一行。")
    assert admin.locator(f"#id_leader_set-{last}-title").input_value() == "社区主任"  # nothing typed is lost
    admin.locator(f"#id_leader_set-{last}-name").fill("池建业")
    admin.locator(f"#id_leader_set-{last}-title").fill("")
    admin.locator(f"#id_leader_set-{last}-name").fill("王某")
    admin.get_by_role("button", name="保存", exact=True).click()
    expect(admin.locator("#leader_set-group")).to_contain_text("请填写“王某”的现任职务。")
    admin.locator(f"#id_leader_set-{last}-title").fill("街道党工委书记")
    admin.get_by_role("button", name="保存", exact=True).click()
    expect(admin.locator(".messagelist")).to_contain_text("成功")

    chief = login(browser, site, "chief", "linli-chief-2026")
    chief.goto(site + DASHBOARD)
    chief.get_by_role("button", name="立即检查").click()
    assert "检查完成：单项否决" in chief.locator(".messagelist").inner_text()
    assert "最近一次检查" in chief.locator("#content-main").inner_text()
    chief.locator("tr.linli-veto").first.is_visible()
    chief.locator("#veto + table").get_by_role("link", name="去处理").first.click()
    assert chief.url.endswith("/admin/newsroom/article/add/")

    editor = login(browser, site, "editor", "linli-editor-2026")
    assert editor.get_by_role("link", name="网站检查").count() == 0
    response = editor.goto(site + DASHBOARD)
    assert response.status == 403
