"""gunicorn and nginx on loopback for the measuring commands (``bench_portal`` and the commands
built on it, ``bench_comments`` and ``measure_takedown``; ``bench_admin --via server``) and the
micro-cache test (tests/controls/test_nginx_micro_cache.py). gunicorn starts with production
settings from ``env`` and the production worker class, ready once ``/healthz`` answers; nginx
runs docs/nginx.conf itself, its paths and ports moved into a work folder."""

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

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


def start_nginx(work, upstream_port, port, second_port=None, keepalive=True):
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
