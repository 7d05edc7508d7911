"""What goes into the search index, and keeping it in step with what is public.

Only public content is indexed: published, live and not under a legal hold (takedown).
Scheduled go-live and expiry are stored on the row and decided at query time, as on every
other public page. ``sync`` is called by signals on every save and by the workflow and
takedown code wherever they change state with ``QuerySet.update()``.
"""

import html

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from communities.models import Community, Facility, Honour
from newsroom import bylines
from newsroom.models import Article

from .backends import backend
from .models import SearchDocument
from .text import index_tokens

Kind = SearchDocument.Kind


def _plain(markup: str) -> str:
    return html.unescape(strip_tags(markup or "")).strip()


def _join(*pieces) -> str:
    return "\n".join(p for p in pieces if p)


def article_document(article):
    photos = [p for p in article.photos.all() if not p.hidden_by_takedown]
    people = bylines.reporters(article.credits.all())
    return {
        "portal_id": article.column.portal_id,
        "column_id": article.column_id,
        "url": article.get_absolute_url(),
        "title": " ".join(p for p in (article.kicker, article.title, article.subtitle) if p),
        "body": _join(
            article.summary,
            _plain(article.editors_note),
            article.dateline,
            _plain(article.body),
            *(_join(p.caption, p.credit_line) for p in photos),
            " ".join(people),
            article.source_name,
        ),
        "date": article.first_published_at or article.live_from or article.created_at,
        "live_from": article.live_from,
        "expires_at": article.expires_at,
    }, [c.pk for c in article.communities.all()]


def community_document(community):
    return {
        "portal_id": None,
        "column_id": None,
        "url": community.get_absolute_url(),
        "title": community.name,
        "body": _join(
            community.place,
            community.streets_covered,
            community.get_party_org_kind_display(),
            community.secretary_name,
            community.work_method,
            community.work_method_summary,
        ),
        "date": community.updated_at or timezone.now(),
        "live_from": None,
        "expires_at": None,
    }, [community.pk]


def honour_document(honour):
    return {
        "portal_id": None,
        "column_id": None,
        "url": honour.get_absolute_url(),
        "title": f"{honour.recipient} {honour.title}",
        "body": _join(
            honour.get_level_display() or "",
            honour.awarding_body,
            honour.date_display,
            honour.edition,
            honour.community.name if honour.community_id else "",
            honour.street.name if honour.street_id else "",
            honour.note,
        ),
        "date": (honour.community or honour.street).updated_at,
        "live_from": None,
        "expires_at": None,
    }, [honour.community_id] if honour.community_id else []


def facility_document(facility):
    return {
        "portal_id": None,
        "column_id": None,
        "url": facility.get_absolute_url(),
        "title": facility.name,
        "body": _join(
            facility.get_kind_display(),
            facility.community.name if facility.community else "",
            facility.street.name if facility.street_id else "",
            facility.address,
            facility.description,
            facility.rooms,
            facility.opening_hours,
        ),
        "date": facility.community.updated_at if facility.community else timezone.now(),
        "live_from": None,
        "expires_at": None,
    }, [facility.community_id] if facility.community_id else []


# What the index holds of each kind: the models' own definition of public (newsroom/core/publishing.py).
# Articles are held whatever the clock says (``live()``): the index applies go-live and expiry
# when it is queried (``SearchDocument.objects.visible``).
SOURCES = {
    Kind.ARTICLE: (
        lambda: (
            Article.objects.live()
            .select_related("column")
            .prefetch_related("photos__credit_person", "credits__role", "credits__person", "communities")
        ),
        article_document,
    ),
    Kind.COMMUNITY: (lambda: Community.objects.public(), community_document),
    Kind.HONOUR: (lambda: Honour.objects.public().select_related("community", "street"), honour_document),
    Kind.FACILITY: (lambda: Facility.objects.public().select_related("community", "street"), facility_document),
}


def _row(doc, fields):
    return doc.rank, doc.kind, index_tokens(fields["title"]), index_tokens(fields["body"])


def _free_rank(kind, object_id, date):
    """The document's rank, moved down past any rank already used (a same-second clash)."""
    rank = SearchDocument.rank_for(kind, object_id, date)
    while SearchDocument.objects.filter(rank=rank).exists():
        rank -= 1
    return rank


def _store(kind, objects):
    """Replace the documents of public objects; drop the rest. Returns the number indexed."""
    _, build = SOURCES[kind]
    remove(kind, [o.pk for o in objects])
    rows = []
    for obj in objects:
        fields, communities = build(obj)
        rank = _free_rank(kind, obj.pk, fields["date"])
        doc = SearchDocument.objects.create(kind=kind, object_id=obj.pk, rank=rank, **fields)
        doc.communities.set(communities)
        rows.append(_row(doc, fields))
    if rows:
        backend().write(rows)
    return len(rows)


def remove(kind, ids):
    docs = list(SearchDocument.objects.filter(kind=kind, object_id__in=ids).values_list("pk", "rank"))
    if docs:
        backend().delete([rank for _, rank in docs])
        SearchDocument.objects.filter(pk__in=[pk for pk, _ in docs]).delete()


def sync(kind, ids):
    """Bring the index in line with the current state of these objects: public ones are
    (re)indexed, the others (deleted, hidden, held) drop out."""
    ids = list(ids)
    queryset, _ = SOURCES[kind]
    with transaction.atomic():
        found = list(queryset().filter(pk__in=ids))
        remove(kind, set(ids) - {o.pk for o in found})
        _store(kind, found)


def rebuild(batch=500, progress=None):
    """Rebuild the whole index from the database. Returns {kind: count}."""
    counts, taken = {}, set()
    with transaction.atomic():
        backend().clear()
        SearchDocument.objects.all().delete()
    for kind, (queryset, _) in SOURCES.items():
        counts[kind] = 0
        ids = list(queryset().order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch):
            with transaction.atomic():
                chunk = list(queryset().filter(pk__in=ids[start : start + batch]))
                counts[kind] += _bulk_store(kind, chunk, taken)
            if progress:
                progress(kind, counts[kind])
    backend().optimise()
    return counts


def _bulk_store(kind, objects, taken):
    """Fast path for rebuilds: the table is empty, so create rows in bulk."""
    _, build = SOURCES[kind]
    built = []
    for obj in objects:
        fields, communities = build(obj)
        rank = SearchDocument.rank_for(kind, obj.pk, fields["date"])
        while rank in taken:
            rank -= 1
        taken.add(rank)
        built.append((SearchDocument(kind=kind, object_id=obj.pk, rank=rank, **fields), fields, communities))
    docs = SearchDocument.objects.bulk_create([doc for doc, _, _ in built])
    through = SearchDocument.communities.through
    through.objects.bulk_create(
        [through(searchdocument_id=doc.pk, community_id=c) for doc, (_, _, cs) in zip(docs, built) for c in cs]
    )
    backend().write([_row(doc, fields) for doc, (_, fields, _) in zip(docs, built)])
    return len(docs)
