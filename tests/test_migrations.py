"""This issue's schema changes carry existing data (SQLite and PostgreSQL alike): a database
as it was before them, with content in it, migrated forward."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("newsroom", "0011_article_column_newest_index"),
    ("communities", "0001_initial"),
    ("takedowns", None),
    ("search", None),
]
# The last schema with the takedown desk and the search index inside newsroom.
INSIDE_NEWSROOM = [
    ("newsroom", "0018_fullwidth_labels"),
    ("communities", "0003_fullwidth_labels"),
    ("takedowns", None),
    ("search", None),
]


def state_at(targets, from_empty=False):
    """The schema as ``targets`` left it. ``from_empty``: built forward from an empty database
    (the test's database is empty anyway), quicker for an early schema than unapplying twenty
    or thirty migrations, most of which SQLite does by rebuilding a table."""
    if from_empty:
        drop_every_table()
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1]]).apps


def drop_every_table():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
            return
        cursor.execute("PRAGMA foreign_keys = OFF")
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY sql NOT LIKE 'CREATE VIRTUAL%'")
        for (table,) in cursor.fetchall():
            if table == "sqlite_sequence":
                cursor.execute("DELETE FROM sqlite_sequence")
            else:
                cursor.execute(f'DROP TABLE IF EXISTS "{table}"')  # a full-text index's parts go with it
        cursor.execute("PRAGMA foreign_keys = ON")


def old_notice(Request, portal, reference, **fields):
    """A takedown notice with the fields every schema since newsroom 0007 has."""
    values = {
        "token": reference.replace("-", "").lower().ljust(32, "0"),
        "notifier_kind": "person",
        "notifier_name": "甲",
        "phone": "1",
        "email": "a@example.com",
        "address": "x",
        "id_type": "id_card",
        "id_number": "1",
        "right_claimed": "copyright",
        "description": "x",
        "received_at": timezone.now(),
    }
    return Request.objects.create(reference=reference, portal=portal, **{**values, **fields})


@pytest.mark.django_db(transaction=True)
def test_content_of_the_early_schemas_survives_every_migration_since():
    """One walk forward from the oldest schema these tests know: at each stop the content of that
    time is written (as the arrange_* functions say), and once at today's schema all of it is
    checked (check_*). One walk instead of three: SQLite rebuilds a table for most steps."""
    existing = arrange_existing_content(state_at(BEFORE, from_empty=True))
    desk = arrange_desk_and_index(state_at(INSIDE_NEWSROOM))
    bylines = arrange_bylines_and_streets(state_at(FIXED_BYLINES))

    call_command("migrate", verbosity=0)

    check_existing_content(**existing)
    check_desk_and_index(**desk)
    check_bylines_and_streets(**bylines)


def arrange_existing_content(old):
    Portal = old.get_model("newsroom", "Portal")
    portal = Portal.objects.create(name="测试网站", short_name="测试", hosts="localhost", is_default=True)
    Community = old.get_model("communities", "Community")
    community = Community.objects.create(name="老社区", slug="old", province="云南省", city="昆明市", district="五华区")
    Honour = old.get_model("communities", "Honour")
    Honour.objects.create(title="文明社区", level=3, community=community, recipient_kind="community")
    Topic = old.get_model("newsroom", "Topic")
    Topic.objects.create(portal=portal, title="老专题", slug="old-topic")
    Request = old.get_model("newsroom", "TakedownRequest")
    restored = old_notice(Request, portal, "TD20260101-000001", status="restored")
    old.get_model("newsroom", "Event").objects.create(
        request=restored, action="restore", reason="反通知成立，依《信息网络传播权保护条例》第十七条立即恢复。"
    )
    document = old.get_model("newsroom", "SearchDocument").objects.create(
        kind="community", object_id=community.pk, url="/communities/old/", title="老社区", date=timezone.now(), rank=1
    )
    return locals()


def check_existing_content(community, portal, restored, document, **_):
    from communities.models import Community as Now
    from communities.models import Honour as HonourNow
    from newsroom.models import Topic as TopicNow
    from newsroom.search.models import SearchDocument
    from newsroom.takedowns.models import TakedownRequest

    assert (
        Now.objects.get(pk=community.pk).is_live
        and HonourNow.objects.public().filter(community=community.pk).count() == 1
    )
    assert TopicNow.objects.public(portal.pk).filter(slug="old-topic").exists()
    assert TakedownRequest.objects.get(pk=restored.pk).restored_under == "art17"
    SearchDocument.objects.filter(pk=document.pk).update(title="长" * 700)  # no varchar limit left
    assert len(SearchDocument.objects.get(pk=document.pk).title) == 700
    from django.contrib.auth.models import Group

    assert Group.objects.get(name="法务复核").permissions.filter(codename="view_id_number").exists()


def arrange_desk_and_index(old):
    """newsroom 0019 / takedowns 0001 / search 0001: the tables change app, nothing is lost, and
    the groups that worked the desk keep their rights."""
    from django.contrib.auth.management import create_permissions

    config = old.get_app_config("newsroom")
    config.models_module = True  # as the data migrations do: a state app has no models module
    create_permissions(config, verbosity=0, apps=old)
    Permission, Group = old.get_model("auth", "Permission"), old.get_model("auth", "Group")
    desk = Group.objects.create(name="旧版权审核")
    desk.permissions.set(
        Permission.objects.filter(
            content_type__app_label="newsroom", codename__in=["change_takedownrequest", "view_id_number", "view_event"]
        )
    )
    Portal = old.get_model("newsroom", "Portal")
    portal = Portal.objects.create(name="测试网站", short_name="测试", hosts="localhost", is_default=True)
    Request = old.get_model("newsroom", "TakedownRequest")
    notice = old_notice(
        Request,
        portal,
        "TD20261201-000002",
        status="under_review",
        notifier_name="乙",
        email="b@example.com",
        id_number="110101",
        right_claimed="portrait",
        description="照片未经同意",
    )
    old.get_model("newsroom", "Event").objects.create(request=notice, action="start_review", reason="开始审查")
    old.get_model("newsroom", "Target").objects.create(request=notice, url="http://localhost/a/", work_title="甲文")
    return locals()


def check_desk_and_index(notice, **_):
    from django.contrib.auth.models import Group as GroupNow
    from django.contrib.auth.models import User

    from newsroom.search import index
    from newsroom.search.models import SearchDocument
    from newsroom.takedowns.models import TakedownEvent, TakedownRequest, Target

    moved = TakedownRequest.objects.get(pk=notice.pk)
    assert (moved.notifier_name, moved.status) == ("乙", "under_review")
    assert (
        TakedownEvent.objects.get(request=moved).reason == "开始审查"
        and Target.objects.get(request=moved).work_title == "甲文"
    )
    assert TakedownRequest._meta.db_table == "takedowns_takedownrequest"
    member = User.objects.create_user("desk-member", is_staff=True)
    from newsroom.models import Membership

    Membership.objects.give(member, None, GroupNow.objects.get(name="旧版权审核"))
    assert member.has_perm("takedowns.change_takedownrequest") and member.has_perm("takedowns.view_id_number")
    # takedowns 0005: the trail is TakedownEvent now, and who could read it still can.
    assert member.has_perm("takedowns.view_takedownevent") and not member.has_perm("takedowns.view_event")
    assert not member.has_perm("newsroom.change_takedownrequest")
    # The index still works under its new names (its full-text part included).
    index.rebuild()
    assert SearchDocument._meta.db_table == "search_searchdocument"


# The last schema with the three fixed byline fields.
FIXED_BYLINES = [
    ("newsroom", "0020_audit_actions"),
    ("communities", "0003_fullwidth_labels"),
    ("takedowns", "0001_initial"),
    ("search", "0001_initial"),
]


def arrange_bylines_and_streets(old):
    """newsroom 0021: every reporter, correspondent and 责任编辑 becomes a credit with that role,
    in the order the page printed them; every portal gets the default roles; editors may write
    bylines; reprints saved without the original's time say so."""
    from django.contrib.auth.management import create_permissions

    config = old.get_app_config("newsroom")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=old)
    config.models_module = None
    old.get_model("auth", "Group").objects.get_or_create(name="编辑")  # 0002 made it
    Portal = old.get_model("newsroom", "Portal")
    portal = Portal.objects.create(name="测试网站", short_name="测试", hosts="localhost", is_default=True)
    second = Portal.objects.create(name="第二个网站", short_name="二", hosts="two.example")
    column = old.get_model("newsroom", "Column").objects.create(portal=portal, name="要闻", slug="news")
    Person = old.get_model("newsroom", "Person")
    zhang, li, wang, gao = (Person.objects.create(name=n) for n in ("张成", "李明", "王晋南", "高巍"))
    Article = old.get_model("newsroom", "Article")
    article = Article.objects.create(title="老文章", slug="old", column=column, body="<p>正文</p>", is_reprint=True)
    article.reporters.add(zhang, li)
    article.correspondents.add(wang)
    article.editors_in_charge.add(gao)
    plain = Article.objects.create(title="本网稿件", slug="plain", column=column, body="<p>正文</p>")
    # communities 0004: street names typed as text become streets.
    OldCommunity = old.get_model("communities", "Community")
    minan = OldCommunity.objects.create(
        name="民安华福社区", slug="minan", province="重庆市", city="重庆市", district="九龙坡区", street="华岩镇"
    )
    OldFacility = old.get_model("communities", "Facility")
    centre = OldFacility.objects.create(
        name="暖空间", slug="warm", kind="service_centre", street="华岩镇", length_m=300
    )
    old.get_model("communities", "Honour").objects.create(title="文明社区", level=5, community=minan)
    # newsroom 0023: every file photos show becomes one library image, credit and all.
    OldPhoto = old.get_model("newsroom", "Photo")
    for caption in ("第一次使用", "第二次使用"):
        OldPhoto.objects.create(
            article=article,
            image="photos/2026/11/a.jpg",
            width=1200,
            height=800,
            caption=caption,
            alt_text="现场",
            credit_kind="photo",
            credit_person=zhang,
        )
    return locals()


