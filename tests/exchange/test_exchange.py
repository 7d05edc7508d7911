"""A story's way across the platform: a correspondent's 投稿 → the district's 三审 → 报送 to the
city → 采用 as a mirror → one story on both portals and one search hit → a takedown at the
origin reaches both → the month's ledger and the city's scoring table, as computed by hand."""

import csv
import io
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from newsroom import placements, workflow
from newsroom.exchange import actions
from newsroom.exchange.models import Correspondent, Manuscript, Submission
from newsroom.ledger import actions as ledger
from newsroom.ledger import figures
from newsroom.ledger.models import Rate
from newsroom.models import Article, ArticlePlacement, BylineRole, Column, Credit, Person, Portal
from newsroom.review_steps import step_permission
from newsroom.takedowns import actions as takedowns
from tests.helpers import jpeg_bytes, user_in
from tests.takedowns.helpers import file_notice

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
WUHUA, CITY = "wuhua.localhost", "kunming.localhost"


@pytest.fixture
def platform(demo):
    """昆明市's portal above 五华区's, each with its desk; the rates of both."""
    wuhua = Portal.objects.get(slug="wuhua")
    city = Portal.objects.get(slug="kunming")  # the demo's city above 五华区
    assert wuhua.parent == city
    city_column = Column.objects.get(portal=city, slug="kunming-districts")
    people = {
        name: user_in(group, name, portal=portal)
        for name, group, portal in (
            ("wh-editor", "编辑", wuhua),
            ("wh-first", "初审", wuhua),
            ("wh-second", "复审", wuhua),
            ("wh-chief", "终审签发", wuhua),
            ("wh-moderator", "版权审核", wuhua),
            ("km-chief", "终审签发", city),
            ("km-editor", "编辑", city),
        )
    }
    from django.contrib.auth.models import User

    login = User.objects.create_user("lijuan", password="linli-lijuan-2026")
    correspondent = Correspondent.objects.create(user=login, portal=wuhua, name="李娟", unit="华山街道办事处")
    Rate.objects.filter(portal__in=[wuhua, city]).delete()  # the test's own rates, not the demo's
    for kind, role, grade, amount, points in (
        (Rate.Kind.BYLINE, "通讯员", "A", "100", "0"),
        (Rate.Kind.BYLINE, "通讯员", "", "50", "0"),
        (Rate.Kind.BYLINE, "责任编辑", "", "20", "0"),
        (Rate.Kind.PHOTO, "", "", "30", "0"),
        (Rate.Kind.ADOPTED, "", "", "50", "0"),
    ):
        Rate.objects.create(portal=wuhua, kind=kind, role=role, grade=grade, amount=amount, points=points)
    Rate.objects.create(portal=city, kind=Rate.Kind.ADOPTED, points="1")
    Rate.objects.create(portal=city, kind=Rate.Kind.ADOPTED_PHOTO, points="0.5")
    return {
        "wuhua": wuhua,
        "city": city,
        "city_column": city_column,
        "column": Column.objects.get(portal=wuhua, slug="wuhua-community"),
        "correspondent": correspondent,
        **people,
    }


def photo(name, colour):
    return SimpleUploadedFile(name, jpeg_bytes(colour=colour), content_type="image/jpeg")


def through_review(article, p):
    """The district's editor adds the 责任编辑 and sends it through 三审; the chief grades it A."""
    editor_person = Person.objects.create(portal=p["wuhua"], name="张敏", role="编辑")
    Credit.objects.create(
        article=article, role=BylineRole.objects.get(portal=p["wuhua"], name="责任编辑"), person=editor_person
    )
    for photo_row in article.photos.all():
        photo_row.alt_text = photo_row.caption
        photo_row.save()
    workflow.submit(article, p["wh-editor"])
    deciders = {"review_first": "wh-first", "review_second": "wh-second", "review_final": "wh-chief"}
    while (current := Article.objects.get(pk=article.pk)).status == Article.Status.IN_REVIEW:
        step = step_permission(current.review_step, current.review_total)
        workflow.approve(current, p[deciders[step]])
    ledger.grade(Article.objects.get(pk=article.pk), p["wh-chief"], "A")
    workflow.publish(Article.objects.get(pk=article.pk), p["wh-chief"])
    return Article.objects.get(pk=article.pk)


