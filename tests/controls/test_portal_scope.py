"""站群: a district's staff reach their portal's rows and no other's — in every admin list, on
another portal's change, history and workflow pages (not found), in the autocompletes, and in a
hand-made POST naming another portal's column (refused). The demo's portal is 玉泉区; a second
portal, 青山区, gets its own column, article and staff."""

import json

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, reverse
from django.utils.timezone import get_default_timezone as default_timezone

from newsroom.models import Article, Column, Membership, Portal, Topic
from tests.controls.conftest import THEIRS, client_of, demo_sentinels
from tests.helpers import admin_form_data, new_draft, user_in

pytestmark = pytest.mark.django_db


def test_every_admin_list_of_a_district_shows_only_its_own_rows(qingshan):
    foreign = demo_sentinels()
    assert foreign
    for role in ("editor", "siteadmin"):
        user = qingshan["staff"][role]
        client = client_of(user)
        walked = 0
        for model, model_admin in admin.site._registry.items():
            opts = model._meta
            if not model_admin.has_view_permission(type("R", (), {"user": user})()):
                continue
            try:
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            except NoReverseMatch:
                continue
            page = client.get(url)
            assert page.status_code == 200, (role, url)
            text = page.content.decode()
            leaked = [s for s in foreign if s in text]
            assert not leaked, (role, url, leaked)
            walked += 1
        assert walked >= 10, role
        assert THEIRS in client.get("/admin/newsroom/article/").content.decode()


def test_another_portals_article_is_not_found_on_any_of_its_pages(qingshan, roles):
    theirs = Article.objects.filter(column__portal=Portal.objects.default()).first()
    client = client_of(qingshan["staff"]["chief"])
    base = f"/admin/newsroom/article/{theirs.pk}"
    assert client.get(f"{base}/change/").status_code == 404
    for path in ("/revisions/", "/preview/", "/history/"):
        assert client.get(base + path).status_code in (302, 404), path
    response = client.post(f"{base}/workflow/", {"action": "withdraw", "opinion": "越权"})
    assert response.status_code == 404
    assert Article.objects.get(pk=theirs.pk).status == theirs.status
    # and the other way round: the demo's editor (no membership: the default portal) never sees 青山区
    demo_editor = client_of(roles["editor"])
    assert THEIRS not in demo_editor.get("/admin/newsroom/article/").content.decode()
    assert demo_editor.get(f"/admin/newsroom/article/{qingshan['article'].pk}/change/").status_code == 404


def test_choices_and_autocompletes_offer_only_the_portals_own_rows(qingshan):
    client = client_of(qingshan["staff"]["editor"])
    found = client.get(
        "/admin/autocomplete/", {"app_label": "newsroom", "model_name": "article", "field_name": "column", "term": ""}
    )
    names = [row["text"] for row in json.loads(found.content)["results"]]
    assert names and all("青山要闻" in name for name in names)
    topics = client.get(
        "/admin/autocomplete/", {"app_label": "newsroom", "model_name": "article", "field_name": "topics", "term": ""}
    )
    assert [row["text"] for row in json.loads(topics.content)["results"]] == ["青山区专题"]


def test_a_hand_made_post_with_another_portals_column_is_refused(qingshan):
    client = client_of(qingshan["staff"]["editor"])
    data = admin_form_data(client.get("/admin/newsroom/article/add/"))
    demo_column = Column.objects.filter(portal=Portal.objects.default()).first()
    data.update({"title": "想发到别的网站", "body": "<p>正文。</p>", "column": str(demo_column.pk), "_continue": "1"})
    response = client.post("/admin/newsroom/article/add/", data)
    assert response.status_code == 200 and "column" in response.context["adminform"].form.errors
    assert not Article.objects.filter(title="想发到别的网站").exists()