def check_bylines_and_streets(article, plain, portal, second, minan, centre, **_):
    from django.contrib.auth.models import Group

    from newsroom.models import Article as Now
    from newsroom.models import BylineRole

    moved = Now.objects.get(pk=article.pk)
    assert [str(c) for c in moved.credits.all()] == ["记者 张成", "记者 李明", "通讯员 王晋南", "责任编辑 高巍"]
    assert (moved.original_time_precision, moved.original_time_display) == ("unknown", "")
    assert moved.original_time_unknown_reason
    assert Now.objects.get(pk=plain.pk).original_time_precision == "minute"
    assert BylineRole.objects.filter(portal_id=second.pk).count() == BylineRole.objects.filter(portal=portal.pk).count()
    assert Group.objects.get(name="编辑").permissions.filter(codename="add_credit").exists()

    from communities.models import Community, Facility, Honour

    town = Community.objects.get(pk=minan.pk).street
    assert (town.name, town.kind, town.place, town.is_live) == ("华岩镇", "town", "重庆市九龙坡区华岩镇", True)
    assert Facility.objects.get(pk=centre.pk).street == town
    assert Facility.objects.get(pk=centre.pk).length_m_qualifier == "about"  # printed 约 300 米, as before
    honour = Honour.objects.get(community=minan.pk)
    assert (honour.get_level_display(), honour.date_display) == ("街道（乡镇）级", "")
    assert Group.objects.get(name="编辑").permissions.filter(codename="add_street").exists()

    from newsroom.models import ImageAsset

    asset = ImageAsset.objects.get(file="photos/2026/11/a.jpg")
    assert (asset.credit_line, asset.caption, asset.width) == ("张成 摄", "第一次使用", 1200)
    assert sorted(asset.uses.values_list("caption", flat=True)) == ["第一次使用", "第二次使用"]
    assert Group.objects.get(name="编辑").permissions.filter(codename="add_imageasset").exists()


