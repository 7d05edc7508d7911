"""Portal benchmark: ``python -m tests.bench bench_portal`` (``make bench`` installs wrk and nginx first).

Builds a throw-away database (never the one in settings) with ``--articles`` articles (5
columns, one photo each, 2–4 topics) on top of the demo, collects static files, then starts
gunicorn with production settings on loopback (DEBUG off, Redis cache, ``--workers`` sync
workers) and drives it with wrk (``--connections`` connections for ``--duration`` seconds
after a warm-up) against a static file of the article page's size, the home page, an article,
a column and a community, with the page cache on and off. Uncached, the article page takes the
500 newest articles in turn: what any reader gets on a page-cache miss, not one article's page
again and again. It prints requests/s, p50/p99 latency, each page's throughput as a share of
the static file's, errors at 100 connections and the workers' memory. ``--nginx`` repeats the
cached run through ``docs/nginx.conf`` (its micro-cache in front of gunicorn) and also measures
nginx serving the static file itself. Before the runs it measures how many cached pages one
publish makes stale. ``--peer ../shared/bench/wagtail`` runs that site's ``run.sh`` before and
after and prints Linli ÷ Wagtail per page (``--peer-database-url`` for its PostgreSQL).
"""

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from io import BytesIO
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Q
from django.test import Client
from django.utils import timezone
from PIL import Image

from communities.models import Community
from newsroom.core.publishing import ALL_PORTALS
from newsroom.models import Article, Column, Person, Photo, Portal, Topic
from tests.bench.servers import REFRESH_TOKEN, start_gunicorn, start_nginx, stop

