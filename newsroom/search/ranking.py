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

    def __len__(self):
        return len(self.ids)


def ranked(documents, query: Query, sort="relevance", limit=MAX_RESULTS, extra=0):
    """Ids of matching documents. Relevance: title matches first, then the rest; within each,
    newer first. Date: newest first. ``extra`` more matches are fetched (see ``counted``)."""
    if not query:
        return Results(query, [], False)
    engine = backend()
    every = engine.ranked(documents, query, limit + 1 + extra)
    results = Results(query, every[:limit], len(every) > limit, len(every))
    if sort == "relevance":
        titles = engine.ranked(documents, query, limit, title_only=True)
        in_title = set(titles)
        results.ids = (titles + [i for i in every if i not in in_title])[:limit]
    return results


def facets(documents, query: Query, limit=MAX_RESULTS, kinds=SearchDocument.Kind.values):
    """Per type: (count, capped)."""
    if not query:
        return {kind: (0, False) for kind in SearchDocument.Kind.values}
    engine = backend()
    counts = {}
    for kind in kinds:
        n = len(engine.ranked(documents, query, limit + 1, kind=kind))
        counts[kind] = (min(n, limit), n > limit)
    return counts


def counted(documents, query: Query, sort="relevance"):
    """Results and facets over the same documents, reading the matches once: the small kinds
    are counted first, and the result walk fetches that many more matches, so what is left
    over is the article count (exact up to the cap)."""
    article = SearchDocument.Kind.ARTICLE
    counts = facets(documents, query, kinds=[k for k in SearchDocument.Kind.values if k != article])
    if any(capped for _, capped in counts.values()):
        return ranked(documents, query, sort), facets(documents, query)
    others = sum(n for n, _ in counts.values())
    results = ranked(documents, query, sort, extra=others)
    articles = results.fetched - others
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


def articles_first(ids):
    """All types together: the matching articles first (what most readers search for), then
    communities, honours and facilities, each in its own order. One query for the types."""
    if not ids:
        return ids
    kinds = dict(SearchDocument.objects.filter(pk__in=ids).values_list("pk", "kind"))
    return sorted(ids, key=lambda pk: kinds.get(pk) != SearchDocument.Kind.ARTICLE)