@pytest.mark.django_db(transaction=True)
def test_portal_settings_of_later_schemas_survive_every_migration_since():
    """A second walk, from newsroom 0032: a logo becomes the banner (0034), columns get their
    update class and portals a slug (0035, 0037)."""
    logo = arrange_logo_and_banner(
        state_at(
            [
                ("newsroom", "0032_portal_mourning_days"),
                ("communities", "0007_full_width_labels"),
                ("takedowns", "0003_full_width_labels"),
                ("search", "0002_full_width_labels"),
            ]
        )
    )
    columns = arrange_update_classes_and_slugs(
        state_at(
            [
                ("newsroom", "0034_portal_banner"),
                ("communities", "0007_full_width_labels"),
                ("takedowns", "0003_full_width_labels"),
                ("search", "0002_full_width_labels"),
                ("inspection", None),
            ]
        )
    )

    trail = arrange_content_changes(state_at([("newsroom", "0040_person_is_live")]))
    library = arrange_library_images(state_at([("newsroom", "0041_content_events")]))
    staff = arrange_staff(state_at([("newsroom", "0042_imageasset_sha256")]))
    owned = arrange_slugs_and_owners(state_at([("newsroom", "0044_membership_roles")]))
    themes = arrange_themes_units_and_feedback(
        state_at([("newsroom", "0048_portal_streets"), ("communities", "0007_full_width_labels"), ("feedback", None)])
    )
    exchange = arrange_placements_and_ledger(
        state_at([("newsroom", "0049_portal_theme"), ("exchange", None), ("ledger", None), ("channels", None)])
    )

    villages = arrange_villages_and_dates(
        state_at([("newsroom", "0050_placements"), ("communities", "0008_facility_units_label")])
    )

    call_command("migrate", verbosity=0)

    check_villages_and_dates(**villages)
    check_logo_and_banner(**logo)
    check_update_classes_and_slugs(**columns)
    check_content_trail(**trail)
    check_library_digests(**library)
    check_memberships(**staff)
    check_slugs_and_owners(**owned)
    check_themes_units_and_feedback(**themes)
    check_placements_and_ledger(**exchange)


