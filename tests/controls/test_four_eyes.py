"""三审 separates people: no author approves or publishes their own work, nobody decides two
steps of one round; a portal may relax it only by a setting that the admin shows everywhere."""

import pytest
from django.core.exceptions import PermissionDenied

from newsroom import workflow
from newsroom.models import Article, Membership, Portal
from tests.helpers import new_draft, user_in

pytestmark = pytest.mark.django_db


def reload(article):
    return Article.objects.get(pk=article.pk)


def test_the_chief_cannot_sign_off_or_publish_what_the_chief_wrote(demo, roles):
    article = new_draft(roles["chief"])
    workflow.submit(article, roles["chief"])
    workflow.approve(reload(article), roles["first"])
    workflow.approve(reload(article), roles["second"])
    with pytest.raises(PermissionDenied, match="作者本人"):
        workflow.approve(reload(article), roles["chief"])
    other_chief = user_in("终审签发", "other-chief")
    workflow.approve(reload(article), other_chief)
    with pytest.raises(PermissionDenied, match="作者本人"):
        workflow.publish(reload(article), roles["chief"])
    workflow.publish(reload(article), other_chief)
    assert reload(article).is_public


def test_one_person_never_decides_two_steps_of_one_round(demo, roles):
    both = user_in("初审", "both-steps")
    Membership.objects.give(both, Portal.objects.default(), "复审")
    article = new_draft(roles["editor"])
    workflow.submit(article, roles["editor"])
    workflow.approve(reload(article), both)
    with pytest.raises(PermissionDenied, match="不同的人"):
        workflow.approve(reload(article), both)
    workflow.approve(reload(article), roles["second"])
    assert reload(article).review_step == 3


def test_a_superuser_alone_cannot_do_all_three_steps(demo, superuser):
    article = new_draft(superuser)
    workflow.submit(article, superuser)
    with pytest.raises(PermissionDenied):
        workflow.approve(reload(article), superuser)


def test_editing_someone_elses_draft_makes_you_one_of_its_authors(demo, roles):
    from newsroom import revisions

    article = new_draft(roles["editor"])
    revisions.record(article, roles["first"])  # the reviewer saved a change to the text
    workflow.submit(article, roles["editor"])
    with pytest.raises(PermissionDenied, match="作者本人"):
        workflow.approve(reload(article), roles["first"])


def test_a_one_step_portal_still_needs_someone_else(demo, roles):
    Portal.objects.update(review_steps=1)
    article = new_draft(roles["siteadmin"])
    workflow.submit(article, roles["siteadmin"])
    with pytest.raises(PermissionDenied):
        workflow.approve(reload(article), roles["siteadmin"])
    workflow.approve(reload(article), roles["chief"])
    workflow.publish(reload(article), roles["chief"])


def test_relaxing_it_is_a_setting_that_every_admin_page_shows(client, demo, roles, superuser):
    from tests.helpers import admin_form_data

    portal = Portal.objects.default()
    client.force_login(superuser)
    data = admin_form_data(client.get(f"/admin/newsroom/portal/{portal.pk}/change/"))
    data["allow_self_review"] = "on"
    assert client.post(f"/admin/newsroom/portal/{portal.pk}/change/", data).status_code == 302
    from django.contrib.admin.models import LogEntry

    assert "允许作者本人审核" in LogEntry.objects.latest("action_time").get_change_message()
    client.force_login(roles["editor"])
    assert "已开启“允许作者本人审核”" in client.get("/admin/").content.decode()
    Portal.objects.update(review_steps=1)
    article = new_draft(roles["chief"])
    workflow.submit(article, roles["chief"])
    workflow.approve(reload(article), roles["chief"])
    workflow.publish(reload(article), roles["chief"])
    assert reload(article).is_public


def test_adding_a_photo_from_the_photo_page_makes_you_an_author(client, demo, roles):
    """siteadmin adds a captioned photo to an editor's draft at /admin/newsroom/photo/add/, then
    may not sign the article off: the photo page writes a revision under its name."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.helpers import admin_form_data, jpeg_bytes

    article = new_draft(roles["editor"])
    client.force_login(roles["siteadmin"])
    data = admin_form_data(client.get("/admin/newsroom/photo/add/"))
    data.update(
        {
            "image": SimpleUploadedFile("加图.jpg", jpeg_bytes(), "image/jpeg"),
            "caption": "站点管理员加的图片",
            "alt_text": "图片",
            "credit_kind": "source",
            "credit_organisation": "玉泉区融媒体中心",
            "article": str(article.pk),
            "order": "5",
        }
    )
    response = client.post("/admin/newsroom/photo/add/", data)
    assert response.status_code == 302
    assert article.photos.filter(caption="站点管理员加的图片").exists()
    assert roles["siteadmin"].pk in workflow.authors(reload(article))
    workflow.submit(reload(article), roles["editor"])
    for step in ("first", "second"):
        workflow.approve(reload(article), roles[step])
    if roles["siteadmin"].has_perm("newsroom.review_final"):
        with pytest.raises(PermissionDenied, match="作者本人"):
            workflow.approve(reload(article), roles["siteadmin"])