def test_a_districts_site_admin_manages_its_own_staff_and_grants_only_its_portal(qingshan, roles):
    from django.contrib.auth.models import User

    client = client_of(qingshan["staff"]["siteadmin"])
    listed = client.get("/admin/auth/user/").content.decode()
    assert "qs-editor" in listed and "test-editor" not in listed
    demo_editor = roles["editor"]
    assert client.get(f"/admin/auth/user/{demo_editor.pk}/change/").status_code in (302, 404)

    their = qingshan["staff"]["editor"]
    url = f"/admin/auth/user/{their.pk}/change/"
    data = admin_form_data(client.get(url))
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS") and "membership" in k).removesuffix("-TOTAL_FORMS")
    n = int(data[f"{prefix}-TOTAL_FORMS"])
    for portal, refused in ((Portal.objects.default().pk, "选择一个有效的选项"), ("", "所有网站")):
        sent = {**data, f"{prefix}-TOTAL_FORMS": str(n + 1), f"{prefix}-{n}-portal": str(portal), "_continue": "1"}
        page = client.post(url, sent).content.decode()
        assert refused in page, portal
    assert list(User.objects.get(pk=their.pk).memberships.values_list("portal_id", flat=True)) == [
        qingshan["portal"].pk
    ]
    # the demo's site admin (the default portal) does not see 青山区's staff either
    assert "qs-editor" not in client_of(roles["siteadmin"]).get("/admin/auth/user/").content.decode()


def test_the_desk_and_the_review_list_show_only_the_portals_own_work(qingshan, roles):
    """The admin's home page (drafts, awaiting review, changes to review, takedowns, comments)
    and 内容审核 list nothing of another portal; shared content (a community) stays for all."""
    from newsroom import content_review, workflow
    from newsroom.models import ContentChange

    workflow.submit(Article.objects.get(pk=qingshan["article"].pk), qingshan["staff"]["editor"])
    demo_topic = Topic.objects.filter(portal=Portal.objects.default()).first()
    demo_topic.description = "玉泉区专题的新简介"
    content_review.propose(demo_topic, roles["editor"], "update", content_review.snapshot(demo_topic))
    ours = Topic.objects.get(slug="qs-topic")
    ours.description = "青山区专题的新简介"
    content_review.propose(ours, qingshan["staff"]["editor"], "update", content_review.snapshot(ours))

    desk = client_of(qingshan["staff"]["siteadmin"]).get("/admin/").content.decode()
    assert THEIRS in desk and "青山区专题" in desk  # awaiting 初审; the topic's change
    assert demo_topic.title not in desk
    chief = client_of(qingshan["staff"]["chief"])
    listed = chief.get("/admin/newsroom/contentchange/").content.decode()
    assert "青山区专题" in listed and demo_topic.title not in listed
    community_change = ContentChange.objects.get(status="pending", content_type__model="community")
    assert community_change.object_repr in listed  # the demo's change to a community: shared geography
    demo_change = ContentChange.objects.get(status="pending", object_id=demo_topic.pk, content_type__model="topic")
    assert chief.get(f"/admin/newsroom/contentchange/{demo_change.pk}/change/").status_code in (302, 404)
    demo_chief = client_of(roles["chief"])
    assert THEIRS not in demo_chief.get("/admin/").content.decode()


# --- roles are held per portal ----------------------------------------------------------------


