"""The inspection report: every rule over a portal as of a date, the standing against each
single-veto item, stored runs for the dashboard's trend, and the digest's warning."""

import time
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from . import rules
from .models import InspectionRun
from .rules import DEDUCTION, SEVERITIES, VETO, WARNING

ORDER = {VETO: 0, WARNING: 1, DEDUCTION: 2}


@dataclass
class Report:
    portal: object
    date: object
    findings: list
    standing: list = field(default_factory=list)
    duration_ms: int = 0
    #: {rule: milliseconds}, where the time went (the first rule to read the texts pays for it)
    timings: dict = field(default_factory=dict)

    @property
    def summary(self):
        counts = dict.fromkeys(SEVERITIES, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def as_json(self, slug):
        return {
            "portal": slug,
            "at": self.date.isoformat(),
            "findings": [f.as_dict() for f in self.findings],
            "summary": self.summary,
        }

    def by_rule(self, name):
        return [f for f in self.findings if f.rule == name]


def evaluate(portal, date=None, only=None):
    """Run every rule (or those named in ``only``) over ``portal`` as of ``date`` (today)."""
    started = time.perf_counter()
    ctx = rules.Context(portal, date)
    findings, timings = [], {}
    for name, rule in rules.RULES.items():
        if only is None or name in only:
            before = time.perf_counter()
            findings += rule(ctx)
            timings[name] = round((time.perf_counter() - before) * 1000)
    findings.sort(key=lambda f: (ORDER[f.severity], list(rules.RULES).index(f.rule), f.object))
    report = Report(portal, ctx.date, findings, timings=timings)
    report.standing = standing(ctx, report)
    report.duration_ms = round((time.perf_counter() - started) * 1000)
    return report


def _row(item, value, limit, status, days_left=None):
    return {"item": item, "value": value, "limit": limit, "status": status, "days_left": days_left}


def _status(findings):
    severities = {f.severity for f in findings}
    return VETO if VETO in severities else WARNING if WARNING in severities else "ok"


def standing(ctx, report):
    """The portal against each single-veto item of 国办秘函〔2019〕19号, as dashboard rows."""
    s = ctx.settings
    rows = []
    home = report.by_rule("home_stale")
    last = ctx.public_articles.order_by("-first_published_at").values_list("first_published_at", flat=True).first()
    if last:
        days = ctx.days_since(last)
        value = f"最近更新 {timezone.localtime(last):%Y-%m-%d}，{days} 天前"
        left = max(0, s.home_days - days)
    else:
        value, left = "没有已发布的文章", 0
    rows.append(_row("首页更新", value, f"{s.home_days} 天内", _status(home), left))
    counts = getattr(ctx, "column_counts", None) or {"stale": 0, "long_stale": 0, "near": 0}
    news, long_stale, near = counts["stale"], counts["long_stale"], counts["near"]
    veto = any(f.severity == VETO for f in report.by_rule("column_stale"))
    status = VETO if veto else WARNING if near or news >= s.stale_columns_veto - 1 else "ok"
    rows.append(
        _row(
            "动态要闻、通知公告类栏目按时更新",
            f"{news} 个栏目超期" + (f"，{near} 个即将超期" if near else ""),
            f"少于 {s.stale_columns_veto} 个",
            status,
        )
    )
    long_status = VETO if long_stale >= s.long_stale_columns_veto else "ok"
    rows.append(
        _row(
            "栏目长期未更新",
            f"{long_stale} 个栏目超过 {s.regular_days} 天",
            f"少于 {s.long_stale_columns_veto} 个",
            long_status,
        )
    )
    empty = report.by_rule("column_empty")
    rows.append(
        _row(
            "空白栏目",
            f"读者可见 0 个（另有 {len(empty)} 个空栏目不对读者显示）",
            f"少于 {s.empty_columns_veto} 个",
            WARNING if len(empty) > s.empty_columns_warn else "ok",
        )
    )
    wording = report.by_rule("leader_title") + [f for f in report.by_rule("sensitive_word") if f.severity == VETO]
    rows.append(_row("严重表述错误（领导姓名职务、严重错别字）", f"{len(wording)} 处", "0 处", _status(wording)))
    dates = report.by_rule("backdated") + report.by_rule("undated")
    rows.append(_row("伪造发稿日期、无发布时间", f"{len(dates)} 篇", "0 篇", _status(dates)))
    rows.append(_row("互动留言回应", "本网站未开通互动留言", "3 个月内回应", "ok"))
    return rows


@transaction.atomic
def store(report, trigger):
    """Keep ``report`` as a run (the dashboard reads the newest; its trend, one per day)."""
    summary = report.summary
    return InspectionRun.objects.create(
        portal=report.portal,
        at=report.date,
        trigger=trigger,
        duration_ms=report.duration_ms,
        findings=[f.as_dict() for f in report.findings],
        standing=report.standing,
        **summary,
    )
