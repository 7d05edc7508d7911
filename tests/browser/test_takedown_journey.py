"""A reader reports a photo, the demo moderator hides it, the reader sees the decision."""

import re

import pytest

from tests.browser.conftest import axe_violations, screenshot
from tests.takedowns.helpers import PDF

ARTICLE = "/article/hohhot-yuquan-grassroots-party-building/"


def test_a_reader_reports_a_photo_and_sees_the_decision(site, browser, page, tmp_path):
    evidence = tmp_path / "原图.pdf"
    evidence.write_bytes(PDF)

    page.goto(site + ARTICLE)
    page.get_by_role("link", name=re.compile("侵权投诉与更正")).click()  # the article's one entry
    page.get_by_label("通知人姓名或名称").fill("刘摄影")  # typed before picking a photo: kept
    page.locator(".pick-photo button").nth(1).click()  # the second photo, picked from its thumbnail
    assert page.get_by_label("通知人姓名或名称").input_value() == "刘摄影"
    assert page.locator("#id_targets-0-photo_number").input_value() == "2"
    page.get_by_label("通知人类型").select_option("person")
    page.get_by_label("通知人姓名或名称").fill("刘摄影")
    page.get_by_label("联系电话").fill("13800000000")
    page.get_by_label("电子邮箱").fill("liu@example.com")
    page.get_by_label("通讯地址").fill("呼和浩特市玉泉区某街1号")
    page.get_by_label("证件类型").select_option("id_card")
    page.get_by_label("证件号码").fill("150104199001011234")
    page.get_by_label("主张的权利").select_option("copyright")
    page.get_by_label("情况说明").fill("第二张图片为本人拍摄，未经许可使用。")
    page.get_by_label("侵权初步证据").set_input_files(str(evidence))
    page.get_by_label("声明通知内容真实").check()
    screenshot(page, "takedown-form-filled")
    page.get_by_role("button", name="提交通知").click()
    errors = page.locator(".error, .error-summary").all_inner_texts()
    assert "我们已收到您的通知" in page.locator("main").inner_text(), errors
    tracking = page.url.split("?")[0]
    reference = page.locator(".track dd").first.inner_text()

    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    desk.goto(site + "/admin/login/")
    desk.fill("#id_username", "moderator")
    desk.fill("#id_password", "linli-moderator-2026")
    desk.click("input[type=submit]")
    desk.goto(site + "/admin/takedowns/takedownrequest/")
    desk.get_by_role("link", name=reference).click()
    desk.get_by_role("button", name="开始审查").click()
    desk.get_by_role("button", name="受理", exact=True).click()
    desk.get_by_label("措施", exact=True).select_option("hide_photo")
    desk.get_by_role("button", name="采取措施").click()
    desk.wait_for_load_state()
    assert "操作已完成" in desk.locator(".messagelist").first.inner_text()
    screenshot(desk, "takedown-desk")
    desk.context.close()

    page.goto(tracking)
    assert "已采取措施" in page.locator("main").inner_text()
    assert "屏蔽图片" in page.locator(".decision").inner_text()
    screenshot(page, "takedown-tracking")
    page.goto(site + ARTICLE)
    assert page.locator(".photo-hidden").count() == 1
    assert page.locator("figure.photo").count() == 7


@pytest.mark.parametrize(
    "name, path",
    [
        ("takedown-form", "/takedown/new/?article=hohhot-yuquan-grassroots-party-building"),
        ("takedown-policy", "/takedown/policy/"),
        ("takedown-transparency", "/takedown/transparency/"),
    ],
)
def test_takedown_pages_pass_axe(site, page, name, path):
    page.goto(site + path)
    assert axe_violations(page) == [], name
    screenshot(page, f"{name}-1280")


def test_tracking_and_tombstone_pages_pass_axe(site, page):
    from django.contrib.auth.models import User

    from newsroom.takedowns import actions
    from newsroom.takedowns.models import TakedownRequest

    notice = TakedownRequest.objects.get()
    moderator = User.objects.get(username="moderator")
    actions.start_review(notice, moderator)
    actions.accept(notice, moderator)
    actions.apply_measure(notice, moderator, "withdraw_article", notice.targets.get())
    page.goto(site + notice.get_tracking_url())
    assert axe_violations(page) == []
    response = page.goto(site + ARTICLE)
    assert response.status == 451
    assert axe_violations(page) == []
    screenshot(page, "tombstone-1280")
