"""发布到其他渠道 against a WeChat API server of our own on loopback (tests/channels/wechat_server.py:
the real service cannot be reached from here): the generated WeChat version (golden file), the
documented limits, the retries, the push and publish, and the takedown path."""

import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from PIL import Image

from newsroom import workflow
from newsroom.channels import actions, api
from newsroom.channels import wechat as wechat_version
from newsroom.channels.models import Distribution, WeChatAccount
from newsroom.models import Article, Portal
from tests.channels import wechat_server
from tests.helpers import user_in
from tests.takedowns.test_desk import YUQUAN, accepted

pytestmark = pytest.mark.django_db
GOLDEN = Path(__file__).with_name("golden")
S = Distribution.Status


@pytest.fixture
def wechat(settings):
    server, state = wechat_server.start()
    settings.WECHAT_API_BASE = f"http://127.0.0.1:{server.server_port}"
    settings.WECHAT_API_ALLOW_PRIVATE = True
    cache.clear()
    api.BUSY_PAUSE = 0.01
    yield state
    server.shutdown()


@pytest.fixture
def account(wechat):
    made = WeChatAccount(portal=Portal.objects.default(), name="玉泉发布", app_id=wechat.app_id, can_publish=True)
    made.set_secret(wechat.secret)
    made.save()
    return made


@pytest.fixture
def story():
    return Article.objects.get(slug=YUQUAN)  # seed 004: eight photos, all credited 张聿修 摄


def local_urls(photo):
    return f"/media/{photo.image.name}"


def test_the_wechat_version_matches_its_golden_file_and_keeps_every_credit(demo, story):
    made = actions.version(story, local_urls)
    golden = GOLDEN / f"{story.slug}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(made.content + "\n", encoding="utf-8")
    assert made.content + "\n" == golden.read_text(encoding="utf-8")
    html = made.content
    assert "<style" not in html and " class=" not in html and " id=" not in html and "<script" not in html
    assert re.findall(r'<img src="([^"]+)"', html) == [local_urls(p) for p in made.photos]  # nothing external
    assert html.count("张聿修 摄") == 8 and "[责任编辑：" in html
    assert len(made.photos) == 8 and made.author and len(made.title) <= 32


def test_the_limits_are_checked_before_anything_is_sent(demo, story, account, wechat):
    editor = user_in("编辑", "wx-editor")
    long_title = "呼和浩特市玉泉区：让基层党建在服务群众中更加接地气、有温度，居民点赞"
    with pytest.raises(actions.ChannelError) as refused:
        actions.push(story, editor, title=long_title)
    assert "标题超过公众号上限" in str(refused.value) and "最多 32 字" in str(refused.value)
    assert wechat.calls == []  # nothing reached WeChat
    with pytest.raises(actions.ChannelError) as refused:
        actions.push(story, editor, digest="很" * 129)
    assert "摘要超过公众号上限" in str(refused.value)


def test_a_push_uploads_photos_and_cover_then_adds_the_draft(demo, story, account, wechat):
    editor = user_in("编辑", "wx-editor")
    record = actions.push(story, editor)
    assert record.status == S.DRAFTED and record.media_id in wechat.drafts
    draft = wechat.drafts[record.media_id]
    hosted = re.findall(r'<img src="([^"]+)"', draft["content"])
    assert len(hosted) == 8 and all(url in wechat.images for url in hosted)  # every picture re-hosted
    assert all(len(data) < 1_000_000 and data[:2] == b"\xff\xd8" for data in wechat.images.values())
    cover = Image.open(io.BytesIO(wechat.materials[draft["thumb_media_id"]]))
    assert cover.size == (900, 383)
    assert draft["title"] == story.title and len(draft["author"]) <= 16
    assert record.events.get().get_action_display() == "推送到草稿箱"


def test_transient_errors_are_retried_and_others_explained(demo, story, account, wechat):
    editor = user_in("编辑", "wx-editor")
    wechat.busy = 2  # 系统繁忙 twice: retried
    assert actions.push(story, editor).status == S.DRAFTED
    wechat.expire_next = True  # 42001: a new token, once
    assert actions.push(story, editor).status == S.DRAFTED
    cache.clear()
    wechat.refuse_ip = True
    with pytest.raises(actions.ChannelError) as refused:
        actions.push(story, editor)
    assert "IP 白名单" in str(refused.value)
    failed = Distribution.objects.filter(article=story, status=S.FAILED).get()
    assert "IP 白名单" in failed.error


