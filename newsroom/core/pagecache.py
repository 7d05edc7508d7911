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
- **Freshness**: a page says what it shows as tags (``depends("article:12", "column:3")``;
  blocks it uses from ``remember`` add theirs), and is stored with each tag's version. A change
  bumps the versions of the tags it touches (``invalidate(tags)``; newsroom/freshness.py maps
  changes to tags), so only the pages that show it are made again; a page that says nothing
  depends on every change (``CONTENT``), and the chrome and settings on ``ALL``. A part many
  pages share and one change alters on all of them (the article pages' side lists) is a
  ``hole``: stored once, put back into each page when served, so a publish makes that one
  part stale instead of every article page. Go-live and expiry times are changes nobody
  saves: the time of the next one is kept beside the versions (``register_clock``), and the
  first request after it invalidates what went live or expired.
- **View counts** are not the cache's business: the article page's script reports each view
  (``newsroom/viewcounts.py``), whoever served the page.

- **nginx**: the same pages, and only those, carry ``X-Accel-Expires: MICRO_CACHE_SECONDS``,
  which lets nginx's micro-cache (docs/nginx.conf) keep them that long; nginx strips it.

``PAGE_CACHE_SECONDS = 0`` turns the cache off.
"""

import contextvars
import functools
import hashlib
import hmac
import logging
import re
import time
from datetime import UTC, datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from newsroom.core import replica
from newsroom.core.reader import CARE_COOKIE, SCRIPT_COOKIE, SCRIPTS

logger = logging.getLogger("linli.pagecache")
ALL = "all"  # what every page and block shows: chrome, settings, anything not mapped finer
CONTENT = "content"  # what pages that declare nothing depend on: every change
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


def register_clock(next_change, changed_between):
    """``next_change()`` gives the next time (aware datetime) when published content changes
    by itself, or None; ``changed_between(since, until)`` the tags of what changed by itself
    in that span (go-live and expiry times), invalidated when the time comes."""
    _clocks.append((next_change, changed_between))
    return next_change


def forget_local():
    """Drop this process's pages and tag versions (tests, after clearing the cache)."""
    _local.pages.clear()
    _local.blocks.clear()
    _local.forget()


def invalidate(tags=None):
    """Make stale every cached page and block that depends on one of ``tags`` (None: on
    anything; pages that declared nothing are made stale by every change): now, and again when
    the current transaction commits (a reader between the two could have cached what was about
    to change)."""
    tags = {CONTENT, *(tags if tags is not None else (ALL,))}
    _bump(tags)
    transaction.on_commit(lambda: _bump(tags))


def tag_key(tag):
    return f"pagecache:tag:{tag}"


def _fresh_version():
    # A tag whose counter the cache lost starts again from the clock, never from a number an
    # older page may have been stamped with.
    return time.time_ns() // 1000


def _bump(tags):
    _local.forget()
    try:
        if not transaction.get_connection().in_atomic_block:
            replica.mark_change()  # committed: where a replica must be before it serves this
        for tag in tags:
            try:
                cache.incr(tag_key(tag))
            except ValueError:
                cache.add(tag_key(tag), _fresh_version(), timeout=None)
        cache.delete(NEXT_CHANGE_KEY)
    except Exception:  # a save must not fail because the cache is down; its pages expire
        logger.error("page cache unavailable: cached pages may be stale for PAGE_CACHE_SECONDS", exc_info=True)


def _next_change():
    times = [t for t in (clock() for clock, _ in _clocks) if t is not None]
    return min(times).timestamp() if times else NO_CHANGE


def _came_due(due):
    """A scheduled go-live or expiry has come: invalidate what changed since ``due``."""
    now = time.time()
    since, until = (datetime.fromtimestamp(t, tz=UTC) for t in (due, now))
    tags = set().union(*(changed_between(since, until) for _, changed_between in _clocks))
    _bump({CONTENT, *tags})


class _Local:
    """What one worker process keeps between requests: tag versions, trusted for
    ``PAGE_CACHE_LOCAL_SECONDS`` (and never past the next scheduled change), and the pages and
    blocks it served most recently. A hit on a popular page then costs no cache round trip; a
    change made through another process reaches this one within that many seconds."""

    def __init__(self):
        self.pages, self.blocks = {}, {}
        self.forget()

    def forget(self):
        self.versions, self.due, self.until, self.lsn = {}, None, 0.0, 0

    def known(self):
        """The tag versions this worker may trust now ({} when it must ask the cache)."""
        if time.monotonic() >= self.until or self.due is None:
            self.versions = {}
        elif self.due != NO_CHANGE and self.due <= time.time():
            self.versions = {}
        return self.versions

    def learn(self, versions, due):
        if not self.versions:
            self.until = time.monotonic() + settings.PAGE_CACHE_LOCAL_SECONDS
        self.versions.update(versions)
        self.due = due

    def keep_block(self, key, value):
        if len(self.blocks) >= settings.PAGE_CACHE_LOCAL_PAGES:
            self.blocks.clear()  # blocks of older versions
        self.blocks[key] = value

    def keep(self, key, entry):
        if key not in self.pages and len(self.pages) >= settings.PAGE_CACHE_LOCAL_PAGES:
            self.pages.pop(next(iter(self.pages)))
        self.pages[key] = entry


_local = _Local()


def _read(tags, *keys):
    """The current versions of ``tags`` (with ``ALL``), and ``keys`` from the cache, in one
    round trip when this worker knows no recent versions; first invalidating what a scheduled
    change that has come due made stale."""
    tags = {ALL, *tags}
    known = _local.known()
    missing = [tag for tag in tags if tag not in known]
    if not missing and not keys:
        replica.require(_local.lsn)
        return {tag: known[tag] for tag in tags}, {}
    values = cache.get_many([NEXT_CHANGE_KEY, *map(tag_key, missing), *keys, *replica.keys()])
    _local.lsn = values.get(replica.LSN_KEY) or _local.lsn
    replica.require(_local.lsn)
    due = values.get(NEXT_CHANGE_KEY)
    if due is not None and due != NO_CHANGE and due <= time.time():
        _came_due(due)
        values = {**cache.get_many([NEXT_CHANGE_KEY, *map(tag_key, tags)]), **{k: values.get(k) for k in keys}}
        known, missing, due = {}, list(tags), None
    if due is None:
        due = _next_change()
        cache.set(NEXT_CHANGE_KEY, due, timeout=None)
    found = {}
    for tag in missing:
        version = values.get(tag_key(tag))
        if version is None:
            cache.add(tag_key(tag), _fresh_version(), timeout=None)
            version = cache.get(tag_key(tag))
        found[tag] = version
    _local.learn(found, due)
    return {tag: found[tag] if tag in found else known[tag] for tag in tags}, values


def _stamp(versions):
    return tuple(sorted(versions.items()))


def _is_current(stamp):
    versions, _ = _read([tag for tag, _ in stamp])
    return all(versions[tag] == version for tag, version in stamp)


class _Collector:
    """What one page's rendering depended on: the tags it declared (``depends``), those of the
    blocks it used (``remember``), and its holes (``hole``), each with its own tags."""

    def __init__(self):
        self.tags, self.declared, self.holes, self.in_hole = set(), False, {}, None

    def add(self, tags):
        if self.in_hole is not None:
            self.holes[self.in_hole].update(tags)
        else:
            self.tags.update(tags)


_collector = contextvars.ContextVar("pagecache_collector", default=None)


def depends(*tags):
    """Say what the page being rendered shows, as tags a change invalidates (``article:12``,
    ``column:3``, ``lists:1``…; see newsroom/freshness.py). A page that says nothing is made
    stale by every change."""
    collector = _collector.get()
    if collector is not None:
        collector.declared = True
        collector.add(tags)


def hole(name, tags, render):
    """``render()``'s HTML as a part of the page kept apart from it, with its own ``tags``: a
    block many pages share (an article page's side lists) whose change then makes stale that
    block alone, not every page that shows it. The page is stored with the part cut out and
    served with its current copy put back; a page whose part is missing or stale is rendered
    again."""
    collector = _collector.get()
    if collector is None:
        return render()
    collector.holes.setdefault(name, set()).update(tags)
    outer, collector.in_hole = collector.in_hole, name
    try:
        html = render()
    finally:
        collector.in_hole = outer
    return mark_safe(f"<!--hole:{name}-->{html}<!--/hole-->")


def remember_many(tagged, compute):
    """Like ``remember`` for several values at once: ``tagged`` is {name: tags}; ``compute(names)``
    gives {name: value} for those of ``names`` not in the cache, in one go (one query for all of
    them, say), and each is kept until one of its own tags changes."""
    collector = _collector.get()
    if collector is not None:
        collector.add(set().union(*map(set, tagged.values())) if tagged else ())
    if not settings.PAGE_CACHE_BLOCKS or not tagged:
        return compute(list(tagged))
    try:
        versions, _ = _read(set().union(*map(set, tagged.values())))
        keys = {name: _block_key(name, {t: versions[t] for t in (ALL, *tags)}) for name, tags in tagged.items()}
        found = {name: _local.blocks[key] for name, key in keys.items() if key in _local.blocks}
        wanted = {keys[name]: name for name in tagged if name not in found}
        if wanted:
            found.update({wanted[key]: value for key, value in cache.get_many(list(wanted)).items()})
    except Exception:
        logger.warning("page cache unavailable", exc_info=True)
        return compute(list(tagged))
    missing = [name for name in tagged if name not in found]
    if missing:
        made = compute(missing)
        found.update(made)
        try:
            cache.set_many({keys[name]: made[name] for name in missing}, max(settings.PAGE_CACHE_SECONDS, 60))
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)
    for name, key in keys.items():
        _local.keep_block(key, found[name])
    return found


