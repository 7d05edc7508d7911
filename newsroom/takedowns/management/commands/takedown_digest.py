from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import timezone

from newsroom.takedowns.models import TakedownRequest


class Command(BaseCommand):
    help = "列出今天到期和已超期的侵权通知，并发邮件给版权审核人员。"

    def add_arguments(self, parser):
        parser.add_argument("--no-email", action="store_true", help="只打印，不发邮件。")

    def handle(self, *args, **options):
        now = timezone.localtime()
        end_of_day = now.replace(hour=23, minute=59, second=59)
        open_requests = [
            r
            for r in TakedownRequest.objects.filter(deadline__lte=end_of_day).select_related("assigned_to")
            if r.is_open
        ]
        due = [
            r
            for r in TakedownRequest.objects.filter(
                restore_due_at__lte=end_of_day, status=TakedownRequest.Status.COUNTER_REVIEWED
            )
        ]
        lines = []
        for r in open_requests:
            mark = "【超期】" if r.deadline < now else "【今日到期】"
            who = r.assigned_to.get_username() if r.assigned_to else "未分配"
            lines.append(
                f"{mark}{r.reference} {r.get_status_display()} 期限 {timezone.localtime(r.deadline):%m-%d %H:%M} 承办：{who}"
            )
        for r in due:
            lines.append(f"【可恢复】{r.reference} 等待期 {timezone.localtime(r.restore_due_at):%m-%d %H:%M} 届满")
        text = "\n".join(lines) or "今天没有到期的侵权通知。"
        self.stdout.write(text)
        if lines and not options["no_email"]:
            recipients = list(
                get_user_model()
                .objects.filter(memberships__roles__name="版权审核")
                .distinct()
                .exclude(email="")
                .values_list("email", flat=True)
            )
            if recipients:
                send_mail(f"侵权通知待办 {now:%Y-%m-%d}:{len(lines)} 件", text, None, recipients)
        return f"共 {len(lines)} 件。"
