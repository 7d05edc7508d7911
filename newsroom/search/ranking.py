"""Running a query: visibility, matching, relevance, counts and highlighting.

Results are capped at ``MAX_RESULTS`` (50 pages): the backends hand out matches newest first
and stop there, so a page costs the same whether a word is in ten articles or in all of them.
Counts above the cap are shown as "超过 1000".
"""

from dataclasses import dataclass

from .backends import backend
from .highlight import highlight, snippet
from .models import SearchDocument
from .text import Query, parse

MAX_RESULTS = 1000


@dataclass
class Results:
    query: Query
    ids: list  # document ids in result order, at most MAX_RESULTS
    capped: bool  # more matches exist than MAX_RESULTS
    fetched: int = 0  # matches read, ``extra`` included
    others: frozenset | None = None  # ids of the matches that are not articles, when counted

    def __len__(self):
        return len(self.ids)


def ranked(documents, query: Query, sort="relevance", limit=MAX_RESULTS, extra=0):
    """Ids of matching documents. Relevance: title matches first, then the rest; within each,
    newer first. Date: newest first. ``extra`` more matches are fetched (see ``counted``)."""
    if not query:
        return Results(query, [], False)
    engine = backend()
    if sort != "relevance":
        every = engine.ranked(documents, query, limit + 1 + extra)
        return Results(query, every[:limit], len(every) > limit, len(every))
    every, titles = engine.ranked_with_titles(documents, query, limit + 1 + extra, limit)
    in_title = set(titles)
    ids = (titles + [i for i in every if i not in in_title])[:limit]
    return Results(query, ids, len(every) > limit, len(every))


def facets(documents, query: Query, limit=MAX_RESULTS, kinds=SearchDocument.Kind.values):
    """Per type: (count, capped)."""
    if not query:
        return {kind: (0, False) for kind in SearchDocument.Kind.values}
    return {kind: (min(len(ids), limit), len(ids) > limit) for kind, ids in _by_kind(documents, query, kinds, limit)}


def _by_kind(documents, query, kinds, limit):
    """(kind, ids of at most ``limit`` + 1 of its matches) for each kind."""
    found = backend().by_kind(documents, query, kinds, limit + 1)
    return [(kind, found[kind]) for kind in kinds]


def counted(documents, query: Query, sort="relevance"):
    """Results and facets over the same documents, reading the matches once: the small kinds
    are matched first, and the result walk fetches that many more matches, so what is left
    over is the article count (exact up to the cap). The small kinds' ids come back as
    ``results.others``, so ordering articles first needs no further query."""
    article = SearchDocument.Kind.ARTICLE
    if not query:
        return ranked(documents, query, sort), facets(documents, query)
    small = _by_kind(documents, query, [k for k in SearchDocument.Kind.values if k != article], MAX_RESULTS)
    counts = {kind: (min(len(ids), MAX_RESULTS), len(ids) > MAX_RESULTS) for kind, ids in small}
    if any(capped for _, capped in counts.values()):
        return ranked(documents, query, sort), facets(documents, query)
    others = frozenset(pk for _, ids in small for pk in ids)
    results = ranked(documents, query, sort, extra=len(others))
    results.others = others
    articles = results.fetched - len(others)
    counts[article] = (min(articles, MAX_RESULTS), articles > MAX_RESULTS)
    return results, counts


def run(portal, raw_query, sort="relevance"):
    """The documents readers may see for ``raw_query``, in result order."""
    results = ranked(SearchDocument.objects.visible(portal), parse(raw_query), sort)
    return load(results.ids)


def load(ids):
    """Documents for these ids, in this order."""
    found = SearchDocument.objects.in_bulk(ids)
    return [found[i] for i in ids if i in found]


def decorate(documents, query: Query):
    """Highlighted title and snippet for the documents on one page."""
    for doc in documents:
        doc.title_html = highlight(doc.title, query.terms)
        doc.snippet_html = snippet(doc.body, query.terms)
    return documents


def articles_first(results: Results):
    """All types together: the matching articles first (what most readers search for), then
    communities, honours and facilities, each in its own order. The other types' ids are known
    from counting them (``counted``); otherwise one query finds them."""
    ids = results.ids
    if not ids:
        return ids
    others = results.others
    if others is None:
        others = set(
            SearchDocument.objects.filter(pk__in=ids)
            .exclude(kind=SearchDocument.Kind.ARTICLE)
            .values_list("pk", flat=True)
        )
    return sorted(ids, key=lambda pk: pk in others)


def own_first(ids, portal):
    """A city's results with its own site's documents first (then its districts'), each group
    in the order it had: one query over the page's candidates."""
    ids = list(ids)
    own = set(SearchDocument.objects.filter(pk__in=ids, portal=portal).values_list("pk", flat=True))
    return [pk for pk in ids if pk in own] + [pk for pk in ids if pk not in own]
