"""How fast the image library is searched: ``python -m tests.bench bench_library``.

Inside a transaction that is rolled back at the end (nothing stays in the database), adds
``--images`` library images (captions, tags and credits drawn from the demo's vocabulary), then
times the admin's library page (the staff view editors use: search box, 100 rows with thumbnails)
for a fixed set of searches over ``--runs`` rounds, beside a baseline in the same run: the same
page with no search. Prints p50 and p95.
"""

import statistics
import time

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client

from newsroom.models import ImageAsset, Person

WORDS = [
    "邻里节",
    "党群服务中心",
    "志愿者",
    "垃圾分类",
    "社区食堂",
    "老年大学",
    "文化长廊",
    "暖空间",
    "就业基地",
    "红色教育",
]
PLACES = ["中南社区", "新闻里社区", "共和路社区", "民安华福社区", "万锦社区", "恒昌社区", "观音庙社区"]
QUERIES = ["邻里节", "张聿修", "暖空间", "恒昌社区", "志愿", "DSC", "不存在的词"]


class _Rollback(Exception):
    pass


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "图片库检索性能：临时加入大量图片（结束后回滚），测后台图片库页面在各种检索下的 p50/p95。"

    def add_arguments(self, parser):
        parser.add_argument("--images", type=int, default=10_000)
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, images, runs, **options):
        rows = []
        try:
            with transaction.atomic():
                people = list(Person.objects.all()[:10]) or [Person.objects.create(name="张聿修")]
                ImageAsset.objects.bulk_create(
                    (
                        ImageAsset(
                            file=f"library/bench/DSC_{i:05d}.jpg",
                            width=1200,
                            height=800,
                            caption=f"{PLACES[i % len(PLACES)]}{WORDS[i % len(WORDS)]}活动现场，第{i}张。",
                            alt_text=f"{WORDS[(i * 7) % len(WORDS)]}现场",
                            tags=f"{WORDS[i % len(WORDS)]}、{PLACES[(i * 3) % len(PLACES)]}",
                            credit_kind="photo",
                            credit_person=people[i % len(people)],
                        )
                        for i in range(images)
                    ),
                    batch_size=1000,
                )
                staff = User.objects.create_superuser("bench-library", password="x" * 16)
                client = Client()
                client.force_login(staff)
                url = "/admin/newsroom/imageasset/"
                for label, params in [("基线：不检索", {})] + [(f"检索“{q}”", {"q": q}) for q in QUERIES]:
                    client.get(url, params)  # warm up
                    times = []
                    for _ in range(runs):
                        start = time.perf_counter()
                        response = client.get(url, params)
                        times.append(time.perf_counter() - start)
                        assert response.status_code == 200
                    rows.append((label, times))
                raise _Rollback
        except _Rollback:
            pass
        total = ImageAsset.objects.count() + images
        self.stdout.write(f"图片库 {total} 张（其中 {images} 张为临时生成），后台图片库页面，每项 {runs} 次")
        every = []
        for label, times in rows:
            every += times if label != "基线：不检索" else []
            self.stdout.write(
                f"{label}: p50 {statistics.median(times) * 1000:.0f} ms，p95 {percentile(times, 0.95) * 1000:.0f} ms"
            )
        self.stdout.write(f"全部检索：p95 {percentile(every, 0.95) * 1000:.0f} ms")
        return ""