def arrange_villages_and_dates(old):
    """communities 0009 and 0010 and newsroom 0051: a 村 becomes a village, a facility filed as 其他 that is
    a 新时代文明实践站 or a 广场 takes its kind, honours keep their level, and a past article
    stored at 00:00 keeps its date without the invented time."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    Community = old.get_model("communities", "Community")
    Facility = old.get_model("communities", "Facility")
    Honour = old.get_model("communities", "Honour")
    village = Community.objects.create(name="大营村", slug="m-dayingcun")
    town = Community.objects.create(name="中南社区", slug="m-zhongnan")
    estate = Community.objects.create(name="曹杨新村", slug="m-caoyang")
    station = Facility.objects.create(name="大营村新时代文明实践站", slug="m-station", kind="other", community=village)
    square = Facility.objects.create(name="同心广场", slug="m-square", kind="other", community=town)
    canteen = Facility.objects.create(name="社区食堂", slug="m-canteen", kind="canteen", community=town)
    other = Facility.objects.create(name="百姓舞台", slug="m-stage", kind="other", community=town)
    honour = Honour.objects.create(title="文明社区", level=3, community=town)
    Portal = old.get_model("newsroom", "Portal")
    Column = old.get_model("newsroom", "Column")
    Article = old.get_model("newsroom", "Article")
    portal = Portal.objects.create(name="往年稿件网", hosts="past.example", slug="m-past")
    column = Column.objects.create(portal=portal, name="要闻", slug="m-past-news")
    shanghai = ZoneInfo("Asia/Shanghai")
    dated = Article.objects.create(
        portal=portal,
        column=column,
        title="2019年的一篇稿件",
        slug="m-dated",
        first_published_at=datetime(2019, 5, 4, tzinfo=shanghai),
    )
    timed = Article.objects.create(
        portal=portal,
        column=column,
        title="有时间的稿件",
        slug="m-timed",
        first_published_at=datetime(2019, 5, 4, 9, 30, tzinfo=shanghai),
    )
    return locals()


def check_villages_and_dates(village, town, estate, station, square, canteen, other, honour, dated, timed, **_):
    from communities.models import Community, Facility, Honour
    from newsroom.models import Article

    kinds = dict(Community.objects.filter(pk__in=[village.pk, town.pk, estate.pk]).values_list("name", "kind"))
    assert kinds == {"大营村": "village", "中南社区": "community", "曹杨新村": "community"}
    facilities = dict(
        Facility.objects.filter(pk__in=[station.pk, square.pk, canteen.pk, other.pk]).values_list("slug", "kind")
    )
    assert facilities == {
        "m-station": "civilisation_station",
        "m-square": "square",
        "m-canteen": "canteen",
        "m-stage": "other",
    }
    assert Honour.objects.get(pk=honour.pk).level == 3
    assert Article.objects.get(pk=dated.pk).published_display == "2019-05-04"
    assert Article.objects.get(pk=timed.pk).published_display == "2019-05-04 09:30"
    assert (Article.objects.get(pk=timed.pk).original_issue, Article.objects.get(pk=timed.pk).original_page) == ("", "")
    # communities 0010: the communities already there take officers and 小区 with their own 党支部,
    # and the editors' role may propose them (reviewers read them).
    from django.contrib.auth.models import Group

    from communities.models import Neighbourhood, Officer

    Officer.objects.create(community_id=village.pk, name="张永平", title="villagers_director")
    Neighbourhood.objects.create(
        community_id=town.pk, name="同心小区", party_org_kind="branch", party_secretary_name="李敏"
    )
    assert [str(o) for o in Community.objects.get(pk=village.pk).officers.all()] == ["村委会主任 张永平"]
    assert Community.objects.get(pk=town.pk).neighbourhoods.get().party_org_name == "同心小区党支部"
    editor = set(Group.objects.get(name="编辑").permissions.values_list("codename", flat=True))
    assert {"add_officer", "change_neighbourhood"} <= editor
    assert "view_officer" in Group.objects.get(name="初审").permissions.values_list("codename", flat=True)


def arrange_content_changes(old):
    """newsroom 0041: content review's proposals, step approvals (a JSON list) and decisions
    become rows of its trail, with their people, times, steps and opinions."""
    User = old.get_model("auth", "User")
    ContentType = old.get_model("contenttypes", "ContentType")
    ContentChange = old.get_model("newsroom", "ContentChange")
    editor = User.objects.create(username="m-editor")
    first = User.objects.create(username="m-first")
    chief = User.objects.create(username="m-chief")
    kind, _ = ContentType.objects.get_or_create(app_label="communities", model="community")
    at = timezone.now() - timezone.timedelta(days=3)
    step = {"user": first.pk, "step": 1, "at": (at + timezone.timedelta(hours=1)).isoformat(), "opinion": "可以"}
    approved = ContentChange.objects.create(
        content_type=kind,
        object_id=1,
        object_repr="中南社区",
        kind="update",
        status="approved",
        data={},
        created_by=editor,
        created_at=at,
        review_step=2,
        review_total=2,
        approvals=[step],
        decided_by=chief,
        decided_at=at + timezone.timedelta(hours=2),
        opinion="同意",
    )
    waiting = ContentChange.objects.create(
        content_type=kind,
        object_id=2,
        object_repr="新文里社区",
        kind="create",
        data={},
        created_by=editor,
        created_at=at,
        review_step=2,
        review_total=2,
        approvals=[{**step, "user": 999999}],
    )
    return locals()


def check_content_trail(approved, waiting, editor, first, chief, **_):
    from newsroom import content_review
    from newsroom.models import ContentChange, ContentEvent

    rows = [
        (e.action, e.actor_id, e.step, e.opinion, e.to_status)
        for e in ContentEvent.objects.filter(change_id=approved.pk).order_by("created_at", "id")
    ]
    assert rows == [
        ("propose_update", editor.pk, None, "", "pending"),
        ("approve", first.pk, 1, "可以", "pending"),
        ("apply", chief.pk, 2, "同意", "approved"),
    ]
    # the waiting change's first step was decided by someone no longer on the staff: it stays decided
    assert ContentEvent.objects.filter(change_id=waiting.pk, action="approve", actor=None, step=1).exists()
    assert content_review.decided_this_round(ContentChange.objects.get(pk=approved.pk)) == {first.pk}


def arrange_library_images(old):
    """newsroom 0042: every library image already stored gets the SHA-256 of its file (so the same
    photo uploaded again is recognised); one whose file is gone is left without."""
    import hashlib

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from tests.helpers import jpeg_bytes

    ImageAsset = old.get_model("newsroom", "ImageAsset")
    content = jpeg_bytes((40, 30), (10, 120, 200))
    name = default_storage.save("library/2026/12/migrated.jpg", ContentFile(content))
    stored = ImageAsset.objects.create(
        file=name, width=40, height=30, credit_kind="provided", credit_organisation="本网"
    )
    lost = ImageAsset.objects.create(file=name, width=40, height=30, credit_kind="provided", credit_organisation="本网")
    ImageAsset.objects.filter(pk=lost.pk).update(file="library/2020/01/gone.jpg")  # its file since removed
    expected = hashlib.sha256(content).hexdigest()
    return locals()


def check_library_digests(stored, lost, expected, name, **_):
    from django.core.files.storage import default_storage

    from newsroom.models import ImageAsset

    assert ImageAsset.objects.get(pk=stored.pk).sha256 == expected
    assert ImageAsset.objects.get(pk=lost.pk).sha256 == ""
    default_storage.delete(name)


def arrange_staff(old):
    """newsroom 0043: today's staff, who reached the one site there was, become members of the
    default portal; superusers and readers' accounts get none."""
    User = old.get_model("auth", "User")
    Portal = old.get_model("newsroom", "Portal")
    Portal.objects.update(is_default=False)
    default = Portal.objects.create(name="默认网站", hosts="default.example", is_default=True, slug="m-default")
    Portal.objects.create(name="另一个网站", hosts="other.example", slug="m-other")
    desk = User.objects.create(username="m-desk", is_staff=True)
    boss = User.objects.create(username="m-boss", is_staff=True, is_superuser=True)
    reader = User.objects.create(username="m-reader")
    old.get_model("auth", "Group").objects.get_or_create(name="站点管理员")
    first, _ = old.get_model("auth", "Group").objects.get_or_create(name="初审")
    desk.groups.add(first)
    return locals()


