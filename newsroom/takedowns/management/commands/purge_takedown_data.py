from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Max
from django.utils import timezone

from newsroom.takedowns import actions
from newsroom.takedowns.models import TakedownRequest

S = TakedownRequest.Status
CLOSED = [S.CLOSED, S.REJECTED, S.WITHDRAWN, S.RESTORED, S.MAINTAINED]


class Command(BaseCommand):
    help = "清除办结已满保存期限（TAKEDOWN_RETENTION_DAYS，默认三年）的侵权通知中的个人信息与证据材料。建议 cron 每天运行。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出，不清除。")

    def handle(self, *args, dry_run=False, **options):
        cutoff = timezone.now() - timedelta(days=settings.TAKEDOWN_RETENTION_DAYS)
        due = (
            TakedownRequest.objects.filter(status__in=CLOSED, personal_data_purged_at=None)
            .annotate(last_step=Max("events__created_at"))
            .filter(last_step__lt=cutoff)
        )
        count = 0
        for request in due:
            self.stdout.write(f"{request.reference}(最后处理 {timezone.localtime(request.last_step):%Y-%m-%d})")
            if not dry_run:
                actions.purge_personal_data(request)
            count += 1
        self.stdout.write(f"{'将清除' if dry_run else '已清除'} {count} 件通知的个人信息。")
