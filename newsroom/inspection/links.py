"""Links in published content: which are internal (resolved against this site's own URLs and
content) and which external (checked by a bounded, polite background checker).

The checker never hangs a worker: it does not read bodies (a 10 MB page costs its headers),
every socket operation has a timeout, redirects are followed at most ``MAX_REDIRECTS`` times
and a loop is recognised, only http and https are fetched, only public unicast addresses, resolved once and pinned
(newsroom/core/outbound.py; unless ``INSPECTION_LINK_CHECK_PRIVATE``, for tests against local servers), each host is
asked at most once per ``HOST_INTERVAL`` seconds, and a run stops at ``max_urls`` or
``max_seconds``, leaving the rest for the next run. A failure is retried before it counts, and
results are kept (``LinkCheck``) so a link is fetched again only after ``RECHECK``.
"""

import http.client
import ssl
import time
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.urls import Resolver404, resolve
from django.utils import timezone

from newsroom.core import outbound

from .models import LinkCheck, url_key

TIMEOUT = 5
MAX_REDIRECTS = 5
HOST_INTERVAL = 1.0
RETRIES = 1
RECHECK = timedelta(days=7)
USER_AGENT = "LinliLinkChecker/1.0 (government website self-inspection)"
IGNORED_SCHEMES = {"mailto", "tel", "sms"}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and ((name == "href" and tag == "a") or (name == "src" and tag in ("img", "iframe", "video"))):
                self.found.append(("image" if tag == "img" else "link", value.strip()))


def extract(html):
    """[(kind, address)] of the links (``link``) and images (``image``) in ``html``."""
    if not html or ("href" not in html and "src" not in html):
        return []
    parser = _Links()
    parser.feed(html)
    return parser.found


def classify(address, hosts):
    """('internal', path) | ('external', url) | ('scheme', scheme) | ('ignore', None)."""
    parts = urlsplit(address)
    scheme = parts.scheme.lower()
    if address.startswith("#") or scheme in IGNORED_SCHEMES:
        return "ignore", None
    if scheme and scheme not in ("http", "https"):
        return "scheme", scheme
    if not parts.netloc:
        return "internal", urljoin("/", unquote(parts.path)) if parts.path else None
    if (parts.hostname or "").lower() in hosts:
        return "internal", unquote(parts.path or "/")
    return "external", address


class InternalLinks:
    """Resolves paths of this site against its URL patterns and its public content, loaded once
    per run (a set of slugs per kind), so thousands of links cost a few queries."""

    def __init__(self, known):
        #: {url name: set of public slugs} — an address to a slug not in it is broken.
        self.known = known

    def problem(self, path):
        """Why ``path`` does not resolve on this site, or '' when it does."""
        if path.startswith(settings.MEDIA_URL):
            name = path[len(settings.MEDIA_URL) :]
            return "" if name and default_storage.exists(name) else "文件不存在"
        if path.startswith(settings.STATIC_URL):
            return "" if finders.find(path[len(settings.STATIC_URL) :]) else "文件不存在"
        try:
            match = resolve(path)
        except Resolver404:
            return "页面不存在（404）"
        slugs = self.known.get(match.view_name)
        if slugs is not None and match.kwargs.get("slug") not in slugs:
            return "指向的内容不存在或未公开"
        return ""


@dataclass
class Result:
    ok: bool
    status_code: int | None
    detail: str
    retry: bool = False


def fetch(url, timeout=TIMEOUT, max_redirects=MAX_REDIRECTS, allow_private=None):
    """Check one address: its status after at most ``max_redirects`` redirects, without
    reading the body."""
    allow_private = (
        getattr(settings, "INSPECTION_LINK_CHECK_PRIVATE", False) if allow_private is None else allow_private
    )
    seen = set()
    status = None
    for _hop in range(max_redirects + 1):
        if url in seen:
            return Result(False, status, "重定向循环")
        seen.add(url)
        try:  # one resolution, public unicast only, connection pinned to it (newsroom/core/outbound.py)
            connection, path = outbound.connection(url, timeout, allow_private=allow_private)
        except outbound.OutboundRefused as refused:
            return Result(False, status, str(refused))
        try:
            connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*"})
            response = connection.getresponse()
            status, location = response.status, response.getheader("Location")
        except TimeoutError:
            return Result(False, None, f"{timeout} 秒内无响应", retry=True)
        except ssl.SSLError as error:
            return Result(False, None, f"证书或加密连接错误：{error.reason or error}")
        except (OSError, http.client.HTTPException) as error:
            return Result(False, None, f"无法连接：{type(error).__name__}", retry=True)
        finally:
            connection.close()  # the body is never read: a 10 MB page costs its headers
        if 300 <= status < 400 and location:
            url = urljoin(url, location)
            continue
        if status >= 400:
            return Result(False, status, f"HTTP {status}", retry=status >= 500 or status == 429)
        return Result(True, status, f"HTTP {status}")
    return Result(False, status, f"重定向超过 {max_redirects} 次")


def due(urls, now=None):
    """Of ``urls``, those never checked or last checked before ``RECHECK``."""
    now = now or timezone.now()
    keys = {url_key(u): u for u in urls}
    fresh = set(LinkCheck.objects.filter(key__in=keys, checked_at__gte=now - RECHECK).values_list("key", flat=True))
    return [u for k, u in keys.items() if k not in fresh]


def check(urls, max_urls=200, max_seconds=120, interval=HOST_INTERVAL, timeout=TIMEOUT, sleep=time.sleep):
    """Check ``urls`` politely and store each result; returns the number checked. A failure that
    may be passing (timeout, refused, 5xx) is tried ``RETRIES`` more times, a host apart."""
    started = time.monotonic()
    last_seen = {}
    checked = 0
    for url in urls[:max_urls]:
        if time.monotonic() - started > max_seconds:
            break
        host = (urlsplit(url).hostname or "").lower()
        for attempt in range(RETRIES + 1):
            wait = last_seen.get(host, -interval) + interval - time.monotonic()
            if wait > 0:
                sleep(wait)
            last_seen[host] = time.monotonic()
            result = fetch(url, timeout=timeout)
            if result.ok or not result.retry:
                break
        record = LinkCheck.objects.filter(key=url_key(url)).first() or LinkCheck(url=url)
        record.host, record.ok, record.status_code = host[:255], result.ok, result.status_code
        record.detail = result.detail[:300]
        record.failures = 0 if result.ok else record.failures + 1
        record.checked_at = timezone.now()
        record.save()
        checked += 1
    return checked


def known_results(urls):
    """{url: LinkCheck} for those of ``urls`` checked already."""
    keys = {url_key(u): u for u in urls}
    return {keys[c.key]: c for c in LinkCheck.objects.filter(key__in=list(keys))}
