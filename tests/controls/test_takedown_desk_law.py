"""The takedown desk as 《信息网络传播权保护条例》 Art. 14–17 and 《民法典》 Art. 1195–1196 read:
forwarding on receipt, the counter-notice really reaching the rights holder, the waiting period
from that delivery, proof that stops a restore, repeat notices, evidence and personal data."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail as outbox
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from newsroom.models import Portal
from newsroom.takedowns import actions
from newsroom.takedowns.mail import send_waiting
from newsroom.takedowns.models import Evidence, OutboundMail, TakedownEvent, TakedownRequest
from tests.helpers import admin_login, user_in
from tests.takedowns.helpers import PDF, evidence, file_notice, notice_data
from tests.takedowns.test_desk import URL, accepted, counter

pytestmark = pytest.mark.django_db
S = TakedownRequest.Status


@pytest.fixture
def moderator(db):
    return user_in("版权审核", "test-moderator")


class BrokenSMTP:
    """An EMAIL_BACKEND whose server is unreachable."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP 127.0.0.1:25 refused")


@pytest.mark.parametrize("name", ["著作权证书.hta", "授权.bat", "证据.pdf.exe", "证据.png"])
def test_evidence_must_be_what_its_name_says(client, demo, name):
    before = TakedownRequest.objects.count()
    response = client.post("/takedown/new/", notice_data(evidence=evidence(name, PDF)))
    assert response.status_code == 400
    assert "文件内容和扩展名" in response.content.decode()
    assert TakedownRequest.objects.count() == before


def test_evidence_is_stored_under_a_generated_name_and_downloaded_safely_and_audited(client, demo, moderator):
    notice = file_notice(client)
    stored = notice.evidence.get()
    assert "证据" not in stored.file.name and stored.file.name.endswith(".pdf")
    desk = Client()
    desk.force_login(moderator)
    response = desk.get(f"/admin/takedowns/takedownrequest/{notice.pk}/evidence/{stored.pk}/")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment") and f"{notice.reference}" in disposition and ".pdf" in disposition
    assert TakedownEvent.objects.filter(request=notice, action="evidence_download", actor=moderator).exists()


