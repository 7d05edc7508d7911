"""Every admin changelist, add and change page answers, in Chinese, for the people who use it."""

import pytest
from django.contrib import admin

from newsroom.models import Portal, Series

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home_geography")]

# What the 编辑 group may not add: the portal's identity, its column tree and 错敏词 list, its
# 通讯员 and its 稿费标准.
SITE_ADMIN_ONLY = {"portal", "column", "tipchannel", "sensitiveword", "correspondent", "rate", "wechataccount"}
# Written only by the workflow, content review, the public forms or the ledger, never by hand.
NOBODY_ADDS = {
    "auditentry",
    "takedownrequest",
    "contentchange",
    "submissionevent",
    "manuscript",
    "manuscriptevent",
    "grade",
    "ledgermonth",
    "ledgerevent",
    "distribution",
    "distributionevent",
}
# The takedown desk belongs to 版权审核: identity numbers and evidence stay out of editors' sight;
# grades, rates and the ledger's trail are the chief's and the site admin's.
NOT_FOR_EDITORS = {"takedownrequest", "grade", "rate", "ledgerevent", "wechataccount"}


# Each person's own notifications: tested in test_notifications.py (nobody adds one; opening
# one goes to its article).
PERSONAL = {"notification"}


def registered():
    return [
        (model._meta.app_label, model._meta.model_name)
        for model in admin.site._registry
        if model._meta.app_label in ("newsroom", "communities", "exchange", "ledger", "channels")
        and model._meta.model_name not in PERSONAL
    ]


def first_pk(app, model):
    """The first row of the model the default portal's staff reach (its own, shared or the
    platform's): the demo's other portals are other districts'."""
    from django.apps import apps

    from newsroom.portals import PLATFORM, portal_of

    default = Portal.objects.default().pk
    Model = apps.get_model(app, model)
    if Model is Series and not Series.objects.filter(portal=default).exists():  # the demo's are 九龙坡区's
        Series.objects.create(portal_id=default, title="家门口的故事", slug="home-series", is_live=True)
    if app in ("exchange", "ledger", "channels") or model == "articleplacement":
        _exchange_rows(Portal.objects.default())
    return next((obj.pk for obj in Model.objects.order_by("pk") if portal_of(obj) in (default, None, PLATFORM)), None)


def _exchange_rows(default):
    """The demo's story crosses 五华区 and 昆明市: the same kinds of rows in the default portal
    (a 报送 from 望城区, taken as a mirror; a 通讯员 and a 投稿; a grade, a rate, a finalised month)."""
    from datetime import date

    from newsroom.exchange import actions
    from newsroom.exchange.models import Submission
    from newsroom.ledger import actions as ledger
    from newsroom.ledger.models import Rate
    from newsroom.models import Article, ArticlePlacement, Column
    from tests.helpers import user_in

    if Submission.objects.filter(to_portal=default).exists():
        return
    wangcheng = Portal.objects.get(slug="wangcheng")
    wangcheng.parent = default
    wangcheng.save()
    sender, chief = user_in("编辑", "rows-wc-editor", portal=wangcheng), user_in("终审签发", "rows-yq-chief")
    submission = actions.submit(Article.objects.public(wangcheng).first(), default, sender, "供选用")
    actions.adopt(
        submission, chief, ArticlePlacement.Kind.MIRROR, Column.objects.get(portal=default, slug="party-news")
    )
    from django.contrib.auth.models import User

    from newsroom.exchange.models import Correspondent

    login = User.objects.create_user("rows-correspondent", password="pw")
    correspondent = Correspondent.objects.create(user=login, portal=default, name="王芳", unit="玉泉区某社区")
    actions.send(correspondent, "社区书屋开放", "书屋周末开放。")
    Rate.objects.create(portal=default, kind=Rate.Kind.PHOTO, amount="30")
    ledger.grade(Article.objects.public(default).first(), chief, "B")
    ledger.finalise(default, date(2020, 1, 1), chief)
    from newsroom.channels import actions as channels
    from newsroom.channels.models import WeChatAccount

    account = WeChatAccount(portal=default, name="玉泉发布", app_id="wx0123456789abcdef")
    account.set_secret("not-a-real-secret")
    account.save()
    channels.package(Article.objects.get(slug="hohhot-yuquan-grassroots-party-building"), chief)


