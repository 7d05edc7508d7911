"""What a change makes stale in the page cache (see ``newsroom/core/pagecache.py``).

Pages say what they show as tags (``pagecache.depends``); a change to public content
(``newsroom.core.content.content_changed``: a save, delete or many-to-many change of a
``PublicContent`` model, or a write path's ``changed()``) invalidates the tags of what it
touches. For a published article that is:

- ``article:<pk>``: its own page, and its neighbours' (上一篇/下一篇 name it);
- ``column:<pk>``: the lists of its column and of every column above it;
- ``topic:<pk>``, ``series:<pk>``, ``community:<pk>``, ``street:<pk>``: their pages, and the
  相关文章 of every article that shares them;
- ``lists:<portal>``: what lists the portal's newest (home page, the article pages' side
  lists, kept apart from each article page as a ``pagecache.hole``);
- ``topics:<portal>`` (a topic's own change, not an article's): the topic list in the column
  pages' filter;

and feeds, sitemaps and any page that declared nothing (``pagecache.CONTENT``). A draft's
edits touch nothing public. Communities, honours and facilities touch ``communities`` (the
directory, honour list, street and facility pages) and their community. A person or a library
image touches the live articles that credit or use them (every page past ``MANY``; a new name
nothing). Everything else —
the portal's settings, columns, pages, series — is rare and shows in the chrome or
in many places: it makes every page stale (``pagecache.ALL``).

What changes without a save (go-live and expiry times) comes from ``next_change`` and
``changed_between``.
"""

from datetime import timedelta
from types import SimpleNamespace

from django.db.models import Min, Q
from django.db.models.signals import pre_save
from django.utils import timezone

from communities.models import Community, Facility, Honour, Neighbourhood, Officer, Street
from newsroom.core import content, pagecache
from newsroom.core.publishing import ALL_PORTALS

from . import warmup

ALL = pagecache.ALL
MANY = 50  # articles a person's or library image's change makes stale one by one


def lists(portal_id):
    return f"lists:{portal_id}"


def topics(portal_id):
    """The portal's list of topics (the column pages' filter offers them)."""
    return f"topics:{portal_id}"


def article_tags(article, before=None):
    """The tags a change to ``article`` (as saved now; ``before``: its column, series, date and
    liveness before the save) invalidates. Nothing for a draft that was never live."""
    from .models import Article, Column

    before = before or {}
    if not (article.is_live or before.get("is_live")):
        return set()
    columns = Column.by_id(article.column.portal_id)
    tags = {f"article:{article.pk}", lists(article.column.portal_id)}
    for column_id, at in {(article.column_id, article.first_published_at), (before.get("column_id"), before.get("at"))}:
        column = columns.get(column_id)
        while column is not None:
            tags.add(f"column:{column.pk}")
            column = column.parent
        if column_id is not None:
            spot = SimpleNamespace(pk=article.pk, column_id=column_id, first_published_at=at)
            tags.update(f"article:{n.pk}" for n in Article.objects.neighbours(spot) if n is not None)
    tags.update(f"series:{pk}" for pk in {article.series_id, before.get("series_id")} if pk)
    topic_ids = list(article.topics.values_list("pk", flat=True))
    tags.update(f"topic:{pk}" for pk in topic_ids)
    community_ids = []
    for pk, street in article.communities.values_list("pk", "street_id"):
        tags.update({f"community:{pk}", f"street:{street}"})
        community_ids.append(pk)
    if _reorders_the_past(article, before):
        tags.update(related_tag("topic", pk) for pk in topic_ids)
        tags.update(related_tag("community", pk) for pk in community_ids)
        tags.update(related_tag("series", pk) for pk in {article.series_id, before.get("series_id")} if pk)
    tags.update(f"street:{pk}" for pk in article.streets.values_list("pk", flat=True))
    # Where it is linked or mirrored in other portals: those pages, columns and lists (站群).
    for placement in article.placements.shown(ALL_PORTALS).select_related("column"):
        tags |= placement_tags(placement)
    return tags


def related_tag(kind, pk):
    """The 相关文章 of the articles tagged with this topic, community or series (newsroom/related.py)."""
    return f"related:{kind}:{pk}"


# A publish dated this far back is a backdated one (an import of past articles, a re-publish).
BACKDATED = timedelta(hours=1)


def _reorders_the_past(article, before):
    """Whether the change can alter the 相关文章 of articles published before it: 相关文章 list only
    what came before each article, so an ordinary publish (dated now) changes none; a backdated
    publish, a changed date or series, or a re-publish does. A withdrawal reaches the pages that
    list the article through its own tag."""
    if not article.is_live or article.first_published_at is None:
        return False
    if before.get("is_live"):
        return before.get("at") != article.first_published_at or before.get("series_id") != article.series_id
    return article.first_published_at < timezone.now() - BACKDATED


def placement_tags(placement):
    """A link or mirror in another portal: its page, the target column (and those above it) and
    the target's lists."""
    from .models import Column

    columns = Column.by_id(placement.portal_id)
    tags = {f"placement:{placement.pk}", lists(placement.portal_id)}
    column = columns.get(placement.column_id)
    while column is not None:
        tags.add(f"column:{column.pk}")
        column = column.parent
    return tags