def _block_key(name, versions):
    return f"pagecache:block:{name}:{hashlib.sha256(repr(_stamp(versions)).encode()).hexdigest()[:16]}"


def remember(name, compute, tags=None, record=True):
    """``compute()``, kept until one of ``tags`` changes (None: any content change): in this
    worker's memory, and in the cache for the other workers. A page that uses it depends on
    the same tags (unless ``record`` is False: a part that a ``hole`` with these tags shows).

    For what many pages show alike (navigation, footer, the 头条/推荐/最新 blocks), so an
    uncached page does not query for them again. ``name`` must say everything the value
    depends on (the portal, say); callers must not change what they get. Fails open: without a
    cache, ``compute()`` runs. Off unless ``PAGE_CACHE_BLOCKS``."""
    tags = (CONTENT,) if tags is None else tuple(tags)
    collector = _collector.get()
    if collector is not None and record:
        collector.add(tags)
    if not settings.PAGE_CACHE_BLOCKS:
        return compute()
    try:
        versions, _ = _read(tags)
    except Exception:
        logger.warning("page cache unavailable", exc_info=True)
        return compute()
    key = _block_key(name, versions)
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


def paged(paginator, number, name, tags, html=None, variant=""):
    """``paginator.get_page(number)`` with its count and its rows kept as blocks (``name``
    must say which list, as for ``remember``) until one of ``tags`` changes: a list page made
    stale by something else it shows is made again without a query for the list.

    With ``html`` (page → markup), the rows are kept only as that markup, ``page.html``, one
    block per ``variant`` (whatever else the markup depends on, the reader's script say): a hit
    reads one block, and the rows are fetched only to make it."""
    paginator.count = remember(f"{name}:count", paginator.object_list.count, tags, record=False)
    page = paginator.get_page(number)
    rows = page.object_list
    if html is None:
        page.object_list = remember(f"{name}:{page.number}", lambda: list(rows), tags, record=False)
        return page

    def make():
        page.object_list = list(rows)
        return html(page)

    page.html = remember(f"{name}:{page.number}:html:{variant}", make, tags, record=False)
    return page


