"""Search benchmark: ``python -m tests.bench bench_search --articles 100000``.

Builds a throw-away database (never the one in settings), fills it with generated articles
made from the demo articles' vocabulary (a third stored in Traditional script), builds the
index, then runs a fixed query set through the real ``/search/`` page and prints index build
time, index size and p50/p95 latency for the database it runs on. On PostgreSQL the queries run
twice in the same run: first as the previous code did (each row's body vector tested, no token
signature: the baseline), then as it does now.
"""

import random
import re
import statistics
import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.utils import timezone
from django.utils.html import strip_tags

from communities.models import Community
from newsroom.core.chinese import to_traditional
from newsroom.demo.articles import ARTICLES
from newsroom.demo.communities import COMMUNITIES
from newsroom.models import Article, Column
from newsroom.search import index
from newsroom.search.backends import PostgresBackend, backend
from newsroom.search.models import SearchDocument

QUERIES = [
    # common two-character words (a large share of all articles)
    "社区",
    "党建",
    "服务",
    # medium and rare words, in both scripts
    "志愿服务",
    "垃圾分类",
    "垃圾分類",
    "公租房",
    "南侨机工",
    "南僑機工",
    "泉民共益坊",
    "六邻工作法",
    "日间照料中心",
    "張聿修",
    # one character, numbers, several words, a phrase, no hits
    "棋",
    "区",
    "2012",
    "社区 公租房",
    "党建 志愿 服务",
    "“家门口”",
    "不存在的词语",
]
SENTENCE = re.compile(r"[^。!?;]+[。!?;]")


def _vocabulary():
    sentences, titles = [], []
    for article in ARTICLES:
        text = strip_tags(article["body"])
        sentences += [s.strip() for s in SENTENCE.findall(text) if 8 <= len(s.strip()) <= 120]
        titles.append(article["title"])
    names = [c["name"] for c in COMMUNITIES]
    return sentences, titles, names


class Command(BaseCommand):
    help = "站内搜索性能测试：生成文章、建索引、跑固定查询集，打印建索引时间、索引大小和 p50/p95。"
    creates_own_database = True  # linli_bench_search_N (or /tmp/linli-bench-search-N.sqlite3)

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=5, help="每个查询的重复次数")
        parser.add_argument("--reuse", action="store_true", help="保留并复用上次生成的测试库")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        settings_dict = connection.settings_dict
        settings_dict.setdefault("TEST", {})
        settings_dict["TEST"]["NAME"] = (
            f"/tmp/linli-bench-search-{options['articles']}.sqlite3"
            if connection.vendor == "sqlite"
            else f"linli_bench_search_{options['articles']}"
        )
        keep = options["reuse"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=keep, serialize=False)
        try:
            self._run(options)
        finally:
            if not keep:
                connection.creation.destroy_test_db(settings_dict["NAME"], verbosity=0)

    def _run(self, options):
        wanted = options["articles"]
        out = self.stdout.write
        out(f"数据库：{connection.vendor}（{backend().name}）；文章数：{wanted}")
        have = Article.objects.count()
        if have != wanted:
            started = time.perf_counter()
            self._generate(wanted, random.Random(options["seed"]))
            out(f"生成文章：{time.perf_counter() - started:.1f} 秒")
            with connection.cursor() as cursor:  # table statistics, as autovacuum keeps them
                cursor.execute("ANALYZE")
            started = time.perf_counter()
            counts = index.rebuild(batch=1000)
            build = time.perf_counter() - started
            out(f"建索引：{build:.1f} 秒（{sum(counts.values())} 条，{sum(counts.values()) / build:.0f} 条/秒）")
        size = backend().size_bytes()
        out(f"索引大小：{size / 1024 / 1024:.1f} MB" if size else "索引大小：无法测量（SQLite 未编译 dbstat）")
        if connection.vendor == "postgresql":
            PostgresBackend.SIGNATURE = False
            self.stdout.write("基线：逐行读取正文向量（不用词元签名，上一版做法）")
            self._queries(options["repeat"])
            PostgresBackend.SIGNATURE = True
            self.stdout.write("现行：先比对行内词元签名，可能匹配的行才读取正文向量")
        self._queries(options["repeat"])

    def _generate(self, count, rng):
        from newsroom.demo.loader import load_communities, load_portal

        portal = load_portal()[0]
        load_communities()
        Article.objects.all().delete()
        columns = list(Column.objects.filter(portal=portal, parent__isnull=True)[:5])
        sentences, titles, names = _vocabulary()
        communities = list(Community.objects.values_list("pk", flat=True))
        now = timezone.now()
        through = Article.communities.through
        for start in range(0, count, 2000):
            batch = []
            for i in range(start, min(count, start + 2000)):
                name = rng.choice(names)
                title = f"{name}:{rng.choice(titles).split(':')[-1][:20]}{rng.randint(1, 999)}"
                paragraphs = [
                    "".join(rng.sample(sentences, rng.randint(2, 5))).replace("2012", str(rng.randint(1990, 2026)))
                    for _ in range(rng.randint(4, 7))
                ]
                body = "".join(f"<p>{p}</p>" for p in paragraphs)
                script = "zh-hant" if i % 3 == 0 else "zh-hans"
                if script == "zh-hant":
                    title, body = to_traditional(title), to_traditional(body)
                at = now - timedelta(minutes=rng.randint(1, 5 * 365 * 24 * 60))
                column = rng.choice(columns)
                batch.append(
                    Article(
                        title=title,
                        slug=f"bench-{i}",
                        column=column,
                        portal_id=column.portal_id,
                        script=script,
                        body=body,
                        summary=strip_tags(paragraphs[0])[:80],
                        status=Article.Status.PUBLISHED,
                        is_live=True,
                        live_from=at,
                        first_published_at=at,
                    )
                )
            created = Article.objects.bulk_create(batch)
            through.objects.bulk_create(through(article_id=a.pk, community_id=rng.choice(communities)) for a in created)
            self.stdout.write(f"  已生成 {min(count, start + 2000)} 篇", ending="\r")
        self.stdout.write("")

    def _queries(self, repeat):
        client = Client(HTTP_HOST="localhost")
        samples, rows = [], []
        for query in QUERIES:
            client.get("/search/", {"q": query})  # warm-up
            timings = []
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get("/search/", {"q": query})
                timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
            found = re.search(r"全部 <span>([\d+]+)</span>", response.content.decode())
            rows.append((query, found.group(1) if found else "0", statistics.median(timings)))
            samples += timings
        self.stdout.write(f"{'查询':<12}{'结果数':>10}{'中位数 ms':>12}")
        for query, hits, median in rows:
            self.stdout.write(f"{query:<12}{hits:>10}{median:>12.1f}")
        samples.sort()
        p50 = statistics.median(samples)
        p95 = samples[int(len(samples) * 0.95) - 1]
        docs = SearchDocument.objects.count()
        self.stdout.write(
            f"整页查询（{len(QUERIES)} 个查询 × {repeat} 次，{docs} 条索引）：p50 {p50:.1f} ms，p95 {p95:.1f} ms，"
            f"最慢 {samples[-1]:.1f} ms"
        )
