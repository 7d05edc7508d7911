"""相关文章: the newest published articles of the portal sharing a community, a topic or the
series with the article shown.

Each topic's, community's and series' newest articles are one small list, the same for every
article that shares it, so it is kept in the cache (``pagecache.remember``) until an article of
that topic, community or series changes, go-live and expiry included. An article page merges
the lists of what it is tagged with instead of running a query of its own."""

from newsroom.core import pagecache

from .models import Article

SIZE = 6
TAGS = {"topics": "topic", "communities": "community", "series": "series"}  # newsroom/freshness.py


def related(article, topics, communities, exclude, size=SIZE):
    """The ``size`` newest published articles sharing a topic, a community or the series with
    ``article``, newest first, less those in ``exclude`` (the article, the one it replaces)."""
    portal = article.column.portal_id
    keep = size + len(exclude)  # each list holds enough to fill the page after the exclusions
    found = {}
    for field, pks in (
        ("topics", [t.pk for t in topics]),
        ("communities", [c.pk for c in communities]),
        ("series", [article.series_id] if article.series_id else []),
    ):
        for pk in pks:
            for item in _newest(portal, field, pk, keep):
                found[item.pk] = item
    ranked = sorted(
        (a for a in found.values() if a.pk not in exclude), key=lambda a: (a.first_published_at, a.pk), reverse=True
    )
    return ranked[:size]


def _newest(portal, field, pk, keep):
    return pagecache.remember(
        f"related:{portal}:{field}:{pk}:{keep}",
        lambda: list(Article.objects.public(portal).filter(**{field: pk}).links()[:keep]),
        tags=[f"{TAGS[field]}:{pk}"],
    )
