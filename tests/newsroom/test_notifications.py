"""Notifications: the next reviewer hears an article waits, the author hears it came back or went
live, in the admin (badge and list) and by e-mail; nobody reads another's."""

import pytest

from newsroom import notifications, workflow
from newsroom.models import Notification
from tests.helpers import new_draft

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home_geography")]


def test_each_step_tells_whoever_acts_next(demo, roles, mailoutbox, django_capture_on_commit_callbacks, settings):
    # The worker's part, done at once (development and production run it with db_worker).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    roles["first"].email = "first@example.com"
    roles["first"].save()
    article = new_draft(roles["editor"], title="送审通知测试")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(article, roles["editor"])
    waiting = Notification.objects.get(recipient=roles["first"])
    assert waiting.kind == "review" and "等待您初审" in waiting.text
    assert not Notification.objects.filter(recipient=roles["editor"]).exists()  # authors never review
    assert [m.to for m in mailoutbox] == [["first@example.com"]] and "送审通知测试" in mailoutbox[0].body

    workflow.reject(article, roles["first"], "标题太长")
    returned = Notification.objects.get(recipient=roles["editor"])
    assert returned.kind == "returned" and "标题太长" in returned.text

    workflow.submit(article, roles["editor"])
    for role in ("first", "second"):
        workflow.approve(article, roles[role])
    assert Notification.objects.filter(recipient=roles["chief"], kind="review").exists()
    workflow.approve(article, roles["chief"])
    workflow.publish(article, roles["siteadmin"])
    assert Notification.objects.filter(recipient=roles["editor"], kind="published").exists()


def test_the_badge_counts_and_opening_one_reads_it(client, demo, roles):
    article = new_draft(roles["editor"])
    workflow.submit(article, roles["editor"])
    client.force_login(roles["first"])
    header = client.get("/admin/").content.decode()
    assert '通知<span class="linli-badge">1</span>' in header
    notification = Notification.objects.get(recipient=roles["first"])
    response = client.get(f"/admin/newsroom/notification/{notification.pk}/change/")
    assert response.status_code == 302 and response["Location"].endswith(f"/article/{article.pk}/change/")
    assert Notification.objects.get(pk=notification.pk).read_at is not None
    client.force_login(roles["second"])  # another's notification: not there
    page = client.get("/admin/newsroom/notification/").content.decode()
    assert notification.text not in page


def test_each_row_opens_its_object_and_one_button_reads_them_all(client, demo, roles):
    for title in ("第一篇待审", "第二篇待审"):
        workflow.submit(new_draft(roles["editor"], title=title), roles["editor"])
    mine = Notification.objects.filter(recipient=roles["first"])
    client.force_login(roles["first"])
    page = client.get("/admin/newsroom/notification/").content.decode()
    for notification in mine:
        assert f'href="/admin/newsroom/notification/{notification.pk}/change/' in page  # the text is the link
    assert "全部标为已读" in page
    other = Notification.objects.create(recipient=roles["second"], kind="review", text="别人的通知")
    response = client.post("/admin/newsroom/notification/read-all/", follow=True)
    assert "已将 2 条通知标为已读" in response.content.decode()
    assert not mine.unread().exists() and Notification.objects.get(pk=other.pk).read_at is None
    assert '通知<span class="linli-badge">' not in client.get("/admin/").content.decode()
    header_link = client.get("/admin/newsroom/notification/?read=no")  # the header's 通知 link
    assert header_link.status_code == 200 and "《第一篇待审》" not in header_link.content.decode()


def test_mail_is_sent_once_and_skips_people_without_an_address(demo, roles, mailoutbox):
    article = new_draft(roles["editor"])
    workflow.submit(article, roles["editor"])
    ids = list(Notification.objects.values_list("pk", flat=True))
    assert notifications.send_notification_mail.call(ids) == 0  # the test accounts have no e-mail
    roles["first"].email = "first@example.com"
    roles["first"].save()
    assert notifications.send_notification_mail.call(ids) == 1
    assert notifications.send_notification_mail.call(ids) == 0 and len(mailoutbox) == 1