def test_a_role_counts_only_in_the_portal_it_is_held_in(qingshan, roles):
    """One person: 初审 in 青山区, editor in the demo's 玉泉区. They decide 青山区's first step,
    never 玉泉区's; their desk lists only 青山区's work to review."""
    from newsroom import workflow
    from newsroom.models import Notification

    both = user_in("编辑", "two-hats")
    Membership.objects.give(both, qingshan["portal"], "初审")
    ours = Article.objects.get(pk=qingshan["article"].pk)
    workflow.submit(ours, qingshan["staff"]["editor"])
    demo_draft = new_draft(roles["editor"], title="玉泉区等待初审的稿件")
    workflow.submit(demo_draft, roles["editor"])

    assert "approve" in workflow.ACTIONS.allowed(Article.objects.get(pk=ours.pk), both)
    assert "approve" not in workflow.ACTIONS.allowed(Article.objects.get(pk=demo_draft.pk), both)
    with pytest.raises(PermissionDenied):
        workflow.approve(Article.objects.get(pk=demo_draft.pk), both)
    awaiting = list(Article.objects.awaiting(both).values_list("title", flat=True))
    assert THEIRS in awaiting and "玉泉区等待初审的稿件" not in awaiting
    # the notice of a 玉泉区 article waiting for 初审 goes to 玉泉区's 初审 only
    told = set(Notification.objects.filter(article=demo_draft).values_list("recipient__username", flat=True))
    assert "test-first" in told and "two-hats" not in told
    told = set(Notification.objects.filter(article=ours).values_list("recipient__username", flat=True))
    assert "two-hats" in told and "test-first" not in told
    # and the admin page of the 玉泉区 article offers them no decision
    page = client_of(both).get(f"/admin/newsroom/article/{demo_draft.pk}/change/")
    assert page.status_code == 200 and 'value="approve"' not in page.content.decode()


def test_four_eyes_hold_across_portals(qingshan):
    """A 青山区 editor who is also its 终审 never signs off their own article, whichever
    portal the role came from (city staff hold roles in every portal)."""
    from newsroom import workflow

    writer = qingshan["staff"]["editor"]
    Membership.objects.give(writer, None, "初审", "终审签发")
    article = Article.objects.get(pk=qingshan["article"].pk)
    workflow.submit(article, writer)
    with pytest.raises(PermissionDenied, match="作者本人"):
        workflow.approve(Article.objects.get(pk=article.pk), writer)


def test_a_moderator_acts_only_on_their_portals_notices_and_comments(qingshan, roles):
    from newsroom.takedowns import actions as desk
    from newsroom.takedowns.models import TakedownRequest

    theirs = qingshan["staff"]["chief"]
    Membership.objects.give(theirs, qingshan["portal"], "版权审核")
    notice = TakedownRequest.objects.filter(portal=Portal.objects.default()).first()
    assert notice is not None
    assert desk.DESK.allowed(notice, theirs) == set()
    assert desk.DESK.allowed(notice, roles["moderator"])
    client = client_of(theirs)
    assert client.get(f"/admin/takedowns/takedownrequest/{notice.pk}/change/").status_code in (302, 404)


def test_a_site_admin_cannot_grant_a_role_in_a_portal_where_they_lack_it(qingshan):
    """青山区's site admin is also a plain editor in 玉泉区: there they cannot make anybody a
    reviewer, even by a hand-made POST."""
    from django.contrib.auth.models import Group, User

    admin_user = qingshan["staff"]["siteadmin"]
    default = Portal.objects.default()
    Membership.objects.give(admin_user, default, "编辑")
    staff = user_in("编辑", "new-in-both", portal=qingshan["portal"])
    client = client_of(admin_user)
    url = f"/admin/auth/user/{staff.pk}/change/"
    data = admin_form_data(client.get(url))
    data.pop("date_joined", None)
    joined = staff.date_joined.astimezone(default_timezone())
    data.update(date_joined_0=joined.strftime("%Y-%m-%d"), date_joined_1=joined.strftime("%H:%M:%S"))
    first = str(Group.objects.get(name="初审").pk)
    n = int(data["memberships-TOTAL_FORMS"])
    sent = {**data, "memberships-TOTAL_FORMS": str(n + 1), f"memberships-{n}-portal": str(default.pk)}
    sent[f"memberships-{n}-roles"] = [first]
    page = client.post(url, sent)
    assert page.status_code == 200 and "不能授予" in page.content.decode()
    assert not User.objects.get(pk=staff.pk).memberships.filter(portal=default).exists()
    # in 青山区, where they hold every role's rights, the same grant goes through
    sent = {**data, "memberships-0-roles": [first]}
    assert client.post(url, sent).status_code == 302
    assert set(staff.memberships.get(portal=qingshan["portal"]).roles.values_list("name", flat=True)) == {"初审"}


