from django.core.management.base import BaseCommand

from newsroom.comments.actions import purge


class Command(BaseCommand):
    help = "删除超过保存期限（每个网站的评论设置，至少6个月）的评论、审核记录和认证信息。每天由 cron 运行一次。"

    def handle(self, *args, **options):
        return f"已删除 {purge()} 条过期记录。"
