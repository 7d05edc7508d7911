"""Reader comments as the rules allow them: off unless turned on (and never on without a real
verifier once DEBUG is off), verified commenters, review before anything shows, likes and
reports, measures, records, and bad input answered clearly."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from newsroom.comments import actions
from newsroom.comments.models import Blacklist, ClosedArticle, Comment, Commenter, CommentEvent, CommentSettings, Report
from newsroom.comments.regions import region
from newsroom.comments.verifiers import ConsoleVerifier
from newsroom.models import Article, Membership, Portal, SensitiveWord

pytestmark = pytest.mark.django_db
NUMBER = "13812345678"
BEIJING, INNER_MONGOLIA = "1.2.4.8", "110.16.0.1"


@pytest.fixture
def portal(demo):
    return Portal.objects.default()


@pytest.fixture
def enabled(portal, settings):
    """Comments on, with the console verifier: allowed only with DEBUG on (development)."""
    settings.DEBUG = True
    return CommentSettings.objects.create(portal=portal, enabled=True)


@pytest.fixture
def article(portal):
    return Article.objects.public(portal).order_by("-first_published_at").first()


def verified(number=NUMBER, name="老张", address=INNER_MONGOLIA):
    """A reader's browser that verified ``number`` with the console verifier."""
    reader = Client(REMOTE_ADDR=address)
    reader.post("/comments/verify/", {"step": "send", "number": number})
    code = re.search(r"\d{6}", ConsoleVerifier.outbox[-1][1]).group()
    response = reader.post("/comments/verify/", {"step": "confirm", "number": number, "code": code, "name": name})
    assert response.status_code == 302, response.content.decode()
    return reader


def moderator():
    return User.objects.get(username="moderator")


def block(article):
    return Client().get(f"/comments/a/{article.slug}/block/").content.decode()


def test_comments_are_off_by_default_and_nothing_of_them_shows(client, article):
    assert "data-comments" not in client.get(article.get_absolute_url()).content.decode()
    assert client.get(f"/comments/a/{article.slug}/block/").status_code == 404
    assert client.get(f"/comments/a/{article.slug}/").status_code == 404


def test_without_debug_the_console_verifier_keeps_comments_off(client, article, enabled, settings, roles):
    settings.DEBUG = False
    assert client.get(f"/comments/a/{article.slug}/block/").status_code == 404  # fail closed, even if switched on
    client.force_login(roles["siteadmin"])
    url = f"/admin/comments/commentsettings/{enabled.pk}/change/"
    page = client.post(
        url,
        {
            "portal": enabled.portal_id,
            "enabled": "on",
            "max_length": 500,
            "review_hours": 24,
            "retention_days": 183,
            "per_hour_new": 3,
            "per_hour_normal": 10,
            "per_hour_trusted": 30,
            "per_hour_restricted": 1,
            "per_hour_address": 30,
        },
    )
    assert "尚未配置真实的身份认证方式" in page.content.decode()


def test_a_verified_comment_waits_for_review_then_shows_with_its_region(article, enabled):
    reader = verified()
    commenter = Commenter.objects.get()
    assert (commenter.masked, commenter.display_name) == ("138****5678", "老张")
    assert NUMBER not in commenter.identity_hash and len(commenter.identity_hash) == 64
    reader.post(f"/comments/a/{article.slug}/post/", {"body": "社区服务真贴心"})
    comment = Comment.objects.get()
    assert comment.status == "pending" and comment.region == "内蒙古"
    assert "社区服务真贴心" not in block(article)
    actions.approve(comment, moderator())
    html = block(article)
    assert "社区服务真贴心" in html and "IP属地：内蒙古" in html and "（1条）" in html
    assert list(CommentEvent.objects.values_list("action", flat=True).order_by("id")) == ["post", "approve"]


def test_html_emoji_and_rare_characters_are_kept_as_text(article, enabled):
    reader = verified()
    text = '<script>alert("x")</script><b>好</b>👍𠀀𪚥'
    reader.post(f"/comments/a/{article.slug}/post/", {"body": text})
    comment = Comment.objects.get()
    assert comment.body == text
    actions.approve(comment, moderator())
    html = block(article)
    assert "<script>alert" not in html and "&lt;script&gt;" in html and "👍𠀀𪚥" in html


def test_a_too_long_comment_is_refused_and_what_was_typed_stays(article, enabled):
    reader = verified()
    typed = "长" * 10_000
    response = reader.post(f"/comments/a/{article.slug}/post/", {"body": typed})
    page = response.content.decode()
    assert response.status_code == 400 and "评论不能超过500字（现有10000字）" in page and typed in page
    assert Comment.objects.count() == 0


