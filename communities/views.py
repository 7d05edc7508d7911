"""Public community pages. Articles and photos arrive through reverse relations."""

from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from newsroom.core import pagecache
from newsroom.core.pagecache import public_page

from .filters import CommunityFilter, HonourFilter
from .models import Community, Facility, Honour, Neighbourhood, Officer, Street


def _public_photos():
    """The photos the newsroom attaches to communities and facilities (a reverse relation, so
    this app imports nothing of the newsroom), as far as readers may see them."""
    photos = Community._meta.get_field("photos").related_model.objects.public()
    return Prefetch("photos", queryset=photos.select_related("credit_person"))


def _area(request):
    """The streets of the 辖区 of the portal serving the request (``request.portal.streets``:
    whatever the site set; this app knows only that it has streets), or None."""
    streets = getattr(getattr(request, "portal", None), "streets", None)
    return streets.all() if streets is not None else None


@public_page(params=(*CommunityFilter.base_filters,))
def directory(request):
    pagecache.depends("communities")
    communities = (
        Community.objects.public()
        .in_area(_area(request))
        .select_related("street")
        .annotate(
            honour_count=Count("honours", distinct=True, filter=Q(honours__is_live=True)),
            facility_count=Count("facilities", distinct=True, filter=Q(facilities__is_live=True)),
        )
    )
    filters = CommunityFilter(request.GET, queryset=communities)
    return render(request, "communities/directory.html", {"filters": filters, "communities": filters.qs})


@public_page(params=("page",))
def detail(request, slug):
    # The community, its facilities, photos and honours change only with communities, honours
    # and facilities (``communities``); its articles with its own tag. Both are blocks, so a
    # page made stale by one is made again without the other's queries.
    community, honours = pagecache.remember(
        f"community-page:{slug}", lambda: _community(slug), ["communities"], record=False
    )
    own = f"community:{community.pk}"
    pagecache.depends("communities", own)
    awarded = [h for h in honours if h.awarded_by_community_id == community.pk]
    held = [h for h in honours if h.awarded_by_community_id != community.pk]
    articles = Paginator(community.articles.public(request.portal).for_list(), 10)
    return render(
        request,
        "communities/detail.html",
        {
            "community": community,
            "honours_by_level": _by_level(held),
            "awarded": awarded,
            "articles": pagecache.paged(articles, request.GET.get("page"), f"{own}:{request.portal.pk}", [own]),
        },
    )


def _community(slug):
    community = get_object_or_404(
        Community.objects.public()
        .select_related("street")
        .prefetch_related(
            Prefetch("facilities", queryset=Facility.objects.public().prefetch_related(_public_photos())),
            Prefetch("officers", queryset=Officer.objects.public()),
            Prefetch("neighbourhoods", queryset=Neighbourhood.objects.public()),
            _public_photos(),
        ),
        slug=slug,
    )
    return community, list(community.honours.public().select_related("awarded_by_community"))


def _by_level(honours):
    return [(level, list(items)) for level, items in groupby(honours, key=lambda h: h.level_label)]


@public_page(params=("page",))
def street(request, slug):
    """A 街道/乡镇: its Party working committee, communities, facilities, honours and articles."""
    street = get_object_or_404(
        Street.objects.public().prefetch_related(Prefetch("officers", queryset=Officer.objects.public())), slug=slug
    )
    pagecache.depends("communities", f"street:{street.pk}")
    communities = Community.objects.public().filter(street=street)
    facilities = (
        Facility.objects.public().filter(Q(street=street) | Q(community__street=street)).select_related("community")
    )
    honours = (
        Honour.objects.public()
        .filter(Q(street=street) | Q(community__street=street))
        .select_related("community", "awarded_by_community")
        .order_by("level", "-year", "title")
    )
    articles = (
        street.articles.model.objects.public(request.portal)
        .filter(Q(streets=street) | Q(communities__street=street))
        .distinct()
        .for_list()
    )
    return render(
        request,
        "communities/street.html",
        {
            "street": street,
            "communities": communities,
            "facilities": facilities,
            "honours_by_level": _by_level(honours),
            "articles": Paginator(articles, 10).get_page(request.GET.get("page")),
        },
    )


@public_page(params=(*HonourFilter.base_filters,))
def honours(request):
    pagecache.depends("communities")
    honours = Honour.objects.public().select_related("community", "street", "awarded_by_community")
    area = _area(request)
    if area is not None and area.exists():
        in_area = Community.objects.in_area(area).values("pk")
        honours = honours.filter(Q(community__in=in_area) | Q(street__in=area))
    filters = HonourFilter(request.GET, queryset=honours)
    return render(request, "communities/honours.html", {"filters": filters, "honours": filters.qs})


@public_page
def facility(request, slug):
    pagecache.depends("communities")
    facility = get_object_or_404(
        Facility.objects.public().select_related("community", "street").prefetch_related(_public_photos()), slug=slug
    )
    return render(request, "communities/facility.html", {"facility": facility})