def check_memberships(default, desk, boss, reader, **_):
    from newsroom.models import Membership

    assert list(Membership.objects.filter(user_id=desk.pk).values_list("portal_id", flat=True)) == [default.pk]
    assert not Membership.objects.filter(user_id__in=[boss.pk, reader.pk]).exists()
    # newsroom 0044: the roles they held move into that membership (and only there)
    membership = Membership.objects.get(user_id=desk.pk)
    assert list(membership.roles.values_list("name", flat=True)) == ["初审"]
    from django.contrib.auth.models import Group, Permission, User

    moved = User.objects.get(pk=desk.pk)
    Group.objects.get(name="初审").permissions.add(Permission.objects.get(codename="review_first"))
    assert not moved.groups.exists() and moved.has_perm("newsroom.review_first")
    from django.contrib.auth.models import Group

    granted = set(Group.objects.get(name="站点管理员").permissions.values_list("codename", flat=True))
    assert {"add_membership", "change_membership", "view_membership"} <= granted


def arrange_slugs_and_owners(old):
    """newsroom 0045 and 0046: an article carries its column's portal (slugs unique per portal
    from then on); images and people belong to the default portal and stay shared."""
    Portal = old.get_model("newsroom", "Portal")
    default = Portal.objects.get(is_default=True)
    other = Portal.objects.create(name="第三个网站", hosts="third.example", slug="m-third")
    column = old.get_model("newsroom", "Column").objects.create(portal=other, name="要闻", slug="o-news")
    article = old.get_model("newsroom", "Article").objects.create(title="旧稿", slug="old-story", column=column)
    person = old.get_model("newsroom", "Person").objects.create(name="老记者")
    return locals()


