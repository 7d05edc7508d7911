"""How fast the editor's desk answers: ``python -m tests.bench bench_admin [--via server]``.

Inside a transaction that is rolled back at the end (nothing stays in the database), adds a draft
with ``--photos`` credited photos (each by another photographer) and as many bylines, and one with
the same photos and two bylines, then times, logged in as an editor, server side (Django's test
client, after a warm-up, median and max of ``--runs``):

- the editor's dashboard ``/admin/`` (the desk: my drafts, returned, awaiting me…);
- the article change page with those photos, with 2 bylines and with as many bylines as photos.

``--via server`` times the same pages as a server answers them: on a copy of the database (made
and dropped by the command), gunicorn with production settings, asked over HTTP. With
``--before DIR`` (a checkout of earlier code on the same schema, with its own ``.venv``: ``git
worktree add DIR <commit>``) a second gunicorn serves that code from the same database copy, and
the two are asked in turn, so the before/after comparison is one run on one machine. The test
client's figures run inside this command's process, which on some machines is measurably slower
than a server's worker for the same code (docs/benchmarks.md).
"""

import functools
import os
import shutil
import statistics
import tempfile
import time
from http.client import HTTPConnection
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client, override_settings

from newsroom.models import Article, BylineRole, Column, Credit, Membership, Person, Photo, Portal
from tests.bench.servers import start_gunicorn, stop

CLONE = "bench_admin"


class _Rollback(Exception):
    pass


def _jpeg():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


