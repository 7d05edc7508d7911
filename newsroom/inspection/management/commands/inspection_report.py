"""``python manage.py inspection_report [--portal SLUG] [--at YYYY-MM-DD] [--json]``: the
portal's standing in the government website inspection, for cron and for measuring.

``--portal`` takes the portal's slug (网址标识), or one of its host names, its id or its name;
without it, the default portal. ``--at`` evaluates the portal as of that date: what was public
then, and how old it was then (texts and links are read as they are now). ``--save`` keeps the
run for the dashboard and notifies the people who watch it (the nightly cron job);
``--check-links`` first checks the external links that are due (bounded: at most
``--max-links`` addresses and ``--max-seconds`` seconds).
"""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from newsroom.models import Portal

from ... import report, tasks
from ...models import InspectionRun
from ...rules import RULE_LABELS, SEVERITY_LABELS


class Command(BaseCommand):
    help = "网站检查：按政府网站检查指标列出单项否决、预警和扣分项。"

    def add_arguments(self, parser):
        parser.add_argument("--portal", help="网站的网址标识（或域名、编号、名称）；默认为默认网站。")
        parser.add_argument("--at", help="按某一天的情况检查（YYYY-MM-DD）。")
        parser.add_argument("--json", action="store_true", help="输出一个 JSON 对象。")
        parser.add_argument("--save", action="store_true", help="保存本次结果并通知相关人员（每日定时任务用）。")
        parser.add_argument("--check-links", action="store_true", help="先检查到期的外部链接。")
        parser.add_argument("--max-links", type=int, default=200)
        parser.add_argument("--max-seconds", type=int, default=120)

    def handle(self, *args, **options):
        portal = self._portal(options["portal"])
        at = self._date(options["at"])
        if options["check_links"]:
            tasks.check_links(portal, max_urls=options["max_links"], max_seconds=options["max_seconds"])
        found = report.evaluate(portal, at)
        if options["save"]:
            tasks.warn(report.store(found, InspectionRun.Trigger.COMMAND))
        if options["json"]:
            self.stdout.write(json.dumps(found.as_json(portal.slug), ensure_ascii=False))
            return
        self._print(found)

    def _portal(self, wanted):
        portals = list(Portal.objects.order_by("-is_default", "id"))
        if not portals:
            raise CommandError("还没有网站。")
        if not wanted:
            return portals[0]
        for portal in portals:
            names = (portal.slug, str(portal.pk), portal.name, portal.short_name)
            if wanted in names or wanted.lower() in portal.host_list:
                return portal
        raise CommandError(f"找不到网站“{wanted}”。可用：" + "、".join(f"{p.pk}（{p.name}）" for p in portals))

    def _date(self, text):
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{text}") from None

    def _print(self, found):
        summary = found.summary
        self.stdout.write(f"{found.portal.name} · {found.date:%Y-%m-%d} · 用时 {found.duration_ms} 毫秒")
        self.stdout.write("单项否决 {veto} 项，预警 {warning} 项，扣分项 {deduction} 项".format(**summary))
        for row in found.standing:
            mark = {"veto": "否决", "warning": "预警"}.get(row["status"], "合格")
            self.stdout.write(f"  [{mark}] {row['item']}：{row['value']}（要求：{row['limit']}）")
        for f in found.findings:
            self.stdout.write(f"{SEVERITY_LABELS[f.severity]}\t{RULE_LABELS[f.rule]}\t{f.object}\t{f.detail}\t{f.url}")
