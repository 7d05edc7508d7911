"""How long a takedown measure takes to reach readers, through the shipped nginx config.

``python -m tests.bench measure_takedown`` (``make measure-takedown`` installs nginx and wrk first)
serves a throw-away copy of the demo as ``bench_portal`` does: gunicorn with production settings
(Redis page cache, 2 workers) behind ``docs/nginx.conf`` (micro-cache, media through
X-Accel-Redirect). For each measure it warms every cache by reading the article and a photo
through nginx, applies the measure in another process (as the desk would, with the same Redis
and database), then polls through nginx every 20 ms until the article answers 451 (下架全文) or
the photo's file 404 (屏蔽图片), and prints the seconds. The clock starts when the measure's
transaction has committed.

``--quiet 30 300`` then measures the first reader after a quiet spell: it warms the article, the
home page, its column, the feed and the sitemap through nginx, withdraws the article, lets
nobody read for that many seconds, and prints what the first request to each page got (451
for the article; the others must no longer link it) and how long it took.
"""

import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.management.base import CommandError

from newsroom.models import Article
from tests.bench.bench_portal import Command as PortalBenchmark
from tests.bench.servers import stop

APPLY = """
from django.contrib.auth.models import User, Group
from newsroom.models import Article, Membership, Photo, Portal
from newsroom.takedowns import actions
from newsroom.takedowns.models import TakedownRequest, Target, Measure
article = Article.objects.get(pk={article})
photo = Photo.objects.get(pk={photo})
user, _ = User.objects.get_or_create(username="measure-moderator", defaults={{"is_staff": True}})
Membership.objects.give(user, Portal.objects.default(), "版权审核")
for measure in Measure.objects.filter(reverted_at=None):
    actions.revert_measure(measure, user, "测量结束，恢复")
if "{kind}" != "revert":
    notice = TakedownRequest(portal=article.column.portal, notifier_kind="person", notifier_name="测量",
        phone="13800000000", email="measure@example.com", address="本机", id_type="id_card",
        id_number="110101199001010000", right_claimed="copyright", description="测量", declared_true=True)
    target = Target(url="http://127.0.0.1" + article.get_absolute_url(), work_title=article.title,
                    part="photo" if "{kind}" == "hide_photo" else "whole", article=article,
                    photo=photo if "{kind}" == "hide_photo" else None)
    notice = actions.receive(notice, [target], [])
    actions.start_review(notice, user)
    actions.accept(notice, user)
    actions.apply_measure(notice, user, "{kind}", notice.targets.get())
"""


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def status(url):
    return fetch(url)[0]


