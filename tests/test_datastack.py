"""config/datastack.py: a request's calls never map and unmap CPython's frame-stack memory, at
whatever depth they run (the article change page spent 40 % of its time doing that)."""

import resource
import sys

import pytest
from django.conf import settings
from django.test.signals import template_rendered

from config.datastack import call_in_roomy_frame

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
    assert settings.MIDDLEWARE[0] == "config.datastack.RoomyStackMiddleware"
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
