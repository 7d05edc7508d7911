"""gunicorn on loopback for the measuring commands (``bench_portal`` and the commands built on it,
``bench_comments`` and ``measure_takedown``; ``bench_admin --via server``): started with
production settings from ``env`` and the production worker class, ready once ``/healthz``
answers."""

import signal
import subprocess
import sys
import time
import urllib.request

from django.conf import settings
from django.core.management.base import CommandError

WORKER_CLASS = "config.datastack.RoomySyncWorker"  # as docs/linli.service runs it


def start_gunicorn(env, port, application="config.wsgi", workers=1):
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", application, "--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
        + ["--worker-class", WORKER_CLASS, "--log-level", "warning"],
        env=env,
        cwd=settings.BASE_DIR,
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