def test_a_mail_failure_never_costs_the_notifier_the_receipt(
    client, demo, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.controls.test_takedown_desk_law.BrokenSMTP"
    Portal.objects.update(name="呼和浩特市玉泉区\n融媒体中心")  # a line break would be a header injection
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/takedown/new/", notice_data())
    assert response.status_code == 302  # to the tracking page, with the reference on it
    notice = TakedownRequest.objects.latest("received_at")
    page = client.get(response["Location"]).content.decode()
    assert notice.reference in page
    waiting = OutboundMail.objects.get(request=notice, kind="acknowledgement")
    assert waiting.sent_at is None and "refused" in waiting.last_error and "\n" not in waiting.subject
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_takedown_mail", stdout=StringIO())
    waiting.refresh_from_db()
    assert waiting.sent_at is not None
    assert [m.subject for m in outbox.outbox if m.to == [notice.email]] == [waiting.subject]


def test_the_notifier_hears_of_every_step_by_mail(client, demo, moderator):
    notice = accepted(client, moderator)
    actions.apply_measure(notice, moderator, "withdraw_article", notice.targets.get())
    send_waiting()
    subjects = [m.subject for m in outbox.outbox if m.to == [notice.email]]
    assert any("已收到您的通知" in s for s in subjects)
    for step in ("开始审查", "受理", "采取措施"):
        assert any(step in s for s in subjects), (step, subjects)


def test_forwarding_to_the_author_happens_on_receipt_and_is_really_sent(client, demo, moderator):
    notice = file_notice(client)
    # Who provided it is on record from the start: the article is a reprint from 人民网内蒙古频道.
    assert notice.author_kind == "reprint" and notice.author_name
    actions.forward(notice, moderator, "转送本网记者", email="reporter@example.com")
    send_waiting()
    letter = next(m for m in outbox.outbox if m.to == ["reporter@example.com"])
    notice.refresh_from_db()
    assert notice.reference in letter.body and f"/takedown/counter/{notice.counter_token}/" in letter.body
    assert notice.id_number not in letter.body
    assert notice.forwarded_at is not None  # the time it was delivered
    assert OutboundMail.objects.get(kind="forward_to_author").sent_at == notice.forwarded_at


def test_an_unreachable_author_gets_a_public_announcement_without_personal_data(client, demo, moderator):
    notice = file_notice(client)
    actions.forward(notice, moderator, announce=True)
    notice.refresh_from_db()
    page = client.get(f"/takedown/announcements/{notice.reference}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert notice.reference in html and "反通知" in html
    for private in (notice.notifier_name, notice.email, notice.phone, notice.id_number):
        assert private not in html
    assert client.get("/takedown/announcements/TD00000000-000000/").status_code == 404


def test_the_counter_notice_reaches_the_notifier_and_the_period_counts_from_delivery(client, demo, moderator):
    Portal.objects.update(restore_policy="after_days", restore_after_days=15)
    notice = accepted(client, moderator)
    actions.apply_measure(notice, moderator, "withdraw_article", notice.targets.get())
    actions.forward(notice, moderator, announce=True)
    actions.receive_counter_notice(notice, counter(notice), [evidence("拍摄原图.pdf")])
    actions.review_counter_notice(notice, moderator, True, "初步证据成立")
    notice.refresh_from_db()
    assert notice.restore_due_at is None and notice.counter_forwarded_at is None
    assert not TakedownEvent.objects.filter(request=notice, reason__contains="已将反通知转送").exists()
    with time_machine.travel(timezone.now() + timedelta(hours=3)):  # the mail server was down for 3 h
        send_waiting()
    notice.refresh_from_db()
    forwarded = next(m for m in outbox.outbox if "转送反通知" in m.subject)
    assert forwarded.to == [notice.email] and "照片为本报记者拍摄。" in forwarded.body
    assert len(forwarded.attachments) == 1 and forwarded.attachments[0][0].endswith(".pdf")
    assert notice.restore_due_at == notice.counter_forwarded_at + timedelta(days=15)
    page = client.get(notice.get_tracking_url()).content.decode()
    assert "照片为本报记者拍摄。" in page and "可恢复时间" in page
    assert timezone.localtime(notice.restore_due_at).strftime("%Y-%m-%d %H:%M") in page


def test_proof_of_a_complaint_or_lawsuit_stops_the_restore(client, demo, moderator):
    Portal.objects.update(restore_policy="after_days", restore_after_days=15)
    notice = accepted(client, moderator)
    actions.apply_measure(notice, moderator, "withdraw_article", notice.targets.get())
    actions.forward(notice, moderator, announce=True)
    actions.receive_counter_notice(notice, counter(notice), [])
    actions.review_counter_notice(notice, moderator, True, "初步证据成立")
    send_waiting()
    response = client.post(
        notice.get_tracking_url(), {"action": "proof", "note": "已向法院起诉", "files": evidence("受理通知书.pdf")}
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.proof_received_at and notice.evidence.filter(kind=Evidence.Kind.PROOF).exists()
    with time_machine.travel(timezone.now() + timedelta(days=16)):
        with pytest.raises(actions.ActionError, match="投诉或起诉证明"):
            actions.restore(notice, moderator)
    assert client.get(URL).status_code == 451


def test_a_repeat_notice_through_a_law_firm_for_the_same_person_is_flagged(client, demo, moderator):
    first = accepted(client, moderator)
    actions.apply_measure(first, moderator, "withdraw_article", first.targets.get())
    actions.forward(first, moderator, announce=True)
    actions.receive_counter_notice(first, counter(first), [])
    actions.review_counter_notice(first, moderator, True, "提供了拍摄原图")
    assert TakedownRequest.objects.get(pk=first.pk).restored_under == "art17"
    again = file_notice(
        Client(REMOTE_ADDR="10.1.1.1"),
        notifier_kind="organisation",
        notifier_name="某某律师事务所",
        email="firm@example.com",
        id_number="91110000000000000X",
        is_agent="on",
        principal_name="刘摄影",
        authorisation=evidence("授权委托书.pdf"),
    )
    assert again.needs_legal_review and first.reference in again.legal_review_reason
    # The same claimant about another article is not a repeat.
    other = file_notice(
        Client(REMOTE_ADDR="10.1.1.2"), article_slug="quanmin-gongyi-projects", email="other@example.com"
    )
    assert not other.needs_legal_review


def test_a_moderator_sees_id_numbers_masked_and_only_legal_sees_them_whole(client, demo, moderator):
    notice = file_notice(client)
    desk = Client()
    desk.force_login(moderator)
    page = desk.get(f"/admin/takedowns/takedownrequest/{notice.pk}/change/").content.decode()
    assert notice.id_number not in page
    legal = Client()
    legal.force_login(user_in("法务复核", "test-legal"))
    assert notice.id_number in legal.get(f"/admin/takedowns/takedownrequest/{notice.pk}/change/").content.decode()


def test_personal_data_goes_after_the_retention_period(client, demo, moderator, settings):
    notice = file_notice(client)
    actions.start_review(notice, moderator)
    actions.reject(notice, moderator, "材料不足")
    call_command("purge_takedown_data", stdout=StringIO())
    assert TakedownRequest.objects.get(pk=notice.pk).id_number  # not yet
    with time_machine.travel(timezone.now() + timedelta(days=settings.TAKEDOWN_RETENTION_DAYS + 1)):
        call_command("purge_takedown_data", stdout=StringIO())
    kept = TakedownRequest.objects.get(pk=notice.pk)
    assert kept.personal_data_purged_at and not kept.id_number and not kept.phone
    assert not kept.evidence.exists() and kept.reference == notice.reference and kept.events.exists()


def test_a_notice_can_name_several_works(client, demo):
    page = client.get("/takedown/new/").content.decode()
    assert 'name="targets-2-url"' in page
    data = notice_data(
        **{
            "targets-TOTAL_FORMS": "2",
            "targets-1-url": "http://localhost/article/quanmin-gongyi-projects/",
            "targets-1-work_title": "第二篇",
            "targets-1-part": "whole",
            "targets-1-photo_number": "",
            "targets-1-passage": "",
        }
    )
    assert client.post("/takedown/new/", data).status_code == 302
    assert TakedownRequest.objects.latest("received_at").targets.count() == 2


def test_sla_restore_policy_and_the_information_pause_are_set_in_the_portal_admin(client, demo, superuser):
    client.force_login(superuser)
    page = client.get(f"/admin/newsroom/portal/{Portal.objects.default().pk}/change/").content.decode()
    for field in ("takedown_sla_hours", "restore_policy", "restore_after_days", "info_wait_days"):
        assert f'name="{field}"' in page


def test_the_demo_moderator_forwards_from_the_desk(client, demo):
    notice = TakedownRequest.objects.get(notifier_name="演示通知人")
    assert admin_login(client, "moderator", "linli-moderator-2026")
    response = client.post(
        f"/admin/takedowns/takedownrequest/{notice.pk}/act/",
        {
            "action": "forward",
            "author_kind": "staff",
            "author_name": "本网记者",
            "author_email": "r@example.com",
            "reason": "",
        },
        follow=True,
    )
    assert "操作已完成" in response.content.decode()
    assert OutboundMail.objects.filter(request=notice, kind="forward_to_author", to="r@example.com").exists()
