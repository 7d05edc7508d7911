"""Counting requests per key in a fixed window, in Django's cache (Redis in production)."""

import logging

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
