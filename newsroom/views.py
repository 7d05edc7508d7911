"""The public portal's newsroom pages. Views stay thin: queries live on the models."""


from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from communities.models import Community
from config import pagecache
from config.pagecache import public_page

from . import sharing, viewcounts
from .filters import ArticleFilter
from .models import Article, Column, Page, Person, Photo, Series, Topic
from .rendering import compose

PAGE_SIZE = 20


def _published(request):
    return Article.objects.published().filter(column__portal=request.portal).for_list()


def _column(request, slug):
    return get_object_or_404(
        Column.objects.select_related("parent__parent"), portal=request.portal, slug=slug
    )


@public_page
def home(request):
    articles = _published(request)
    top_columns = list(Column.objects.filter(portal=request.portal, parent=None).order_by("order", "id"))
    tree = Column.tree(request.portal.pk)
    blocks = []
    for column in top_columns:
        items = list(articles.filter(column__in=column.descendants(tree))[:6])
        if items:
            blocks.append((column, items))
    return render(
        request,
        "newsroom/home.html",
        {
            "headlines": list(articles.filter(is_headline=True)[:4]),
            "slides": list(articles.filter(is_slideshow=True, cover__isnull=False,
                                           cover__hidden_by_takedown=False)[:5]),
            "picture_news": list(articles.filter(is_picture_news=True, cover__isnull=False,
                                                 cover__hidden_by_takedown=False)[:6]),
            "latest": list(articles[:10]),
            "column_blocks": blocks,
            "topics": list(Topic.objects.filter(portal=request.portal, is_featured=True)[:4]),
            "spotlight": list(
                Community.objects.annotate(honour_count=Count("honours")).order_by("-honour_count", "name")[:4]
            ),
        },
    )


@public_page
def column(request, slug):
    column = _column(request, slug)
    articles = _published(request).filter(column__in=column.descendants())
    filters = ArticleFilter(request.GET, queryset=articles)
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "newsroom/column.html",
        {
            "column": column,
            "breadcrumb": column.ancestors(),
            "children": column.children.all(),
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
        },
    )


@public_page
def article(request, slug):
    people = Person.objects.order_by("id")
    found = (
        Article.objects.published()
        .filter(column__portal=request.portal)
        .select_related("column__parent__parent", "series", "cover")
        .prefetch_related(
            Prefetch("photos", queryset=Photo.objects.select_related("credit_person")),
            Prefetch("reporters", queryset=people),
            Prefetch("correspondents", queryset=people),
            Prefetch("editors_in_charge", queryset=people),
            "topics",
            "communities",
        )
        .filter(slug=slug)
    )
    try:
        found = found.get()  # get() drops the list ordering, so the slug index answers
    except Article.DoesNotExist:
        return unavailable_for_legal_reasons(request, slug)
    return article_page(request, found, ArticleParts.of(found))


@csrf_exempt  # a cached page carries no per-reader CSRF token, and a view count is all this changes
@require_POST
def count_view(request, pk):
    """点击: the article page's script reports each view here, so views are counted whether the
    page came from Django, its page cache or nginx's micro-cache. Answers the live figure."""
    figure = viewcounts.count(pk)
    if figure is None:
        raise Http404
    response = JsonResponse({"views": figure})
    response["Cache-Control"] = "no-store"
    return response


def unavailable_for_legal_reasons(request, slug):
    """451 with a tombstone for an article withdrawn under a takedown notice; else 404."""
    from .takedowns.models import Right

    held = Article.objects.filter(slug=slug, column__portal=request.portal, legal_hold=True, is_live=True).first()
    if held is None:
        raise Http404
    category = Right(held.legal_hold_category).label if held.legal_hold_category in Right.values else "其他"
    return render(request, "newsroom/tombstone.html", {"held": held, "category": category}, status=451)


