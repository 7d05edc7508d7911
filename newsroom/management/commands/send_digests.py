from django.core.management.base import BaseCommand

from newsroom.notifications import send_daily_digests


class Command(BaseCommand):
    help = "给选择“每天一封汇总邮件”的人员发送未读通知汇总。每天由 cron 运行一次（如 08:00）。"

    def handle(self, *args, **options):
        return f"已发送汇总邮件 {send_daily_digests.call()} 封。"
