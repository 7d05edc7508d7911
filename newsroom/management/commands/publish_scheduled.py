from django.core.management.base import BaseCommand

from newsroom.workflow import hold_failing_schedules, record_scheduled_changes


class Command(BaseCommand):
    help = "暂停检查未通过的定时发布，记录已到时间的定时发布和定时下线（读者可见性由查询按时间决定）。可每分钟由 cron 运行。"

    def handle(self, *args, **options):
        held = hold_failing_schedules()
        went_live, expired = record_scheduled_changes()
        return f"定时发布上线 {went_live} 篇，定时下线 {expired} 篇，检查未通过而暂停 {len(held)} 篇。"