def check_slugs_and_owners(default, other, column, article, person, **_):
    from newsroom.models import Article, Column, Person

    moved = Article.objects.get(pk=article.pk)
    assert (moved.portal_id, moved.slug) == (other.pk, "old-story")
    elsewhere = Column.objects.filter(portal=default.pk).first() or Column.objects.create(
        portal_id=default.pk, name="要闻", slug="d-news"
    )
    Article.objects.create(title="同名网址", slug="old-story", column=elsewhere)  # another portal: allowed
    person = Person.objects.get(pk=person.pk)
    assert (person.portal_id, person.shared) == (default.pk, True)


def arrange_themes_units_and_feedback(old):
    """newsroom 0049, communities 0008, feedback 0001–0002: portals keep the look they had (no
    theme), a facility's number keeps its value with no unit word, and the editors' role gets
    the 纠错留言 desk."""
    portal = old.get_model("newsroom", "Portal").objects.create(name="旧样式网站", hosts="t.example", slug="m-theme")
    facility = old.get_model("communities", "Facility").objects.create(name="旧公寓", slug="m-flats", units=55)
    old.get_model("auth", "Group").objects.get_or_create(name="编辑")
    return locals()


def check_themes_units_and_feedback(portal, facility, **_):
    from django.contrib.auth.models import Group

    from communities.models import Facility
    from newsroom.models import Portal

    assert Portal.objects.get(pk=portal.pk).theme == ""
    assert (Facility.objects.get(pk=facility.pk).units, Facility.objects.get(pk=facility.pk).units_label) == (55, "")
    granted = set(Group.objects.get(name="编辑").permissions.values_list("codename", flat=True))
    assert {"view_report", "handle_report", "view_reportevent"} <= granted


def arrange_placements_and_ledger(old):
    """newsroom 0050, exchange, ledger and channels 0001–0002: an existing portal accepts pushes
    (it refused none before), its articles and their trail stay as they were, and the roles get
    the 报送 desk, the 通讯员, the ledger (each person their own rows; the chief all) and the other
    channels (the 公众号 account the site admin's alone, the removal checklist the takedown desk's)."""
    Portal = old.get_model("newsroom", "Portal")
    portal = Portal.objects.create(name="站群前的网站", hosts="x.example", slug="m-before-exchange")
    column = old.get_model("newsroom", "Column").objects.create(portal=portal, name="要闻", slug="m-news")
    article = old.get_model("newsroom", "Article").objects.create(
        title="站群前的稿件", slug="m-before", column=column, portal=portal, body="<p>正文。</p>"
    )
    old.get_model("newsroom", "AuditEntry").objects.create(article=article, action="submit", to_status="in_review")
    for name in ("编辑", "终审签发", "站点管理员", "版权审核"):
        old.get_model("auth", "Group").objects.get_or_create(name=name)
    return locals()


