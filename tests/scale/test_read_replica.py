"""A real PostgreSQL streaming replica behind two app servers: readers' pages come from it while it
keeps up, and when it falls behind (replay paused) no reader is served, and no cache keeps, a page
older than a change already made — a withdrawn article is gone through the other app server at
once, and stays gone when the replica catches up."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import pytest
from django.conf import settings

from tests.bench.servers import PG_BIN, PostgresPair, free_port, start_gunicorn, stop

pytestmark = pytest.mark.skipif(not (PG_BIN / "pg_basebackup").exists(), reason="PostgreSQL 15's server programs")

SLUG = "hohhot-yuquan-grassroots-party-building"
REDIS_URL = os.getenv("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def manage(env, *args, stdin=None):
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        input=stdin,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return done


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The demo on a primary with its replica; two gunicorn nodes reading both, Redis shared."""
    work = tmp_path_factory.mktemp("replica-site")
    pair = PostgresPair().start()
    prefix = f"linli-replica-{uuid.uuid4().hex[:8]}"
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")},
        "DEBUG": "0",
        "SECRET_KEY": "replica-test-only-" + "x" * 40,
        "HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": pair.url("linli"),
        "DATABASE_REPLICA_URL": pair.url("linli", replica=True),
        "DB_CONN_MAX_AGE": "600",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "PRIVATE_MEDIA_ROOT": str(work / "private"),
    }
    nodes = []
    try:
        pair.sql("CREATE DATABASE linli")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo", "--on-production-server")
        manage(env, "collectstatic", "--noinput", "-v0")
        ports = [free_port(), free_port()]
        nodes = [start_gunicorn(env, port) for port in ports]
        pair.caught_up()
        yield {"pair": pair, "env": env, "a": f"http://127.0.0.1:{ports[0]}", "b": f"http://127.0.0.1:{ports[1]}"}
    finally:
        for node in nodes:
            stop(node)
        pair.stop()
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


def replica_reads(pair):
    """Transactions the replica has served on the site's database (its statistics, flushed at
    most a second late)."""
    time.sleep(1.1)
    return pair.sql("SELECT xact_commit FROM pg_stat_database WHERE datname = 'linli'", replica=True)[0][0]


def behind(pair):
    (primary,) = pair.sql("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")[0]
    (replayed,) = pair.sql("SELECT pg_last_wal_replay_lsn() - '0/0'::pg_lsn", replica=True)[0]
    return primary - replayed


def test_a_paused_replica_serves_no_stale_page_and_none_is_kept(site):
    pair, a, b = site["pair"], site["a"], site["b"]
    article = f"/article/{SLUG}/"

    # While it keeps up, the replica answers readers' pages.
    before = replica_reads(pair)
    status, html = get(a + article)
    assert status == 200 and "让基层党建在服务群众中更加接地气" in html
    assert get(a + "/")[0] == 200 and SLUG in get(a + "/")[1]
    assert replica_reads(pair) > before

    pair.sql("SELECT pg_wal_replay_pause()", replica=True)
    try:
        manage(
            site["env"],
            "shell",
            stdin=(
                "from django.contrib.auth.models import User\n"
                "from newsroom import workflow\n"
                "from newsroom.models import Article\n"
                f"workflow.withdraw(Article.objects.get(slug='{SLUG}'), User.objects.get(username='chief'), '事实有误')\n"
            ),
        )
        assert behind(pair) > 0, "the replica has not replayed the withdrawal"
        time.sleep(settings.PAGE_CACHE_LOCAL_SECONDS + 0.2)  # node A's own trust in what it knew
        for node in (b, a):
            assert get(node + article)[0] in (404, 410), node
            status, home = get(node + "/")
            assert status == 200 and SLUG not in home, node
        assert behind(pair) > 0  # all of that while the replica still had the article
    finally:
        pair.sql("SELECT pg_wal_replay_resume()", replica=True)

    pair.caught_up()
    for node in (a, b):
        assert get(node + article)[0] in (404, 410)
        assert SLUG not in get(node + "/")[1]
    # Caught up, it serves readers again.
    before = replica_reads(pair)
    assert get(b + "/column/party/")[0] == 200
    assert get(b + "/communities/")[0] == 200
    assert replica_reads(pair) > before


def test_staff_and_a_reader_who_sent_a_form_read_the_primary(site):
    pair, a = site["pair"], site["a"]
    pair.sql("SELECT pg_wal_replay_pause()", replica=True)
    try:
        # A reader sends a correction note (纠错留言) while the replica lags: the confirmation
        # page and what follows read the primary (the cookie the form's answer sets).
        before = replica_reads(pair)
        status, _ = get(a + "/search/?q=%E9%82%BB%E9%87%8C", Cookie="linli_rw=1")
        assert status == 200
        assert get(a + "/communities/", Cookie="sessionid=abc")[0] == 200
        assert replica_reads(pair) == before
    finally:
        pair.sql("SELECT pg_wal_replay_resume()", replica=True)