def test_words_links_and_floods(article, enabled, portal):
    SensitiveWord.objects.create(portal=portal, word="禁止词", severity=SensitiveWord.Severity.BLOCK)
    SensitiveWord.objects.create(portal=portal, word="留意词", severity=SensitiveWord.Severity.WARN)
    reader = verified()
    url = f"/comments/a/{article.slug}/post/"
    assert "不允许发布的内容：禁止词" in reader.post(url, {"body": "这里有禁止词"}).content.decode()
    assert "不能在评论中发布链接" in reader.post(url, {"body": "看 www.example.com"}).content.decode()
    assert reader.post(url, {"body": "这里有留意词"}).status_code == 302
    assert Comment.objects.get().flagged == "留意词"
    for n in range(2):
        reader.post(url, {"body": f"第{n}条"})
    flood = reader.post(url, {"body": "第四条"})
    assert flood.status_code == 429 and "每小时最多3条" in flood.content.decode()
    assert Comment.objects.count() == 3


def test_replies_are_one_level_and_never_to_removed_comments(article, enabled):
    reader = verified()
    url = f"/comments/a/{article.slug}/post/"
    reader.post(url, {"body": "第一条"})
    first = Comment.objects.get()
    assert "已删除或尚未通过审核" in reader.post(url, {"body": "回复", "parent": first.pk}).content.decode()
    actions.approve(first, moderator())
    reader.post(url, {"body": "回复一", "parent": first.pk})
    reply = Comment.objects.get(body="回复一")
    actions.approve(reply, moderator())
    other = verified("13900001111", "小李")
    other.post(url, {"body": "回复回复", "parent": reply.pk})
    assert Comment.objects.get(body="回复回复").parent == first  # a reply to a reply answers the comment
    actions.remove(first, moderator(), "违反评论规则")
    assert "已删除或尚未通过审核" in other.post(url, {"body": "再回复", "parent": first.pk}).content.decode()


def test_one_like_per_reader_and_none_on_unapproved(article, enabled):
    reader = verified()
    reader.post(f"/comments/a/{article.slug}/post/", {"body": "点赞测试"})
    comment = Comment.objects.get()
    json = {"HTTP_ACCEPT": "application/json"}
    assert reader.post(f"/comments/c/{comment.pk}/like/", **json).status_code == 400
    actions.approve(comment, moderator())
    assert reader.post(f"/comments/c/{comment.pk}/like/", **json).json() == {"likes": 1}
    assert reader.post(f"/comments/c/{comment.pk}/like/", **json).status_code == 400
    verified("13900001111", "小李").post(f"/comments/c/{comment.pk}/like/", **json)
    assert Comment.objects.get().like_count == 2 == comment.likes.count()
    assert Client().post(f"/comments/c/{comment.pk}/like/", **json).status_code == 403


def test_hot_comments_go_by_likes_then_time(article, enabled):
    reader = verified()
    for text in ("早", "中", "晚"):
        reader.post(f"/comments/a/{article.slug}/post/", {"body": f"{text}评论"})
    for comment in Comment.objects.all():
        actions.approve(comment, moderator())
    late = Comment.objects.get(body="晚评论")
    early = Comment.objects.get(body="早评论")
    Comment.objects.filter(pk=early.pk).update(like_count=3)
    Comment.objects.filter(pk=late.pk).update(like_count=1)
    html = block(article)
    newest = html[html.index("最新评论") : html.index("热门评论")]  # as 人民网: 最新评论, then 热门评论
    assert newest.index("晚评论") < newest.index("中评论") < newest.index("早评论")
    hot = html[html.index("热门评论") :]
    assert hot.index("早评论") < hot.index("晚评论") and "中评论" not in hot


def test_both_lists_show_before_any_like(article, enabled):
    """热门评论 is there from the first comment on, as on the source portal, not after a like."""
    html = block(article)
    assert "最新评论" in html and "热门评论" in html and "还没有获赞的评论。" in html


def test_a_report_reaches_the_queue_and_the_reporter_sees_the_outcome(article, enabled):
    reader = verified()
    reader.post(f"/comments/a/{article.slug}/post/", {"body": "有问题的评论"})
    comment = Comment.objects.get()
    actions.approve(comment, moderator())
    anyone = Client(REMOTE_ADDR=BEIJING)
    assert anyone.post(f"/comments/c/{comment.pk}/report/", {"reason": ""}).status_code == 400
    tracking = anyone.post(f"/comments/c/{comment.pk}/report/", {"reason": "abuse", "detail": "辱骂他人"}).url
    assert "处理中" in anyone.get(tracking).content.decode()
    report = Report.objects.get()
    with pytest.raises(actions.CommentError):
        actions.decide_report(report, moderator(), True, "")
    actions.decide_report(report, moderator(), True, "经核实含有人身攻击，已删除。")
    page = anyone.get(tracking).content.decode()
    assert "举报属实，评论已删除" in page and "经核实含有人身攻击" in page
    assert Comment.objects.get().status == "removed" and "有问题的评论" not in block(article)


