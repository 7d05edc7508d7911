"""先审后发 beyond articles, in Chromium with the demo accounts: the editor changes a community,
readers keep the approved text, the editor cannot approve it, the chief reads the diff and
approves, and readers see the new text."""

from tests.browser.conftest import login, screenshot

COMMUNITY = "/communities/guanyinmiao/"  # in 玉泉区's 辖区, where the demo editor works
NEW_TEXT = "党建引领惠邻、以文化人聚邻、志愿服务助邻、文体活动悦邻、邻里互助睦邻、平安建设安邻。"


def test_a_community_change_goes_live_only_after_someone_else_approves(site, browser, page):
    editor = login(browser, site, "editor", "linli-editor-2026")
    editor.goto(site + "/admin/communities/community/")
    editor.get_by_role("link", name="观音庙社区").click()
    editor.get_by_label("工作法品牌").fill("融合党建")
    editor.get_by_label("工作法简介").fill(NEW_TEXT)
    editor.get_by_role("button", name="保存", exact=True).click()
    editor.wait_for_load_state()
    assert "修改已提交审核" in editor.locator(".messagelist").inner_text()

    page.goto(site + COMMUNITY)
    assert NEW_TEXT not in page.locator("main").inner_text()  # readers keep the approved version

    editor.goto(site + "/admin/newsroom/contentchange/")
    editor.get_by_role("link", name="观音庙社区").click()
    assert editor.get_by_role("button", name="审核通过").count() == 0  # authors never approve
    assert "须由有终审权限的人员审核" in editor.locator(".linli-workflow").inner_text()
    editor.context.close()

    chief = login(browser, site, "chief", "linli-chief-2026")
    chief.goto(site + "/admin/newsroom/contentchange/?status__exact=pending")
    chief.get_by_role("link", name="观音庙社区").click()
    chief.wait_for_selector(".linli-diff")
    proposed = chief.locator(".linli-diff > div:nth-child(2)").all_inner_texts()
    assert any(NEW_TEXT in text for text in proposed), proposed  # the new version, its additions marked
    assert chief.locator(".linli-diff ins").count() >= 1
    screenshot(chief, "content-review-desk")
    chief.get_by_label("审核意见（退回时必填）").fill("同意")
    chief.get_by_role("button", name="审核通过").click()
    chief.wait_for_load_state()
    assert "已审核通过" in chief.locator(".messagelist").inner_text()
    chief.context.close()

    page.goto(site + COMMUNITY)
    assert NEW_TEXT in page.locator("main").inner_text()
