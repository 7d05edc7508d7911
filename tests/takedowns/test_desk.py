"""The desk end to end: every path, every measure reversible, every step audited."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from newsroom.models import Article, AuditEntry, Portal
from newsroom.takedowns import actions
from newsroom.takedowns.mail import send_waiting
from newsroom.takedowns.models import CounterNotice, TakedownRequest
from tests.helpers import publish_new_title, user_in
from tests.takedowns.helpers import file_notice

pytestmark = pytest.mark.django_db
YUQUAN = "hohhot-yuquan-grassroots-party-building"
URL = f"/article/{YUQUAN}/"
TITLE = "让基层党建在服务群众中更加接地气"


@pytest.fixture
def moderator(db):
    return user_in("版权审核", "test-moderator")


def accepted(client, moderator, **notice):
    request = file_notice(client, **notice)
    actions.start_review(request, moderator)
    actions.accept(request, moderator, "要件齐全")
    return TakedownRequest.objects.get(pk=request.pk)


def counter(request):
    return CounterNotice(
        name="原作者",
        phone="13900000000",
        email="author@example.com",
        address="呼和浩特",
        id_type="id_card",
        id_number="150104198001011111",
        statement="照片为本报记者拍摄。",
        declared_true=True,
    )


def test_withdrawn_article_answers_451_and_leaves_every_list(client, demo, moderator):
    request = accepted(client, moderator)
    actions.apply_measure(request, moderator, "withdraw_article", request.targets.get())
    response = client.get(URL)
    assert response.status_code == 451
    page = response.content.decode()
    assert "该内容已依法下架" in page and "著作权" in page and "刘摄影" not in page
    for url in (
        "/",
        "/column/party/",
        "/rss/",
        "/column/party/rss/",
        "/sitemap.xml",
        "/search/?q=泉民共益坊",
        "/communities/wanjin/",
        "/article/quanmin-gongyi-projects/",
    ):
        assert TITLE not in client.get(url).content.decode() and YUQUAN not in client.get(url).content.decode(), url
    assert AuditEntry.objects.filter(article__slug=YUQUAN, action="takedown_measure").exists()
    # A reader who chose 繁 gets the tombstone in Traditional script too, as every portal page.
    client.get("/reader/script/", {"to": "hant"})
    assert "該內容已依法下架" in client.get(URL).content.decode()
    assert "頁面不存在" in client.get("/article/no-such-article-here/").content.decode()


def test_counter_notice_restores_at_once_under_article_17(client, demo, moderator):
    request = accepted(client, moderator)
    actions.apply_measure(request, moderator, "withdraw_article", request.targets.get())
    actions.forward(request, moderator, "转送原作者", email="author@example.com")
    request.refresh_from_db()
    page = client.get(f"/takedown/counter/{request.counter_token}/").content.decode()
    assert "反通知" in page
    actions.receive_counter_notice(request, counter(request), [])
    actions.review_counter_notice(request, moderator, True, "提供了拍摄原图")
    request.refresh_from_db()
    assert request.status == TakedownRequest.Status.RESTORED
    assert client.get(URL).status_code == 200
    assert "第十七条" in client.get(request.get_tracking_url()).content.decode()

    again = file_notice(client)
    assert again.needs_legal_review and "第十七条" in again.legal_review_reason


def test_counter_notice_restores_after_the_waiting_period_under_article_1196(client, demo, moderator):
    Portal.objects.update(restore_policy="after_days", restore_after_days=15)
    request = accepted(client, moderator)
    actions.apply_measure(request, moderator, "withdraw_article", request.targets.get())
    actions.forward(request, moderator, announce=True)
    actions.receive_counter_notice(request, counter(request), [])
    actions.review_counter_notice(request, moderator, True, "初步证据成立")
    with pytest.raises(actions.ActionError, match="尚未送达"):
        actions.restore(request, moderator)  # the period counts from delivery to the notifier
    send_waiting()
    assert TakedownRequest.objects.get(pk=request.pk).restore_due_at is not None
    with pytest.raises(actions.ActionError, match="才届满"):
        actions.restore(request, moderator)
    assert client.get(URL).status_code == 451
    with time_machine.travel(timezone.now() + timedelta(days=15, minutes=1)):
        actions.restore(request, moderator)
        assert client.get(URL).status_code == 200
    assert TakedownRequest.objects.get(pk=request.pk).status == TakedownRequest.Status.RESTORED


def test_proof_of_a_lawsuit_maintains_the_measure(client, demo, moderator):
    Portal.objects.update(restore_policy="after_days")
    request = accepted(client, moderator)
    actions.apply_measure(request, moderator, "withdraw_article", request.targets.get())
    actions.forward(request, moderator, announce=True)
    actions.receive_counter_notice(request, counter(request), [])
    actions.review_counter_notice(request, moderator, True, "初步证据成立")
    actions.maintain(request, moderator, "通知人提交了起诉受理通知书")
    assert client.get(URL).status_code == 451


def test_hiding_a_photo_keeps_the_article(client, demo, moderator):
    request = accepted(client, moderator, part="photo", photo_number="2")
    actions.apply_measure(request, moderator, "hide_photo", request.targets.get())
    page = client.get(URL).content.decode()
    assert "该图片因权利人通知已依法屏蔽" in page
    assert page.count('<figure class="photo"') == 7
    assert "万锦社区社会组织便民服务中心项目专员闫琦介绍“泉民共益坊”。" not in page


def test_a_correction_is_appended_and_can_be_reverted(client, demo, moderator):
    request = accepted(client, moderator, right_claimed="factual")
    measure = actions.apply_measure(
        request, moderator, "correction", request.targets.get(), "文中“25个项目”应为“26个项目”，特此更正。"
    )
    assert "更正" in client.get(URL).content.decode() and "应为“26个项目”" in client.get(URL).content.decode()
    actions.revert_measure(measure, moderator, "误操作")
    assert "应为“26个项目”" not in client.get(URL).content.decode()


def test_a_rejection_shows_its_reasons_on_the_tracking_page(client, demo, moderator):
    request = file_notice(client)
    actions.start_review(request, moderator)
    actions.reject(request, moderator, "所附材料不能证明通知人是该图片的权利人。")
    page = client.get(request.get_tracking_url()).content.decode()
    assert "不予受理" in page and "不能证明通知人是该图片的权利人" in page


def test_asking_for_information_pauses_the_deadline_until_material_arrives(client, demo, moderator):
    from tests.takedowns.helpers import evidence

    request = file_notice(client)
    actions.request_information(request, moderator, "请补充身份证明")
    request.refresh_from_db()
    # Paused for the portal's 15 days at most, not for ever.
    assert timedelta(days=14) < request.deadline - timezone.now() <= timedelta(days=15)
    page = client.get(request.get_tracking_url()).content.decode()
    assert "请补充身份证明" in page and "提交补充材料" in page
    client.post(request.get_tracking_url(), {"note": "已补充", "files": evidence("身份证.pdf")})
    request.refresh_from_db()
    assert request.status == TakedownRequest.Status.UNDER_REVIEW and request.deadline is not None


def test_the_notifier_can_withdraw(client, demo):
    request = file_notice(client)
    client.post(request.get_tracking_url(), {"action": "withdraw"})
    assert TakedownRequest.objects.get(pk=request.pk).status == TakedownRequest.Status.WITHDRAWN


def test_every_step_is_in_the_audit_trail(client, demo, moderator):
    request = accepted(client, moderator)
    actions.apply_measure(request, moderator, "withdraw_article", request.targets.get())
    actions.add_note(request, moderator, "已电话联系通知人")
    actions.close(request, moderator, "处理完毕")
    assert list(request.events.values_list("action", flat=True)) == [
        "received",
        "start_review",
        "accept",
        "measure",
        "note",
        "close",
    ]


def test_editors_cannot_act(client, demo, editor):
    request = file_notice(client)
    with pytest.raises(PermissionDenied):
        actions.start_review(request, editor)
    assert TakedownRequest.objects.get(pk=request.pk).status == TakedownRequest.Status.RECEIVED


def test_article_stays_unchanged_in_body(demo, client, moderator):
    request = accepted(client, moderator, right_claimed="factual")
    body = Article.objects.get(slug=YUQUAN).body
    actions.apply_measure(request, moderator, "apology", request.targets.get(), "向当事人致歉。")
    assert Article.objects.get(slug=YUQUAN).body == body


def test_a_new_version_keeps_a_hidden_photo_hidden(client, demo, moderator):
    request = accepted(client, moderator, part="photo", photo_number="2")
    actions.apply_measure(request, moderator, "hide_photo", request.targets.get())
    roles = {
        role: user_in(group, f"test-{role}")
        for role, group in (("editor", "编辑"), ("first", "初审"), ("second", "复审"), ("chief", "终审签发"))
    }
    publish_new_title(YUQUAN, "玉泉区基层党建新版本", roles)
    page = client.get(URL).content.decode()
    assert "玉泉区基层党建新版本" in page
    assert "该图片因权利人通知已依法屏蔽" in page
    assert request.targets.get().photo.hidden_by_takedown


def test_the_desk_offers_exactly_what_goes_through_in_every_state(client, demo, roles):
    """Each state of a notice, for the moderator and the roles that may not act: every button of
    the desk is offered exactly when it goes through (restore only once the period is over)."""
    from django.db import transaction

    moderator = roles["moderator"]
    Portal.objects.update(restore_policy="after_days", restore_after_days=15)
    request = file_notice(client)
    steps = [
        ("已收到", lambda r: None),
        ("审查中", lambda r: actions.start_review(r, moderator)),
        ("已受理", lambda r: actions.accept(r, moderator, "要件齐全")),
        ("已采取措施", lambda r: actions.apply_measure(r, moderator, "withdraw_article", r.targets.get())),
        (
            "收到反通知",
            lambda r: (actions.forward(r, moderator, announce=True), actions.receive_counter_notice(r, counter(r), [])),
        ),
        ("反通知成立", lambda r: actions.review_counter_notice(r, moderator, True, "初步证据成立")),
        (
            "等待期已过",
            lambda r: (send_waiting(), TakedownRequest.objects.filter(pk=r.pk).update(restore_due_at=timezone.now())),
        ),
        ("已维持", lambda r: actions.maintain(r, moderator, "起诉证明")),
        ("已结案", lambda r: actions.close(r, moderator)),
    ]
    people = {"moderator": moderator, **{who: roles[who] for who in ("editor", "chief", "siteadmin")}}
    inputs = {"reason": "说明", "announce": "1", "kind": "correction", "target": "", "measure": ""}
    offered_to_moderator = {}
    for state, step in steps:
        step(TakedownRequest.objects.get(pk=request.pk))
        for who, user in people.items():
            for action in actions.DESK:
                notice = TakedownRequest.objects.get(pk=request.pk)
                given = {
                    **inputs,
                    "target": notice.targets.get().pk,
                    "measure": notice.measures.values_list("pk", flat=True).first() or "",
                }
                offered = action.refusal(notice, user) is None
                try:
                    with transaction.atomic():
                        actions.DESK.run(action.name, notice, user, given)
                        raise KeyboardInterrupt  # keep nothing
                except KeyboardInterrupt:
                    ran = True
                except (PermissionDenied, actions.actions.ActionError):
                    ran = False
                if action.name == "revert" and not notice.measures.filter(reverted_at=None).exists():
                    continue  # nothing to revert: the button is drawn per active measure
                assert offered == ran, f"{state} · {who} · {action.name}"
                if who == "moderator" and offered:
                    offered_to_moderator.setdefault(state, set()).add(action.name)
            if who != "moderator":
                assert not actions.DESK.allowed(TakedownRequest.objects.get(pk=request.pk), user) - (
                    {
                        "assign",
                        "note",
                        "close",
                        "forward",
                        "start_review",
                        "request_info",
                        "accept",
                        "reject",
                        "counter_valid",
                        "counter_invalid",
                        "restore",
                        "maintain",
                        "measure",
                        "revert",
                    }
                    if user.has_perm("takedowns.change_takedownrequest")
                    else set()
                ), who
    assert "restore" not in offered_to_moderator["反通知成立"]  # the waiting period has not begun
    assert {"restore", "maintain"} <= offered_to_moderator["等待期已过"]
    assert offered_to_moderator["已结案"] == {"assign", "note", "revert"}  # a maintained measure can still end