# --- owned records: images and people ---------------------------------------------------------


def test_images_and_people_are_private_to_their_portal_unless_shared(qingshan):
    from newsroom.models import ImageAsset, Person
    from tests.controls.conftest import PRIVATE_PERSON

    default = Portal.objects.default()
    client = client_of(qingshan["staff"]["editor"])
    private = Person.objects.get(name=PRIVATE_PERSON)
    search = {"app_label": "newsroom", "model_name": "credit", "field_name": "person", "term": "玉泉区"}
    found = json.loads(client.get("/admin/autocomplete/", search).content)["results"]
    assert found is not None and not any(PRIVATE_PERSON in row["text"] for row in found)
    assert client.get(f"/admin/newsroom/person/{private.pk}/change/").status_code in (302, 404)
    image = ImageAsset.objects.filter(portal=default, shared=False).exclude(credit_person=None).first()
    assert client.get(f"/admin/newsroom/imageasset/{image.pk}/change/").status_code in (302, 404)
    # shared: 青山区 finds and views it, and the credit travels with it; only 玉泉区 changes it
    ImageAsset.objects.filter(pk=image.pk).update(shared=True)
    assert client.get(f"/admin/newsroom/imageasset/{image.pk}/change/").status_code == 200
    people = client.get("/admin/autocomplete/", {**search, "term": image.credit_person.name}).content
    assert image.credit_person.name in [row["text"] for row in json.loads(people)["results"]]
    data = admin_form_data(client.get(f"/admin/newsroom/imageasset/{image.pk}/change/"))
    data["caption"] = "青山区改写的说明"
    assert client.post(f"/admin/newsroom/imageasset/{image.pk}/change/", data).status_code == 403
    assert ImageAsset.objects.get(pk=image.pk).caption != "青山区改写的说明"


def test_a_hand_made_byline_naming_another_portals_private_person_is_refused(qingshan):
    from newsroom.models import Credit, Person
    from tests.controls.conftest import PRIVATE_PERSON

    client = client_of(qingshan["staff"]["editor"])
    article = qingshan["article"]
    url = f"/admin/newsroom/article/{article.pk}/change/"
    data = admin_form_data(client.get(url))
    n = int(data["credits-TOTAL_FORMS"])
    data.update(
        {
            "credits-TOTAL_FORMS": str(n + 1),
            f"credits-{n}-person": str(Person.objects.get(name=PRIVATE_PERSON).pk),
            f"credits-{n}-order": str(n + 1),
            "_continue": "1",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert not Credit.objects.filter(article=article, person__name=PRIVATE_PERSON).exists()


def test_a_districts_upload_belongs_to_its_portal(qingshan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from newsroom.models import ImageAsset
    from tests.helpers import jpeg_bytes

    client = client_of(qingshan["staff"]["editor"])
    photo = SimpleUploadedFile("qs.jpg", jpeg_bytes((60, 40), (1, 2, 3)), "image/jpeg")
    answer = client.post(
        "/admin/newsroom/imageasset/upload/",
        {"file": photo, "credit_kind": "provided", "credit_organisation": "青山区"},
    )
    assert answer.status_code == 200, answer.content
    asset = ImageAsset.objects.order_by("-pk").first()
    assert (asset.portal_id, asset.shared) == (qingshan["portal"].pk, False)
    # and another portal's id, sent by hand, is refused
    photo = SimpleUploadedFile("qs2.jpg", jpeg_bytes((60, 40), (3, 2, 1)), "image/jpeg")
    sent = {
        "file": photo,
        "credit_kind": "provided",
        "credit_organisation": "青山区",
        "portal": Portal.objects.default().pk,
    }
    assert client.post("/admin/newsroom/imageasset/upload/", sent).status_code == 400
