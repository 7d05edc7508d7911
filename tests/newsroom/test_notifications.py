"""Notifications: the next reviewer hears an article waits, the author hears it came back or went
live, in the admin (badge and list) and by e-mail; nobody reads another's."""

import pytest

from newsroom import notifications, workflow
from newsroom.models import Notification
from tests.conftest import new_draft

pytestmark = pytest.mark.django_db


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


def test_mail_is_sent_once_and_skips_people_without_an_address(demo, roles, mailoutbox):
    article = new_draft(roles["editor"])
    workflow.submit(article, roles["editor"])
    ids = list(Notification.objects.values_list("pk", flat=True))
    assert notifications.send_notification_mail.call(ids) == 0  # the test accounts have no e-mail
    roles["first"].email = "first@example.com"
    roles["first"].save()
    assert notifications.send_notification_mail.call(ids) == 1
    assert notifications.send_notification_mail.call(ids) == 0 and len(mailoutbox) == 1
