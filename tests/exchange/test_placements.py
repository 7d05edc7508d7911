"""站群发布 as readers and desks meet it: a mirror follows its origin at once, a link goes to the
origin, a revoked placement shows nowhere, and each desk reaches only its own portal's rows."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom import placements, workflow
from newsroom.exchange.demo import TITLE
from newsroom.exchange.models import Correspondent, Submission
from newsroom.models import Article, ArticlePlacement, Column, Portal
from tests.helpers import user_in

pytestmark = pytest.mark.django_db
CITY, WUHUA = "kunming.localhost", "wuhua.localhost"


@pytest.fixture
def city():
    return Portal.objects.get(slug="kunming")


@pytest.fixture
def story():
    return Article.objects.get(title=TITLE)


def page(client, url, host):
    response = client.get(url, HTTP_HOST=host)
    return response.status_code, response.content.decode()


def test_the_city_shows_the_adopted_story_in_its_column_home_and_navigation(client, city, story):
    placement = story.placements.get()
    status, home = page(client, "/", CITY)
    assert status == 200 and f'href="/shared/{placement.pk}/"' in home and TITLE in home
    assert 'href="/column/kunming-districts/"' in home  # 区县动态 is offered: it is not empty
    status, mirror = page(client, f"/shared/{placement.pk}/", CITY)
    assert status == 200 and "来源：" in mirror and "五华区新闻网" in mirror and "周丽 摄" in mirror
    assert '栏目：<a href="/column/kunming-districts/">区县动态</a>' in mirror and "上一篇" not in mirror
    # the correction and the notice forms go to the origin's desk
    assert f'href="http://{WUHUA}/feedback/?article={story.slug}"' in mirror


def test_a_correction_at_the_origin_shows_on_the_mirror_at_once(client, city, story):
    placement = story.placements.get()
    assert TITLE in page(client, f"/shared/{placement.pk}/", CITY)[1]  # now in the page cache
    editor, first, chief = (User.objects.get(username=n) for n in ("wuhua-editor", "wuhua-first", "wuhua-chief"))
    draft = workflow.new_version(story, editor)
    draft.title = "椿上花街文化墙前，志愿者讲南侨机工故事（更正）"
    draft.save()
    workflow.submit(draft, editor)
    workflow.approve(Article.objects.get(pk=draft.pk), first)
    workflow.approve(Article.objects.get(pk=draft.pk), chief)
    workflow.publish(Article.objects.get(pk=draft.pk), chief)
    status, mirror = page(client, f"/shared/{placement.pk}/", CITY)
    assert status == 200 and "（更正）" in mirror
    assert "（更正）" in page(client, "/column/kunming-districts/", CITY)[1]
    workflow.withdraw(Article.objects.get(pk=story.pk), chief, "事实有误")
    assert page(client, f"/shared/{placement.pk}/", CITY)[0] == 404
    assert "（更正）" not in page(client, "/column/kunming-districts/", CITY)[1]


def test_a_link_goes_to_the_origin_and_a_revoked_placement_shows_nowhere(client, city, story):
    chief = user_in("终审签发", "km-chief-2", portal=city)
    other = Article.objects.public(Portal.objects.get(slug="wuhua")).filter(placements__isnull=True).first()
    column = Column.objects.get(portal=city, slug="kunming-districts")
    link = placements.quote(other, column, chief, ArticlePlacement.Kind.LINK)
    response = client.get(f"/shared/{link.pk}/", HTTP_HOST=CITY)
    assert response.status_code == 302 and response["Location"] == f"http://{WUHUA}/article/{other.slug}/"
    assert f'href="/shared/{link.pk}/"' in page(client, "/column/kunming-districts/", CITY)[1]
    placements.revoke(link, chief, "版面调整")
    assert page(client, f"/shared/{link.pk}/", CITY)[0] == 404
    assert f'href="/shared/{link.pk}/"' not in page(client, "/column/kunming-districts/", CITY)[1]
    with pytest.raises(placements.PlacementError):
        placements.revoke(link, chief, "again")
    # another portal's placement is not found on this one
    assert page(client, f"/shared/{story.placements.get().pk}/", WUHUA)[0] == 404


def test_the_mirror_page_queries_are_pinned_and_a_cached_one_runs_none(client, story):
    placement = story.placements.get()
    with CaptureQueriesContext(connection) as cold:
        assert page(client, f"/shared/{placement.pk}/", CITY)[0] == 200
    # From an empty cache: the clock's next change, the portals, the placement, the article, the
    # column tree, its parts (photos, bylines, topics, communities; 上一篇/下一篇 not read), the
    # side lists (headlines, picture news, the column tree, topics), comment settings and the
    # chrome (navigation and its sub-columns, tip channels, footer pages).
    assert len(cold) == 20, "\n".join(q["sql"] for q in cold.captured_queries)
    with CaptureQueriesContext(connection) as warm:
        assert page(client, f"/shared/{placement.pk}/", CITY)[0] == 200
    assert len(warm) <= 1  # the portal of the host, at most


def test_each_desk_reaches_only_its_own_submissions(client, city, story):
    submission = Submission.objects.get(article=story)
    jlp = User.objects.get(username="jlp-chief")
    client.force_login(jlp)
    assert client.get(f"/admin/exchange/submission/{submission.pk}/decide/").status_code == 404
    assert TITLE not in client.get("/admin/exchange/submission/").content.decode()
    client.force_login(User.objects.get(username="wuhua-editor"))  # the sender sees the outcome
    listing = client.get("/admin/exchange/submission/").content.decode()
    assert TITLE in listing and "已采用" in listing
    assert "采用或退回" not in listing  # decided, and not theirs to decide


def test_the_city_desk_adopts_or_returns_with_a_clear_message(client, city):
    wuhua = Portal.objects.get(slug="wuhua")
    article = Article.objects.public(wuhua).filter(placements__isnull=True).first()
    submission = Submission.objects.create(
        article=article, from_portal=wuhua, to_portal=city, created_by=User.objects.get(username="wuhua-editor")
    )
    client.force_login(User.objects.get(username="kunming-chief"))
    url = f"/admin/exchange/submission/{submission.pk}/decide/"
    form = client.get(url).content.decode()
    assert "采用" in form and "退回" in form and "区县动态" in form
    response = client.post(url, {"kind": "mirror", "column": "", "_adopt": "采用"})
    assert response.status_code == 200 and "请选择采用到哪个栏目。" in response.content.decode()
    response = client.post(url, {"kind": "mirror", "reason": "", "_return": "退回"})
    assert "请填写退回理由。" in response.content.decode()
    response = client.post(url, {"kind": "mirror", "reason": "与市网已发稿件重复", "_return": "退回"})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.RETURNED and submission.reason == "与市网已发稿件重复"
    assert client.post(url, {"kind": "mirror", "reason": "x", "_return": "退回"}).status_code == 200  # decided once


def test_a_site_admin_registers_a_correspondent_who_signs_in_to_the_portal_only(client):
    wuhua = Portal.objects.get(slug="wuhua")
    client.force_login(User.objects.get(username="wuhua-site"))
    response = client.post(
        "/admin/exchange/correspondent/add/",
        {
            "username": "wh-tongxunyuan-2",
            "password": "linli-tongxunyuan-2026",
            "portal": wuhua.pk,
            "name": "马丽",
            "unit": "大观街道",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    correspondent = Correspondent.objects.get(name="马丽")
    assert correspondent.portal == wuhua and not correspondent.user.is_staff
    reader = type(client)()
    signed_in = reader.post(
        "/tougao/login/", {"username": "wh-tongxunyuan-2", "password": "linli-tongxunyuan-2026"}, HTTP_HOST=WUHUA
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == "/tougao/"
    assert "我的投稿" in page(reader, "/tougao/", WUHUA)[1]
    assert reader.get("/admin/", HTTP_HOST=WUHUA).status_code == 302  # not staff
    correspondent.is_active = False
    correspondent.save()
    stopped = reader.post("/tougao/new/", {"title": "标题", "body": "正文"}, HTTP_HOST=WUHUA)
    assert "您的通讯员账号已停用，不能投稿。" in stopped.content.decode()


def test_each_person_sees_their_own_ledger_row_and_the_chief_every_row(client, story):
    wuhua = Portal.objects.get(slug="wuhua")
    month = story.first_published_at.astimezone().strftime("%Y-%m")
    url = "/admin/ledger/ledgermonth/table/"
    client.force_login(User.objects.get(username="wuhua-editor"))  # 杨晓云, 责任编辑 of the story
    own = client.get(url, {"portal": wuhua.pk, "month": month, "format": "csv"}).content.decode("utf-8-sig")
    assert [line.split(",")[0] for line in own.splitlines()[1:]] == ["杨晓云"]
    client.force_login(User.objects.get(username="wuhua-chief"))
    every = client.get(url, {"portal": wuhua.pk, "month": month, "format": "csv"}).content.decode("utf-8-sig")
    assert {line.split(",")[0] for line in every.splitlines()[1:]} >= {"杨晓云", "周丽"}
    client.force_login(User.objects.get(username="platform"))
    totals = client.get(url, {"portal": wuhua.pk, "month": month, "kind": "totals"}).content.decode()
    assert "各网站合计" in totals and "昆明市区县新闻汇" in totals


def test_an_adopted_copy_goes_through_the_citys_review_and_a_takedown_at_the_origin_holds_it(client, city):
    from newsroom.takedowns import actions as takedowns
    from tests.takedowns.helpers import file_notice

    wuhua = Portal.objects.get(slug="wuhua")
    article = Article.objects.public(wuhua).filter(placements__isnull=True, script="zh-hans").first()
    column = Column.objects.get(portal=city, slug="kunming-districts")
    chief, first = user_in("终审签发", "km-chief-3", portal=city), user_in("初审", "km-first-3", portal=city)
    copy = placements.quote(article, column, chief, ArticlePlacement.Kind.COPY).copy
    assert copy.status == Article.Status.DRAFT and not copy.is_public  # the city's 三审 first
    assert copy.photos.count() == article.photos.count() and copy.credits.exists()
    signer = user_in("终审签发", "km-chief-4", portal=city)  # four eyes: not who adopted it
    workflow.submit(copy, chief)
    workflow.approve(Article.objects.get(pk=copy.pk), first)
    workflow.approve(Article.objects.get(pk=copy.pk), signer)
    workflow.publish(Article.objects.get(pk=copy.pk), signer)
    copy.refresh_from_db()
    status, html = page(client, copy.get_absolute_url(), CITY)
    assert status == 200 and "来源：" in html and wuhua.name in html
    # one hit per story on the city's search: the city's own copy, not also 五华区's original
    word = article.title[:4]
    found = page(client, f"/search/?q={word}", CITY)[1]
    assert found.count(copy.get_absolute_url()) == 1 and f"/article/{article.slug}/" not in found.replace(
        copy.get_absolute_url(), ""
    )
    moderator = user_in("版权审核", "wh-moderator-3", portal=wuhua)
    client.defaults["HTTP_HOST"] = WUHUA
    notice = file_notice(client, **{"targets-0-url": f"http://{WUHUA}/article/{article.slug}/"})
    del client.defaults["HTTP_HOST"]
    takedowns.start_review(notice, moderator)
    takedowns.accept(notice, moderator)
    measure = takedowns.apply_measure(notice, moderator, "withdraw_article", notice.targets.get())
    assert page(client, f"/article/{article.slug}/", WUHUA)[0] == 451
    assert page(client, copy.get_absolute_url(), CITY)[0] == 451
    takedowns.revert_measure(measure, moderator, "通知人撤回")
    assert page(client, copy.get_absolute_url(), CITY)[0] == 200


def test_a_district_site_admin_chooses_which_portals_may_push_to_it(client):
    wuhua = Portal.objects.get(slug="wuhua")
    client.force_login(User.objects.get(username="wuhua-site"))
    page = client.get(f"/admin/newsroom/portal/{wuhua.pk}/change/").content.decode()
    assert "接受站群推送" in page and "九龙坡区新闻网" in page  # every portal of the platform offered
    from tests.helpers import admin_form_data

    data = admin_form_data(client.get(f"/admin/newsroom/portal/{wuhua.pk}/change/"))
    data.update({"push_policy": "chosen", "push_from": [Portal.objects.get(slug="kunming").pk]})
    response = client.post(f"/admin/newsroom/portal/{wuhua.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    wuhua.refresh_from_db()
    assert wuhua.push_policy == "chosen" and list(wuhua.push_from.values_list("slug", flat=True)) == ["kunming"]
    assert not wuhua.accepts_push_from(Portal.objects.get(slug="jiulongpo"))


def test_a_correction_at_the_origin_is_flagged_on_the_desk_that_took_a_copy(client, city):
    from newsroom.exchange.demo import TITLE as _  # noqa: F401 (the demo's story is a mirror, not a copy)

    wuhua = Portal.objects.get(slug="wuhua")
    article = Article.objects.public(wuhua).filter(placements__isnull=True, script="zh-hans").first()
    column = Column.objects.get(portal=city, slug="kunming-districts")
    chief = User.objects.get(username="kunming-chief")
    placement = placements.quote(article, column, chief, ArticlePlacement.Kind.COPY)
    client.force_login(chief)
    assert "原稿已更正" not in client.get("/admin/").content.decode()
    editor, first, wchief = (User.objects.get(username=n) for n in ("wuhua-editor", "wuhua-first", "wuhua-chief"))
    draft = workflow.new_version(article, editor)
    draft.title = article.title + "（更正）"
    draft.save()
    workflow.submit(draft, editor)
    workflow.approve(Article.objects.get(pk=draft.pk), first)
    workflow.approve(Article.objects.get(pk=draft.pk), wchief)
    workflow.publish(Article.objects.get(pk=draft.pk), wchief)
    desk = client.get("/admin/").content.decode()
    assert "原稿已更正，请核对本网稿件" in desk and placement.copy.title in desk
    placements.caught_up(ArticlePlacement.objects.get(pk=placement.pk), chief)
    assert "原稿已更正" not in client.get("/admin/").content.decode()
    with pytest.raises(placements.PlacementError):
        placements.caught_up(ArticlePlacement.objects.get(pk=placement.pk), chief)


def test_a_district_editor_pushes_a_copy_from_the_admin_and_a_refusing_portal_says_so(client, city):
    wuhua = Portal.objects.get(slug="wuhua")
    article = Article.objects.public(wuhua).filter(placements__isnull=True).first()
    column = Column.objects.get(portal=city, slug="kunming-districts")
    client.force_login(User.objects.get(username="wuhua-editor"))
    form = {"article": article.pk, "column": column.pk, "kind": "copy"}
    city.push_policy = "closed"
    city.save()
    refused = client.post("/admin/newsroom/articleplacement/add/", form)
    assert refused.status_code == 200 and "不接受本网站的推送" in refused.content.decode()
    city.push_policy = "open"
    city.save()
    assert client.post("/admin/newsroom/articleplacement/add/", form).status_code == 302
    pushed = ArticlePlacement.objects.get(article=article, portal=city)
    assert pushed.via == ArticlePlacement.Via.PUSH and pushed.copy.status == Article.Status.DRAFT
    # a mirror into another portal is that portal's to decide
    other = Article.objects.public(wuhua).filter(placements__isnull=True).exclude(pk=article.pk).first()
    mirror = client.post("/admin/newsroom/articleplacement/add/", {**form, "article": other.pk, "kind": "mirror"})
    assert "您不能向该网站的栏目发布稿件。" in mirror.content.decode()
