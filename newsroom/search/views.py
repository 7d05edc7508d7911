from django.core.paginator import Paginator
from django.shortcuts import render

from ..models import SearchDocument
from . import search
from .filters import SearchFilter
from .text import MAX_QUERY_CHARS, parse

PAGE_SIZE = 20


def results(request):
    """``/search/?q=…``: matches in every script, facets per type, filters, two sort orders."""
    raw = request.GET.get("q", "")
    query = parse(raw)
    matches = search.matching(request.portal, query)
    filters = SearchFilter(request.GET, queryset=matches, portal=request.portal)
    other_kinds = request.GET.copy()
    other_kinds.pop("kind", None)
    facets = search.facets(SearchFilter(other_kinds, queryset=matches, portal=request.portal).qs) if query else {}
    sort = request.GET.get("sort") if request.GET.get("sort") == "date" else "relevance"
    page = Paginator(search.order(filters.qs, sort), PAGE_SIZE).get_page(request.GET.get("page"))
    search.decorate(page.object_list, query)
    params = request.GET.copy()
    params.pop("page", None)
    without_kind = other_kinds.copy()
    without_kind.pop("page", None)
    return render(
        request,
        "newsroom/search.html",
        {
            "query": raw.strip()[:MAX_QUERY_CHARS],
            "parsed": query,
            "filters": filters,
            "facets": [(value, label, facets.get(value, 0)) for value, label in SearchDocument.Kind.choices],
            "facet_total": sum(facets.values()),
            "kind": request.GET.get("kind", ""),
            "page": page,
            "query_string": params.urlencode(),
            "kind_query": without_kind.urlencode(),
        },
    )
