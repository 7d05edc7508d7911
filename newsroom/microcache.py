"""nginx's micro-cache refreshed at once when an article leaves the public (下架, 撤稿, 下线) or a
takedown measure changes it (屏蔽图片, 更正).

nginx keeps anonymous pages for about a second (docs/nginx.conf), which nginx counts in whole
seconds, so a withdrawn article's page could be handed out for up to two seconds more. Once the
change commits, Django asks each nginx (``MICRO_CACHE_REFRESH_URLS``) for the pages it touched —
the article's page on each of its portal's addresses (and its mirrors on other portals) first,
then the portal's home page, its column pages and feed — in every reader variant (简/繁, care
mode), with the ``X-Linli-Refresh`` secret: nginx fetches each past its cache and stores the
answer (the 451 or 404) in place of the old copy. Django renders those requests afresh, not from
a worker's memory. It runs twice: at once, and again after ``PAGE_CACHE_LOCAL_SECONDS``, by
when no worker trusts the versions it knew before the change, so a copy a reader fetched in
between is replaced too. Without ``MICRO_CACHE_REFRESH_URLS`` (no nginx, development) nothing
is sent.
"""

import logging
import threading
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.db import transaction
from django.http.request import validate_host

from newsroom.core import pagecache
from newsroom.core.publishing import ALL_PORTALS

logger = logging.getLogger("linli.microcache")

# The reader variants nginx keys its pages on (docs/nginx.conf: linli_script, linli_care).
VARIANTS = [(script, care) for script in ("", "hans", "hant") for care in ("", "1")]


def _hosts(portal):
    hosts = list(portal.host_list)
    if portal.is_default:  # readers may reach the default portal on any address Django accepts
        hosts += [h for h in settings.ALLOWED_HOSTS if h and not h.startswith(".") and h != "*"]
    return [h for h in dict.fromkeys(hosts) if validate_host(h, settings.ALLOWED_HOSTS)]


def pages_of(article):
    """(host, path) of the pages a change to ``article`` must refresh, the article's own first."""
    portal = article.column.portal
    own = [(host, article.get_absolute_url()) for host in _hosts(portal)]
    for placement in article.placements.shown(ALL_PORTALS).select_related("portal"):
        own += [(host, f"/shared/{placement.pk}/") for host in _hosts(placement.portal)]
    lists = ["/", "/rss/"]
    column = article.column
    while column is not None:
        lists.append(column.get_absolute_url())
        column = column.parent
    return own + [(host, path) for host in _hosts(portal) for path in lists]


def refresh_article(article):
    """After this transaction commits, refresh the pages ``article`` is shown on."""
    if not settings.MICRO_CACHE_REFRESH_URLS:
        return
    pages = pages_of(article)
    # Not a daemon: a management command that withdrew an article waits for it before exiting.
    transaction.on_commit(lambda: threading.Thread(target=_twice, args=(pages,), daemon=False).start())


def _twice(pages):
    _refresh(pages)
    time.sleep(settings.PAGE_CACHE_LOCAL_SECONDS)
    _refresh(pages)


def _refresh(pages):
    for base in settings.MICRO_CACHE_REFRESH_URLS:
        for host, path in pages:
            for script, care in VARIANTS:
                cookie = "; ".join(c for c in (script and f"linli_script={script}", care and "linli_care=1") if c)
                headers = {"Host": host, pagecache.REFRESH_HEADER: settings.MICRO_CACHE_REFRESH_TOKEN}
                if cookie:
                    headers["Cookie"] = cookie
                try:
                    with urllib.request.urlopen(urllib.request.Request(base + path, headers=headers), timeout=10):
                        pass
                except urllib.error.HTTPError:
                    pass  # the 451/404 is the answer nginx now keeps
                except OSError:
                    logger.warning("micro-cache refresh of %s%s failed", base, path, exc_info=True)
