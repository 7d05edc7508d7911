from django.core.management.base import BaseCommand

from newsroom.demo.loader import load_demo


class Command(BaseCommand):
    help = "建立演示网站:五篇来源文章中的社区、荣誉、阵地、人员、图片和文章(可重复运行)。"

    def handle(self, *args, **options):
        logins = load_demo()
        self.stdout.write("演示内容已就绪。演示账号(后台 http://127.0.0.1:8000/admin/):")
        for username, password, name in logins:
            self.stdout.write(f"  {name}: 用户名 {username}  密码 {password}")
        return ""
