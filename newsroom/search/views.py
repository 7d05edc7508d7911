from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse

from newsroom import portals
from newsroom.core import throttle
from newsroom.core.pagecache import public_page
from newsroom.models import ArticlePlacement, Portal

from . import ranking
from .filters import SearchFilter
from .models import SearchDocument
from .text import MAX_QUERY_CHARS, parse

PAGE_SIZE = 20
# The query parameters the page reads: only they are part of its cache key.
PARAMS = ("q", "kind", "site", "column", "community", "since", "until", "sort", "page")


def _links_from_here(documents, request):
    """Results of the portals below this one (a city's search covers its districts): a story
    this portal mirrors opens in this portal; any other on its own portal's address."""
    foreign = {d.portal_id for d in documents if d.portal_id and d.portal_id != request.portal.pk}
    if not foreign:
        return
    owners = Portal.objects.in_bulk(foreign)
    articles = [d.object_id for d in documents if d.kind == SearchDocument.Kind.ARTICLE]
    mirrored = dict(
        ArticlePlacement.objects.shown(request.portal).filter(article__in=articles).values_list("article_id", "pk")
    )
    for doc in documents:
        if doc.kind == SearchDocument.Kind.ARTICLE and doc.object_id in mirrored:
            doc.url = reverse("newsroom:placed", args=[mirrored[doc.object_id]])
        elif doc.portal_id in owners:
            doc.url = owners[doc.portal_id].home_url(request).rstrip("/") + doc.url


@public_page(params=PARAMS)
def results(request):
    """``/search/?q=…``: matches in every script, facets per type, filters, two sort orders.

    Cached like every public page (per query and filters, until content changes; nginx's
    micro-cache in front), and the searches that miss both are counted per address:
    past ``SEARCH_LIMIT_PER_MINUTE`` a reader gets a short 429 page instead of a database walk."""
    address = request.META.get("REMOTE_ADDR", "")
    if throttle.exceeded(f"search:{address}", settings.SEARCH_LIMIT_PER_MINUTE, 60):
        response = render(request, "newsroom/search_busy.html", status=429)
        response["Retry-After"] = "60"
        return response
    raw = request.GET.get("q", "")
    query = parse(raw)
    below = portals.below(request.portal)
    visible = SearchDocument.objects.visible(request.portal, below)
    filters = SearchFilter(request.GET, queryset=visible, portal=request.portal, below=below)
    other_kinds = request.GET.copy()
    other_kinds.pop("kind", None)
    other_kinds.pop("page", None)
    sort = "date" if request.GET.get("sort") == "date" else "relevance"
    if request.GET.get("kind"):
        facets = ranking.facets(
            SearchFilter(other_kinds, queryset=visible, portal=request.portal, below=below).qs, query
        )
        found = ranking.ranked(filters.qs, query, sort)
    else:
        found, facets = ranking.counted(filters.qs, query, sort)
        if sort == "relevance":
            found.ids = ranking.articles_first(found)
    if below and sort == "relevance":
        found.ids = ranking.own_first(found.ids, request.portal)
    page = Paginator(found.ids, PAGE_SIZE).get_page(request.GET.get("page"))
    documents = ranking.decorate(ranking.load(list(page.object_list)), query)
    _links_from_here(documents, request)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "newsroom/search.html",
        {
            "query": raw.strip()[:MAX_QUERY_CHARS],
            "parsed": query,
            "filters": filters,
            "facets": [(value, label, *facets[value]) for value, label in SearchDocument.Kind.choices],
            "facet_total": sum(n for n, _ in facets.values()),
            "facet_capped": any(capped for _, capped in facets.values()),
            "kind": request.GET.get("kind", ""),
            "found": found,
            "limit": ranking.MAX_RESULTS,
            "page": page,
            "documents": documents,
            "query_string": params.urlencode(),
            "kind_query": other_kinds.urlencode(),
        },
    )
