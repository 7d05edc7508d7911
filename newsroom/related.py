"""相关文章: the published articles of the portal sharing a community, a topic or the series with
the article shown, published before it (newest first), as the static 站群 systems list them.

Listing only what came before means a new publish changes no older article's page: its 相关文章
stay as they were. The page depends on the articles it lists (``article:<pk>``: a correction
or a withdrawal of one of them reaches it) and on ``related:<kind>:<pk>`` of what it is tagged
with, which newsroom/freshness.py bumps only when an article joins or leaves a topic, community
or series at a date before its newest (a backdated publish, a changed date, a link added or
taken away), never for an ordinary publish."""

import operator
from functools import reduce

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from newsroom.core import pagecache

from .freshness import related_tag
from .models import Article

SIZE = 6


def tags(article, topics, communities):
    return [
        *(related_tag("topic", t.pk) for t in topics),
        *(related_tag("community", c.pk) for c in communities),
        *([related_tag("series", article.series_id)] if article.series_id else []),
    ]


def related(article, topics, communities, exclude, size=SIZE):
    """The ``size`` newest public articles published before ``article`` that share a topic, a
    community or the series with it, less those in ``exclude`` (the article, the one it
    replaces): one query."""
    topic_ids, community_ids = [t.pk for t in topics], [c.pk for c in communities]
    pagecache.depends(*tags(article, topics, communities))
    shares = []
    if topic_ids:
        shares.append(Exists(Article.topics.through.objects.filter(article=OuterRef("pk"), topic__in=topic_ids)))
    if community_ids:
        through = Article.communities.through.objects.filter(article=OuterRef("pk"), community__in=community_ids)
        shares.append(Exists(through))
    if article.series_id:
        shares.append(Q(series_id=article.series_id))
    if not shares:
        return []
    at = article.first_published_at or timezone.now()
    before = Q(first_published_at__lt=at) | Q(first_published_at=at, pk__lt=article.pk or 0)
    found = list(
        Article.objects.public(article.column.portal_id)
        .filter(reduce(operator.or_, map(Q, shares)), before)
        .exclude(pk__in=exclude)
        .order_by("-first_published_at", "-pk")
        .links()[:size]
    )
    pagecache.depends(*(f"article:{item.pk}" for item in found))
    return found
