from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from newsroom.takedowns.models import TakedownRequest


class Command(BaseCommand):
    help = "列出今天到期和已超期的侵权通知，并按网站发邮件给该网站的版权审核人员。"

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
        by_portal = {}  # portal id: lines (站群: each portal's desk hears of its own notices)
        for r in open_requests:
            mark = "【超期】" if r.deadline < now else "【今日到期】"
            who = r.assigned_to.get_username() if r.assigned_to else "未分配"
            by_portal.setdefault(r.portal_id, []).append(
                f"{mark}{r.reference} {r.get_status_display()} 期限 {timezone.localtime(r.deadline):%m-%d %H:%M} 承办：{who}"
            )
        for r in due:
            by_portal.setdefault(r.portal_id, []).append(
                f"【可恢复】{r.reference} 等待期 {timezone.localtime(r.restore_due_at):%m-%d %H:%M} 届满"
            )
        lines = [line for portal_lines in by_portal.values() for line in portal_lines]
        self.stdout.write("\n".join(lines) or "今天没有到期的侵权通知。")
        if not options["no_email"]:
            for portal_id, portal_lines in by_portal.items():
                recipients = list(
                    get_user_model()
                    .objects.filter(
                        Q(memberships__portal=portal_id) | Q(memberships__portal__isnull=True),
                        memberships__roles__name="版权审核",
                        is_active=True,
                    )
                    .distinct()
                    .exclude(email="")
                    .values_list("email", flat=True)
                )
                if recipients:
                    subject = f"侵权通知待办 {now:%Y-%m-%d}：{len(portal_lines)} 件"
                    send_mail(subject, "\n".join(portal_lines), None, recipients)
        return f"共 {len(lines)} 件。"
