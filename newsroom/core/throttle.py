"""Counting requests per key in a fixed window, in Django's cache (Redis in production)."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger("linli.throttle")


def exceeded(key, limit, seconds):
    """Count one more for ``key`` in its ``seconds`` window; True once the count passes ``limit``.
    The cache down counts nothing (fails open): readers are not turned away for our outage."""
    try:
        cache.add(key, 0, seconds)
        try:
            return cache.incr(key) > limit
        except ValueError:  # the window expired between add and incr
            cache.set(key, 1, seconds)
            return False
    except Exception:
        logger.warning("throttle unavailable", exc_info=True)
        return False


def client_key(request, purpose=""):
    """Who sent a request, for counting and keeping (a takedown notice's, a 纠错留言's): a keyed
    digest of the address, never the address itself. ``purpose`` keeps one form's keys apart
    from another's."""
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{purpose}{address}:{settings.SECRET_KEY}".encode()).hexdigest()[:32]