class Command(PortalBenchmark):
    help = "测量侵权处理措施生效到读者（经 nginx 微缓存）所需的时间。"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(articles=50)
        parser.add_argument("--rounds", type=int, default=5, help="每种措施测几次")
        parser.add_argument(
            "--quiet", type=int, nargs="*", default=[], help="下架后无人访问的秒数（逐个测量第一位读者）"
        )

    def _apply(self, database_url, article, photo, kind, refresh=True):
        code = APPLY.format(article=article.pk, photo=photo.pk, kind=kind)
        env = self._env(database_url, 300)
        if not refresh:
            env["MICRO_CACHE_REFRESH_URLS"] = ""
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            env=env,
            cwd=settings.BASE_DIR,
            check=True,
            capture_output=True,
        )

    def _measure(self, database_url, article, photo, kind, url, wanted, refresh):
        """Seconds from the measure's commit until a reader asking every 20 ms gets ``wanted``
        (the applying process goes on refreshing nginx after its commit, so readers are asked
        meanwhile, not after it exits)."""
        env = self._env(database_url, 300)
        if not refresh:
            env["MICRO_CACHE_REFRESH_URLS"] = ""
        code = APPLY.format(article=article.pk, photo=photo.pk, kind=kind) + "\nprint('COMMITTED', time.time())\n"
        process = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", "import time\n" + code],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        seen, started = [], time.time()
        while time.time() - started < 30:
            seen.append((time.time(), status(url)))
            if seen[-1][1] == wanted and process.poll() is not None:
                break
            time.sleep(0.02)
        out, _ = process.communicate(timeout=30)
        committed = float(out.split("COMMITTED")[1].split()[0])
        return next((at - committed for at, code in seen if at >= committed and code == wanted), float("inf"))

    def _until(self, url, wanted, limit=30.0):
        started = time.perf_counter()
        while time.perf_counter() - started < limit:
            if status(url) == wanted:
                return time.perf_counter() - started
            time.sleep(0.02)
        return float("inf")

    def _run(self, database_url):
        opts = self.options
        self._content()
        article = Article.objects.get(slug="hohhot-yuquan-grassroots-party-building")  # a demo article, its own photos
        photo = article.photos.order_by("order", "id").first()
        self._collectstatic(self._env(database_url, 0), 1000)
        process = self._gunicorn(self._env(database_url, 300))
        nginx_port = opts["port"] + 1
        web = self._nginx(opts["port"], nginx_port)
        front = f"http://127.0.0.1:{nginx_port}"
        page_url, photo_url = front + article.get_absolute_url(), front + photo.image.url
        results = {(kind, refresh): [] for kind in ("withdraw_article", "hide_photo") for refresh in (True, False)}
        try:
            for _ in range(opts["rounds"]):
                for refresh in (False, True):  # the baseline (no refresh of nginx's copies) in the same run
                    for kind, url, wanted in (("withdraw_article", page_url, 451), ("hide_photo", photo_url, 404)):
                        self._apply(database_url, article, photo, "revert")
                        self._until(page_url, 200)
                        self._until(photo_url, 200)
                        for _ in range(30):  # every cache holds the page and the photo now
                            status(page_url), status(photo_url)
                        if (status(page_url), status(photo_url)) != (200, 200):
                            raise CommandError(f"测量前页面或图片不是 200:{status(page_url)}、{status(photo_url)}")
                        took = self._measure(database_url, article, photo, kind, url, wanted, refresh)
                        if took == float("inf"):
                            self.out(f"{kind}: {url} 30 秒内仍为 {status(url)}")
                        results[kind, refresh].append(took)
            self._apply(database_url, article, photo, "revert")
            quiet = [self._after_quiet(database_url, article, photo, front, seconds) for seconds in opts["quiet"]]
        finally:
            web.send_signal(15)
            web.wait(timeout=30)
            stop(process)
        self.out(
            f"经 nginx（微缓存 {settings.MICRO_CACHE_SECONDS} 秒）与 gunicorn（页面缓存，Redis），每种措施 {opts['rounds']} 次："
        )
        self.out("\n| 措施 | 读者看到的结果 | 刷新 nginx 缓存 | 最快 s | 中位 s | 最慢 s |")
        self.out("| --- | --- | --- | ---: | ---: | ---: |")
        for kind, label, seen in (
            ("withdraw_article", "下架全文", "文章页 451"),
            ("hide_photo", "屏蔽图片", "图片文件 404"),
        ):
            for refresh in (False, True):
                times = results[kind, refresh]
                self.out(
                    f"| {label} | {seen} | {'是' if refresh else '否（对照）'} | {min(times):.2f} | "
                    f"{statistics.median(times):.2f} | {max(times):.2f} |"
                )
        for seconds, rows in zip(opts["quiet"], quiet):
            self.out(f"\n下架全文后 {seconds} 秒无人访问，每个页面的第一位读者：\n")
            self.out("| 页面 | 状态 | 仍链接该文 | 用时 s |")
            self.out("| --- | ---: | --- | ---: |")
            for path, code, linked, took in rows:
                self.out(f"| {path} | {code} | {'是' if linked else '否'} | {took:.3f} |")

    def _after_quiet(self, database_url, article, photo, front, seconds):
        """Warm the pages, withdraw the article, wait ``seconds`` with no reader, then ask each page once."""
        link = article.get_absolute_url()
        paths = [link, "/", article.column.get_absolute_url(), "/rss/", "/sitemap.xml"]
        self._apply(database_url, article, photo, "revert")
        self._until(front + link, 200)
        for _ in range(3):
            for path in paths:
                fetch(front + path)
        self._apply(database_url, article, photo, "withdraw_article")
        time.sleep(seconds)
        rows = []
        for path in paths:
            started = time.perf_counter()
            code, body = fetch(front + path)
            took = time.perf_counter() - started
            rows.append((path, code, path != link and link.encode() in body, took))
        self._apply(database_url, article, photo, "revert")
        return rows
