"""The external link checker against local HTTP servers only: a dead port, 404, a redirect
loop, too many redirects, a slow answer, a 10 MB page and non-HTTP schemes each give a clear
result in bounded time; hosts are asked politely; results are kept and re-used."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsroom.inspection import links
from newsroom.inspection.models import LinkCheck

BIG = b"x" * (10 * 1024 * 1024)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path
        if path == "/ok":
            self._answer(200, b"<html>ok</html>")
        elif path == "/missing":
            self._answer(404, b"not here")
        elif path in ("/loop-a", "/loop-b"):
            self._redirect("/loop-b" if path == "/loop-a" else "/loop-a")
        elif path.startswith("/chain/"):
            self._redirect(f"/chain/{int(path.rsplit('/', 1)[1]) + 1}")
        elif path == "/moved":
            self._redirect("/ok")
        elif path.startswith("/slow"):
            time.sleep(3)
            self._answer(200, b"late")
        elif path == "/big":
            self.send_response(200)
            self.send_header("Content-Length", str(len(BIG)))
            self.end_headers()
            try:
                self.wfile.write(BIG)
            except OSError:
                self.server.hung_up = True  # the checker hung up after the headers, as it should
        elif path == "/flaky":
            self.server.hits = getattr(self.server, "hits", 0) + 1
            self._answer(503 if self.server.hits == 1 else 200, b"")

    def _answer(self, status, body):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, to):
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()


server_of = {}  # url → the HTTP server behind it


@pytest.fixture
def server(settings):
    settings.INSPECTION_LINK_CHECK_PRIVATE = True  # local servers only in tests
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    server_of[url] = httpd
    yield url
    httpd.shutdown()
    httpd.server_close()


def test_answers_are_told_apart(server):
    assert links.fetch(server + "/ok") == links.Result(True, 200, "HTTP 200")
    assert links.fetch(server + "/moved").ok is True
    assert (links.fetch(server + "/missing").ok, links.fetch(server + "/missing").detail) == (False, "HTTP 404")
    assert links.fetch(server + "/loop-a").detail == "重定向循环"
    assert links.fetch(server + "/chain/0").detail == "重定向超过 5 次"


def test_a_slow_host_and_a_big_page_stay_bounded(server):
    result = links.fetch(server + "/slow", timeout=0.5)
    assert (result.ok, result.detail, result.retry) == (False, "0.5 秒内无响应", True)
    result = links.fetch(server + "/big")
    assert result.ok  # from the headers: the body is never read, the server sees the hang-up
    for _ in range(50):
        if getattr(server_of[server], "hung_up", False):
            break
        time.sleep(0.05)
    assert server_of[server].hung_up


def test_a_dead_port_and_other_schemes(server, settings):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    result = links.fetch(f"http://127.0.0.1:{dead}/")
    assert (result.ok, result.retry) == (False, True) and result.detail.startswith("无法连接")
    assert links.fetch("ftp://files.example/a.doc").detail.startswith("不支持的网址")
    assert links.fetch("javascript:alert(1)").detail.startswith("不支持的网址")
    settings.INSPECTION_LINK_CHECK_PRIVATE = False
    assert links.fetch(server + "/ok").detail == "指向内网或保留地址，不予访问"


@pytest.mark.django_db
def test_a_run_is_polite_retries_once_and_keeps_its_results(server):
    waits = []
    urls = [server + "/ok", server + "/missing", server + "/flaky"]
    assert links.check(urls, interval=0.2, sleep=lambda s: (waits.append(s), time.sleep(s))) == 3
    # One host: every request after the first waited for the interval (the retry of /flaky too).
    assert len(waits) == 3 and all(0 < w <= 0.2 for w in waits)
    results = {c.url.rsplit("/", 1)[1]: c for c in LinkCheck.objects.all()}
    assert (results["ok"].ok, results["missing"].ok, results["flaky"].ok) == (True, False, True)
    assert (results["missing"].status_code, results["missing"].failures) == (404, 1)
    assert links.due(urls) == []  # checked: not fetched again before RECHECK


@pytest.mark.django_db
def test_a_run_stops_at_its_time_budget(server):
    urls = [server + f"/slow?{n}" for n in range(10)]
    checked = links.check(urls, max_seconds=0.2, interval=0, timeout=0.3)
    assert checked < 10  # the budget stopped it
    assert len(links.due(urls)) == 10 - checked  # the rest waits for the next run


def test_links_in_html_are_found_and_sorted():
    html = '<p><a href="/article/x/">a</a><a href="#top">b</a><a href="mailto:a@b.cn">c</a><img src="https://img.example/p.jpg"></p>'
    found = links.extract(html)
    assert found == [
        ("link", "/article/x/"),
        ("link", "#top"),
        ("link", "mailto:a@b.cn"),
        ("image", "https://img.example/p.jpg"),
    ]
    hosts = {"www.yqnews.cn"}
    assert links.classify("/article/x/", hosts) == ("internal", "/article/x/")
    assert links.classify("https://www.yqnews.cn/column/a/", hosts) == ("internal", "/column/a/")
    assert links.classify("https://img.example/p.jpg", hosts) == ("external", "https://img.example/p.jpg")
    assert links.classify("mailto:a@b.cn", hosts) == ("ignore", None)
    assert links.classify("javascript:void(0)", hosts) == ("scheme", "javascript")
