"""``python -m tests.bench soak`` (``make cluster``): the production path started whole on this
machine (tests/bench/cluster.py: PostgreSQL primary and streaming replica, SeaweedFS, Redis, two
gunicorn nodes, an RQ worker, nginx), then a bounded soak on loopback:

- readers: wrk at 100 connections through nginx, over the home page, the columns and the
  articles (a new article's page joins the rotation as it is published);
- the newsroom (tests/bench/soak_driver.py): a publish every 5 s through the three reviews, a
  takedown (下架全文) every 60 s, a library upload every 10 s;
- trouble: one app server stopped for 20 s at a third of the run; the object store stopped for
  20 s at half of it.

A watcher asks nginx for each article taken down every 50 ms for 3 s (how long until readers get
the 451, and any 200 after the 1 s bound is a stale page), and for each publish its column page
(a column page without the article 1 s after the commit is a stale page too). It prints errors
(5xx and socket errors), p99, stale pages served, takedown latency, lost uploads (a stored
upload whose file is not in the bucket) and the stores' state after.
"""

import json
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tests.bench.cluster import Cluster
from tests.scale.helpers import get, get_with_headers

# A new article is on its column page once nginx's copy (up to 2 s: nginx counts whole seconds)
# and a worker's trust in the versions it knew (PAGE_CACHE_LOCAL_SECONDS) have run out; a
# takedown is pushed to nginx at once and must be gone within 1 s.
PUBLISH_BOUND = 3.0
TAKEDOWN_BOUND = 1.0

LUA = r"""
paths = {%s}
counts = {}
n = 0
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function(args) counts = {s2 = 0, s3 = 0, s4 = 0, s5 = 0} end
request = function()
  n = n + 1
  return wrk.format(nil, paths[(n %% #paths) + 1])
end
response = function(status, headers, body)
  local key = "s" .. math.floor(status / 100)
  counts[key] = (counts[key] or 0) + 1
end
done = function(summary, latency, requests)
  local total = {s2 = 0, s3 = 0, s4 = 0, s5 = 0}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for k, v in pairs(c) do total[k] = (total[k] or 0) + v end
  end
  io.write(string.format("STATUS 2xx=%%d 3xx=%%d 4xx=%%d 5xx=%%d\n", total.s2, total.s3, total.s4, total.s5))
end
"""


