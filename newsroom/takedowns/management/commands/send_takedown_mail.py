from django.core.management.base import BaseCommand

from newsroom.takedowns.mail import send_waiting


class Command(BaseCommand):
    help = "发送仍在等待的侵权通知邮件（通知人、作者）；邮件服务器恢复后自动补发。建议 cron 每分钟运行。"

    def handle(self, *args, **options):
        sent, waiting = send_waiting()
        self.stdout.write(f"已发送 {sent} 封，仍在等待 {waiting} 封。")
