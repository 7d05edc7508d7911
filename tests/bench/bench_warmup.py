"""What the warm-up saves the first reader after a change: ``python -m tests.bench bench_warmup``.

In this process, with the page cache on (the configured cache; Redis in production): for
``--rounds`` rounds, the home page, a live article and its column are read until cached, the
article is saved (as a correction of a live article is: its pages, its column's and the home
page's lists become stale), and the first reader's request for each page is timed, once
without warm-up (the reader renders the page) and once after ``newsroom.warmup.warm`` ran (as
the background worker does right after the commit; its own time is reported too). Prints the
medians. The demo is loaded when the database is empty; the saves change only the article's
更新时间.
"""

import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import Client

from newsroom import warmup
from newsroom.models import Article, Portal


class Command(BaseCommand):
    help = "预热效果：发布后第一位读者打开首页、文章页、栏目页的用时，有无预热对比。"

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=20)

    def handle(self, *args, **options):
        from newsroom.demo.loader import load_demo

        settings.PAGE_CACHE_SECONDS, settings.PAGE_CACHE_BLOCKS = 300, True
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        if not Portal.objects.exists():
            load_demo()
        portal = Portal.objects.order_by("-is_default", "id").first()
        article = Article.objects.public(portal).select_related("column").order_by("-first_published_at").first()
        paths = warmup.paths_for([article])
        reader = Client()
        cold, warm, task = {p: [] for p in paths}, {p: [] for p in paths}, []
        for _ in range(options["rounds"]):
            for mode in ("cold", "warm"):
                for path in paths:
                    reader.get(path)
                    reader.get(path)
                article.save(update_fields=["updated_at"])  # its pages are stale now
                if mode == "warm":
                    started = time.perf_counter()
                    warmup.warm.call("http://testserver", paths)
                    task.append(time.perf_counter() - started)
                for path in paths:
                    started = time.perf_counter()
                    response = reader.get(path)
                    (cold if mode == "cold" else warm)[path].append(time.perf_counter() - started)
                    assert response["X-Page-Cache"] == ("MISS" if mode == "cold" else "HIT"), (path, mode)
        ms = lambda values: statistics.median(values) * 1000  # noqa: E731
        self.stdout.write(f"发布后第一位读者的用时（中位数，{options['rounds']} 轮，本进程，页面缓存开启）")
        for path in paths:
            self.stdout.write(f"  {path}：无预热 {ms(cold[path]):.1f} 毫秒，有预热 {ms(warm[path]):.1f} 毫秒")
        self.stdout.write(f"  预热任务本身（后台，{len(paths)} 个页面）：{ms(task):.1f} 毫秒")
