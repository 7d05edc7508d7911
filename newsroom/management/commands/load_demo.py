from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.demo.loader import load_demo
from newsroom.models import Portal


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
        self.stdout.write(
            "演示内容已就绪。网站群（runserver 127.0.0.1:8000 时的地址；浏览器把 *.localhost 解析到本机）："
        )
        self.stdout.write("  网站群首页：http://localhost:8000/")
        for portal in Portal.objects.order_by("-is_default", "id"):
            host = portal.host_list[0] if portal.host_list else "127.0.0.1"
            self.stdout.write(f"  {portal.name}：http://{host}:8000/")
        self.stdout.write("演示账号（后台 http://127.0.0.1:8000/admin/，各区账号只能看到本区网站）：")
        for username, password, name, where in logins:
            shown = f"密码 {password}" if password else "已存在，密码未改动"
            self.stdout.write(f"  [{where}] {name}：用户名 {username}  {shown}")
        return ""
