"""The inspection in the admin: who sees it, what it says on the demo, the leaders list's
form errors, the yearly report, and the warning reaching the daily digest."""

import pytest
from django.core import mail
from django.utils import timezone

from newsroom.inspection import tasks
from newsroom.inspection.models import InspectionRun, InspectionSettings
from newsroom.models import Notification, NotificationSettings, SensitiveWord
from newsroom.notifications import send_daily_digests
from tests.helpers import admin_form_data

pytestmark = pytest.mark.django_db
DASHBOARD = "/admin/inspection/inspectionrun/"


@pytest.fixture
def portal(demo, one_portal):
    return one_portal  # the rules count over a portal's content: all the demo's, in one


def test_only_the_chief_and_the_site_admin_see_the_inspection(client, portal, roles):
    for role, allowed in [
        ("chief", True),
        ("siteadmin", True),
        ("editor", False),
        ("first", False),
        ("moderator", False),
    ]:
        client.force_login(roles[role])
        for url in (DASHBOARD, DASHBOARD + "annual/", DASHBOARD + "findings.csv"):
            assert client.get(url).status_code == (200 if allowed else 403), (role, url)
        assert client.post(DASHBOARD + "run/", {"portal": portal.pk}).status_code == (302 if allowed else 403)
        assert ("网站检查" in client.get("/admin/").content.decode()) is allowed


def test_the_dashboard_says_the_demo_would_fail_and_why(client, portal, roles):
    client.force_login(roles["chief"])
    page = client.get(DASHBOARD).content.decode()
    assert "未保存" in page  # nothing stored yet: computed now, and reading writes nothing
    assert InspectionRun.objects.count() == 0
    assert f"按目前情况，{portal.name}在政府网站检查中将被单项否决" in page
    assert "首页更新" in page and "天未更新" in page and "去处理" in page
    client.post(DASHBOARD + "run/", {"portal": portal.pk})
    run = InspectionRun.objects.get()
    assert run.trigger == "manual" and run.veto >= 1
    page = client.get(DASHBOARD).content.decode()
    assert (
        "最近一次检查" in page and "近90天趋势" in page and timezone.localtime(run.ran_at).strftime("%Y-%m-%d") in page
    )
    csv = client.get(DASHBOARD + "findings.csv").content.decode("utf-8-sig")
    assert csv.splitlines()[0] == "级别,规则,对象,说明,剩余天数,处理链接" and "单项否决,首页更新,首页" in csv


def test_the_leaders_list_refuses_duplicates_and_missing_titles(client, portal, roles):
    client.force_login(roles["siteadmin"])
    settings = InspectionSettings.objects.get(portal=portal)
    url = f"/admin/inspection/inspectionsettings/{settings.pk}/change/"
    data = admin_form_data(client.get(url))
    prefix = "leader_set"
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update(
        {
            f"{prefix}-{total - 1}-name": "杨俊爱",
            f"{prefix}-{total - 1}-title": "社区主任",
            f"{prefix}-{total - 1}-kind": "current",
        }
    )
    page = client.post(url, data).content.decode()
    assert "姓名“杨俊爱”填写了两次，请合并为一行。" in page
    data.update({f"{prefix}-{total - 1}-name": "张某", f"{prefix}-{total - 1}-title": ""})
    page = client.post(url, data).content.decode()
    assert "请填写“张某”的现任职务。" in page
    assert settings.leader_set.count() == 2  # nothing saved from the bad forms
    data[f"{prefix}-{total - 1}-title"] = "街道办事处主任"
    assert client.post(url, data).status_code == 302
    assert settings.leader_set.count() == 3


def test_the_yearly_report_counts_what_the_data_knows_and_keeps_what_the_office_fills_in(client, portal, roles):
    client.force_login(roles["siteadmin"])
    url = DASHBOARD + f"annual/?portal={portal.pk}&year=2022"
    page = client.get(url).content.decode()
    assert "2022年政府网站工作年度报表" in page and "须于2023年1月31日前" in page
    bad = {"portal": portal.pk, "year": 2022, "site_type": "新闻网站", "messages_received": 3, "messages_answered": 5}
    assert "办结留言数量不能多于收到留言数量。" in client.post(url, bad).content.decode()
    good = {**bad, "messages_answered": 3, "staff": 4, "security_officer": "on"}
    assert client.post(url, good).status_code == 302
    csv = client.get(url + "&format=csv").content.decode("utf-8-sig")
    assert "信息发布总数（篇）,8" in csv  # the demo's eight stories of 2022, in one portal
    assert "栏目运维人员数量,4" in csv and "已明确网站安全责任人,是" in csv
    client.force_login(roles["chief"])  # reads it, may not change it
    client.post(url, {**good, "staff": 9})
    assert "栏目运维人员数量,4" in client.get(url + "&format=csv").content.decode("utf-8-sig")


def test_a_run_with_risks_notifies_the_watchers_once_a_day_and_the_digest_carries_it(portal, roles):
    for role in ("chief", "siteadmin", "editor"):
        roles[role].email = f"{role}@example.cn"
        roles[role].save()
        NotificationSettings.objects.create(user=roles[role], email=NotificationSettings.Email.DAILY)
    tasks.run(portal, InspectionRun.Trigger.NIGHTLY)
    tasks.run(portal, InspectionRun.Trigger.NIGHTLY)  # the same day: no second notification
    told = Notification.objects.filter(kind=Notification.Kind.INSPECTION)
    assert set(told.values_list("recipient__username", flat=True)) >= {"test-chief", "test-siteadmin"}
    assert not told.filter(recipient=roles["editor"]).exists()
    assert told.filter(recipient=roles["chief"]).count() == 1
    assert "单项否决风险" in told.first().text and "首页更新" in told.first().text
    send_daily_digests.call()
    chief_mail = next(m for m in mail.outbox if m.to == ["chief@example.cn"])
    assert "【网站检查预警】" in chief_mail.body


def test_a_change_to_the_word_list_rescans_published_content(portal, settings, django_capture_on_commit_callbacks):
    """A word added today is found in what was published years ago, located with its context."""
    from newsroom.models import Article

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    old = Article.objects.public(portal).order_by("first_published_at").first()
    with django_capture_on_commit_callbacks(execute=True):
        SensitiveWord.objects.create(portal=portal, word=old.title[2:6], severity=SensitiveWord.Severity.WARN)
    run = InspectionRun.objects.get()
    assert run.trigger == "words"
    hits = [f for f in run.findings if f["rule"] == "sensitive_word" and f["object"] == f"文章《{old.title}》"]
    hit = hits[0]
    assert hit["severity"] == "warning" and f"“{old.title[2:6]}”" in hit["detail"]


def test_a_burst_of_word_changes_is_one_rescan(portal, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from django.utils import timezone

    asked = timezone.now().isoformat()
    tasks.inspect_portal.call(portal.pk, "words", asked)
    tasks.inspect_portal.call(portal.pk, "words", asked)
    assert InspectionRun.objects.count() == 1
