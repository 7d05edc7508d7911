"""The production path on this machine, every part a real engine on loopback: a PostgreSQL primary
and its streaming replica, SeaweedFS (the bucket), Redis, two gunicorn nodes, an RQ worker and
the shipped nginx in front. Used by tests/scale/ and by ``python -m tests.bench soak``
(``make cluster``)."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from tests.bench.servers import (
    REFRESH_TOKEN,
    PostgresPair,
    free_port,
    start_gunicorn,
    start_nginx,
    start_seaweedfs,
    stop,
)


def start_redis(work):
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        + ["--dir", str(work)],
        stdout=open(work / "redis.log", "ab"),
        stderr=subprocess.STDOUT,
    )
    import redis

    for _ in range(100):
        try:
            redis.Redis(port=port).ping()
            return process, f"redis://127.0.0.1:{port}/0"
        except redis.ConnectionError:
            time.sleep(0.05)
    process.kill()
    raise CommandError("Redis 没有启动。")


class Cluster:
    def __init__(self, work, nodes=2, workers_per_node=2):
        self.work = Path(work)
        self.work.mkdir(parents=True, exist_ok=True)
        self.node_count, self.workers_per_node = nodes, workers_per_node
        self.processes, self.nodes, self.node_ports = {}, {}, []
        self.pair = None

    # -- starting ------------------------------------------------------------------------

    def start(self):
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self):
        self.pair = PostgresPair().start()
        self.pair.sql("CREATE DATABASE linli")
        self.processes["seaweedfs"], store = start_seaweedfs(self.work / "seaweedfs")
        self.processes["redis"], self.redis_url = start_redis(self.work)
        self.port = free_port()  # nginx's
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")},
            **store,
            "DEBUG": "0",
            "SECRET_KEY": f"cluster-{uuid.uuid4().hex}" + "x" * 30,
            "HTTPS": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": self.pair.url("linli"),
            "DATABASE_REPLICA_URL": self.pair.url("linli", replica=True),
            "DB_CONN_MAX_AGE": "600",
            "REDIS_URL": self.redis_url,
            "TASKS_BACKEND": "django_tasks_rq.RQBackend",
            "STATIC_ROOT": str(self.work / "static"),
            "MEDIA_ROOT": str(self.work / "no-media-on-disk"),
            "PRIVATE_MEDIA_ROOT": str(self.work / "private"),
            "MEDIA_ACCEL_REDIRECT": "1",
            "BEHIND_PROXY": "1",
            "MICRO_CACHE_REFRESH_URLS": self.url,
            "MICRO_CACHE_REFRESH_TOKEN": REFRESH_TOKEN,
        }
        self.manage("migrate", "--noinput", "-v0")
        self.manage("load_demo", "--on-production-server")
        self.manage("collectstatic", "--noinput", "-v0")
        self.node_ports = [free_port() for _ in range(self.node_count)]
        for index in range(self.node_count):
            self.start_node(index)
        self.start_worker()
        self.store_port = int(store["MEDIA_S3_ENDPOINT_URL"].rsplit(":", 1)[1])
        self.processes["nginx"] = start_nginx(
            self.work,
            self.node_ports[0],
            self.port,
            second_port=self.node_ports[1] if self.node_count > 1 else None,
            store_port=self.store_port,
        )
        self.pair.caught_up()

    def manage(self, *args, stdin=None):
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            env=self.env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            input=stdin,
        )
        if done.returncode:
            raise CommandError(f"manage.py {' '.join(args)}：{done.stdout[-2000:]}{done.stderr[-4000:]}")
        return done.stdout

    def node_url(self, index):
        return f"http://127.0.0.1:{self.node_ports[index]}"

    def start_node(self, index):
        self.nodes[index] = start_gunicorn(self.env, self.node_ports[index], workers=self.workers_per_node)

    def stop_node(self, index):
        stop(self.nodes.pop(index))

    def start_worker(self):
        self.processes["worker"] = subprocess.Popen(
            [sys.executable, "manage.py", "rqworker", "default", "--job-class", "django_tasks_rq.Job"],
            env=self.env,
            cwd=settings.BASE_DIR,
            stdout=open(self.work / "worker.log", "ab"),
            stderr=subprocess.STDOUT,
        )

    def stop_store(self):
        stop(self.processes.pop("seaweedfs"))

    def start_store(self):
        port = int(self.env["MEDIA_S3_ENDPOINT_URL"].rsplit(":", 1)[1])
        self.processes["seaweedfs"], _ = start_seaweedfs(self.work / "seaweedfs", s3_port=port)

    # -- stopping ------------------------------------------------------------------------

    def stop(self):
        for process in [*self.nodes.values(), *self.processes.values()]:
            try:
                process.terminate()
                process.wait(timeout=20)
            except Exception:
                process.kill()
        self.nodes, self.processes = {}, {}
        if self.pair is not None:
            self.pair.stop()
            self.pair = None