def check_placements_and_ledger(portal, article, **_):
    from django.contrib.auth.models import Group

    from newsroom.models import Article, AuditEntry
    from newsroom.models import Portal as Now

    now = Now.objects.get(pk=portal.pk)
    assert now.push_policy == "open" and not now.push_from.exists()
    assert Article.objects.get(pk=article.pk).title == "站群前的稿件"
    assert AuditEntry.objects.get(article=article.pk).get_action_display() == "提交审核"
    editor = set(Group.objects.get(name="编辑").permissions.values_list("codename", flat=True))
    assert {"add_submission", "handle_manuscript", "view_ledgermonth"} <= editor
    assert not {"decide_submission", "view_all_rows", "add_correspondent"} & editor
    chief = set(Group.objects.get(name="终审签发").permissions.values_list("codename", flat=True))
    assert {"decide_submission", "add_articleplacement", "view_all_rows", "finalise_ledger"} <= chief
    site = set(Group.objects.get(name="站点管理员").permissions.values_list("codename", flat=True))
    assert {"add_correspondent", "add_rate", "change_articleplacement", "change_wechataccount"} <= site
    assert "distribute_article" in editor and "change_wechataccount" not in editor
    desk = set(Group.objects.get(name="版权审核").permissions.values_list("codename", flat=True))
    assert "record_removal" in desk


def arrange_logo_and_banner(old):
    """newsroom 0034: the logo used to replace the site name in the header, so an uploaded one
    becomes the banner; the new settings (breadcrumb, 推荐 heading, sidebar columns) start at
    what every portal showed before."""
    Portal = old.get_model("newsroom", "Portal")
    with_logo = Portal.objects.create(name="有标志的网站", hosts="a.example", logo="portal/header.png")
    plain = Portal.objects.create(name="没有标志的网站", hosts="b.example")
    old.get_model("newsroom", "Column").objects.create(portal=plain, name="要闻", slug="news")
    return locals()


def check_logo_and_banner(with_logo, plain, **_):
    from newsroom.models import Column
    from newsroom.models import Portal as Now

    moved = Now.objects.get(pk=with_logo.pk)
    assert (moved.banner.name, moved.logo.name) == ("portal/header.png", "")
    unchanged = Now.objects.get(pk=plain.pk)
    assert (unchanged.banner.name, unchanged.logo.name) == ("", "")
    assert (unchanged.breadcrumb_label, unchanged.breadcrumb_style, unchanged.recommended_heading) == (
        "当前位置",
        "columns",
        "推荐阅读",
    )
    assert Column.objects.get(portal=plain.pk).in_sidebar is False


def arrange_update_classes_and_slugs(old):
    """newsroom 0035 and 0037: every existing column gets the update class its name suggests
    (the inspection counts it from then on), every portal a unique slug from its short name;
    the inspection's roles are granted on the same database."""
    Portal = old.get_model("newsroom", "Portal")
    Column = old.get_model("newsroom", "Column")
    first = Portal.objects.create(name="玉泉区新闻网", short_name="玉泉区", hosts="a.example")
    second = Portal.objects.create(name="玉泉区融媒", short_name="玉泉区", hosts="b.example")
    news = Column.objects.create(portal=first, name="要闻", slug="news")
    notices = Column.objects.create(portal=first, name="通知公告", slug="notices")
    about = Column.objects.create(portal=second, name="走进玉泉区", slug="about")
    old.get_model("auth", "Group").objects.get_or_create(name="终审签发")
    return locals()


def check_update_classes_and_slugs(first, second, news, notices, about, **_):
    from django.contrib.auth.models import Group

    from newsroom.models import Column as Now
    from newsroom.models import Portal as NowPortal

    classes = dict(Now.objects.filter(pk__in=[news.pk, notices.pk, about.pk]).values_list("slug", "update_class"))
    assert classes == {"news": "news", "notices": "notice", "about": "regular"}
    assert [p.slug for p in NowPortal.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk")] == [
        "yuquanqu",
        "yuquanqu-2",
    ]
    chief = set(Group.objects.get(name="终审签发").permissions.values_list("codename", flat=True))
    assert "view_inspectionrun" in chief and "change_inspectionsettings" not in chief


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the signature column is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_documents_already_indexed_get_their_signature():
    """search 0003: every indexed document gets the signature of its vector's tokens, so the walk
    can rule rows out from the first query after the upgrade."""
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = state_at([(app, "0002_full_width_labels" if app == "search" else name) for app, name in leaves])
    Portal = old.get_model("newsroom", "Portal")
    Document = old.get_model("search", "SearchDocument")
    portal = Portal.objects.create(name="测试网站", short_name="测试", hosts="localhost", is_default=True)
    now = timezone.now()
    document = Document.objects.create(
        kind="article", object_id=1, portal=portal, url="/a/1/", title="邻里节", body="中南社区邻里节", date=now, rank=1
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE search_searchdocument SET vec = %s::tsvector WHERE id = %s",
            ["'邻里':1 '里节':2 '节':3 '中南':14", document.pk],
        )

    call_command("migrate", verbosity=0)

    from newsroom.search import signature

    with connection.cursor() as cursor:
        cursor.execute("SELECT sig::text FROM search_searchdocument WHERE id = %s", [document.pk])
        stored = cursor.fetchone()[0]
    assert int(stored, 2) == int(signature.literal(["邻里", "里节", "节", "中南"])[1:], 16)


