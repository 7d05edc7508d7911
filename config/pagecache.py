"""Whole-page cache for anonymous readers, in Django's cache (Redis in production).

Why not ``django.views.decorators.cache.cache_page``: it keys pages on ``Vary: Cookie``, so a
reader's CSRF or preference cookie would give every reader a cache of their own, and it can
only forget a page by timeout. Here:

- **What is cached**: a GET to a view marked ``@public_page``, answered 200 and setting no
  cookie, for a request that carries no cookie but the harmless ones (``SAFE_COOKIES``). A
  session cookie (staff, takedown notifiers) or a messages cookie bypasses the cache, and the
  admin, previews and forms are never marked.
- **Personalised parts**: the reader's script (简/繁) and care mode are part of the key, and
  the page is stored after ``ScriptConversionMiddleware`` has converted it, so the conversion
  is paid once per script, not once per reader.
- **Freshness**: every key carries a generation number. ``invalidate()`` bumps it (content
  saved or deleted, takedown measures; see ``newsroom/freshness.py``), so every page is fresh
  at the next request. Go-live and expiry times are content changes nobody saves: the time of
  the next one is kept beside the generation (``register_clock``), and the first request
  after it bumps the generation.
- **View counts** are not the cache's business: the article page's script reports each view
  (``newsroom/viewcounts.py``), whoever served the page.

- **nginx**: the same pages, and only those, carry ``X-Accel-Expires: MICRO_CACHE_SECONDS``,
  which lets nginx's micro-cache (docs/nginx.conf) keep them that long; nginx strips it.

``PAGE_CACHE_SECONDS = 0`` turns the cache off.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

from config.reader import CARE_COOKIE, SCRIPT_COOKIE, SCRIPTS

GENERATION_KEY = "pagecache:generation"
NEXT_CHANGE_KEY = "pagecache:next-change"
NO_CHANGE = 0.0  # stored when nothing is scheduled
SAFE_COOKIES = {settings.CSRF_COOKIE_NAME, SCRIPT_COOKIE, CARE_COOKIE}

_clocks = []


def public_page(view):
    """Mark a view's answers as the same for every anonymous reader."""

    @wraps(view)
    def marked(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.page_cache = True
        return response

    return marked


def register_clock(next_change):
    """``next_change()`` gives the next time (aware datetime) when published content changes
    by itself, or None."""
    _clocks.append(next_change)
    return next_change


def invalidate():
    """Make every cached page stale: now, and again when the current transaction commits (a
    reader between the two could have cached what was about to change)."""
    _bump()
    transaction.on_commit(_bump)


def _bump():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 1, timeout=None)
    cache.delete(NEXT_CHANGE_KEY)


def _next_change():
    times = [t for t in (clock() for clock in _clocks) if t is not None]
    return min(times).timestamp() if times else NO_CHANGE


def generation():
    """The current generation, bumped first if a scheduled change has come due."""
    values = cache.get_many([GENERATION_KEY, NEXT_CHANGE_KEY])
    gen, due = values.get(GENERATION_KEY), values.get(NEXT_CHANGE_KEY)
    if gen is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        gen = cache.get(GENERATION_KEY, 1)
    if due is not None and due != NO_CHANGE and due <= time.time():
        _bump()
        gen, due = cache.get(GENERATION_KEY, gen), None
    if due is None:
        cache.set(NEXT_CHANGE_KEY, _next_change(), timeout=None)
    return gen


def _cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith("/admin/")
        and set(request.COOKIES) <= SAFE_COOKIES
    )


def _key(request, gen):
    script = request.COOKIES.get(SCRIPT_COOKIE, "")
    care = request.COOKIES.get(CARE_COOKIE) == "1"
    raw = "|".join((request.get_host(), request.get_full_path(), script if script in SCRIPTS else "", str(care)))
    return f"pagecache:{gen}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _cacheable_response(request, response):
    return (
        request.method == "GET"
        and getattr(response, "page_cache", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class PageCacheMiddleware:
    """Serve and store marked pages; sits above the session, auth and script middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request, generation())
        entry = cache.get(key)
        if entry is not None:
            return self._replay(entry)
        response = self.get_response(request)
        if _cacheable_response(request, response):
            headers = dict(response.items())
            cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "MISS"
            response["X-Accel-Expires"] = str(settings.MICRO_CACHE_SECONDS)
        return response

    @staticmethod
    def _replay(entry):
        content, headers = entry
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        response["X-Page-Cache"] = "HIT"
        response["X-Accel-Expires"] = str(settings.MICRO_CACHE_SECONDS)
        return response
