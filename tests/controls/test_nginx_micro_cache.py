"""The shipped nginx config (docs/nginx.conf), run for real in front of Django: its micro-cache
never hands a reader a page from before a takedown — not the first reader after a quiet spell,
not a reader with a made-up preference cookie — and it logs no secret token."""

import shutil
import socket
import time
import urllib.error
import urllib.request

import pytest
from django.test import Client

from newsroom.models import Article
from newsroom.takedowns import actions
from tests.bench.servers import start_nginx
from tests.takedowns.test_desk import YUQUAN, accepted

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("nginx"), reason="make test installs nginx-light"),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture
def nginx(live_server, tmp_path):
    port = free_port()
    upstream = int(live_server.url.rsplit(":", 1)[1])
    process = start_nginx(tmp_path, upstream, port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def test_the_first_reader_after_a_quiet_spell_gets_the_takedown(demo, roles, nginx, settings):
    url = nginx + Article.objects.get(slug=YUQUAN).get_absolute_url()
    assert get(url)[0] == 200
    status, headers, _ = get(url)
    assert (status, headers["X-Micro-Cache"]) == (200, "HIT")
    request = accepted(Client(), roles["moderator"])
    actions.apply_measure(request, roles["moderator"], "withdraw_article", request.targets.get())
    # Nobody reads until the cached copy expires: nginx counts its validity in whole seconds,
    # so a 1-second entry lives until the second after next.
    time.sleep(settings.MICRO_CACHE_SECONDS + 1.2)
    status, headers, _ = get(url)
    assert status == 451, headers.get("X-Micro-Cache")


def test_a_long_or_made_up_preference_cookie_is_neither_an_error_nor_a_new_entry(demo, nginx, tmp_path):
    url = nginx + "/"
    assert get(url)[0] == 200
    for cookie in ("linli_script=" + "x" * 6000, "linli_script=hant; linli_care=" + "9" * 3000):
        status, headers, _ = get(url, Cookie=cookie)
        assert status == 200
    status, headers, _ = get(url + "?" + "q" * 7000)
    assert status in (200, 414)


def test_the_access_log_writes_no_token(demo, nginx, tmp_path):
    for path in ("/preview/SECRET-PREVIEW/", "/takedown/track/secret-track/", "/takedown/counter/secret-ctr/"):
        get(nginx + path + "?phone=13800000000")
    time.sleep(1.5)  # the log is written in 64 KB blocks, at least once a second
    log = (tmp_path / "nginx-access.log").read_text(encoding="utf-8")
    assert "/preview/.../" in log and "/takedown/track/.../" in log and "/takedown/counter/.../" in log
    for secret in ("SECRET-PREVIEW", "secret-track", "secret-ctr", "13800000000"):
        assert secret not in log


def test_a_search_flood_from_one_address_is_answered_by_nginx(demo, nginx):
    statuses = []
    for n in range(40):
        status, headers, body = get(nginx + f"/search/?q=%E7%A4%BE%E5%8C%BA{n}")
        statuses.append(status)
        if status == 429:
            assert "搜索得太频繁" in body.decode() and headers["Retry-After"]
    assert statuses[:5] == [200] * 5  # a reader's few searches go through
    assert statuses.count(429) >= 25 and not any(s >= 500 for s in statuses)
    assert all(get(nginx + "/")[0] == 200 for _ in range(20))  # other pages are not limited