class ArticleParts:
    """What an article page shows besides the article's own fields, as plain lists,
    so a preview of an unsaved revision renders through the same template."""

    def __init__(self, photos, reporters, correspondents, editors, topics, communities):
        self.photos, self.reporters, self.correspondents = list(photos), list(reporters), list(correspondents)
        self.editors, self.topics, self.communities = list(editors), list(topics), list(communities)

    @classmethod
    def of(cls, article):
        return cls(article.photos.all(), article.reporters.all(), article.correspondents.all(),
                   article.editors_in_charge.all(), article.topics.all(), article.communities.all())


def article_page(request, article, parts, preview=None):
    published = _published(request)
    same_column = published.filter(column=article.column_id).exclude(pk=article.pk)
    at = article.first_published_at or timezone.now()
    # Range conditions the (column, date) index can serve; ties on the date go by id.
    previous = same_column.filter(first_published_at__lte=at).exclude(first_published_at=at, pk__gte=article.pk or 0).first()
    following = (
        same_column.filter(first_published_at__gte=at).exclude(first_published_at=at, pk__lte=article.pk or 0)
        .order_by("first_published_at", "pk")
        .first()
    )
    relation = Q(communities__in=[c.pk for c in parts.communities]) | Q(topics__in=[t.pk for t in parts.topics])
    if article.series_id:
        relation |= Q(series=article.series_id)
    exclude = [pk for pk in (article.pk, article.replaces_id) if pk]
    segments, gallery = compose(article.body, parts.photos)
    notes = article.measures.filter(kind__in=["correction", "apology"], reverted_at=None) if article.pk else []
    url = request.build_absolute_uri(article.get_absolute_url() if article.is_live else request.path)
    return render(
        request,
        "newsroom/article.html",
        {
            "article": article,
            "parts": parts,
            "preview": preview,
            "breadcrumb": article.column.ancestors(),
            "segments": segments,
            "notes": list(notes),
            "gallery": gallery,
            "previous": previous,
            "next": following,
            "related": list(published.filter(pk__in=published.filter(relation).exclude(pk__in=exclude).values("pk"))[:6]),
            **{name: [a for a in items if a.pk not in exclude][:size]
               for name, (items, size) in _sidebar(request).items()},
            "qr_svg": sharing.qr_svg(url),
            "share_links": sharing.share_links(url, article.title),
        },
    )


def _sidebar(request):
    """The article page's 推荐/头条/图片新闻/最新 blocks: the same on every article of a portal
    (less the article itself), so kept in the cache until content changes."""

    def compute():
        published = _published(request)
        pictures = published.filter(is_picture_news=True, cover__isnull=False, cover__hidden_by_takedown=False)
        return {
            "recommended": (list(published.filter(is_recommended=True)[:7]), 5),
            "headlines": (list(published.filter(is_headline=True)[:7]), 5),
            "picture_news": (list(pictures[:4]), 2),
            "latest": (list(published[:7]), 5),
        }

    return pagecache.remember(f"article-sidebar:{request.portal.pk}", compute)


@public_page
def topic(request, slug):
    topic = get_object_or_404(Topic, portal=request.portal, slug=slug)
    page = Paginator(_published(request).filter(topics=topic), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "newsroom/topic.html", {"topic": topic, "page": page})


@public_page
def series(request, slug):
    series = get_object_or_404(
        Series.objects.prefetch_related("sister_series"), portal=request.portal, slug=slug
    )
    page = Paginator(_published(request).filter(series=series), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "newsroom/series.html", {"series": series, "page": page})


@public_page
def page(request, slug):
    page = get_object_or_404(Page, portal=request.portal, slug=slug)
    return render(request, "newsroom/page.html", {"page": page})


@public_page
def site_map(request):
    columns = Column.objects.filter(portal=request.portal).select_related("parent")
    tree = [c for c in columns if c.parent_id is None]
    children = {}
    for column in columns:
        if column.parent_id:
            children.setdefault(column.parent_id, []).append(column)
    return render(
        request,
        "newsroom/site_map.html",
        {
            "tree": [(c, children.get(c.pk, [])) for c in tree],
            "topics": Topic.objects.filter(portal=request.portal),
            "series_list": Series.objects.filter(portal=request.portal),
            "communities": Community.objects.all(),
            "pages": Page.objects.filter(portal=request.portal),
        },
    )