def tags_for(model, instances, deleted=False):
    """What a change to these rows of ``model`` invalidates (``ALL`` when not mapped finer)."""
    from .models import Article, ArticlePlacement, ImageAsset, Person, Photo, Topic

    if model is Article and not deleted:
        return set().union(*(article_tags(a, getattr(a, "_freshness_before", None)) for a in instances))
    if getattr(model, "PART_OF_ARTICLE", False) and not deleted and all(i.article_id for i in instances):
        return tags_for(Article, Article.objects.filter(pk__in={i.article_id for i in instances}))
    if model is Photo:
        articles = {i.article_id for i in instances if i.article_id}
        places = [i for i in instances if not i.article_id]
        tags = tags_for(Article, Article.objects.filter(pk__in=articles)) if articles else set()
        return tags | (
            {"communities", *(f"community:{p.community_id}" for p in places if p.community_id)} if places else set()
        )
    if model in (Person, ImageAsset) and not deleted:
        # Shown only through the live articles that credit them or use the image: theirs, unless
        # there are so many that every page is the cheaper answer. A new name shows nowhere yet.
        pks = [i.pk for i in instances]
        uses = (
            Q(credits__person__in=pks) | Q(photos__credit_person__in=pks) | Q(photos__asset__credit_person__in=pks)
            if model is Person
            else Q(photos__asset__in=pks)
        )
        shown = Article.objects.live().filter(uses).distinct().select_related("column")
        found = list(shown[: MANY + 1])
        return {ALL} if len(found) > MANY else tags_for(Article, found)
    if model is ArticlePlacement:
        # Made or revoked (rare): it can fill or empty a column of the target's navigation and
        # site map, which change only with everything (``ALL``).
        return {ALL, *set().union(*(placement_tags(p) for p in instances))}
    if model is Topic:
        return {
            t for topic in instances for t in (f"topic:{topic.pk}", lists(topic.portal_id), topics(topic.portal_id))
        }
    if model in (Community, Facility, Honour, Officer, Neighbourhood):
        ids = {i.pk if model is Community else getattr(i, "community_id", None) for i in instances}
        streets = {getattr(i, "street_id", None) for i in instances} if model is Officer else set()
        return {"communities", *(f"community:{pk}" for pk in ids if pk), *(f"street:{pk}" for pk in streets if pk)}
    return {ALL}


def _link_tags(model, instances, via):
    """A link made or undone from an article to these topics, communities or streets: the
    article's own change is sent as well; here the pages of what it was linked to or unlinked
    from (a draft's links show nowhere)."""

    from .models import Article, Topic

    if not isinstance(via, Article):
        return tags_for(model, instances)
    if not via.is_live:
        return set()
    # Joining or leaving a topic or community changes the 相关文章 of the articles after it there.
    if model is Community:
        return {
            t for c in instances for t in (f"community:{c.pk}", f"street:{c.street_id}", related_tag("community", c.pk))
        }
    if model is Topic:
        return {t for topic in instances for t in (f"topic:{topic.pk}", related_tag("topic", topic.pk))}
    if model is Street:
        return {f"street:{s.pk}" for s in instances}
    return tags_for(model, instances)


def _changed(sender, instances, deleted=False, via=None, **kwargs):
    tags = _link_tags(sender, instances, via) if via is not None else tags_for(sender, instances, deleted)
    if tags:  # a draft's edit shows nowhere
        pagecache.invalidate(tags)
        if not deleted and via is None:
            warmup.schedule(sender, instances)


def _remember_before(sender, instance, raw=False, **kwargs):
    """An article's column, series, date and liveness before a save: moving it out of a column,
    or taking it down, changes the pages it was on."""
    if raw or instance.pk is None:
        return
    from .models import Article

    row = Article.objects.filter(pk=instance.pk).values("column_id", "series_id", "first_published_at", "is_live")
    found = row.first()
    if found:
        instance._freshness_before = {
            "column_id": found["column_id"],
            "series_id": found["series_id"],
            "at": found["first_published_at"],
            "is_live": found["is_live"],
        }


def next_change():
    """The next go-live or expiry of a live article."""
    from .models import Article

    now = timezone.now()
    times = Article.objects.live().aggregate(
        live=Min("live_from", filter=Q(live_from__gt=now)),
        expires=Min("expires_at", filter=Q(expires_at__gt=now)),
    )
    return min([t for t in times.values() if t is not None], default=None)


def changed_between(since, until):
    """The tags of the live articles that went live or expired in [since, until]."""
    from .models import Article

    due = Article.objects.live().filter(
        Q(live_from__gte=since, live_from__lte=until) | Q(expires_at__gte=since, expires_at__lte=until)
    )
    return tags_for(Article, due.select_related("column"))


def connect():
    from .models import Article

    content.content_changed.connect(_changed, dispatch_uid="linli-freshness")
    pre_save.connect(_remember_before, sender=Article, dispatch_uid="linli-freshness-before")
    pagecache.register_clock(next_change, changed_between)