@pytest.mark.parametrize("app, model", registered())
def test_an_editor_opens_every_changelist_and_change_page(editor_client, demo, app, model):
    response = editor_client.get(f"/admin/{app}/{model}/")
    if model in NOT_FOR_EDITORS:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert "邻里 · 新闻编辑部" in response.content.decode()
    pk = first_pk(app, model)
    assert pk is not None, f"the demo has no {model}"
    assert editor_client.get(f"/admin/{app}/{model}/{pk}/change/").status_code == 200


@pytest.mark.parametrize("app, model", registered())
def test_an_editor_opens_every_add_page_they_may_use(editor_client, demo, app, model):
    expected = 403 if model in SITE_ADMIN_ONLY | NOBODY_ADDS | NOT_FOR_EDITORS else 200
    assert editor_client.get(f"/admin/{app}/{model}/add/").status_code == expected


@pytest.mark.parametrize("app, model", registered())
def test_a_site_admin_opens_every_page(superuser_client, demo, app, model):
    assert superuser_client.get(f"/admin/{app}/{model}/").status_code == 200
    assert superuser_client.get(f"/admin/{app}/{model}/add/").status_code == (403 if model in NOBODY_ADDS else 200)
    assert superuser_client.get(f"/admin/{app}/{model}/{first_pk(app, model)}/change/").status_code == 200


def test_the_article_list_shows_cover_thumbnails_and_flags(editor_client, demo):
    page = editor_client.get("/admin/newsroom/article/").content.decode()
    assert 'class="linli-thumb"' in page
    assert "呼和浩特市玉泉区：让基层党建在服务群众中更加接地气、有温度" in page
    assert "头条 幻灯 图片" in page


def test_the_article_page_shows_photos_with_their_credits(editor_client, demo):
    from newsroom.models import Article

    article = Article.objects.get(slug="hohhot-yuquan-grassroots-party-building")
    page = editor_client.get(f"/admin/newsroom/article/{article.pk}/change/").content.decode()
    assert page.count("张聿修 摄") == 8


def test_the_community_page_has_honours_and_facilities_inline(editor_client, demo):
    from communities.models import Community

    place = Community.objects.get(slug="xinwenli")
    page = editor_client.get(f"/admin/communities/community/{place.pk}/change/").content.decode()
    assert "全国暖侨敬老示范社区" in page
    assert "李艳芳家庭" in page
    assert "南侨机工历史文化纪念馆" in page


def test_the_article_search_finds_by_title(editor_client, demo):
    page = editor_client.get("/admin/newsroom/article/", {"q": "泉民共益坊"}).content.decode()
    assert "1 条结果" in page or "1 个结果" in page


def test_the_article_list_puts_unpublished_work_first_on_every_database(client, demo, roles):
    """SQLite sorts NULL last and PostgreSQL first; the list says which: drafts first."""
    from newsroom.models import Article
    from tests.helpers import new_draft

    draft = new_draft(roles["editor"], title="还没发布的稿件")
    client.force_login(roles["chief"])
    html = client.get("/admin/newsroom/article/").content.decode()
    live = Article.objects.filter(is_live=True, portal__is_default=True).first()
    assert html.index("还没发布的稿件") < html.index(live.title)
    assert draft.first_published_at is None


