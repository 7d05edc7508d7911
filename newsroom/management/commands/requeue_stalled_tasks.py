"""``python manage.py requeue_stalled_tasks`` (cron, every few minutes): background tasks whose
worker died mid-run (killed, out of memory, the machine restarted) stay RUNNING in the database
queue for ever, and what they were making (photo renditions, the 错敏词 re-check) never comes.
A task RUNNING for longer than ``--minutes`` is put back in the queue; one that has already
been picked up ``--attempts`` times is marked failed instead, so a task that kills its worker
cannot loop. With RQ in production, RQ's own failed-job registry does this job.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


class StalledTask(Exception):
    """Recorded as the failure of a task whose worker died on every attempt."""


class Command(BaseCommand):
    help = "把工作进程中途退出而一直处于“运行中”的后台任务重新排队（多次失败的标记为失败）。"

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=10, help="运行超过多少分钟视为中断")
        parser.add_argument("--attempts", type=int, default=3, help="最多尝试几次")

    def handle(self, *args, minutes, attempts, **options):
        cutoff = timezone.now() - timedelta(minutes=minutes)
        requeued = failed = 0
        with transaction.atomic():
            for task in DBTaskResult.objects.select_for_update().filter(
                status=TaskResultStatus.RUNNING, started_at__lt=cutoff
            ):
                if len(task.worker_ids) >= attempts:
                    task.set_failed(StalledTask(f"工作进程在 {len(task.worker_ids)} 次运行中都未完成该任务"))
                    failed += 1
                else:
                    task.status, task.started_at = TaskResultStatus.READY, None
                    task.save(update_fields=["status", "started_at"])
                    requeued += 1
        return f"重新排队 {requeued} 个，标记失败 {failed} 个。"
