"""Warm-up after a change: the few pages a publish makes stale that readers open first (the
home page, the article, its column's first page) are rendered again in the background right
after the change commits, so the first reader finds them in the page cache instead of paying
for the render.

Opt-in: ``PAGE_WARMUP_ORIGINS`` lists the origins readers use (``https://www.yqnews.cn``),
since a cached page belongs to its scheme and host; empty (the default), nothing is warmed.
Each page is rendered through the site's own request handler (the same middleware as a
reader's request: the page cache stores it), not over the network. Only the default variant
is warmed (简体, not 长者模式); the others fill on their first reader as before.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import transaction
from django.test import RequestFactory
from django_tasks import task

#: Pages per change at most: a bulk change warms the home page and the first few articles.
LIMIT = 8


def paths_for(articles):
    """The hottest pages these live articles show on: home, each article, its column."""
    paths = ["/"]
    for article in articles:
        paths += [article.get_absolute_url(), article.column.get_absolute_url()]
    return list(dict.fromkeys(paths))[:LIMIT]


def schedule(model, instances):
    """After the change commits, warm the pages of the live articles among ``instances``."""
    from .models import Article

    origins = getattr(settings, "PAGE_WARMUP_ORIGINS", [])
    if not origins or model is not Article or settings.PAGE_CACHE_SECONDS <= 0:
        return
    live = [a for a in instances if a.is_live and not a.legal_hold and a.pk]
    if not live:
        return
    ids = [a.pk for a in live]

    def enqueue():
        articles = Article.objects.public_ids(ids)
        paths = paths_for(articles)
        for origin in origins:
            warm.enqueue(origin, paths)

    transaction.on_commit(enqueue)


_handler = None


@task()
def warm(origin, paths):
    """Render ``paths`` as a reader of ``origin`` would; returns {path: page cache status}."""
    global _handler
    _handler = _handler or WSGIHandler()
    parts = urlsplit(origin)
    factory = RequestFactory()
    found = {}
    for path in paths:
        request = factory.get(path, HTTP_HOST=parts.netloc, secure=parts.scheme == "https")
        response = _handler.get_response(request)
        # Not response.close(): that signals the end of a request, which closes the database
        # connection of the worker (or of the request whose commit scheduled this, when run at once).
        found[path] = response.get("X-Page-Cache", str(response.status_code))
    return found
