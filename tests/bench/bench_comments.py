"""Comments under load: ``python -m tests.bench bench_comments`` (PostgreSQL and Redis, as in
production; ``make bench`` installs wrk).

A throw-away database with the demo, comments on, 100 verified readers (created directly: the
run measures posting and liking, not SMS), each with a session, and 2,000 approved comments to
like. gunicorn with production settings serves it. Then:

1. the cached article page alone, with wrk (the baseline);
2. ``--readers`` threads, each a reader with its own session, posting a comment and liking
   another in turn for ``--duration`` seconds, while wrk reads the cached article page again;
3. the figures: requests/s, p50/p99 and errors of the readers' requests; comments and likes
   answered as accepted against the rows in the database (nothing lost, nothing counted
   twice: each comment's like_count against its like rows); the article page's throughput
   during the load beside its baseline.
"""

import http.client
import secrets
import statistics
import threading
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from newsroom.comments.models import Comment, Commenter, CommentSettings, Level, Like
from newsroom.comments.verifiers import PhoneVerifier
from tests.bench.bench_portal import Command as PortalBenchmark


class PreVerified(PhoneVerifier):
    """The benchmark's readers are verified before it starts: no code is ever sent."""

    def deliver(self, number, text):
        raise RuntimeError("the benchmark sends no codes")