def test_measures_mute_and_a_blacklist_that_survives_a_new_account(article, enabled):
    reader = verified()
    commenter = Commenter.objects.get()
    actions.mute(commenter, moderator(), 3, "多次发布无关内容")
    page = reader.post(f"/comments/a/{article.slug}/post/", {"body": "还能说话吗"}).content.decode()
    assert "您已被禁言至" in page
    actions.block(commenter, moderator(), "严重违规")
    assert Blacklist.objects.filter(identity_hash=commenter.identity_hash).exists()
    from datetime import timedelta

    from newsroom.comments.models import Verification

    cache.clear()  # a day later: the number may ask for a code again
    Verification.objects.update(created_at=timezone.now() - timedelta(days=1))
    again = Client()
    again.post("/comments/verify/", {"step": "send", "number": NUMBER})
    code = re.search(r"\d{6}", ConsoleVerifier.outbox[-1][1]).group()
    page = again.post("/comments/verify/", {"step": "confirm", "number": NUMBER, "code": code, "name": "新名字"})
    assert "该号码已被列入黑名单" in page.content.decode()
    assert [e.action for e in CommentEvent.objects.filter(commenter=commenter).order_by("id")][-2:] == ["mute", "block"]


def test_only_the_comment_desk_decides_and_nobody_edits(client, article, enabled, roles):
    reader = verified()
    reader.post(f"/comments/a/{article.slug}/post/", {"body": "待审"})
    comment = Comment.objects.get()
    for role in ("editor", "chief"):
        with pytest.raises(PermissionDenied):
            actions.approve(comment, roles[role])
    client.force_login(roles["editor"])
    assert client.get("/admin/comments/comment/").status_code == 403
    client.force_login(roles["moderator"])
    data = {"action": "reject_selected", "_selected_action": [comment.pk], "reason": ""}
    client.post("/admin/comments/comment/", data)
    assert Comment.objects.get().status == "pending"  # a rejection needs its reason
    client.post("/admin/comments/comment/", {**data, "reason": "与本文无关"})
    assert (Comment.objects.get().status, Comment.objects.get().reason) == ("rejected", "与本文无关")
    change = client.get(f"/admin/comments/comment/{comment.pk}/change/").content.decode()
    assert 'name="body"' not in change and "保存" not in change


def test_the_export_masks_identity_for_those_without_the_right(client, article, enabled, roles):
    verified().post(f"/comments/a/{article.slug}/post/", {"body": "导出测试"})
    comment = Comment.objects.get()
    data = {"action": "export_selected", "_selected_action": [comment.pk]}
    client.force_login(roles["moderator"])
    masked = client.post("/admin/comments/comment/", data).content.decode("utf-8-sig")
    assert "导出测试" in masked and "138****5678" not in masked and INNER_MONGOLIA not in masked
    legal = User.objects.create_user("legal", password="pw", is_staff=True)
    Membership.objects.give(legal, Portal.objects.default(), "法务复核")
    client.force_login(legal)
    full = client.post("/admin/comments/comment/", data).content.decode("utf-8-sig")
    assert "138****5678" in full and INNER_MONGOLIA in full and NUMBER not in full


def test_the_list_masks_identity_per_request(client, article, enabled, roles, rf):
    """The admin instance is shared by all requests: one user's right to see identities must not
    leak into another's list rendered at the same time."""
    from django.contrib import admin as django_admin

    verified().post(f"/comments/a/{article.slug}/post/", {"body": "列表测试"})
    comment = Comment.objects.select_related("commenter").get()
    legal = User.objects.create_user("legal2", password="pw", is_staff=True)
    Membership.objects.give(legal, Portal.objects.default(), "法务复核")
    desk = django_admin.site._registry[Comment]
    as_legal, as_moderator = rf.get("/"), rf.get("/")
    as_legal.user, as_moderator.user = legal, roles["moderator"]
    legal_columns = desk.get_list_display(as_legal)
    moderator_columns = desk.get_list_display(as_moderator)  # interleaved, as on a threaded server
    assert "138****5678" in legal_columns[3](comment)
    assert moderator_columns[3](comment) == "***"
    client.force_login(roles["moderator"])
    listing = client.get("/admin/comments/comment/").content.decode()
    assert "列表测试" in listing and "138****5678" not in listing and "认证信息与网络地址" in listing
    client.force_login(legal)
    assert "138****5678" in client.get("/admin/comments/comment/").content.decode()


