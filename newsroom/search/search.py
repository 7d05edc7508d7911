"""Running a query: visibility, matching, relevance and highlighting."""

from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, Value

from ..models import SearchDocument
from .backends import backend
from .highlight import highlight, snippet
from .text import Query, parse


@dataclass
class Results:
    query: Query
    documents: object  # a SearchDocument queryset, already ordered
    facets: dict = field(default_factory=dict)


def matching(portal, query: Query):
    """Visible documents matching every part of the query, with ``title_hit`` annotated."""
    documents = SearchDocument.objects.visible(portal)
    if not query:
        return documents.none().annotate(title_hit=Value(False, output_field=BooleanField()))
    engine = backend()
    return engine.annotate_title_hit(engine.filter(documents, query), query)


def order(documents, sort):
    """Relevance: title matches first, then newer first. Date: newest first."""
    if sort == "date":
        return documents.order_by("-date", "-id")
    return documents.order_by("-title_hit", "-date", "-id")


def facets(documents):
    counts = dict(documents.order_by().values_list("kind").annotate(n=Count("id")))
    return {kind: counts.get(kind, 0) for kind in SearchDocument.Kind.values}


def run(portal, raw_query, sort="relevance"):
    query = parse(raw_query)
    documents = matching(portal, query)
    return Results(query=query, documents=order(documents, sort))


def decorate(documents, query: Query):
    """Highlighted title and snippet for the documents on one page."""
    for doc in documents:
        doc.title_html = highlight(doc.title, query.terms)
        doc.snippet_html = snippet(doc.body, query.terms)
    return documents
