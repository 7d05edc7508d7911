"""The website inspection on the demo: its real standing (years without an update: a veto, and
why), no false alarm on its clean content, and each planted violation found by its rule."""

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from newsroom.credits import CreditKind
from newsroom.inspection import report
from newsroom.inspection.models import InspectionSettings, Leader, LinkCheck
from newsroom.models import Article, AuditEntry, Column, Photo, SensitiveWord

pytestmark = pytest.mark.django_db
TIME_RULES = {"home_stale", "column_stale", "column_empty"}


@pytest.fixture
def portal(demo, one_portal):
    return one_portal  # the rules count over a portal's content: all the demo's, in one


def live(portal):
    return Article.objects.public(portal).order_by("-first_published_at")


def rules_found(found, name):
    return [f for f in found.findings if f.rule == name]


def test_the_demo_would_fail_and_the_report_says_why(portal):
    found = report.evaluate(portal)
    [home] = rules_found(found, "home_stale")
    newest = live(portal).first().first_published_at
    days = (timezone.localdate() - timezone.localdate(newest)).days
    assert home.severity == "veto" and f"已 {days} 天未更新" in home.detail and home.days_left == 0
    assert home.url == "/admin/newsroom/article/add/"
    assert found.standing[0]["item"] == "首页更新" and found.standing[0]["status"] == "veto"


def test_no_false_alarm_on_the_clean_demo(portal):
    """Every rule about content (links, images, words, leaders, punctuation, credits, reprints,
    dates) finds nothing in the demo as published; the time rules only say what is true."""
    found = report.evaluate(portal)
    assert [f for f in found.findings if f.rule not in TIME_RULES] == []
    empty = {f.object for f in rules_found(found, "column_empty")}
    assert "栏目“新闻中心 > 部门新闻”" not in empty and "栏目“新闻中心”" not in empty  # a channel is its sub-columns


def test_as_of_a_date_the_home_page_was_fresh_and_then_warned(portal):
    newest = timezone.localdate(live(portal).first().first_published_at)
    assert rules_found(report.evaluate(portal, newest + timedelta(days=2)), "home_stale") == []
    [warned] = rules_found(report.evaluate(portal, newest + timedelta(days=11)), "home_stale")
    assert (warned.severity, warned.days_left) == ("warning", 3)
    [failed] = rules_found(report.evaluate(portal, newest + timedelta(days=14)), "home_stale")
    assert failed.severity == "veto"


def test_stale_columns_are_deductions_until_there_are_five_then_vetoes(portal):
    """动态/要闻 columns past 14 days: each costs points; five of them (with 通知公告 past six
    months) fail the inspection."""
    at = timezone.localdate(live(portal).first().first_published_at) + timedelta(days=20)
    findings = rules_found(report.evaluate(portal, at), "column_stale")
    stale = [f for f in findings if f.severity != "warning"]
    assert 0 < len(stale) < 5 and {f.severity for f in stale} == {"deduction"}
    article = live(portal).first()
    for n in range(5 - len(stale)):
        column = Column.objects.create(portal=portal, name=f"动态{n}", parent=None)
        Article.objects.filter(pk=article.pk).update(column=column)  # each new column gets one old article
        article = Article.objects.create(
            title=f"旧闻{n}",
            column=column,
            status=Article.Status.PUBLISHED,
            is_live=True,
            live_from=article.first_published_at,
            first_published_at=article.first_published_at,
        )
        AuditEntry.objects.create(article=article, action="import", to_status="published")
    vetoes = [f for f in rules_found(report.evaluate(portal, at), "column_stale") if f.severity == "veto"]
    assert len(vetoes) >= 5


