"""Public community pages. Articles and photos arrive through reverse relations."""

from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from config.pagecache import public_page

from .filters import CommunityFilter, HonourFilter
from .models import Community, Facility, Honour


def _public_photos():
    """The photos the newsroom attaches to communities and facilities (a reverse relation, so
    this app imports nothing of the newsroom), as far as readers may see them."""
    photos = Community._meta.get_field("photos").related_model.objects.public()
    return Prefetch("photos", queryset=photos.select_related("credit_person"))


@public_page(params=(*CommunityFilter.base_filters,))
def directory(request):
    communities = Community.objects.public().annotate(
        honour_count=Count("honours", distinct=True, filter=Q(honours__is_live=True)),
        facility_count=Count("facilities", distinct=True, filter=Q(facilities__is_live=True)),
    )
    filters = CommunityFilter(request.GET, queryset=communities)
    return render(request, "communities/directory.html", {"filters": filters, "communities": filters.qs})


@public_page(params=("page",))
def detail(request, slug):
    community = get_object_or_404(
        Community.objects.public().prefetch_related(
            Prefetch("facilities", queryset=Facility.objects.public().prefetch_related(_public_photos())),
            _public_photos(),
        ),
        slug=slug,
    )
    honours = community.honours.public()
    articles = community.articles.public(request.portal).for_list()
    return render(
        request,
        "communities/detail.html",
        {
            "community": community,
            "honours_by_level": [
                (level, list(items)) for level, items in groupby(honours, key=lambda h: h.get_level_display())
            ],
            "articles": Paginator(articles, 10).get_page(request.GET.get("page")),
        },
    )


@public_page(params=(*HonourFilter.base_filters,))
def honours(request):
    filters = HonourFilter(request.GET, queryset=Honour.objects.public().select_related("community"))
    return render(request, "communities/honours.html", {"filters": filters, "honours": filters.qs})


@public_page
def facility(request, slug):
    facility = get_object_or_404(
        Facility.objects.public().select_related("community").prefetch_related(_public_photos()), slug=slug
    )
    return render(request, "communities/facility.html", {"facility": facility})
