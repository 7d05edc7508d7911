"""Public community pages. Articles and photos arrive through reverse relations."""

from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render

from config.pagecache import public_page

from .filters import CommunityFilter, HonourFilter
from .models import Community, Facility, Honour


@public_page(params=(*CommunityFilter.base_filters,))
def directory(request):
    communities = Community.objects.annotate(
        honour_count=Count("honours", distinct=True), facility_count=Count("facilities", distinct=True)
    )
    filters = CommunityFilter(request.GET, queryset=communities)
    return render(request, "communities/directory.html", {"filters": filters, "communities": filters.qs})


@public_page(params=("page",))
def detail(request, slug):
    community = get_object_or_404(
        Community.objects.prefetch_related(
            Prefetch("facilities", queryset=Facility.objects.prefetch_related("photos__credit_person")),
            "photos__credit_person",
        ),
        slug=slug,
    )
    honours = community.honours.all()
    articles = community.articles.published().for_list()
    return render(
        request,
        "communities/detail.html",
        {
            "community": community,
            "honours_by_level": [(level, list(items)) for level, items in
                                 groupby(honours, key=lambda h: h.get_level_display())],
            "articles": Paginator(articles, 10).get_page(request.GET.get("page")),
        },
    )


@public_page(params=(*HonourFilter.base_filters,))
def honours(request):
    filters = HonourFilter(request.GET, queryset=Honour.objects.select_related("community"))
    return render(request, "communities/honours.html", {"filters": filters, "honours": filters.qs})


@public_page
def facility(request, slug):
    facility = get_object_or_404(
        Facility.objects.select_related("community").prefetch_related("photos__credit_person"), slug=slug
    )
    return render(request, "communities/facility.html", {"facility": facility})