@pytest.mark.django_db(transaction=True)
def test_photos_saved_without_their_size_take_it_from_the_library():
    """newsroom 0038: an imported photo (its file stored in place) had no width and height, so
    every load reopened the file to measure it; it takes the size its library image recorded."""
    old = state_at(
        [
            ("newsroom", "0037_portal_slug"),
            ("communities", "0007_full_width_labels"),
            ("takedowns", "0004_measure_kind_full_width_label"),
            ("search", "0003_signature"),
            ("inspection", "0002_roles"),
        ]
    )
    Portal, Column = old.get_model("newsroom", "Portal"), old.get_model("newsroom", "Column")
    Article, Photo = old.get_model("newsroom", "Article"), old.get_model("newsroom", "Photo")
    ImageAsset = old.get_model("newsroom", "ImageAsset")
    portal = Portal.objects.create(name="玉泉区新闻网", short_name="玉泉区", hosts="a.example", slug="yq")
    article = Article.objects.create(
        column=Column.objects.create(portal=portal, name="要闻", slug="news"), title="稿件"
    )
    asset = ImageAsset.objects.create(file="library/2026/12/a.jpg", width=1200, height=800)
    imported = Photo.objects.create(article=article, image="library/2026/12/a.jpg", asset=asset, width=1, height=1)
    Photo.objects.filter(pk=imported.pk).update(width=None, height=None)  # as the importer left it
    measured = Photo.objects.create(article=article, image="library/2026/12/a.jpg", asset=asset, width=600, height=400)

    call_command("migrate", verbosity=0)

    from newsroom.models import Photo as Now

    sizes = dict(Now.objects.filter(article=article.pk).values_list("pk", "width"))
    assert sizes == {imported.pk: 1200, measured.pk: 600}
    assert Now.objects.get(pk=imported.pk).height == 800


@pytest.mark.django_db(transaction=True)
def test_the_two_trails_take_names_that_say_whose_they_are():
    """takedowns 0005 / comments 0003: ``Event`` becomes ``TakedownEvent`` and ``CommentEvent``;
    the tables and their rows stay, and the groups that could read a trail still can."""
    old = state_at([("comments", "0002_roles"), ("takedowns", "0004_measure_kind_full_width_label")])
    Permission, Group = old.get_model("auth", "Permission"), old.get_model("auth", "Group")
    readers = Group.objects.create(name="旧评论记录查看")
    readers.permissions.set(Permission.objects.filter(content_type__app_label="comments", codename="view_event"))
    assert readers.permissions.count() == 1
    Portal = old.get_model("newsroom", "Portal")
    portal = Portal.objects.create(name="测试网站", short_name="测试", hosts="localhost", slug="test", is_default=True)
    old.get_model("comments", "Event").objects.create(action="close", opinion="旧记录")
    Request = old.get_model("takedowns", "TakedownRequest")
    notice = old_notice(Request, portal, "TD20261206-000003", notifier_name="丙")
    old.get_model("takedowns", "Event").objects.create(request=notice, action="note", reason="旧备注")

    call_command("migrate", verbosity=0)

    from django.contrib.auth.models import User

    from newsroom.comments.models import CommentEvent
    from newsroom.takedowns.models import TakedownEvent

    assert CommentEvent.objects.get().opinion == "旧记录"
    assert TakedownEvent.objects.get(request_id=notice.pk).reason == "旧备注"
    member = User.objects.create_user("trail-reader", is_staff=True)
    from django.contrib.auth.models import Group as GroupNow

    from newsroom.models import Membership

    Membership.objects.give(member, None, GroupNow.objects.get(pk=readers.pk))
    assert member.has_perm("comments.view_commentevent")
