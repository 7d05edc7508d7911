"""A reader verifies a number with the console verifier and comments; the moderator approves it
from the desk; it shows under 最新评论 with its IP 属地. A reported comment reaches the queue and
the reporter sees the outcome. With comments off, nothing of it shows."""

import re

from newsroom.comments.models import CommentSettings
from newsroom.comments.verifiers import ConsoleVerifier
from newsroom.models import Article, Portal
from tests.browser.conftest import ARTIFACTS, axe_violations, login, screenshot


def reader_page(browser):
    # Behind nginx the reader's address arrives as X-Real-IP (newsroom/core/proxy.py): an address in
    # Inner Mongolia, so the 属地 is 内蒙古.
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, locale="zh-CN", extra_http_headers={"X-Real-IP": "110.16.0.1"}
    )
    return context.new_page()


def test_a_reader_comments_the_moderator_approves_and_a_report_is_answered(site, browser, page, settings):
    settings.DEBUG = True  # the console verifier is for development: refused with DEBUG off
    settings.BEHIND_PROXY = True
    article = Article.objects.public(Portal.objects.default()).order_by("-first_published_at").first()
    url = site + article.get_absolute_url()

    page.goto(url)
    assert page.locator("#comments").count() == 0  # off by default: nothing shows
    CommentSettings.objects.create(portal=Portal.objects.default(), enabled=True)

    reader = reader_page(browser)
    reader.goto(url)
    reader.locator("#comments").get_by_role("link", name="发表评论").click()
    reader.get_by_role("link", name="验证手机号").click()
    reader.get_by_label("手机号码").fill("138 1234 5678")
    reader.get_by_role("button", name="获取验证码").click()
    assert "验证码已发送" in reader.locator("main").inner_text()
    code = re.search(r"\d{6}", ConsoleVerifier.outbox[-1][1]).group()
    reader.get_by_label("验证码").fill(code)
    reader.get_by_label("昵称").fill("青城老张")
    reader.get_by_role("button", name="验证并继续").click()
    reader.get_by_label(re.compile("发表评论")).fill("社区食堂开到家门口，老人吃饭不用愁了！👍")
    reader.get_by_role("button", name="提交").click()
    assert "审核通过后显示" in reader.locator(".messages").inner_text()
    screenshot(reader, "comments-submitted-375")

    moderator = login(browser, site, "moderator", "linli-moderator-2026")
    moderator.get_by_role("link", name=re.compile("条评论待审核")).click()
    moderator.locator("input[name=_selected_action]").first.check()
    moderator.locator("select[name=action]").select_option("approve_selected")
    moderator.get_by_role("button", name="执行").click()
    assert "已处理 1 条" in moderator.locator(".messagelist").inner_text()

    reader.goto(url)
    newest = reader.locator("#comments .comment-list").first  # 最新评论 comes first, as on 人民网
    newest.locator(".comment").first.wait_for()
    text = newest.inner_text()
    assert "最新评论" in text and "青城老张" in text and "IP属地：内蒙古" in text and "老人吃饭不用愁了" in text
    assert axe_violations_ok(page, url)
    screenshot(reader, "comments-shown-375")
    reader.locator("#comments").screenshot(path=str(ARTIFACTS / "comments-block-375.png"))

    other = browser.new_context(locale="zh-CN").new_page()
    other.goto(site + f"/comments/a/{article.slug}/")
    other.get_by_role("link", name="举报").first.click()
    other.get_by_label("人身攻击、辱骂").check()
    other.get_by_role("button", name="提交举报").click()
    assert "我们已收到您的举报" in other.locator("main").inner_text()
    tracking = other.url.split("?")[0]

    moderator.goto(site + "/admin/comments/report/?status__exact=open")
    moderator.locator("input[name=_selected_action]").first.check()
    moderator.locator("select[name=action]").select_option("dismiss_selected")
    moderator.locator("input[name=reason]").fill("经核查，评论内容正常。")
    moderator.get_by_role("button", name="执行").click()
    other.goto(tracking)
    result = other.locator("main").inner_text()
    assert "经核查未发现问题" in result and "经核查，评论内容正常。" in result


def axe_violations_ok(page, url):
    page.goto(url)
    page.locator("#comments .comment").first.wait_for()
    return axe_violations(page) == []