def test_publish_and_poll_then_a_takedown_deletes_the_copies(
    demo, story, account, wechat, roles, django_capture_on_commit_callbacks
):
    editor = user_in("编辑", "wx-editor")
    record = actions.push(story, editor, publish=True)
    assert record.status == S.PUBLISHING
    assert actions.poll(record).status == S.PUBLISHING  # 发布中
    record = actions.poll(Distribution.objects.get(pk=record.pk))
    assert record.status == S.PUBLISHED and record.url.startswith("https://mp.weixin.qq.com/s/")
    package, payload = actions.package(story, editor)
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        names = set(archive.namelist())
        assert {"wechat.html", "plain.txt", "cover.jpg", "images/01.jpg"} <= names
        assert "张聿修 摄" in archive.read("plain.txt").decode() and "责任编辑" in archive.read("plain.txt").decode()
        assert Image.open(io.BytesIO(archive.read("cover.jpg"))).size == (900, 383)
    # the takedown desk withdraws the story: the 公众号 article is deleted through the API, the
    # package goes on the checklist with a deadline
    moderator = roles["moderator"]
    with django_capture_on_commit_callbacks(execute=True):
        notice = accepted(Client(), moderator)
        from newsroom.takedowns import actions as takedowns

        takedowns.apply_measure(notice, moderator, "withdraw_article", notice.targets.get())
    record.refresh_from_db()
    package.refresh_from_db()
    assert record.status == S.REMOVED and record.remote_article_id in wechat.deleted
    assert package.status == S.REMOVAL_PENDING and package.removal_due is not None
    client = Client()
    client.force_login(moderator)
    desk = client.get("/admin/").content.decode()
    assert "其他渠道待删除" in desk and story.title in desk
    actions.record_removed(package, moderator, "已在学习强国后台删除")
    package.refresh_from_db()
    assert package.status == S.REMOVED


def test_an_unverified_account_is_told_to_publish_by_hand(demo, story, account, wechat):
    account.can_publish = False
    account.save()
    editor = user_in("编辑", "wx-editor")
    with pytest.raises(actions.ChannelError) as refused:
        actions.push(story, editor, publish=True)
    assert "未认证的公众号" in str(refused.value)
    account.can_publish, wechat.unverified = True, True
    account.save()
    with pytest.raises(actions.ChannelError):
        actions.push(story, editor, publish=True)
    assert Distribution.objects.filter(article=story, status=S.FAILED).exists()


def test_only_the_site_admin_sets_the_secret_and_nobody_sees_it_again(demo, client, wechat):
    site = User.objects.get(username="siteadmin")
    client.force_login(user_in("编辑", "wx-editor"))
    assert client.get("/admin/channels/wechataccount/add/").status_code == 403
    client.force_login(site)
    response = client.post(
        "/admin/channels/wechataccount/add/",
        {
            "portal": Portal.objects.default().pk,
            "name": "玉泉发布",
            "app_id": "wx0123456789abcdef",
            "secret": "top-secret-value",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    account = WeChatAccount.objects.get()
    assert "top-secret-value" not in account.secret_encrypted and account.secret == "top-secret-value"
    page = client.get(f"/admin/channels/wechataccount/{account.pk}/change/").content.decode()
    assert "top-secret-value" not in page and account.secret_encrypted not in page


def test_the_channel_page_shows_the_checks_and_offers_what_the_account_allows(demo, client, story):
    editor = user_in("编辑", "wx-editor")
    client.force_login(editor)
    page = client.get(f"/admin/channels/distribution/article/{story.pk}/").content.decode()
    assert "公众号版本预览" in page and "符合公众号的要求" in page and "下载素材包" in page
    assert "推送到公众号草稿箱" not in page and "还没有设置公众号" in page
    preview = client.get(f"/admin/channels/distribution/article/{story.pk}/wechat/")
    assert preview.status_code == 200 and "张聿修 摄" in preview.content.decode()
    other = Article.objects.public(Portal.objects.get(slug="wuhua")).first()
    assert client.get(f"/admin/channels/distribution/article/{other.pk}/").status_code == 404  # another portal's
    draft = workflow.new_version(story, editor)
    refused = client.get(f"/admin/channels/distribution/article/{draft.pk}/").content.decode()
    assert "只有已发布的文章可以发布到其他渠道。" in refused


def test_a_withdrawn_story_takes_its_draft_out_of_the_box(
    demo, story, account, wechat, roles, django_capture_on_commit_callbacks
):
    record = actions.push(story, user_in("编辑", "wx-editor"))
    assert record.media_id in wechat.drafts
    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw(story, roles["chief"], "事实有误")
    record.refresh_from_db()
    assert record.status == S.REMOVED and record.media_id in wechat.deleted
    assert [e.get_action_display() for e in record.events.all()] == ["推送到草稿箱", "接口删除"]


def test_the_converted_text_is_checked_for_sensitive_words_and_reprints_name_their_source(demo, story):
    from newsroom.models import SensitiveWord

    SensitiveWord.objects.create(portal=story.portal, word="吕子木", suggestion="（核实姓名）")
    made = actions.version(story, local_urls)
    assert any("公众号版本含错敏词“吕子木”" in p for p in wechat_version.problems(made, story.portal))
    reprint = Article.objects.get(slug="changsha-zhongnan-six-neighbours")  # 望城区's, from 红星网
    text = actions.version(reprint, local_urls).content
    assert "来源：红星网" in text and f"原文链接：{reprint.original_url}" in text