class Command(PortalBenchmark):
    help = "评论压力测试：100 位读者同时发表评论和点赞，报告吞吐量、延迟、错误和数据库核对结果，以及同时段文章页缓存吞吐量。"

    def add_arguments(self, parser):
        parser.add_argument("--readers", type=int, default=100)
        parser.add_argument("--duration", type=int, default=60)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--port", type=int, default=8012)
        parser.add_argument(
            "--nginx", action="store_true", help="经 docs/nginx.conf 的 nginx（文章页走其微缓存），如生产环境"
        )

    def handle(self, *args, **options):
        import shutil
        import tempfile
        from pathlib import Path

        if connection.vendor != "postgresql":
            raise CommandError("请用 PostgreSQL 运行（设置 DATABASE_URL）：评论压测测的是生产环境的配置。")
        if options["nginx"] and not shutil.which("nginx"):
            raise CommandError("--nginx 需要 nginx（Debian：apt-get install nginx-light）。")
        if not shutil.which("wrk"):
            raise CommandError("需要 wrk（Debian：apt-get install wrk），或运行 make bench。")
        self.options = {**options, "connections": 16, "warmup": 2, "articles": 0}
        self.out = self.stdout.write
        self.work = Path(tempfile.gettempdir()) / "linli-bench-comments"
        self.work.mkdir(exist_ok=True)
        db = connection.settings_dict
        db.setdefault("TEST", {})["NAME"] = "linli_bench_comments"
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False, serialize=False)
        database_url = (
            f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
        try:
            self._measure(database_url)
        finally:
            connection.close()
            connection.creation.destroy_test_db(db["NAME"], verbosity=0)

    def _prepare(self):
        from newsroom.demo.loader import load_demo
        from newsroom.models import Article, Portal

        settings.MEDIA_ROOT = self.work / "media"
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the demo's notice mail
        load_demo()
        portal = Portal.objects.default()
        CommentSettings.objects.create(
            portal=portal,
            enabled=True,
            per_hour_trusted=30000,
            per_hour_address=30000,
        )
        article = Article.objects.public(portal).order_by("-first_published_at").first()
        readers = Commenter.objects.bulk_create(
            Commenter(
                kind="phone",
                identity_hash=secrets.token_hex(32),
                masked=f"138****{n:04d}",
                display_name=f"读者{n}",
                level=Level.TRUSTED,
            )
            for n in range(self.options["readers"])
        )
        pool = Comment.objects.bulk_create(
            Comment(
                article=article,
                commenter=readers[n % len(readers)],
                body=f"已通过的评论{n}",
                status="approved",
                region="北京",
            )
            for n in range(2000)
        )
        # Sessions are signed with the server's key: the one gunicorn gets.
        settings.SECRET_KEY = self._env("", 0)["SECRET_KEY"]
        sessions = []
        for reader in readers:
            store = SessionStore()
            store["commenter_id"] = reader.pk
            store.create()
            sessions.append(store.session_key)
        return article, readers, [c.pk for c in pool], sessions

    def _measure(self, database_url):
        article, readers, pool, sessions = self._prepare()
        env = {
            **self._env(database_url, page_cache=300),
            "COMMENT_VERIFIER": f"{__name__}.PreVerified",
            "COMMENT_LIKES_PER_HOUR": "100000",
            "MEDIA_ROOT": str(self.work / "media"),
            "STATIC_ROOT": str(self.work / "static"),
        }
        self._collectstatic(env, 1000)
        server = self._gunicorn(env)
        proxy = self._nginx(self.options["port"], self.options["port"] + 1) if self.options["nginx"] else None
        self.front = self.options["port"] + 1 if proxy else self.options["port"]
        try:
            page = f"http://127.0.0.1:{self.front}{article.get_absolute_url()}"
            baseline = self._wrk(page, duration=10)
            results, stop = [], threading.CommentEvent()
            threads = [
                threading.Thread(target=self._reader, args=(n, article.slug, sessions[n], pool, results, stop))
                for n in range(len(readers))
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            time.sleep(2)
            during = self._wrk(page, duration=min(10, max(1, self.options["duration"] - 4)))
            time.sleep(max(0, self.options["duration"] - (time.perf_counter() - started)))
            stop.set()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        finally:
            if proxy:
                stop(proxy)
            stop(server)
        self._report(results, elapsed, baseline, during, article, pool)

    def _reader(self, n, slug, session, pool, results, stop):
        csrf = secrets.token_hex(16)
        headers = {
            "Cookie": f"sessionid={session}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
        }
        conn = http.client.HTTPConnection("127.0.0.1", self.front, timeout=30)
        k = 0
        mine = pool[n * 17 % len(pool) :] + pool[: n * 17 % len(pool)]
        while not stop.is_set():
            if k % 2 == 0:
                path, body, kind = f"/comments/a/{slug}/post/", urlencode({"body": f"读者{n}的第{k}条评论"}), "post"
            else:
                path, body, kind = f"/comments/c/{mine[(k // 2) % len(mine)]}/like/", "", "like"
            began = time.perf_counter()
            try:
                conn.request("POST", path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = 0
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.front, timeout=30)
            results.append((kind, status, time.perf_counter() - began))
            k += 1
        conn.close()

    def _report(self, results, elapsed, baseline, during, article, pool):
        posts_ok = sum(1 for kind, status, _ in results if kind == "post" and status == 302)
        likes_ok = sum(1 for kind, status, _ in results if kind == "like" and status == 200)
        errors = [status for kind, status, _ in results if (kind, status) not in (("post", 302), ("like", 200))]
        times = sorted(t for _, _, t in results)
        new_comments = Comment.objects.filter(article=article, status="pending").count()
        like_rows = Like.objects.count()
        counted = Comment.objects.aggregate(n=Sum("like_count"))["n"] or 0
        front = "nginx → gunicorn" if self.options["nginx"] else "gunicorn"
        self.out(f"评论压测（{timezone.localdate()}，PostgreSQL + Redis，{front}，{self.options['workers']} 个进程）")
        self.out(
            f"  读者 {self.options['readers']} 人，{elapsed:.0f} 秒：请求 {len(results)} 次，{len(results) / elapsed:.1f} 次/秒"
        )
        self.out(
            f"  p50 {statistics.median(times) * 1000:.0f} 毫秒，p99 {times[int(len(times) * 0.99) - 1] * 1000:.0f} 毫秒；"
            f"错误 {len(errors)}（{sorted(set(errors))}）"
        )
        self.out(
            f"  发表成功 {posts_ok}，数据库中新评论 {new_comments}：{'一致' if posts_ok == new_comments else '不一致'}"
        )
        self.out(
            f"  点赞成功 {likes_ok}，点赞记录 {like_rows}，评论点赞数合计 {counted}："
            f"{'一致' if likes_ok == like_rows == counted else '不一致'}"
        )
        self.out(
            f"  文章页（缓存）：压测前 {baseline['rps']:.0f} 次/秒，压测中 {during['rps']:.0f} 次/秒"
            f"（{during['rps'] / baseline['rps'] * 100:.0f}%），错误 {baseline['errors']} / {during['errors']}"
        )