def test_content_changes_reach_the_same_desk(client, demo, roles):
    """A change to a community waits for whoever decides it, and its author hears the decision."""
    from communities.models import Community
    from newsroom import content_review

    community = Community.objects.get(slug="zhongnan")
    community.name = community.name + "（改）"
    change = content_review.propose(community, roles["editor"], "update", content_review.snapshot(community))
    waiting = Notification.objects.get(recipient=roles["chief"])
    assert waiting.kind == "change_review" and "社区" in waiting.text and "等待您终审" in waiting.text
    client.force_login(roles["chief"])
    opened = client.get(f"/admin/newsroom/notification/{waiting.pk}/change/")
    assert opened["Location"] == f"/admin/newsroom/contentchange/{change.pk}/change/"
    # A second save of the same pending change does not notify again.
    content_review.propose(community, roles["editor"], "update", content_review.snapshot(community))
    assert Notification.objects.filter(recipient=roles["chief"]).count() == 1
    content_review.reject(change, roles["chief"], "名称不对")
    returned = Notification.objects.get(recipient=roles["editor"])
    assert returned.kind == "change_decided" and "名称不对" in returned.text


def test_a_scheduled_publish_that_fails_its_checks_is_held(demo, roles, django_capture_on_commit_callbacks, settings):
    """A word added to the 错敏词 list after scheduling stops the go-live: the article is back at
    已签发 and invisible, the audit says why, and the chief and the author are told."""
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from newsroom.models import Article, AuditEntry, Portal, SensitiveWord

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    article = new_draft(roles["editor"], title="定时发布的邻里节报道")
    workflow.submit(article, roles["editor"])
    for role in ("first", "second", "chief"):
        workflow.approve(article, roles[role])
    at = timezone.now() + timedelta(hours=2)
    workflow.publish(article, roles["siteadmin"], at=at)
    call_command("publish_scheduled")  # passes its checks: stays scheduled
    assert Article.objects.get(pk=article.pk).is_live

    with django_capture_on_commit_callbacks(execute=True):
        SensitiveWord.objects.create(
            portal=Portal.objects.default(), word="邻里节", severity="block", suggestion="邻里文化节"
        )
    held = Article.objects.get(pk=article.pk)
    assert held.status == Article.Status.APPROVED and not held.is_live and held.first_published_at is None
    entry = AuditEntry.objects.get(article=held, action="schedule_held")
    assert "邻里节" in entry.opinion and entry.get_action_display() == "定时发布暂停"
    for person in (roles["chief"], roles["editor"]):
        assert Notification.objects.filter(recipient=person, kind="schedule_held", article=held).exists()
    assert roles["chief"].has_perm("newsroom.review_final")  # the chief can return it from 已签发
    workflow.reject(held, roles["chief"], "请改用“邻里文化节”")


def test_e_mail_each_a_daily_digest_or_none(client, demo, roles, mailoutbox):
    from newsroom.models import NotificationSettings

    for role in ("first", "second"):
        roles[role].email = f"{role}@example.com"
        roles[role].save()
    client.force_login(roles["first"])
    page = client.get("/admin/newsroom/notification/settings/")
    assert "每天一封汇总邮件" in page.content.decode()
    client.post("/admin/newsroom/notification/settings/", {"email": "daily"})
    assert NotificationSettings.objects.get(user=roles["first"]).email == "daily"
    NotificationSettings.objects.create(user=roles["second"], email="none")

    for title in ("第一篇待审", "第二篇待审"):
        workflow.submit(new_draft(roles["editor"], title=title), roles["editor"])
    ids = list(Notification.objects.values_list("pk", flat=True))
    assert notifications.send_notification_mail.call(ids) == 0 and mailoutbox == []  # nobody wants each one
    assert notifications.send_daily_digests.call() == 1
    [digest] = mailoutbox
    assert digest.to == ["first@example.com"] and "每日通知汇总" in digest.subject
    assert "第一篇待审" in digest.body and "第二篇待审" in digest.body and "http" in digest.body
    assert notifications.send_daily_digests.call() == 0  # each notification once
