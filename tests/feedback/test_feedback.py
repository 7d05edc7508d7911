"""纠错留言: a reader reports an error in a few lines; the editors of that portal close it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from newsroom.feedback import actions
from newsroom.feedback.models import Report, ReportEvent
from newsroom.models import Portal
from tests.helpers import user_in

pytestmark = pytest.mark.django_db
ARTICLE = "hohhot-yuquan-grassroots-party-building"


def send(client, host=None, article=ARTICLE, **data):
    extra = {"HTTP_HOST": f"{host}.localhost"} if host else {}
    return client.post(f"/feedback/?article={article}", {"kind": "error", **data}, **extra)


def test_every_article_offers_it_beside_the_legal_form(client, demo):
    page = client.get(f"/article/{ARTICLE}/").content.decode()
    assert f"/feedback/?article={ARTICLE}" in page and f"/takedown/new/?article={ARTICLE}" in page
    form = client.get(f"/feedback/?article={ARTICLE}").content.decode()
    assert "纠错留言" in form and "身份证" not in form and 'type="file"' not in form
    assert "12377" in form  # 违法和不良信息 go elsewhere


def test_a_report_needs_only_the_text_and_lands_on_its_portals_desk(client, demo, roles):
    response = send(client, quote="张聿修摄", text="图片说明里摄影者名字后少了空格。")
    assert response.status_code == 302 and response["Location"].startswith("/feedback/thanks/")
    report = Report.objects.get()
    assert (report.portal, report.article.slug, report.name, report.contact) == (
        Portal.objects.default(),
        ARTICLE,
        "",
        "",
    )
    assert ReportEvent.objects.get(report=report).action == "received"
    desk = Client()
    desk.force_login(roles["editor"])
    assert "1 条读者纠错待处理" in desk.get("/admin/").content.decode()
    assert "少了空格" in desk.get("/admin/feedback/report/").content.decode()


def test_bad_input_gets_a_chinese_message_and_keeps_what_was_typed(client, demo):
    page = send(client, quote="有误的原句", text="短", name="王先生").content.decode()
    assert "请多写几个字" in page and 'value="有误的原句"' in page and 'value="王先生"' in page
    page = send(client, text="").content.decode()
    assert "请说明哪里有误、应当是什么。" in page
    assert Report.objects.count() == 0


def test_one_address_is_slowed_down(client, demo, settings):
    settings.FEEDBACK_LIMIT_PER_HOUR = 2
    for _ in range(2):
        assert send(client, text="第一段的数字写错了。").status_code == 302
    response = send(client, text="第一段的数字写错了。")
    assert response.status_code == 429 and "提交得太频繁" in response.content.decode()


def test_only_the_reports_portal_editors_close_it_once_with_an_audit_row(client, demo, roles):
    send(client, host="wuhua", article="kunming-xinwenli-community", text="“椿上花街”二期的年份有误。")
    report = Report.objects.get()
    assert report.portal.slug == "wuhua"
    with pytest.raises(PermissionDenied):  # an editor of 玉泉区, not of 五华区
        actions.handle(report, roles["editor"], Report.Status.CORRECTED)
    desk = Client()
    desk.force_login(roles["editor"])
    assert "椿上花街" not in desk.get("/admin/feedback/report/").content.decode()
    assert desk.get(f"/admin/feedback/report/{report.pk}/change/").status_code in (302, 403, 404)
    wuhua = user_in("编辑", "wuhua-test-editor", portal=Portal.objects.get(slug="wuhua"))
    actions.handle(report, wuhua, Report.Status.CORRECTED, "已改为2021年。")
    with pytest.raises(actions.ReportError):
        actions.handle(report, wuhua, Report.Status.NO_CHANGE)
    report.refresh_from_db()
    assert (report.status, report.note) == ("corrected", "已改为2021年。")
    event = ReportEvent.objects.get(report=report, action="handled")
    assert (event.actor, event.from_status, event.to_status) == (wuhua, "new", "corrected")


def test_the_list_action_closes_reports_for_the_editor(client, demo, roles):
    send(client, text="第三段把“长和廊”写成了“长河廊”。")
    report = Report.objects.get()
    desk = Client()
    desk.force_login(roles["editor"])
    desk.post(
        "/admin/feedback/report/",
        {"action": "mark_no_change", "_selected_action": [report.pk], "note": "原文即如此。"},
    )
    report.refresh_from_db()
    assert (report.status, report.note) == ("no_change", "原文即如此。")
