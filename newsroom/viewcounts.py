"""点击数 without a database write per view.

Views are reported by the article page's script (``POST /views/<id>/``, see ``views.count_view``),
so a page served by the page cache or by nginx's micro-cache is counted like any other; each
report reads the article's figure once (one indexed SELECT) and writes nothing to the database.

With Redis (``VIEW_COUNT_BUFFER``, on when ``REDIS_URL`` is set) a view is one ``HINCRBY`` on
a hash in Redis. At most every
``VIEW_COUNT_FLUSH_SECONDS`` one request (the one that takes the lock) moves the counts into
the database: the hash is renamed first, so views counted during a flush go into the next
batch, and the batch is one ``UPDATE`` with ``F()`` additions. The counts live in Redis, not
in a worker, so a worker that stops loses none; a batch whose flush died half-way is
flushed first next time. ``python manage.py flush_view_counts`` flushes at once.

Without Redis (development, tests) a view is one ``UPDATE … SET view_count = view_count + 1``;
so is a view while Redis is down (counting fails open, the reader never sees an error).

A reader counts once per article within ``VIEW_COUNT_DEDUPE_SECONDS`` (default 30 minutes): the
reader is a digest of address and browser, kept in the cache, never in the database.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, F, Value, When

logger = logging.getLogger(__name__)
PENDING, FLUSHING = "viewcounts:pending", "viewcounts:flushing"
FLUSH_DUE, FLUSH_MUTEX = "viewcounts:flush-due", "viewcounts:flush-mutex"


def _redis():
    if not settings.VIEW_COUNT_BUFFER:
        return None
    return cache._cache.get_client(write=True)  # Django's RedisCache hands out its redis-py client


def _key(name):
    return cache.make_key(name)


def reader_key(request):
    """Who is reading, as far as counting goes: a digest of address and browser."""
    raw = f"{request.META.get('REMOTE_ADDR', '')}|{request.META.get('HTTP_USER_AGENT', '')}|{settings.SECRET_KEY}"
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def _first_view(article_id, reader):
    """True unless this reader was counted for this article within the window."""
    window = settings.VIEW_COUNT_DEDUPE_SECONDS
    if not reader or window <= 0:
        return True
    try:
        return cache.add(f"viewcounts:seen:{article_id}:{reader}", 1, window)
    except Exception:  # the cache is down: count, as without de-duplication
        logger.warning("view de-duplication unavailable", exc_info=True)
        return True


def count(article_id, portal, reader=None):
    """One view of a published article of ``portal`` by ``reader`` (see ``reader_key``); returns
    its figure including this view, or None when no such article has this id (nothing is counted).
    A reader seen within the window gets the figure without adding to it."""
    from .models import Article

    base = Article.objects.public(portal).filter(pk=article_id).values_list("view_count", flat=True).first()
    if base is None:
        return None
    first = _first_view(article_id, reader)
    client = _redis()
    if client is not None:
        try:
            waiting = client.hincrby(_key(PENDING), article_id, 1 if first else 0)
            if client.set(_key(FLUSH_DUE), 1, nx=True, ex=settings.VIEW_COUNT_FLUSH_SECONDS):
                flush()
            return base + waiting
        except Exception:  # Redis is down: count in the database instead
            logger.warning("view count buffer unavailable", exc_info=True)
    if not first:
        return base
    Article.objects.filter(pk=article_id).update(view_count=F("view_count") + 1)
    return base + 1


def pending(article_id):
    """Views counted but not yet in the database."""
    client = _redis()
    return int(client.hget(_key(PENDING), article_id) or 0) if client else 0


def flush():
    """Move counted views into the database; returns how many."""
    from .models import Article

    client = _redis()
    if client is None or not client.set(_key(FLUSH_MUTEX), 1, nx=True, ex=60):
        return 0
    try:
        pending_key, flushing_key = _key(PENDING), _key(FLUSHING)
        if not client.exists(flushing_key):
            if not client.exists(pending_key):
                return 0
            client.rename(pending_key, flushing_key)
        counts = {int(pk): int(n) for pk, n in client.hgetall(flushing_key).items()}
        if counts:
            with transaction.atomic():
                Article.objects.filter(pk__in=counts).update(
                    view_count=F("view_count")
                    + Case(*[When(pk=pk, then=Value(n)) for pk, n in counts.items()], default=Value(0))
                )
        client.delete(flushing_key)
        return sum(counts.values())
    finally:
        client.delete(_key(FLUSH_MUTEX))