class Command(BaseCommand):
    help = "集群压测：在本机启动主库+备库、SeaweedFS、Redis、两个 gunicorn、RQ worker、nginx，限时压测并报告。"
    creates_own_database = True  # its own PostgreSQL clusters, removed at the end

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=300, help="压测秒数（不超过 600）")
        parser.add_argument("--connections", type=int, default=100)

    def handle(self, *args, seconds, connections, **options):
        if not 60 <= seconds <= 600:
            raise CommandError("--seconds 应在 60 到 600 之间。")
        self.out = self.stdout.write
        work = Path(tempfile.mkdtemp(prefix="linli-soak-"))
        self.out(f"启动集群（{work}）……")
        started = time.monotonic()
        cluster = Cluster(work).start()
        self.out(f"集群已启动：{time.monotonic() - started:.0f} 秒；nginx {cluster.url}")
        try:
            self._soak(cluster, seconds, connections)
        finally:
            cluster.stop()

    def _paths(self, cluster):
        listing = cluster.manage(
            "shell",
            "-v",
            "0",
            stdin=(
                "from newsroom.models import Article, Column, Portal\n"
                "portal = Portal.objects.default()\n"
                "print('/')\n"
                "for c in Column.objects.for_portal(portal): print(c.get_absolute_url())\n"
                "for a in Article.objects.public(portal): print(a.get_absolute_url())\n"
            ),
        )
        return [line for line in listing.split() if line.startswith("/")]

    def _soak(self, cluster, seconds, connections):
        paths = self._paths(cluster)
        lua = cluster.work / "soak.lua"
        lua.write_text(LUA % ", ".join(f'"{p}"' for p in paths), encoding="utf-8")
        readers = subprocess.Popen(
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", "-s", str(lua)]
            + [cluster.url],
            stdout=subprocess.PIPE,
            text=True,
        )
        driver = subprocess.Popen(
            [sys.executable, "-m", "tests.bench.soak_driver", str(seconds - 5)],
            env=cluster.env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=open(cluster.work / "driver.log", "ab"),
            text=True,
        )
        events, watchers, trouble = [], [], []
        findings = {"stale": [], "latency": [], "shown": []}
        chaos = threading.Thread(target=self._trouble, args=(cluster, seconds, trouble))
        chaos.start()
        for line in driver.stdout:
            if not line.startswith("{"):  # something the newsroom's code printed
                continue
            event = json.loads(line)
            events.append(event)
            if event["event"] in ("takedown", "publish"):
                watcher = threading.Thread(target=self._watch, args=(cluster, event, findings))
                watcher.start()
                watchers.append(watcher)
        driver.wait()
        chaos.join()
        for watcher in watchers:
            watcher.join()
        report = readers.communicate()[0]
        self._report(cluster, report, events, findings, trouble, seconds, connections)

    def _trouble(self, cluster, seconds, log):
        time.sleep(seconds / 3)
        log.append(("app-server-2-stopped", time.time()))
        cluster.stop_node(1)
        time.sleep(20)
        cluster.start_node(1)
        log.append(("app-server-2-started", time.time()))
        time.sleep(max(0, seconds / 2 - seconds / 3 - 20))
        log.append(("store-stopped", time.time()))
        cluster.stop_store()
        time.sleep(20)
        cluster.start_store()
        log.append(("store-started", time.time()))

    @staticmethod
    def _watch(cluster, event, findings):
        """Ask nginx, every 50 ms for 3 s from the commit, what readers now get."""
        committed, url = event["at"], cluster.url + event["url"]
        column = cluster.url + event.get("column", "")
        first = None
        while time.time() - committed < PUBLISH_BOUND + 1:
            now = time.time()
            if event["event"] == "takedown":
                status, _ = get(url, timeout=5)
                if status == 451 and first is None:
                    first = now - committed
                if status == 200 and now - committed > TAKEDOWN_BOUND:
                    findings["stale"].append((event["url"], round(now - committed, 2)))
            else:
                status, html, headers = get_with_headers(column, timeout=5)
                if event["url"] in html and first is None:
                    first = now - committed
                if status == 200 and event["url"] not in html and now - committed > PUBLISH_BOUND:
                    how = f"nginx {headers.get('X-Micro-Cache')}, Django {headers.get('X-Page-Cache')}"
                    findings["stale"].append((event["column"] + " 缺 " + event["url"], round(now - committed, 2), how))
            time.sleep(0.05)
        kind = "latency" if event["event"] == "takedown" else "shown"
        findings[kind].append(first if first is not None else float("inf"))

    def _report(self, cluster, report, events, findings, trouble, seconds, connections):
        kinds = {kind: [e for e in events if e["event"] == kind] for kind in ("publish", "takedown", "upload")}
        refused = [e for e in events if e["event"] == "upload_refused"]
        errors = [e for e in events if e["event"] == "error"]
        statuses = dict(re.findall(r"(\dxx)=(\d+)", report))
        socket_errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", report))
        p99 = re.search(r"99%\s+([\d.]+\w+)", report)
        sent = re.search(r"(\d+) requests in", report)
        state = cluster.manage(
            "shell",
            "-v",
            "0",
            stdin=(
                "from django.core.files.storage import default_storage\n"
                "from newsroom.models import Article, ImageAsset\n"
                "assets = list(ImageAsset.objects.filter(file__contains='soak-'))\n"
                "lost = [a.file.name for a in assets if not default_storage.exists(a.file.name)]\n"
                "stored = sum(1 for n in default_storage.names() )\n"
                "print('UPLOADS', len(assets), 'LOST', len(lost), 'OBJECTS', stored)\n"
                "print('ARTICLES', Article.objects.count(), 'HELD', Article.objects.filter(legal_hold=True).count())\n"
                "import django_rq\n"
                "q = django_rq.get_queue('default')\n"
                "print('QUEUE', q.count, 'FAILED', q.failed_job_registry.count)\n"
            ),
        )
        cluster.pair.caught_up(timeout=60)
        lag = cluster.pair.sql("SELECT pg_last_wal_replay_lsn() - '0/0'::pg_lsn", replica=True)[0][0]
        primary = cluster.pair.sql("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")[0][0]
        latency = [t for t in findings["latency"] if t != float("inf")]
        self.out("")
        self.out(
            f"集群压测 {seconds} 秒（wrk {connections} 连接经 nginx；{len(set(e['event'] for e in events))} 类写入）："
        )
        self.out(
            f"- 读者请求：{sent.group(1) if sent else '?'} 次；p99 {p99.group(1) if p99 else '?'}；状态 {statuses}"
        )
        self.out(f"- 错误（5xx 与连接错误）：{int(statuses.get('5xx', 0)) + socket_errors}")
        self.out(f"- 发布 {len(kinds['publish'])} 篇；下架 {len(kinds['takedown'])} 篇；上传 {len(kinds['upload'])} 张")
        self.out(
            f"- 过期页面（下架后超过 1 秒仍为 200，或发布 1 秒后栏目页仍无该文）：{len(findings['stale'])} {findings['stale'][:5]}"
        )
        if latency:
            self.out(
                f"- 下架到读者：最快 {min(latency):.2f} s，中位 {statistics.median(latency):.2f} s，最慢 {max(latency):.2f} s"
                f"（{len(findings['latency']) - len(latency)} 次 3 秒内未见 451）"
            )
        shown = [t for t in findings["shown"] if t != float("inf")]
        if shown:
            self.out(
                f"- 发布到栏目页（经 nginx）：中位 {statistics.median(shown):.2f} s，最慢 {max(shown):.2f} s"
                f"（{len(findings['shown']) - len(shown)} 次 {PUBLISH_BOUND + 1:.0f} 秒内未见）"
            )
        self.out(f"- 对象存储停机期间被拒的上传尝试：{len(refused)}（编辑重试后均已保存）")
        failed = {}
        for e in errors:
            failed[e.get("kind", "?")] = failed.get(e.get("kind", "?"), 0) + 1
        self.out(
            f"- 被拒的写入（对象存储停机时带图发稿等，编辑看到错误）：{failed} {[e['error'][:60] for e in errors[:2]]}"
        )
        start = trouble[0][1] - seconds / 3 if trouble else 0
        self.out(f"- 故障（开始后秒数）：{', '.join(f'{name} @ {at - start:.0f}' for name, at in trouble)}")
        self.out("- 存储状态：" + " ".join(state.split()))
        self.out(f"- 备库：已回放到 {lag}，主库 {primary}（{'已追上' if lag >= primary else '落后'}）")
