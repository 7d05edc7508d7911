"""Two app servers behind the shipped nginx config (docs/nginx.conf): readers are served by both,
and when one node stops in the middle of their requests none of them gets an error — nginx sends
the request the stopped node refused to the other one (proxy_next_upstream)."""

import shutil

import pytest
from pytest_django.live_server_helper import LiveServer

from tests.bench.servers import start_nginx
from tests.controls.test_nginx_micro_cache import free_port, get

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("nginx"), reason="make test installs nginx-light"),
]


def test_a_node_stopped_during_reading_loses_no_request(demo, live_server, tmp_path):
    second = LiveServer("127.0.0.1:0")  # the second node, serving the same database and cache
    port = free_port()
    # The nodes are threads of this process: without nginx's upstream connection pool, a stopped
    # one refuses the next request as a stopped gunicorn does.
    nginx = start_nginx(
        tmp_path,
        int(live_server.url.rsplit(":", 1)[1]),
        port,
        second_port=int(second.url.rsplit(":", 1)[1]),
        keepalive=False,
    )
    first_port, second_port = (int(u.rsplit(":", 1)[1]) for u in (live_server.url, second.url))
    try:
        statuses = []
        for i in range(120):
            if i == 40:
                second.stop()  # a deploy or a crash: the node is gone
            # a query string of its own: past the micro-cache, to a node every time
            statuses.append(get(f"http://127.0.0.1:{port}/?reader={i}")[0])
        assert statuses == [200] * 120
    finally:
        nginx.terminate()  # writes out the buffered access log
        nginx.wait(timeout=10)
        if second.thread.is_alive():
            second.stop()
    lines = [
        line for line in (tmp_path / "nginx-access.log").read_text(encoding="utf-8").splitlines() if '"GET /"' in line
    ]
    assert len(lines) == 120 and all(
        '"GET /" 200 ' in line for line in lines
    )  # the readers' (not the start-up probe's)
    # (each nginx worker writes its own buffer: the log is not in request order)
    served = [line.rsplit('"', 2)[-2] for line in lines]
    by_second = sum(addr == f"127.0.0.1:{second_port}" for addr in served)
    by_first = sum(addr == f"127.0.0.1:{first_port}" for addr in served)
    retried = sum(addr == f"127.0.0.1:{second_port}, 127.0.0.1:{first_port}" for addr in served)
    assert 0 < by_second <= 40 and by_first >= 80 - retried  # both served; after the stop only the first
    assert retried >= 1  # a request the stopped node refused went on to the other