def test_an_editor_finds_their_own_and_returned_articles(client, demo, roles):
    from newsroom import workflow
    from tests.helpers import new_draft

    mine = new_draft(roles["editor"], title="我写的稿件")
    returned = new_draft(roles["editor"], title="被退回的稿件")
    workflow.submit(returned, roles["editor"])
    workflow.reject(returned, roles["first"], "导语太长")
    client.force_login(roles["editor"])
    header = client.get("/admin/").content.decode()
    assert "我的稿件" in header and "待我审核" not in header  # an editor reviews nothing
    authored = client.get("/admin/newsroom/article/", {"queue": "authored"}).content.decode()
    assert mine.title in authored and returned.title in authored and "呼和浩特市玉泉区" not in authored
    back = client.get("/admin/newsroom/article/", {"queue": "returned"}).content.decode()
    assert returned.title in back and mine.title not in back


def test_no_english_in_the_audit_log_or_an_error_title(client, demo, roles):
    """操作记录 names actions and states in words; a form with errors says 错误 in the tab."""
    from newsroom import workflow
    from tests.helpers import new_draft

    workflow.submit(new_draft(roles["editor"]), roles["editor"])
    client.force_login(roles["chief"])
    log = client.get("/admin/newsroom/auditentry/").content.decode()
    assert "Action label" not in log and "From status" not in log
    assert "提交审核" in log and "审核中" in log and ">in_review<" not in log and ">submit<" not in log
    client.force_login(roles["editor"])
    page = client.post("/admin/newsroom/article/add/", {"title": ""}).content.decode()
    assert "<title>错误：" in page and "Error:" not in page


def test_error_pages_speak_chinese(client, demo):
    page = client.get("/no-such-page/")
    assert page.status_code == 404 and "您访问的页面不存在" in page.content.decode()
    assert "玉泉区新闻网" in page.content.decode()  # with the portal's own header


def test_bulk_actions_go_through_the_workflow(client, demo, roles):
    """Several drafts submitted at once; 下线 asks for a reason; each refusal is named."""
    from newsroom.models import Article, AuditEntry
    from tests.helpers import new_draft

    drafts = [new_draft(roles["editor"], title=f"批量送审{i}") for i in range(2)]
    broken = new_draft(roles["editor"], title="缺责任编辑的稿件")
    broken.credits.all().delete()
    client.force_login(roles["editor"])
    ids = [str(a.pk) for a in [*drafts, broken]]
    page = client.post(
        "/admin/newsroom/article/", {"action": "submit_selected", "_selected_action": ids}, follow=True
    ).content.decode()
    assert all(Article.objects.get(pk=a.pk).status == "in_review" for a in drafts)
    assert "已处理 2 篇" in page and "未处理 《缺责任编辑的稿件》" in page
    assert Article.objects.get(pk=broken.pk).status == "draft"

    live = Article.objects.get(slug="hohhot-yuquan-grassroots-party-building")
    # 下线 is 终审签发's: the editor is not offered it, and cannot run it by posting its name.
    assert "unpublish_selected" not in page and 'value="submit_selected"' in page
    refused = client.post(
        "/admin/newsroom/article/",
        {"action": "unpublish_selected", "_selected_action": [live.pk], "confirm": "1", "reason": "试试"},
        follow=True,
    )
    assert Article.objects.get(pk=live.pk).is_live and "下线理由" not in refused.content.decode()
    from django.core.exceptions import PermissionDenied

    from newsroom import workflow

    with pytest.raises(PermissionDenied, match="您没有“终审签发”权限"):  # named as the roles page names it
        workflow.unpublish(live, roles["editor"], "试试")
    client.force_login(roles["chief"])
    assert 'value="unpublish_selected"' in client.get("/admin/newsroom/article/").content.decode()
    ask = client.post("/admin/newsroom/article/", {"action": "unpublish_selected", "_selected_action": [live.pk]})
    assert "下线理由" in ask.content.decode() and Article.objects.get(pk=live.pk).is_live
    client.post(
        "/admin/newsroom/article/",
        {"action": "unpublish_selected", "_selected_action": [live.pk], "confirm": "1", "reason": "内容已过时"},
    )
    assert not Article.objects.get(pk=live.pk).is_live
    assert AuditEntry.objects.filter(article=live, action="unpublish", opinion__contains="内容已过时").exists()
