"""Reads from a PostgreSQL streaming replica (``DATABASE_REPLICA_URL``), never older than a change
a reader could already see.

Who reads the replica: an anonymous GET or HEAD (no session cookie, no write of its own in the
last ``REPLICA_STICKY_SECONDS``) until it writes. Staff, forms, writes, management commands and
the worker read the primary.

How old it may be: every content change, once committed, records the primary's WAL position
(``pg_current_wal_lsn()``) in the cache *before* it makes cached pages stale
(newsroom/core/pagecache.py calls ``mark_change``). Whoever reads tag versions also reads that
position (same round trip) and ``require``s it; the first replica read after that asks the
replica how far it has replayed, and if it is behind, the rest of the request reads the primary.
So a page or block stored under a version is built from data at least as new as the change that
made the version: the replica can lag, be paused or stopped, and no stale page is served or kept.
"""

import contextvars
import logging
import threading

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections

logger = logging.getLogger("linli.replica")

REPLICA = "replica"
LSN_KEY = "replica:changed-lsn"
STICKY_COOKIE = "linli_rw"
_request = contextvars.ContextVar("linli_replica_request", default=None)
_local_lock = threading.Lock()


def configured():
    return REPLICA in settings.DATABASES


def keys():
    """The cache keys a tag-version read fetches in the same round trip."""
    return [LSN_KEY] if configured() else []


class _Reads:
    """One request's reading: whether it may use the replica, the WAL position it must have."""

    def __init__(self):
        self.allowed, self.required, self.verified, self.wrote = True, 0, 0, False

    def use_replica(self):
        if not self.allowed:
            return False
        if self.required == 0:
            self.require(_cached_lsn())
        if self.verified >= self.required:
            return True
        replayed = replayed_lsn()
        if replayed is None or replayed < self.required:
            self.allowed = False  # behind (or down): this request reads the primary from now on
            return False
        self.verified = replayed
        return True

    def require(self, lsn):
        if lsn:
            self.required = max(self.required, int(lsn))


def require(lsn):
    """Reads from here on must see the change at WAL position ``lsn`` (from the cache)."""
    reads = _request.get()
    if reads is not None:
        reads.require(lsn)


def _cached_lsn():
    try:
        return cache.get(LSN_KEY) or 1  # nothing recorded yet: any replayed position will do
    except Exception:
        logger.warning("cache unavailable: reading the primary", exc_info=True)
        return 1 << 62


def replayed_lsn():
    """How far the replica has replayed (bytes of WAL), None when it cannot be asked."""
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() - '0/0'::pg_lsn")
            (value,) = cursor.fetchone()
    except DatabaseError:
        logger.warning("replica unavailable: reading the primary", exc_info=True)
        connections[REPLICA].close()
        return None
    return int(value) if value is not None else 1 << 62  # not a standby: it is current


def mark_change():
    """Record the primary's WAL position after a committed change (before pages go stale)."""
    if not configured():
        return
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")
        (lsn,) = cursor.fetchone()
    _store_max(int(lsn))


_RAISE = """
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1]) end
return 0
"""


def _store_max(lsn):
    """Keep the larger of the stored and the new position (two changes may record out of order)."""
    client_of = getattr(getattr(cache, "_cache", None), "get_client", None)
    if client_of is not None and hasattr(cache, "make_and_validate_key"):
        # Redis: one atomic step. The value is stored as a plain integer, which Django's Redis
        # serializer reads back as an int.
        client_of(write=True).eval(_RAISE, 1, cache.make_and_validate_key(LSN_KEY), lsn)
        return
    with _local_lock:  # a per-process cache (development)
        if lsn > (cache.get(LSN_KEY) or 0):
            cache.set(LSN_KEY, lsn, timeout=None)


class ReplicaRouter:
    """Reads go to the replica only inside an eligible request that the replica is current for."""

    def db_for_read(self, model, **hints):
        reads = _request.get()
        if reads is not None and reads.use_replica():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        reads = _request.get()
        if reads is not None:
            reads.allowed, reads.wrote = False, True  # a request that writes reads its own writes
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


def _eligible(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and STICKY_COOKIE not in request.COOKIES
    )


class ReplicaMiddleware:
    """Marks the requests that may read the replica; a form that wrote to the database keeps its
    sender on the primary for ``REPLICA_STICKY_SECONDS`` (a cookie), so they see what they sent.
    (A 点击 report writes to Redis, not the database, and sets none.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reads = _Reads()
        reads.allowed = _eligible(request)
        token = _request.set(reads)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        if reads.wrote and request.method not in ("GET", "HEAD", "OPTIONS"):
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=settings.REPLICA_STICKY_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