def _cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(_BYPASS)
        and set(request.COOKIES) <= SAFE_COOKIES
    )


_BYPASS = ("/admin/", "/healthz", settings.STATIC_URL, settings.MEDIA_URL)


def _variant(request):
    """What makes two readers of one address see different pages: host, script, care mode."""
    script = request.COOKIES.get(SCRIPT_COOKIE, "")
    care = request.COOKIES.get(CARE_COOKIE) == "1"
    return "|".join((request.scheme, request.get_host(), script if script in SCRIPTS else "", str(care)))


def _key(request):
    raw = "|".join((_variant(request), request.path, _query(request)))
    return f"pagecache:page:{hashlib.sha256(raw.encode()).hexdigest()}"


def _hole_key(request, name):
    raw = "|".join((_variant(request), name))
    return f"pagecache:hole:{hashlib.sha256(raw.encode()).hexdigest()}"


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


HOLE = re.compile(rb"<!--hole:([^>]+?)-->(.*?)<!--/hole-->", re.DOTALL)


REFRESH_HEADER = "X-Linli-Refresh"


def _refreshing(request):
    """A micro-cache refresh sent by newsroom/microcache.py: rendered afresh, never from a cache."""
    token = settings.MICRO_CACHE_REFRESH_TOKEN
    sent = request.headers.get(REFRESH_HEADER, "")
    return bool(token and sent) and hmac.compare_digest(sent, token)


