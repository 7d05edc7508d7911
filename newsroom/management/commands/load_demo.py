from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.demo.loader import load_demo


class Command(BaseCommand):
    help = "建立演示网站：五篇来源文章中的社区、荣誉、阵地、人员、图片和文章（可重复运行）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--on-production-server",
            action="store_true",
            help="DEBUG 关闭时仍然建立演示内容；新账号使用随机密码（只显示这一次）。",
        )

    def handle(self, *args, on_production_server=False, **options):
        if not settings.DEBUG and not on_production_server:
            raise CommandError(
                "DEBUG 已关闭：这像是一台正式服务器，演示内容和演示账号不应出现在这里。"
                "确需在此建立演示网站，请加 --on-production-server（新账号将使用随机密码）。"
            )
        logins = load_demo(random_passwords=not settings.DEBUG)
        self.stdout.write("演示内容已就绪。演示账号（后台 http://127.0.0.1:8000/admin/）：")
        for username, password, name in logins:
            shown = f"密码 {password}" if password else "已存在，密码未改动"
            self.stdout.write(f"  {name}：用户名 {username}  {shown}")
        return ""