def test_closed_columns_and_closed_articles(article, enabled, roles):
    ClosedArticle.objects.create(article=article, closed_by=roles["chief"])
    assert "本文已关闭评论" in block(article)
    reader = verified()
    assert "本文暂不开放评论" in reader.post(f"/comments/a/{article.slug}/post/", {"body": "关闭后"}).content.decode()
    enabled.closed_columns.add(article.column)
    assert Client().get(f"/comments/a/{article.slug}/block/").status_code == 404
    assert "data-comments" not in Client().get(article.get_absolute_url()).content.decode()


def test_the_article_page_stays_cached_while_comments_come_and_go(article, enabled):
    reader = verified()
    url = article.get_absolute_url()
    Client().get(url)
    assert Client().get(url)["X-Page-Cache"] == "HIT"
    reader.post(f"/comments/a/{article.slug}/post/", {"body": "缓存测试"})
    actions.approve(Comment.objects.get(), moderator())
    assert Client().get(url)["X-Page-Cache"] == "HIT"
    assert "缓存测试" in block(article)


def test_verification_refuses_bad_numbers_codes_and_floods(enabled):
    reader = Client()
    assert (
        "11位中国大陆手机号码" in reader.post("/comments/verify/", {"step": "send", "number": "12345"}).content.decode()
    )
    reader.post("/comments/verify/", {"step": "send", "number": NUMBER})
    wrong = reader.post("/comments/verify/", {"step": "confirm", "number": NUMBER, "code": "000000", "name": "甲"})
    assert wrong.status_code == 400 and "验证码不正确" in wrong.content.decode()
    again = reader.post("/comments/verify/", {"step": "send", "number": NUMBER})
    assert again.status_code == 429 and "1分钟后再试" in again.content.decode()


def test_old_records_are_purged_after_the_retention(article, enabled):
    verified().post(f"/comments/a/{article.slug}/post/", {"body": "旧评论"})
    Comment.objects.update(created_at=timezone.now() - timedelta(days=200))
    assert actions.purge() >= 1
    assert Comment.objects.count() == 0


def test_regions_come_from_the_bundled_table():
    assert [region(a) for a in (BEIJING, INNER_MONGOLIA, "8.8.8.8", "203.198.7.66", "127.0.0.1", "::1", "坏")] == [
        "北京",
        "内蒙古",
        "美国",
        "中国香港",
        "未知",
        "未知",
        "未知",
    ]


def test_what_a_reader_typed_before_verifying_is_still_there_after(article, enabled):
    from django.contrib.sessions.models import Session

    reader = Client(REMOTE_ADDR=INNER_MONGOLIA)
    response = reader.post(f"/comments/a/{article.slug}/post/", {"body": "先写好的评论"})
    assert response.status_code == 200 and "验证手机号" in response.content.decode()
    draft = re.search(r'name="draft" value="([^"]*)"', response.content.decode()).group(1)
    assert draft == "先写好的评论"
    assert not Session.objects.exists()  # nobody verified: no session row
    reader.post("/comments/verify/", {"step": "send", "number": NUMBER, "draft": draft})
    code = re.search(r"\d{6}", ConsoleVerifier.outbox[-1][1]).group()
    reader.post(
        "/comments/verify/", {"step": "confirm", "number": NUMBER, "code": code, "name": "老张", "draft": draft}
    )
    page = reader.get(f"/comments/a/{article.slug}/").content.decode()
    assert "先写好的评论</textarea>" in page


def test_a_nickname_meets_the_word_list_too(article, enabled, portal):
    SensitiveWord.objects.create(portal=portal, word="禁止词", severity=SensitiveWord.Severity.BLOCK)
    reader = Client(REMOTE_ADDR=INNER_MONGOLIA)
    reader.post("/comments/verify/", {"step": "send", "number": NUMBER})
    code = re.search(r"\d{6}", ConsoleVerifier.outbox[-1][1]).group()
    page = reader.post("/comments/verify/", {"step": "confirm", "number": NUMBER, "code": code, "name": "禁止词粉丝"})
    assert page.status_code == 400 and "昵称中有不允许使用的内容：禁止词" in page.content.decode()
    again = reader.post("/comments/verify/", {"step": "confirm", "number": NUMBER, "code": code, "name": "老读者"})
    assert again.status_code == 302  # the code was not spent on the refused nickname
    writer = verified(number="13900001111", name="普通读者")
    SensitiveWord.objects.create(portal=portal, word="普通读者", severity=SensitiveWord.Severity.BLOCK)
    refused = writer.post(f"/comments/a/{article.slug}/post/", {"body": "一条评论"})
    assert "您的昵称中有不允许发布的内容" in refused.content.decode()
    assert not Comment.objects.exists()