def test_each_planted_violation_is_found(portal, settings):
    """One violation per content rule, planted through the paths data really takes (an old
    import, a direct database edit, a word added to the list later)."""
    articles = list(live(portal))
    pictured = [a for a in articles if a.photos.exists()]
    first, second, third = pictured[0], pictured[1], pictured[2]
    body = first.body + (
        '<p>详见<a href="/article/no-such-article/">旧文</a>和<a href="https://gone.example/x">外链</a>，'
        '另见<a href="ftp://files.example/a.doc">附件</a>。居民们说,社区真好。'
        "第一党支部书记杨俊爱介绍了情况，前任王某某也到场。</p>"
    )
    Article.objects.filter(pk=first.pk).update(body=body)
    LinkCheck.objects.create(
        url="https://gone.example/x",
        host="gone.example",
        ok=False,
        status_code=404,
        detail="HTTP 404",
        checked_at=timezone.now(),
    )
    settings_row = InspectionSettings.objects.get(portal=portal)
    Leader.objects.create(settings=settings_row, name="王某某", kind=Leader.Kind.BANNED)
    SensitiveWord.objects.create(portal=portal, word="社区真好", severity=SensitiveWord.Severity.BLOCK)
    photo = Photo.objects.filter(article=second).first()
    Photo.objects.filter(pk=photo.pk).update(credit_kind=CreditKind.UNCREDITED)
    default_storage.delete(Photo.objects.filter(article=third).first().image.name)
    reprint = next(a for a in articles if a.is_reprint)
    Article.objects.filter(pk=reprint.pk).update(original_author="")
    backdated = Article.objects.create(
        title="倒填日期的稿件",
        column=first.column,
        status=Article.Status.PUBLISHED,
        is_live=True,
        live_from=first.first_published_at,
        first_published_at=first.first_published_at,
    )
    undated = next(a for a in articles if a not in (first, second, third, reprint))
    Article.objects.filter(pk=undated.pk).update(first_published_at=None)

    found = report.evaluate(portal)
    by_rule = {name: rules_found(found, name) for name in report.rules.RULES}
    assert [f.detail for f in by_rule["broken_link"]] == [
        "正文中的链接 /article/no-such-article/：指向的内容不存在或未公开",
        "正文中的链接 ftp://files.example/a.doc：不是网页链接（ftp:）",
        f"正文中的外部链接 https://gone.example/x：HTTP 404（{timezone.localdate():%Y-%m-%d} 检查）",
    ]
    assert [f.object for f in by_rule["broken_image"]] == [f"文章《{third.title}》"]
    [word] = by_rule["sensitive_word"]
    assert (
        word.severity == "veto"
        and "社区真好" in word.detail
        and word.url == f"/admin/newsroom/article/{first.pk}/change/"
    )
    assert sorted(f.detail.split("：")[1] for f in by_rule["leader_title"]) == [
        "“王某某”在不得出现的姓名名单中",
        "杨俊爱的现任职务是“观音庙社区书记”，此处写作“第一党支部书记”",
    ]
    [comma] = by_rule["punctuation"]
    assert "“,”" in comma.detail and "居民们说,社区真好" in comma.detail
    assert [f.object for f in by_rule["uncredited_photo"]] == [f"文章《{second.title}》"]
    assert [f.detail for f in by_rule["reprint_fields"]] == ["转载稿件缺少：原作者。"]
    assert [f.object for f in by_rule["backdated"]] == [f"文章《{backdated.title}》"]
    assert [f.object for f in by_rule["undated"]] == [f"文章《{undated.title}》"]
    assert found.summary["veto"] >= 5


def test_a_date_corrected_through_the_workflow_is_not_backdated(portal):
    first = live(portal).first()
    article = Article.objects.create(
        title="更正了发布时间的稿件",
        column=first.column,
        status=Article.Status.PUBLISHED,
        is_live=True,
        live_from=first.first_published_at,
        first_published_at=first.first_published_at,
    )
    assert len(rules_found(report.evaluate(portal), "backdated")) == 1
    AuditEntry.objects.create(article=article, action="change_publish_date", opinion="按原稿时间更正")
    assert rules_found(report.evaluate(portal), "backdated") == []


def test_the_command_prints_exactly_one_json_object(portal):
    out = StringIO()
    call_command("inspection_report", "--portal", portal.slug, "--at", "2022-11-01", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"portal", "at", "findings", "summary"}
    assert (data["portal"], data["at"]) == (portal.slug, "2022-11-01")
    assert set(data["summary"]) == {"veto", "warning", "deduction"}
    assert sum(data["summary"].values()) == len(data["findings"])
    for finding in data["findings"]:
        assert set(finding) == {"rule", "severity", "object", "url", "detail", "days_left"}
        assert finding["rule"] in report.rules.RULES and finding["severity"] in ("veto", "warning", "deduction")


def test_the_command_refuses_an_unknown_portal_or_date(portal):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="找不到网站"):
        call_command("inspection_report", "--portal", "nowhere", stdout=StringIO())
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("inspection_report", "--at", "2022/11/01", stdout=StringIO())


def test_an_exempt_column_needs_a_reason(portal):
    from django.core.exceptions import ValidationError

    column = Column(portal=portal, name="机构简介", update_class="exempt")
    with pytest.raises(ValidationError, match="不计更新的栏目须说明理由"):
        column.full_clean()
    assert Column.objects.create(portal=portal, name="最新通知").update_class == "notice"


def test_the_report_runs_in_constant_queries_per_rule(portal, django_assert_max_num_queries):
    """The rules load what they share once: the report's queries do not grow with content."""
    with django_assert_max_num_queries(40):
        report.evaluate(portal)


def test_at_a_future_date_nothing_is_invented(portal):
    found = report.evaluate(portal, date(2030, 1, 1))
    assert rules_found(found, "home_stale")[0].severity == "veto"
