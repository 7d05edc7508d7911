"""newsroom/core/datastack.py: a request's calls never map and unmap CPython's frame-stack memory, at
whatever depth they run (the article change page spent 40 % of its time doing that)."""

import resource
import sys

import pytest
from django.conf import settings
from django.test.signals import template_rendered

from newsroom.core.datastack import call_in_roomy_frame

CALLS = 2000
DEPTHS = range(0, 400)  # more than two 16 KiB chunks' worth of the frames below


def _faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def _leaf():
    return None


def _calls_at(depth):
    """Page faults taken by CALLS calls of a small function, made ``depth`` frames down."""
    if depth:
        return _calls_at(depth - 1)
    before = _faults()
    for _ in range(CALLS):
        _leaf()
    return _faults() - before


def _worst_depth(call):
    return max(call(_calls_at, depth) for depth in DEPTHS)


@pytest.mark.skipif(sys.platform != "linux", reason="counts page faults as Linux reports them")
def test_calls_at_a_chunks_edge_take_no_page_faults_in_the_roomy_frame():
    plain = _worst_depth(lambda function, depth: function(depth))
    roomy = _worst_depth(call_in_roomy_frame)
    assert roomy < CALLS / 20, roomy
    if sys.version_info < (3, 13):  # CPython without the fix: somewhere, every call maps a chunk
        assert plain >= CALLS, plain


@pytest.mark.django_db
def test_every_request_runs_in_the_roomy_frame(client, demo):
    assert settings.MIDDLEWARE[0] == "newsroom.core.datastack.RoomyStackMiddleware"
    callers = []

    def record(sender, **kwargs):
        frame = sys._getframe()
        while frame is not None:
            callers.append(frame.f_code.co_name)
            frame = frame.f_back

    template_rendered.connect(record)
    try:
        response = client.get("/")
    finally:
        template_rendered.disconnect(record)
    assert response.status_code == 200
    assert "call_in_roomy_frame" in callers


def _reserved_frames_above():
    names, frame = [], sys._getframe()
    while frame is not None:
        names.append(frame.f_code.co_name)
        frame = frame.f_back
    return names.count("call_in_roomy_frame")


def test_the_gunicorn_worker_reserves_once_for_its_whole_loop(monkeypatch):
    """Its request loop runs above one reserved frame, and a request inside it (the middleware)
    adds none: no mapping per request."""
    from gunicorn.workers.sync import SyncWorker

    from newsroom.core.datastack import RoomySyncWorker, run_in_roomy_frame

    seen = {}

    def loop(worker):
        seen["loop"] = _reserved_frames_above()
        seen["request"] = run_in_roomy_frame(_reserved_frames_above)

    monkeypatch.setattr(SyncWorker, "run", loop)
    RoomySyncWorker.run(object.__new__(RoomySyncWorker))
    assert seen == {"loop": 1, "request": 1}
    assert run_in_roomy_frame(_reserved_frames_above) == 1  # outside a worker: one per request


def test_gunicorn_serves_with_the_worker_class_the_service_names(tmp_path):
    import os
    import urllib.request

    from tests.bench.servers import WORKER_CLASS, start_gunicorn, stop

    assert f"--worker-class {WORKER_CLASS}" in (settings.BASE_DIR / "docs" / "linli.service").read_text()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "",
    }
    process = start_gunicorn(env, 8031)
    try:
        with urllib.request.urlopen("http://127.0.0.1:8031/healthz", timeout=10) as response:
            assert response.status == 200
    finally:
        stop(process)
