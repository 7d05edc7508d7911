import time

from django.core.management.base import BaseCommand

from newsroom.search import index
from newsroom.search.backends import backend


class Command(BaseCommand):
    help = "从数据库重建站内搜索索引（只收录已公开的内容）。"

    def handle(self, *args, **options):
        started = time.perf_counter()
        counts = index.rebuild()
        took = time.perf_counter() - started
        summary = ", ".join(f"{kind} {n}" for kind, n in counts.items())
        self.stdout.write(f"搜索索引已重建（{backend().name}）：{summary}，用时 {took:.1f} 秒。")