def story(client, p):
    """The correspondent submits online, with two photos; the district editor adopts it."""
    client.force_login(p["correspondent"].user)
    response = client.post(
        "/tougao/new/",
        {
            "title": "华山街道为老人义务理发",
            "body": "周末，华山街道的志愿者来到社区活动室。\n\n二十多位老人理了发，还量了血压。",
            "photo_1": photo("a.jpg", (200, 30, 30)),
            "caption_1": "志愿者为老人理发",
            "photographer_1": "李娟",
            "photo_2": photo("b.jpg", (30, 200, 30)),
            "caption_2": "志愿者为老人量血压",
            "photographer_2": "王强",
        },
        HTTP_HOST=WUHUA,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    manuscript = Manuscript.objects.get(title="华山街道为老人义务理发")
    assert manuscript.photos.count() == 2 and manuscript.status == Manuscript.Status.RECEIVED
    actions.adopt_manuscript(manuscript, p["wh-editor"], p["column"])
    manuscript.refresh_from_db()
    return manuscript


def test_a_correspondent_sees_only_their_own_manuscripts_and_their_outcome(platform, client):
    p = platform
    manuscript = story(client, p)
    page = client.get("/tougao/", HTTP_HOST=WUHUA).content.decode()
    assert "华山街道为老人义务理发" in page and "已采用" in page
    draft = manuscript.article
    assert draft.status == Article.Status.DRAFT and draft.portal == p["wuhua"]
    assert [c.person.name for c in draft.credits.select_related("person")] == ["李娟"]
    assert [(ph.caption, ph.credit_line) for ph in draft.photos.order_by("order")] == [
        ("志愿者为老人理发", "李娟 摄"),
        ("志愿者为老人量血压", "王强 摄"),
    ]
    assert "通讯员投稿：李娟（华山街道办事处）" in draft.audit_entries.get().opinion
    # nothing of the admin, and no other portal's desk
    assert client.get("/admin/", HTTP_HOST=WUHUA).status_code == 302
    assert client.get("/tougao/", HTTP_HOST=CITY).status_code == 302  # not a correspondent there
    rejected = actions.send(p["correspondent"], "第二篇", "正文。")
    actions.reject_manuscript(rejected, p["wh-editor"], "内容与已刊稿件重复")
    assert "退稿：内容与已刊稿件重复" in client.get("/tougao/", HTTP_HOST=WUHUA).content.decode()


def test_the_manuscript_form_keeps_what_was_typed_and_asks_for_credits(platform, client):
    client.force_login(platform["correspondent"].user)
    response = client.post(
        "/tougao/new/",
        {"title": "社区书屋开放", "body": "书屋周末开放。", "photo_1": photo("c.jpg", (1, 2, 3))},
        HTTP_HOST=WUHUA,
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "请填写这张图片的说明。" in page and "请填写这张图片的拍摄者。" in page and "社区书屋开放" in page
    assert not Manuscript.objects.filter(title="社区书屋开放").exists()


def test_from_manuscript_to_both_portals_then_a_takedown_reaches_both(platform, client, settings):
    p = platform
    with time_machine.travel(datetime(2027, 3, 10, 9, 0, tzinfo=SHANGHAI), tick=True):
        manuscript = story(client, p)
        article = through_review(manuscript.article, p)
        assert article.is_public
        # 报送 to the city, with a note; the city's desk 采用s it as a mirror
        with pytest.raises(PermissionDenied):
            actions.submit(article, p["city"], p["km-editor"], "")  # not the district's staff
        submission = actions.submit(article, p["city"], p["wh-editor"], "敬老服务，供市网区县动态选用")
        with pytest.raises(PermissionDenied):
            actions.adopt(submission, p["wh-chief"], ArticlePlacement.Kind.MIRROR, p["city_column"])  # not the city's
        with pytest.raises(actions.ExchangeError):
            actions.adopt(submission, p["km-chief"], ArticlePlacement.Kind.MIRROR, p["column"])  # not a city column
        actions.adopt(submission, p["km-chief"], ArticlePlacement.Kind.MIRROR, p["city_column"])
        submission.refresh_from_db()
        placement = submission.placement
        assert submission.status == Submission.Status.ADOPTED and placement.version == article.version
        assert placement.via == ArticlePlacement.Via.SUBMISSION and placement.created_by == p["km-chief"]

        client.logout()
        origin_page = client.get(f"/article/{article.slug}/", HTTP_HOST=WUHUA)
        assert origin_page.status_code == 200
        listing = client.get("/column/kunming-districts/", HTTP_HOST=CITY).content.decode()
        assert f'href="/shared/{placement.pk}/"' in listing and "华山街道为老人义务理发" in listing
        mirror = client.get(f"/shared/{placement.pk}/", HTTP_HOST=CITY)
        html = mirror.content.decode()
        assert mirror.status_code == 200 and "二十多位老人理了发" in html and "李娟 摄" in html
        assert f'rel="canonical" href="http://{WUHUA}/article/{article.slug}/"' in html
        assert "区县动态" in html  # the city's column in its breadcrumb
        # one search hit per story on the city's portal (its search covers 五华区), opening the mirror
        found = client.get("/search/", {"q": "义务理发"}, HTTP_HOST=CITY).content.decode()
        assert found.count('class="kind kind-article"') == 1 and f'href="/shared/{placement.pk}/"' in found

        # a takedown at the origin: 451 on both portals at once
        client.defaults["HTTP_HOST"] = WUHUA
        notice = file_notice(client, **{"targets-0-url": f"http://{WUHUA}/article/{article.slug}/"})
        del client.defaults["HTTP_HOST"]
        takedowns.start_review(notice, p["wh-moderator"])
        takedowns.accept(notice, p["wh-moderator"])
        takedowns.apply_measure(notice, p["wh-moderator"], "withdraw_article", notice.targets.get())
        assert client.get(f"/article/{article.slug}/", HTTP_HOST=WUHUA).status_code == 451
        assert client.get(f"/shared/{placement.pk}/", HTTP_HOST=CITY).status_code == 451
        assert "华山街道为老人义务理发" not in client.get("/column/kunming-districts/", HTTP_HOST=CITY).content.decode()
        found = client.get("/search/", {"q": "理发 老人"}, HTTP_HOST=CITY).content.decode()
        assert 'class="kind kind-article"' not in found


def test_the_month_ledger_and_scoring_table_match_the_hand_count(platform, client):
    p = platform
    with time_machine.travel(datetime(2027, 3, 10, 9, 0, tzinfo=SHANGHAI), tick=True):
        manuscript = story(client, p)
        article = through_review(manuscript.article, p)
        submission = actions.submit(article, p["city"], p["wh-editor"])
        actions.adopt(submission, p["km-chief"], ArticlePlacement.Kind.MIRROR, p["city_column"])
        returned = actions.submit(
            Article.objects.public(p["wuhua"]).exclude(pk=article.pk).filter(placements__isnull=True).first(),
            p["city"],
            p["wh-editor"],
        )
        actions.return_submission(returned, p["km-chief"], "与市网已发稿件重复")
    march = datetime(2027, 3, 1).date()
    table, totals = figures.people(p["wuhua"], march)
    # By hand, with 五华区's rates (通讯员 A 稿 100, 责任编辑 20, 图片 30, 被上级采用 50 元):
    #   李娟: 通讯员 1 (A) 100 + 图片 1 × 30 + 被采用 1 × 50 = 180
    #   王强: 图片 1 × 30 = 30
    #   张敏: 责任编辑 1 × 20 = 20
    assert [(r["name"], r["roles"], r["photos"], r["adopted"], r["amount"]) for r in table] == [
        ("张敏", {"责任编辑": 1}, 0, 0, Decimal("20")),
        ("李娟", {"通讯员": 1}, 1, 1, Decimal("180")),
        ("王强", {}, 1, 0, Decimal("30")),
    ]
    assert totals == {"articles": 1, "photos": 2, "adopted": 1, "amount": Decimal("230"), "points": Decimal("0")}
    # The city's scoring of 五华区 (1 point per adopted item, 0.5 per photo in it): 2 submitted,
    # 1 adopted with 2 photos → 2.0 points.
    assert figures.scoring(p["city"], march) == [
        {"portal": p["wuhua"].name, "submitted": 2, "adopted": 1, "photos": 2, "points": Decimal("2.0")}
    ]
    # The chief's CSV for finance; the correspondent-facing rows: each person their own.
    client.force_login(p["wh-chief"])
    response = client.get(
        "/admin/ledger/ledgermonth/table/", {"portal": p["wuhua"].pk, "month": "2027-03", "format": "csv"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["姓名", "责任编辑", "通讯员", "图片", "被上级采用", "稿费（元）", "计分"],
        ["张敏", "1", "0", "0", "0", "20.00", "0.00"],
        ["李娟", "0", "1", "1", "1", "180.00", "0.00"],
        ["王强", "0", "0", "1", "0", "30.00", "0.00"],
    ]
    scoring = client.get(
        "/admin/ledger/ledgermonth/table/",
        {"portal": p["city"].pk, "month": "2027-03", "kind": "scoring", "format": "csv"},
    )
    assert scoring.status_code == 200 and scoring.content.decode("utf-8-sig").splitlines() == [
        "网站,报送,采用,采用图片,得分",
    ]  # 五华区's chief holds no role in the city: the city's table is not theirs
    client.force_login(p["km-chief"])
    scoring = client.get(
        "/admin/ledger/ledgermonth/table/",
        {"portal": p["city"].pk, "month": "2027-03", "kind": "scoring", "format": "csv"},
    )
    assert scoring.content.decode("utf-8-sig").splitlines()[1] == f"{p['wuhua'].name},2,1,2,2.00"
    # an editor sees their own row only (张敏 has no login here: nothing)
    client.force_login(p["wh-editor"])
    own = client.get("/admin/ledger/ledgermonth/table/", {"portal": p["wuhua"].pk, "month": "2027-03", "format": "csv"})
    assert own.content.decode("utf-8-sig").splitlines()[1:] == []
    # finalise: only after the month, once; the grade of a finalised month stays
    with pytest.raises(ledger.LedgerError):
        with time_machine.travel(datetime(2027, 3, 20, tzinfo=SHANGHAI)):
            ledger.finalise(p["wuhua"], march, p["wh-chief"])
    with time_machine.travel(datetime(2027, 4, 2, tzinfo=SHANGHAI)):
        kept = ledger.finalise(p["wuhua"], march, p["wh-chief"])
        assert kept.totals["amount"] == "230.00"
        with pytest.raises(ledger.LedgerError):
            ledger.grade(article, p["wh-chief"], "B")
        with pytest.raises(PermissionDenied):
            ledger.finalise(p["city"], march, p["wh-chief"])


def test_push_respects_the_target_and_a_revoked_copy_leaves_nothing(platform, client):
    p = platform
    article = Article.objects.public(p["wuhua"]).filter(placements__isnull=True).first()
    p["city"].push_policy = "closed"
    p["city"].save()
    with pytest.raises(placements.PlacementError):
        placements.push(article, p["city_column"], p["wh-editor"])
    p["city"].push_policy = "chosen"
    p["city"].save()
    p["city"].push_from.add(p["wuhua"])
    placement = placements.push(article, p["city_column"], p["wh-editor"])
    copy = placement.copy
    assert copy.portal == p["city"] and copy.status == Article.Status.DRAFT and copy.is_reprint
    assert copy.source_name == p["wuhua"].name and copy.original_url == f"http://{WUHUA}/article/{article.slug}/"
    with pytest.raises(PermissionDenied):
        placements.revoke(placement, p["wh-editor"], "撤回")  # the target's to revoke
    placements.revoke(placement, p["km-chief"], "版面调整")
    copy.refresh_from_db()
    assert copy.status == Article.Status.WITHDRAWN and not copy.is_live
    assert article.audit_entries.filter(action="revoke_placement").exists()
