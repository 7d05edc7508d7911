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
- **Freshness**: every stored page carries the generation it was made in. ``invalidate()`` bumps it (content
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

import functools
import hashlib
import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.http import urlencode

from config.reader import CARE_COOKIE, SCRIPT_COOKIE, SCRIPTS

logger = logging.getLogger("linli.pagecache")
GENERATION_KEY = "pagecache:generation"
NEXT_CHANGE_KEY = "pagecache:next-change"
NO_CHANGE = 0.0  # stored when nothing is scheduled
SAFE_COOKIES = {settings.CSRF_COOKIE_NAME, SCRIPT_COOKIE, CARE_COOKIE}

_clocks = []


def public_page(view=None, *, params=()):
    """Mark a view's answers as the same for every anonymous reader.

    ``params`` names the query parameters the view reads: only they are part of the cache key,
    so a made-up query string neither changes the page nor adds an entry to the cache.
    ``@public_page`` or ``@public_page(params=("page",))``."""
    if view is None:
        return lambda view: public_page(view, params=params)

    @wraps(view)
    def marked(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.page_cache = True
        return response

    marked.page_cache_params = tuple(params)
    return marked


@functools.lru_cache(maxsize=4096)
def _params_for(path_info):
    """The query parameters the public page at ``path_info`` reads (None: not a public page)."""
    try:
        match = resolve(path_info)
    except Resolver404:
        return None
    return getattr(match.func, "page_cache_params", None)


def _query(request):
    """The query parameters that make a difference to this page, in one order."""
    names = _params_for(request.path_info) or ()
    return urlencode(sorted((name, value) for name in names for value in request.GET.getlist(name) if value))


def page_path(request):
    """Context processor: the page's own address as every reader of the cached page shares it
    (links back to it, such as 简/繁 and 长者模式, never carry another reader's query string)."""
    if _params_for(request.path_info) is None:
        return {"page_path": request.get_full_path()}
    query = _query(request)
    return {"page_path": f"{request.path}?{query}" if query else request.path}


def register_clock(next_change):
    """``next_change()`` gives the next time (aware datetime) when published content changes
    by itself, or None."""
    _clocks.append(next_change)
    return next_change


def forget_local():
    """Drop this process's pages and generation (tests, after clearing the cache)."""
    _local.pages.clear()
    _local.blocks.clear()
    _local.forget()


def invalidate():
    """Make every cached page stale: now, and again when the current transaction commits (a
    reader between the two could have cached what was about to change)."""
    _bump()
    transaction.on_commit(_bump)


def _bump():
    _local.forget()
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.add(GENERATION_KEY, 1, timeout=None)
        cache.delete(NEXT_CHANGE_KEY)
    except Exception:  # a save must not fail because the cache is down; its pages expire
        logger.error("page cache unavailable: cached pages may be stale for PAGE_CACHE_SECONDS", exc_info=True)


def _next_change():
    times = [t for t in (clock() for clock in _clocks) if t is not None]
    return min(times).timestamp() if times else NO_CHANGE


class _Local:
    """What one worker process keeps between requests: the generation, trusted for
    ``PAGE_CACHE_LOCAL_SECONDS`` (and never past the next scheduled change), and the pages it
    served most recently. A hit on a popular page then costs no cache round trip; a change
    made through another process reaches this one within that many seconds."""

    def __init__(self):
        self.pages, self.blocks = {}, {}
        self.forget()

    def forget(self):
        self.gen, self.due, self.until = None, None, 0.0

    def remember(self, gen, due):
        self.gen, self.due = gen, due
        self.until = time.monotonic() + settings.PAGE_CACHE_LOCAL_SECONDS

    def generation(self):
        if self.gen is None or time.monotonic() >= self.until:
            return None
        if self.due is None or (self.due != NO_CHANGE and self.due <= time.time()):
            return None
        return self.gen

    def keep_block(self, key, value):
        if len(self.blocks) >= settings.PAGE_CACHE_LOCAL_PAGES:
            self.blocks.clear()  # older generations' blocks
        self.blocks[key] = value

    def keep(self, key, entry):
        if key not in self.pages and len(self.pages) >= settings.PAGE_CACHE_LOCAL_PAGES:
            self.pages.pop(next(iter(self.pages)))
        self.pages[key] = entry


_local = _Local()


def _current(values):
    """The current generation from what was read with the page, bumped first if a scheduled
    change has come due."""
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


def _read(*keys):
    """The generation and ``keys`` from the cache in one round trip; this worker remembers the
    generation."""
    values = cache.get_many([GENERATION_KEY, NEXT_CHANGE_KEY, *keys])
    gen = _current(values)
    _local.remember(gen, values.get(NEXT_CHANGE_KEY))
    return gen, values


def generation():
    """The current generation, from this worker's memory when it is recent enough."""
    gen = _local.generation()
    return gen if gen is not None else _read()[0]


def remember(name, compute):
    """``compute()``, kept until content changes (the same generations as pages): in this
    worker's memory, and in the cache for the other workers.

    For what many pages show alike (navigation, footer, the 头条/推荐/最新 blocks), so an
    uncached page does not query for them again. ``name`` must say everything the value
    depends on (the portal, say); callers must not change what they get. Fails open: without a
    cache, ``compute()`` runs. Off unless ``PAGE_CACHE_BLOCKS``."""
    if not settings.PAGE_CACHE_BLOCKS:
        return compute()
    try:
        key = f"pagecache:block:{generation()}:{name}"
    except Exception:
        logger.warning("page cache unavailable", exc_info=True)
        return compute()
    if key in _local.blocks:
        return _local.blocks[key]
    try:
        value = cache.get(key)
    except Exception:
        logger.warning("page cache unavailable", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, max(settings.PAGE_CACHE_SECONDS, 60))
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)
    _local.keep_block(key, value)
    return value


def _cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(_BYPASS)
        and set(request.COOKIES) <= SAFE_COOKIES
    )


_BYPASS = ("/admin/", "/healthz", settings.STATIC_URL, settings.MEDIA_URL)


def _key(request):
    script = request.COOKIES.get(SCRIPT_COOKIE, "")
    care = request.COOKIES.get(CARE_COOKIE) == "1"
    raw = "|".join(
        (
            request.scheme,
            request.get_host(),
            request.path,
            _query(request),
            script if script in SCRIPTS else "",
            str(care),
        )
    )
    return f"pagecache:page:{hashlib.sha256(raw.encode()).hexdigest()}"


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
    """Serve and store marked pages. It sits near the top of MIDDLEWARE, so a stored page keeps
    the headers the security, CSP and script middleware gave it, and a hit costs one cache
    round trip (generation, next scheduled change and page read together)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        try:
            gen, entry = self._lookup(key)
        except Exception:  # the cache server is down: serve from Django, as without a cache
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        if entry is not None and entry[0] == gen:
            _local.keep(key, entry)
            return self._replay(entry)
        response = self.get_response(request)
        if _cacheable_response(request, response):
            response["X-Accel-Expires"] = str(settings.MICRO_CACHE_SECONDS)
            entry = (gen, response.content, dict(response.items()))
            try:
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("page cache unavailable", exc_info=True)
                return response
            _local.keep(key, entry)
            response["X-Page-Cache"] = "MISS"
        return response

    @staticmethod
    def _lookup(key):
        gen = _local.generation()
        entry = _local.pages.get(key) if gen is not None else None
        if entry is None or entry[0] != gen:
            gen, values = _read(key)
            entry = values.get(key)
        return gen, entry

    @staticmethod
    def _replay(entry):
        _, content, headers = entry
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        response["X-Page-Cache"] = "HIT"
        return response