class Command(BaseCommand):
    help = "后台编辑页速度：临时建一篇有大量图片和署名的稿件（结束后回滚），测编辑工作台和稿件编辑页的服务器耗时。"

    def add_arguments(self, parser):
        parser.add_argument("--photos", type=int, default=40)
        parser.add_argument("--runs", type=int, default=7)
        parser.add_argument(
            "--via",
            choices=("client", "server"),
            default="client",
            help="client：本进程内的测试客户端（事务回滚）；server：在数据库副本上启动两个 gunicorn（现版与基线），经 HTTP 交替请求",
        )
        parser.add_argument("--port", type=int, default=8021, help="--via server 时现版的端口（--before 用下一个）")
        parser.add_argument(
            "--before",
            default="",
            help="--via server：另一份代码（git worktree，含 .venv，数据库结构相同）作为改动前的基线，交替请求",
        )

    def _article(self, editor, photos, bylines):
        article = Article.objects.create(
            title=f"有{photos}张图片、{bylines}个署名的稿件",
            column=Column.objects.filter(portal__isnull=False).order_by("pk").first(),
            summary="性能测试稿件。",
            body="<p>性能测试稿件。</p>",
            created_by=editor,
        )
        image = ContentFile(_jpeg(), name="bench.jpg")
        role = BylineRole.objects.filter(portal=article.column.portal).order_by("pk").first()
        for i in range(photos):
            person, _ = Person.objects.get_or_create(name=f"测试摄影者{i}", organisation="邻里融媒")
            photo = Photo(
                article=article,
                caption=f"第{i + 1}张图片的说明",
                alt_text="现场",
                credit_kind="photo",
                credit_person=person,
                order=i + 1,
            )
            photo.image.save(f"bench-{i}.jpg", image, save=False)
            photo.save()
            if i < bylines:
                Credit.objects.create(article=article, role=role, person=person, order=i + 1)
        return article

    def _time(self, get, url, runs, baseline):
        """Timings of ``url`` by ``get(url, baseline)``: this project's page and, with a
        baseline, the baseline's, requested in turn (each after one warm-up), so the machine's
        drift during the run falls on both alike."""
        variants = [(False, [])] + ([(True, [])] if baseline else [])
        sizes = []
        for run in range(runs + 1):
            for variant, times in variants:
                elapsed, size = get(url, variant)
                if run:
                    times.append(elapsed)
                elif len(sizes) < len(variants):
                    sizes.append(size)
        return [(times, size) for (_, times), size in zip(variants, sizes)]

    def _pages(self, photos, editor):
        few = self._article(editor, photos, 2)
        many = self._article(editor, photos, photos)
        return [
            ("编辑工作台 /admin/", "/admin/"),
            (f"稿件编辑页：{photos} 张图片、2 个署名", f"/admin/newsroom/article/{few.pk}/change/"),
            (f"稿件编辑页：{photos} 张图片、{photos} 个署名", f"/admin/newsroom/article/{many.pk}/change/"),
        ]

    @staticmethod
    def _editor():
        editor = User.objects.create_user("bench-admin-editor", password="x" * 16, is_staff=True)
        Membership.objects.give(editor, Portal.objects.default(), "编辑")
        client = Client()
        client.force_login(editor)
        return editor, client

    def handle(self, *args, photos, runs, via, port, before, **options):
        if before and via != "server":
            raise CommandError("--before 只能与 --via server 同用。")
        if before and not (Path(before) / ".venv" / "bin" / "python").exists():
            raise CommandError(f"{before} 中没有 .venv：请先为那份代码建好虚拟环境。")
        if via == "server":
            rows, articles = self._via_server(photos, runs, port, before)
            how = "经 gunicorn（生产设置，各 1 个 worker）的 HTTP 往返"
        else:
            rows, articles = self._via_client(photos, runs)
            how = "测试客户端，本进程内"
        self.stdout.write(
            f"稿件 {articles} 篇；以编辑身份登录，服务器耗时（{how}），每项 {runs} 次取中位数（最大值），"
            f"{'现版与改动前（' + before + '）交替请求；' if before else ''}DEBUG={'开' if settings.DEBUG and via == 'client' else '关'}；"
            f"数据库 {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
        )
        for label, (times, size), before in rows:
            line = f"{label}：{statistics.median(times):.0f} ms（{max(times):.0f}），{size / 1024:.0f} KB"
            if before:
                old, old_size = before
                line += (
                    f"；改动前 {statistics.median(old):.0f} ms（{max(old):.0f}），"
                    f"{old_size / 1024:.0f} KB，现为改动前的 {statistics.median(times) / statistics.median(old):.0%}"
                )
            self.stdout.write(line)
        if settings.DEBUG and via == "client":
            self.stdout.write("注意：DEBUG 开启时模板每次渲染都检查文件是否改动；生产环境的数字请在 DEBUG=False 下测。")
        return ""

    def _via_client(self, photos, runs):
        rows = []
        try:
            # Photo files go to a folder removed at the end, as the rows are.
            with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media), transaction.atomic():
                editor, client = self._editor()
                pages = self._pages(photos, editor)
                articles = Article.objects.count()
                for label, url in pages:
                    (now,) = self._time(lambda url, variant: self._client_get(client, url), url, runs, False)
                    rows.append((label, now, None))
                raise _Rollback
        except _Rollback:
            pass
        return rows, articles

    @staticmethod
    def _client_get(client, url):
        start = time.perf_counter()
        response = client.get(url, secure=not settings.DEBUG)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (url, response.status_code)
        return elapsed, len(response.content)

    # -- through gunicorn ------------------------------------------------------------------

    def _via_server(self, photos, runs, port, before=""):
        """The pages as gunicorn serves them, on a copy of the database that is dropped at the end."""
        creation = connection.creation
        original = connection.settings_dict["NAME"]
        connection.close()
        creation.clone_test_db(suffix=CLONE, verbosity=0, autoclobber=True)
        copy = creation.get_test_db_clone_settings(CLONE)
        connection.settings_dict["NAME"] = copy["NAME"]
        media = tempfile.mkdtemp()
        servers = []
        try:
            with override_settings(MEDIA_ROOT=media):
                editor, client = self._editor()
                pages = self._pages(photos, editor)
            articles = Article.objects.count()
            env = {
                **os.environ,
                "DEBUG": "0",
                "HTTPS": "0",
                "BEHIND_PROXY": "1",
                "ALLOWED_HOSTS": "127.0.0.1",
                "DB_CONN_MAX_AGE": "600",
                "DATABASE_URL": self._url(copy),
                "MEDIA_ROOT": media,
                "SECRET_KEY": settings.SECRET_KEY,
            }
            servers.append(start_gunicorn(env, port))
            if before:
                servers.append(start_gunicorn(env, port + 1, cwd=before, python=f"{before}/.venv/bin/python"))
            cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
            rows = []
            for label, url in pages:
                get = functools.partial(self._http_get, port, cookie)
                now, *old = self._time(get, url, runs, bool(before))
                rows.append((label, now, old[0] if old else None))
            return rows, articles
        finally:
            for server in servers:
                stop(server)
            connection.close()
            connection.settings_dict["NAME"] = original
            creation.destroy_test_db(original, verbosity=0, suffix=CLONE)
            shutil.rmtree(media, ignore_errors=True)

    @staticmethod
    def _url(db):
        if db["ENGINE"].endswith("sqlite3"):
            return f"sqlite:///{Path(db['NAME']).resolve()}"
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        return f"postgres://{db['USER'] or 'postgres'}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"

    @staticmethod
    def _http_get(port, cookie, url, variant):
        """One request, on its own connection (gunicorn's sync workers close each one)."""
        http = HTTPConnection("127.0.0.1", port + (1 if variant else 0), timeout=60)
        start = time.perf_counter()
        http.request("GET", url, headers={"Host": "127.0.0.1", "Cookie": cookie})
        response = http.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        http.close()
        assert response.status == 200, (url, response.status)
        return elapsed, len(body)
