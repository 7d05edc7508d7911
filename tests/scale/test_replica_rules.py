"""Who may read the replica (newsroom/core/replica.py), decided per request: an anonymous reader's
GET until it writes; never staff, a form, or a reader who has just sent one."""

from django.http import HttpResponse
from django.test import RequestFactory

from newsroom.core import replica


def run(request, view):
    seen = {}

    def wrapped(request):
        seen["reads"] = replica._request.get()
        return view(request)

    response = replica.ReplicaMiddleware(wrapped)(request)
    return seen["reads"], response


def quiet(request):
    return HttpResponse("ok")


def writes(request):
    replica.ReplicaRouter().db_for_write(None)
    return HttpResponse("sent")


def test_an_anonymous_get_may_read_the_replica_until_it_writes(settings):
    factory = RequestFactory()
    reads, response = run(factory.get("/"), quiet)
    assert reads.allowed and "linli_rw" not in response.cookies
    reads, _ = run(factory.get("/"), writes)
    assert not reads.allowed  # it reads its own write


def test_staff_a_form_and_its_sender_read_the_primary(settings):
    factory = RequestFactory()
    staff = factory.get("/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc")
    assert not run(staff, quiet)[0].allowed
    sent = factory.post("/feedback/", {"message": "更正"})
    reads, response = run(sent, writes)
    assert not reads.allowed
    assert response.cookies["linli_rw"]["max-age"] == settings.REPLICA_STICKY_SECONDS
    assert not run(factory.get("/", HTTP_COOKIE="linli_rw=1"), quiet)[0].allowed
    # A POST that wrote nothing (a refused form, a 点击 report counted in Redis) sets no cookie.
    assert "linli_rw" not in run(factory.post("/views/1/"), quiet)[1].cookies


def test_the_replica_is_used_only_once_it_has_replayed_the_last_change(monkeypatch):
    reads = replica._Reads()
    reads.require(5_000)
    monkeypatch.setattr(replica, "replayed_lsn", lambda: 4_000)
    assert not reads.use_replica() and not reads.allowed  # behind: the primary, for the rest
    reads = replica._Reads()
    reads.require(5_000)
    monkeypatch.setattr(replica, "replayed_lsn", lambda: 5_000)
    assert reads.use_replica()
    reads.require(6_000)  # a later tag-version read saw a newer change
    assert not reads.use_replica()
    monkeypatch.setattr(replica, "replayed_lsn", lambda: None)  # the replica is down
    reads = replica._Reads()
    reads.require(1)
    assert not reads.use_replica()