REDIS_URL = os.getenv("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
# What readers type into 站内搜索: 60 queries, one and two words (the search row of --search-seconds).
_WORDS = ("社区", "党建", "街道", "志愿", "服务", "邻里", "文化", "老人", "食堂", "垃圾分类", "楼栋", "网格")
SEARCHES = [
    "/search/?q=" + quote(q)
    for q in [*_WORDS, *(f"{a} {b}" for a in _WORDS[:6] for b in _WORDS[6:]), *(f"{w}活动" for w in _WORDS)][:60]
]
KEY_PREFIX = "linli-bench-portal"
ROTATION = 500  # articles the uncached article page is measured over
PARAGRAPHS = [
    "社区党组织把服务送到居民家门口，志愿者每周走访独居老人。",
    "街道整合辖区资源，建成党群服务中心和日间照料中心。",
    "居民议事会围绕加装电梯、垃圾分类和停车难题协商议事。",
    "新时代文明实践站组织读书会、法律咨询和义诊活动。",
]


class Command(BaseCommand):
    help = "门户性能测试：生成文章，用生产配置启动 gunicorn，用 wrk 压测静态文件和各类页面（缓存/不缓存）。"
    creates_own_database = True  # linli_bench_portal_N (or a file under /tmp/linli-bench-portal)

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--connections", type=int, default=32)
        parser.add_argument("--duration", type=int, default=15, help="每项压测秒数")
        parser.add_argument("--warmup", type=int, default=3, help="每项压测前的预热秒数")
        parser.add_argument("--nginx", action="store_true", help="再经 docs/nginx.conf 的 nginx 测一遍")
        parser.add_argument("--port", type=int, default=8011)
        parser.add_argument("--reuse", action="store_true", help="保留并复用上次生成的测试库")
        parser.add_argument(
            "--cooling-only", action="store_true", help="只测一次发布使多少已缓存页面失效（不启动 gunicorn/wrk）"
        )
        parser.add_argument(
            "--search-seconds",
            type=int,
            default=0,
            help="经 nginx 以 100 连接压测站内搜索的秒数（轮换 60 个查询；0 为不测）",
        )
        parser.add_argument(
            "--peer",
            help="对照站点目录（如 ../shared/bench/wagtail）：本次压测前后各运行一次其 run.sh，同表列出两者及比值",
        )
        parser.add_argument(
            "--peer-database-url", help="对照站点的数据库（传给其 run.sh 的 DATABASE_URL；不给则用其 SQLite）"
        )

    def handle(self, *args, **options):
        if not shutil.which("wrk"):
            raise CommandError("需要 wrk（Debian：apt-get install wrk），或运行 make bench。")
        if options["nginx"] and not shutil.which("nginx"):
            raise CommandError("--nginx 需要 nginx（Debian：apt-get install nginx-light），或运行 make bench。")
        self.options, self.out = options, self.stdout.write
        self.work = Path(tempfile.gettempdir()) / "linli-bench-portal"
        self.work.mkdir(exist_ok=True)
        db = connection.settings_dict
        db.setdefault("TEST", {})
        db["TEST"]["NAME"] = (
            str(self.work / f"db-{options['articles']}.sqlite3")
            if connection.vendor == "sqlite"
            else f"linli_bench_portal_{options['articles']}"
        )
        keep = options["reuse"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=keep, serialize=False)
        database_url = (
            f"sqlite:///{db['NAME']}"
            if connection.vendor == "sqlite"
            else f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
        try:
            peer = [self._peer()] if options["peer"] else []
            rows = self._run(database_url)
            if options["peer"]:
                peer.append(self._peer())
                self._compare(rows, peer)
        finally:
            if not keep:
                connection.close()
                connection.creation.destroy_test_db(db["NAME"], verbosity=0)

    # -- content -------------------------------------------------------------------------

    def _content(self):
        wanted = self.options["articles"]
        if Article.objects.public(ALL_PORTALS).count() >= wanted:
            return
        from newsroom.demo.loader import load_demo

        started = time.perf_counter()
        settings.MEDIA_ROOT = self.work / "media"
        load_demo()
        self._generate(wanted - Article.objects.count())
        with connection.cursor() as cursor:  # table statistics, as autovacuum keeps them
            cursor.execute("ANALYZE")
        self.out(f"生成内容：{Article.objects.count()} 篇文章，{time.perf_counter() - started:.1f} 秒")

    def _generate(self, count):
        rng = random.Random(2026)
        portal_columns = list(Column.objects.filter(parent__isnull=True).order_by("order", "id")[:5])
        topics = list(Topic.objects.all()) + [
            Topic.objects.create(
                portal=portal_columns[0].portal, title=f"专题报道{i}", slug=f"bench-topic-{i}", is_live=True
            )
            for i in range(8)
        ]
        communities = list(Community.objects.all())
        reporter = Person.objects.order_by("id").first()
        images = self._images()
        now = timezone.now()
        through_topics, through_communities = Article.topics.through, Article.communities.through
        for start in range(0, count, 1000):
            batch = []
            for i in range(start, min(count, start + 1000)):
                at = now - timedelta(minutes=10 * i + 5)
                community = rng.choice(communities)
                column = rng.choice(portal_columns)
                batch.append(
                    Article(
                        title=f"{community.name}{rng.choice(['开展', '推进', '举办'])}邻里服务活动第{i}期",
                        slug=f"bench-{i}",
                        column=column,
                        portal_id=column.portal_id,
                        status=Article.Status.PUBLISHED,
                        summary=rng.choice(PARAGRAPHS),
                        is_live=True,
                        live_from=at,
                        first_published_at=at,
                        body="".join(f"<p>{rng.choice(PARAGRAPHS)}</p>" for _ in range(8)),
                        is_headline=i % 50 == 0,
                        is_recommended=i % 7 == 0,
                        is_picture_news=i % 11 == 0,
                    )
                )
            created = Article.objects.bulk_create(batch)
            photos = Photo.objects.bulk_create(
                Photo(
                    article=a,
                    image=rng.choice(images),
                    width=1200,
                    height=800,
                    caption=f"{a.title}现场",
                    alt_text="居民参加社区活动",
                    credit_kind="photo",
                    credit_person=reporter,
                    body_position=1,
                )
                for a in created
            )
            for article, photo in zip(created, photos):
                article.cover = photo
            Article.objects.bulk_update(created, ["cover"], batch_size=500)
            through_topics.objects.bulk_create(
                through_topics(article_id=a.pk, topic_id=t.pk)
                for a in created
                for t in rng.sample(topics, rng.randint(2, 4))
            )
            through_communities.objects.bulk_create(
                through_communities(article_id=a.pk, community_id=rng.choice(communities).pk) for a in created
            )

    def _images(self):
        folder = Path(settings.MEDIA_ROOT) / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        names = []
        for k in range(12):
            path = folder / f"photo-{k}.jpg"
            if not path.exists():
                buffer = BytesIO()
                Image.effect_noise((1200, 800), 40 + k).convert("RGB").save(buffer, "JPEG", quality=70)
                path.write_bytes(buffer.getvalue())
            names.append(f"bench/photo-{k}.jpg")
        return names

    # -- serving -------------------------------------------------------------------------

    def _env(self, database_url, page_cache):
        return {
            **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)},
            "DEBUG": "0",
            "SECRET_KEY": "bench-portal-only-" + "x" * 40,
            "HTTPS": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "DB_CONN_MAX_AGE": "600",
            "REDIS_URL": REDIS_URL,
            "CACHE_KEY_PREFIX": KEY_PREFIX,
            "PAGE_CACHE_SECONDS": str(page_cache),
            "STATIC_ROOT": str(self.work / "static"),
            "MEDIA_ROOT": str(self.work / "media"),
            "MEDIA_ACCEL_REDIRECT": "1",
            "BEHIND_PROXY": "1",
            # wrk is one reader sending many reports: count each one, so the figures can be checked.
            "VIEW_COUNT_DEDUPE_SECONDS": "0",
            # A takedown applied with this environment refreshes nginx's copies (newsroom/microcache.py).
            "MICRO_CACHE_REFRESH_URLS": f"http://127.0.0.1:{self.options['port'] + 1}",
            "MICRO_CACHE_REFRESH_TOKEN": REFRESH_TOKEN,
        }

    def _collectstatic(self, env, page_size):
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            env=env,
            cwd=settings.BASE_DIR,
            check=True,
        )
        (self.work / "static" / "bench-page.html").write_bytes(b"<!DOCTYPE html>" + b"x" * (page_size - 15))

    def _clear_redis(self):
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{KEY_PREFIX}:*"):
            client.delete(key)

    def _gunicorn(self, env):
        self._clear_redis()
        return start_gunicorn(env, self.options["port"], workers=self.options["workers"])

    @staticmethod
    def _rss_mb(process):
        children = subprocess.run(["ps", "-o", "rss=", "--ppid", str(process.pid)], capture_output=True, text=True)
        sizes = [int(x) for x in children.stdout.split()]
        return sum(sizes) / 1024 / max(len(sizes), 1)

    def _wrk(self, url, connections=None, duration=None, post=False, paths=None):
        """wrk against ``url``; with ``paths``, each request takes the next of them in turn."""
        connections = connections or self.options["connections"]
        duration = duration or self.options["duration"]
        script = []
        if post:
            lua = self.work / "post.lua"
            lua.write_text('wrk.method = "POST"\n', encoding="utf-8")
            script = ["-s", str(lua)]
        elif paths:
            lua = self.work / "paths.lua"
            lua.write_text(
                "paths = {%s}\nn = 0\nrequest = function()\n  n = n + 1\n"
                "  return wrk.format(nil, paths[(n %% #paths) + 1])\nend\n" % ", ".join(f'"{p}"' for p in paths),
                encoding="utf-8",
            )
            script = ["-s", str(lua)]
        sent = 0
        if self.options["warmup"]:
            warm = subprocess.run(
                ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{self.options['warmup']}s", *script, url],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            sent += int(re.search(r"(\d+) requests in", warm).group(1))
        result = subprocess.run(
            ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s", "--latency", *script, url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", result))
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", result)
        sent += int(re.search(r"(\d+) requests in", result).group(1))
        return {
            "sent": sent,
            "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", result).group(1)),
            "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", result).group(1)),
            "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", result).group(1)),
            "errors": errors + (int(non_2xx.group(1)) if non_2xx else 0),
        }

    def _nginx(self, gunicorn_port, nginx_port):
        return start_nginx(self.work, gunicorn_port, nginx_port)

    def _flush_counts(self, database_url):
        subprocess.run(
            [sys.executable, "manage.py", "flush_view_counts"],
            env=self._env(database_url, 0),
            cwd=settings.BASE_DIR,
            check=True,
            capture_output=True,
        )

    # -- the run -------------------------------------------------------------------------

    def _run(self, database_url):
        opts = self.options
        self._content()
        article = Article.objects.public(ALL_PORTALS).order_by("-first_published_at").first()
        column = article.column.parent or article.column
        community = Community.objects.order_by("id").first()
        targets = {
            "首页": "/",
            "文章页": article.get_absolute_url(),
            "栏目页": column.get_absolute_url(),
            "社区页": community.get_absolute_url(),
        }
        # Uncached, the article page is measured over many articles in turn: a page-cache miss on
        # any article, as the long tail's readers (and crawlers) get it.
        rotation = [a.get_absolute_url() for a in Article.objects.public(ALL_PORTALS).only("slug")[:ROTATION]]
        page_size = len(Client().get(targets["文章页"]).content)
        self._cooling()
        if opts["cooling_only"]:
            return []
        self._collectstatic(self._env(database_url, 0), page_size)
        base = f"http://127.0.0.1:{opts['port']}"
        rows = []
        self.out(
            f"数据库：{connection.vendor}；文章 {Article.objects.count()} 篇；gunicorn {opts['workers']} 个 sync worker；"
            f"wrk {opts['connections']} 连接 × {opts['duration']} 秒；文章页 {page_size // 1024} KB"
        )

        for cached in (True, False):
            process = self._gunicorn(self._env(database_url, 300 if cached else 0))
            try:
                if cached:
                    rows.append(("gunicorn", "静态文件（同大小）", self._wrk(base + "/static/bench-page.html")))
                for name, path in targets.items():
                    if name == "文章页" and not cached:
                        rows.append(
                            (
                                "gunicorn",
                                f"文章页（不缓存，{len(rotation)} 篇轮换）",
                                self._wrk(base + path, paths=rotation),
                            )
                        )
                    else:
                        rows.append(("gunicorn", f"{name}（{'缓存' if cached else '不缓存'}）", self._wrk(base + path)))
                if cached:
                    at_100 = self._wrk(base + targets["文章页"], connections=100, duration=10)
                    rows.append(("gunicorn", "文章页（缓存，100 连接）", at_100))
                else:
                    at_100 = self._wrk(base + targets["文章页"], connections=100, duration=10, paths=rotation)
                    rows.append(("gunicorn", f"文章页（不缓存，{len(rotation)} 篇轮换，100 连接）", at_100))
                    # one reader at a time: the page's own latency, without queueing — once the
                    # workers have answered what the 100 connections left in their backlog
                    urllib.request.urlopen(base + "/healthz", timeout=120).read()
                    alone = self._wrk(base + targets["文章页"], connections=1, duration=10, paths=rotation)
                    rows.append(("gunicorn", f"文章页（不缓存，{len(rotation)} 篇轮换，1 连接）", alone))
                if cached:  # what each reader's view report costs (Redis, one indexed SELECT)
                    before = Article.objects.get(pk=article.pk).view_count
                    report = self._wrk(base + f"/views/{article.pk}/", post=True)
                    rows.append(("gunicorn", "点击上报（POST /views/<id>/）", report))
                rss = self._rss_mb(process)
                self.out(f"worker 内存（RSS，{'缓存' if cached else '不缓存'}运行后）：平均每个 {rss:.0f} MB")
            finally:
                stop(process)
            if cached:
                self._flush_counts(database_url)
                counted = Article.objects.get(pk=article.pk).view_count - before
                self.out(f"点击上报：wrk 完成 {report['sent']} 次上报，数据库增加 {counted} 次（Redis 计数，批量写入）")

        if opts["nginx"]:
            process = self._gunicorn(self._env(database_url, 300))
            nginx_port = opts["port"] + 1
            web = self._nginx(opts["port"], nginx_port)
            front = f"http://127.0.0.1:{nginx_port}"
            try:
                rows.append(("nginx", "静态文件（nginx 直接）", self._wrk(front + "/static/bench-page.html")))
                for name, path in targets.items():
                    rows.append(("nginx", f"{name}（微缓存）", self._wrk(front + path)))
                rows.append(("nginx", "文章页（微缓存，100 连接）", self._wrk(front + targets["文章页"], 100, 10)))
                if opts["search_seconds"]:
                    rows.append(
                        (
                            "nginx",
                            f"站内搜索（60 个查询轮换，100 连接，{opts['search_seconds']} 秒）",
                            self._wrk(front + "/search/", 100, opts["search_seconds"], paths=SEARCHES),
                        )
                    )
            finally:
                web.send_signal(signal.SIGQUIT)
                web.wait(timeout=30)
                stop(process)
        self._table(rows)
        return rows

    # -- the peer (Wagtail) ---------------------------------------------------------------

    def _peer(self):
        """One run of the peer's run.sh with the same connections and duration: {target: req/s}."""
        script = Path(self.options["peer"]) / "run.sh"
        if not script.exists():
            raise CommandError(f"找不到 {script}：--peer 应指向含 run.sh 的对照站点目录（先运行其 setup.sh）。")
        args = ["--connections", str(self.options["connections"]), "--duration", str(self.options["duration"])]
        self.out(f"对照站点：{script} {' '.join(args)}")
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        if self.options["peer_database_url"]:
            env["DATABASE_URL"] = self.options["peer_database_url"]
        done = subprocess.run(["bash", str(script), *args], capture_output=True, text=True, timeout=1800, env=env)
        found = dict(re.findall(r"^\s+(\w+): requests=\d+ duration_s=[\d.]+ rps=([\d.]+)", done.stdout, re.M))
        if not found:
            raise CommandError(f"对照站点没有给出结果：\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
        return {name: float(rps) for name, rps in found.items()}

    def _compare(self, rows, peer):
        """Linli uncached (page cache off) against the peer (which caches no page), per page."""
        mine = {name: r["rps"] for server, name, r in rows if server == "gunicorn"}
        pairs = [
            ("静态文件", "static", mine.get("静态文件（同大小）")),
            ("首页（不缓存）", "home", mine.get("首页（不缓存）")),
            (
                "文章页（不缓存，轮换）",
                "article",
                next((v for k, v in mine.items() if k.startswith("文章页（不缓存，") and "连接" not in k), None),
            ),
            ("栏目页（不缓存）", "column", mine.get("栏目页（不缓存）")),
        ]
        self.out("\n| 页面 | 对照站点（前） | Linli | 对照站点（后） | Linli ÷ 对照站点 |")
        self.out("| --- | ---: | ---: | ---: | ---: |")
        for label, key, linli in pairs:
            before, after = (run.get(key) for run in peer)
            if linli is None or not before or not after:
                continue
            ratio = linli / ((before + after) / 2)
            self.out(f"| {label} | {before:,.1f} | {linli:,.1f} | {after:,.1f} | {ratio:.2f} |")

    def _cooling(self):
        """How many cached pages one publish makes stale: list pages and every 4th article page of the default portal
        cached in this process (the same page cache, in memory), one article published, each page
        asked again. Before tags (up to 2026-12-05) one site-wide generation made every page
        stale."""
        from django.core.cache import caches
        from django.test.utils import override_settings

        from communities.models import Street
        from newsroom.core import pagecache

        pages = {
            "首页": ["/"],
            "栏目页": [c.get_absolute_url() for c in Column.objects.for_portal(Portal.objects.default())],
        }
        pages["专题页"] = [
            t.get_absolute_url() for t in Topic.objects.filter(is_live=True, portal=Portal.objects.default())
        ]
        pages["社区页"] = ["/communities/", "/communities/honours/"] + [
            c.get_absolute_url() for c in Community.objects.public()
        ]
        pages["社区页"] += [s.get_absolute_url() for s in Street.objects.public()]
        pages["订阅与地图"] = ["/rss/", "/sitemap.xml", "/sitemap/"]
        # The default portal's pages, read on its address (another portal's article is a 404 here).
        articles = Article.objects.public(Portal.objects.default()).order_by("-first_published_at")
        pages["文章页"] = [a.get_absolute_url() for a in articles.only("slug")[::4]]
        cache = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "cooling",
                "OPTIONS": {"MAX_ENTRIES": 1_000_000},
            }
        }
        with override_settings(CACHES=cache, PAGE_CACHE_SECONDS=300, PAGE_CACHE_BLOCKS=True):
            caches["default"].clear()
            pagecache.forget_local()
            reader = Client()
            for urls in pages.values():
                for url in urls:
                    reader.get(url)
            model = articles.select_related("column").first()
            fresh = Article.objects.create(
                title="社区邻里节今日开幕",
                slug="bench-cooling",
                column=model.column,
                status=Article.Status.PUBLISHED,
                summary=PARAGRAPHS[0],
                body=f"<p>{PARAGRAPHS[1]}</p>",
            )
            fresh.topics.set(model.topics.all())
            fresh.communities.set(model.communities.all())
            fresh.is_live, fresh.live_from = True, timezone.now() - timedelta(seconds=1)
            fresh.first_published_at = fresh.live_from
            fresh.save()  # the publish: the save that makes it live
            missed = {
                kind: [url for url in urls if reader.get(url).get("X-Page-Cache") == "MISS"]
                for kind, urls in pages.items()
            }
            misses = {kind: len(urls) for kind, urls in missed.items()}
            # The rule before 2026-12-07: an article page showed the newest articles sharing its
            # topics, communities and series in 相关文章, so it went stale with every publish that
            # shared one of them. Counted on the same pages, the same publish.
            shares = (
                Q(topics__in=fresh.topics.all()) | Q(communities__in=fresh.communities.all())
                if fresh.topics.exists() or fresh.communities.exists()
                else Q(pk__in=[])
            )
            if fresh.series_id:
                shares |= Q(series_id=fresh.series_id)
            sharing = {a.get_absolute_url() for a in articles.filter(shares).exclude(pk=fresh.pk).only("slug")}
            before_rule = len(set(missed["文章页"]) | (sharing & set(pages["文章页"])))
            fresh.delete()
            caches["default"].clear()
            pagecache.forget_local()
        count, total, cooled = articles.count(), sum(map(len, pages.values())), sum(misses.values())
        self.out("一次发布使哪些已缓存页面失效：")
        for kind, urls in pages.items():
            self.out(f"  {kind}：{len(urls)} 个中 {misses[kind]} 个")
        share = misses["文章页"] / len(pages["文章页"])
        self.out(
            f"一次发布：已缓存的 {total} 个页面中 {cooled} 个失效（{cooled / total:.0%}）；"
            f"按抽样推算全部 {count} 个文章页约 {share * count:,.0f} 个失效"
            f"（相关文章列出新稿的文章页）。按标签失效之前：全部页面失效。"
        )
        before_total = cooled - misses["文章页"] + before_rule
        self.out(
            f"对照（同一次发布、同一批页面）：相关文章列最新稿件的旧规则下，文章页 {len(pages['文章页'])} 个中 "
            f"{before_rule} 个失效，全部 {total} 个中 {before_total} 个（{before_total / total:.0%}）；"
            f"现规则（相关文章只列此前发布的稿件）：{cooled} 个（{cooled / total:.0%}）。"
        )

    def _table(self, rows):
        static = {server: r["rps"] for server, name, r in rows if name.startswith("静态文件")}
        self.out("\n| 服务 | 目标 | 请求/秒 | p50 ms | p99 ms | 相对静态文件 | 错误 |")
        self.out("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
        for server, name, r in rows:
            share = r["rps"] / static[server] if static.get(server) else 0
            self.out(
                f"| {server} | {name} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {share:.0%} | {r['errors']} |"
            )


def _ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
