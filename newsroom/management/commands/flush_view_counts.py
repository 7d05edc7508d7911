"""``python manage.py flush_view_counts``: write the 点击数 counted in Redis to the database now
(before a deploy or shutdown; requests also flush every VIEW_COUNT_FLUSH_SECONDS)."""

from django.core.management.base import BaseCommand

from newsroom import viewcounts


class Command(BaseCommand):
    help = "把 Redis 中累计的点击数写入数据库。"

    def handle(self, *args, **options):
        self.stdout.write(f"已写入 {viewcounts.flush()} 次点击。")