class PageCacheMiddleware:
    """Serve and store marked pages. It sits near the top of MIDDLEWARE, so a stored page keeps
    the headers the security, CSP and script middleware gave it. A page is stored with the
    versions of the tags it depends on and is served while they are current; a hit costs one
    cache round trip, none when this worker served the page and checked the versions within
    the last second."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        refreshing = _refreshing(request)
        if refreshing:
            _local.forget()  # this worker's versions are asked of the cache again
        try:
            response = None if refreshing else self._hit(request, key)
        except Exception:  # the cache server is down: serve from Django, as without a cache
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        if response is not None:
            return response
        try:
            before, _ = _read([CONTENT])
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        collector = _Collector()
        token = _collector.set(collector)
        try:
            response = self.get_response(request)
        finally:
            _collector.reset(token)
        if _cacheable_response(request, response):
            response["X-Accel-Expires"] = str(settings.MICRO_CACHE_SECONDS)
            try:
                self._store(request, key, response, collector, before[CONTENT])
            except Exception:
                logger.warning("page cache unavailable", exc_info=True)
                return response
            response["X-Page-Cache"] = "MISS"
        return response

    def _hit(self, request, key):
        entry = _local.pages.get(key)
        if entry is None:
            entry = _read((), key)[1].get(key)
        if entry is None or not _is_current(entry[0]):
            return None
        stamp, content, headers, holes = entry
        if holes:
            parts = self._holes(request, holes)
            if parts is None:
                return None
            content = HOLE.sub(
                lambda m: m.group(0)[: -len(b"<!--/hole-->")] + parts[m.group(1).decode()] + b"<!--/hole-->", content
            )
        _local.keep(key, entry)
        return self._replay(content, headers)

    @staticmethod
    def _holes(request, names):
        """The current copy of each of the page's parts, or None when one is missing or stale."""
        keys = {name: _hole_key(request, name) for name in names}
        parts = {name: _local.blocks.get(k) for name, k in keys.items()}
        wanted = [k for name, k in keys.items() if parts[name] is None]
        if wanted:
            found = cache.get_many(wanted)
            for name, k in keys.items():
                parts[name] = parts[name] or found.get(k)
        if any(part is None or not _is_current(part[0]) for part in parts.values()):
            return None
        for name, k in keys.items():
            _local.keep_block(k, parts[name])
        return {name: part[1] for name, part in parts.items()}

    @staticmethod
    def _store(request, key, response, collector, content_version):
        tags = collector.tags if collector.declared else {*collector.tags, CONTENT}
        versions, _ = _read({CONTENT, *tags, *set().union(*collector.holes.values())})
        if versions[CONTENT] != content_version:
            return  # content changed while the page was made: the next reader makes it again
        holes = []

        def cut(match):
            name = match.group(1).decode()
            if name not in collector.holes:
                return match.group(0)
            part_tags = {ALL, *collector.holes[name]}
            part = (_stamp({tag: versions[tag] for tag in part_tags}), match.group(2))
            cache.set(_hole_key(request, name), part, settings.PAGE_CACHE_SECONDS)
            _local.keep_block(_hole_key(request, name), part)
            holes.append(name)
            return b"<!--hole:" + match.group(1) + b"--><!--/hole-->"

        content = HOLE.sub(cut, response.content) if collector.holes else response.content
        stamp = _stamp({tag: versions[tag] for tag in {ALL, *tags}})
        headers = {name: value for name, value in response.items() if name != "Content-Length"}
        entry = (stamp, content, headers, tuple(holes))
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        _local.keep(key, entry)

    @staticmethod
    def _replay(content, headers):
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        response["Content-Length"] = str(len(content))
        response["X-Page-Cache"] = "HIT"
        return response
