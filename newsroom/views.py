"""The public portal's newsroom pages. Views stay thin: queries live on the models."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from communities.models import Community
from newsroom.core import pagecache
from newsroom.core.pagecache import public_page
from newsroom.core.publishing import ALL_PORTALS

from . import bylines, extensions, freshness, placements, portals, sharing, viewcounts
from .filters import ArticleFilter
from .models import Article, ArticlePlacement, Column, Page, Portal, Series, Topic
from .related import related
from .rendering import compose

PAGE_SIZE = 20


def _published(request):
    return Article.objects.public(request.portal).for_list()


def _columns(portal):
    """{id: column} for the portal's columns, parents linked: kept until a column changes."""
    return pagecache.remember(f"columns:{portal.pk}", lambda: Column.by_id(portal.pk), tags=())


def _offered_children(portal, column, children):
    """The ids of ``children`` readers are offered (``Column.objects.offered``): kept until an
    article of one of them (or below it) changes, so a publish elsewhere leaves it alone."""
    if not children:
        return set()
    return pagecache.remember(
        f"offered-children:{column.pk}",
        lambda: set(Column.objects.offered(portal).filter(pk__in=children).values_list("pk", flat=True)),
        [f"column:{pk}" for pk in children],
    )


def _column(request, slug):
    found = next((c for c in _columns(request.portal).values() if c.slug == slug), None)
    if found is None:
        raise Http404(slug)
    return found


@public_page
def home(request):
    if request.get_host().split(":")[0].lower() in settings.PLATFORM_HOSTS:
        return platform(request)
    portal = request.portal
    lists = freshness.lists(portal.pk)
    pagecache.depends(lists, "communities")
    columns = _columns(portal)
    tree = Column.tree(portal.pk, columns.values())
    top_columns = sorted((c for c in columns.values() if c.parent_id is None), key=lambda c: (c.order, c.pk))
    # Each column's block is kept until an article of that column (or one below it) changes:
    # after a publish only its own column's block is queried again.
    groups = {c.pk: c.descendants(tree) for c in top_columns}
    newest = pagecache.remember_many(
        {f"home-column:{pk}": [f"column:{pk}"] for pk in groups},
        lambda names: {
            f"home-column:{pk}": items
            for pk, items in Article.objects.in_columns(portal, list(columns))
            .for_list()
            .newest_per_group(
                {pk: groups[pk] for pk in (int(n.rsplit(":", 1)[1]) for n in names)}, per=6, field="listed_column"
            )
            .items()
        },
    )
    blocks = [(c, newest[f"home-column:{c.pk}"]) for c in top_columns if newest[f"home-column:{c.pk}"]]
    return render(
        request,
        "newsroom/home.html",
        {
            **pagecache.remember(f"home-lists:{portal.pk}", lambda: _home_lists(request), [lists, "communities"]),
            "column_blocks": blocks,
        },
    )


def _home_lists(request):
    """头条, 焦点图, 图片新闻, 最新, 专题 and 社区风采: six queries, kept until the portal's lists
    change (any publish)."""
    articles = _published(request)
    with_cover = articles.filter(cover__isnull=False, cover__hidden_by_takedown=False)
    return {
        "headlines": list(articles.filter(is_headline=True)[:4]),
        "slides": list(with_cover.filter(is_slideshow=True)[:5]),
        "picture_news": list(with_cover.filter(is_picture_news=True)[:6]),
        "latest": list(articles[:10]),
        "topics": list(Topic.objects.public(request.portal).filter(is_featured=True)[:4]),
        "spotlight": list(
            Community.objects.public()
            .in_area(request.portal.streets.all())
            .select_related("street")
            .annotate(honour_count=Count("honours", filter=Q(honours__is_live=True)))
            .order_by("-honour_count", "name")[:4]
        ),
    }


@public_page(params=(*ArticleFilter.base_filters, "page"))
def column(request, slug):
    column = _column(request, slug)
    pagecache.depends(f"column:{column.pk}")
    columns = _columns(request.portal)
    tree = Column.tree(request.portal.pk, columns.values())
    below = column.descendants(tree)
    # Other portals' stories placed here: kept with the column's blocks (a placement changes the column's tag).
    placed = pagecache.remember(
        f"column-placed:{column.pk}",
        lambda: ArticlePlacement.objects.listed(request.portal, below),
        [f"column:{column.pk}"],
    )
    articles = Article.objects.in_columns(request.portal, below, placed).for_list()
    filters = ArticleFilter(request.GET, queryset=articles, portal=request.portal)
    paginator = Paginator(filters.qs, PAGE_SIZE)
    items_html = None
    if any(request.GET.get(name) for name in ArticleFilter.base_filters):
        page = paginator.get_page(request.GET.get("page"))
    else:
        # The column's article count and its pages of articles change only with its articles
        # (and those below it), whose every change, scheduled ones included, bumps the column's
        # tag: both are blocks, and a page made stale by anything else is made from them.
        # The list itself is kept as HTML: the same for every reader of this page until the column changes.
        own = [f"column:{column.pk}"]
        page = pagecache.paged(
            paginator,
            request.GET.get("page"),
            f"column:{column.pk}",
            own,
            html=lambda page: render_to_string("newsroom/_column_items.html", {"page": page, "column": column}),
            variant=get_script_prefix(),
        )
        items_html = page.html
    # Only the filters go into the pagination links: the page is cached without any other parameter.
    query = urlencode(
        [(name, value) for name in ArticleFilter.base_filters for value in request.GET.getlist(name) if value]
    )
    return render(
        request,
        "newsroom/column.html",
        {
            "column": column,
            "breadcrumb": column.ancestors(),
            "children": sorted(
                (columns[pk] for pk in _offered_children(request.portal, column, tree.get(column.pk, ()))),
                key=lambda c: (c.order, c.pk),
            ),
            "filters": filters,
            "page": page,
            "items_html": items_html,
            "query": query,
        },
    )


@public_page
def article(request, slug):
    found = (
        Article.objects.public(request.portal)
        .filter(slug=slug)
        .select_related("series")
        # 相关新闻; no query without a series. A sister series without a public article is
        # named but not linked.
        .prefetch_related(
            Prefetch(
                "series__sister_series",
                queryset=Series.objects.annotate(
                    has_articles=Exists(Article.objects.public(request.portal).filter(series=OuterRef("pk")))
                ),
            )
        )
        .annotate(**{part.flag: part.exists() for part in extensions.ARTICLE_PARTS if part.exists})
    )
    try:
        found = found.get()  # get() drops the list ordering, so the slug index answers
    except Article.DoesNotExist:
        return unavailable_for_legal_reasons(request, slug)
    if found.series_id and not found.series.is_live:
        found.series = None  # a series still in review is not shown (nor linked) yet
    columns = _columns(request.portal)
    if found.column_id in columns:  # else (a column made a moment ago) it loads on first use
        found.column = columns[found.column_id]
    parts, neighbours = _parts_and_neighbours(found)
    # Its own change and its neighbours'; 相关文章 add what they list (newsroom/related.py); an
    # empty sister series is named without a link until its first article is published.
    empty_sisters = (
        [s.pk for s in found.series.with_sisters if getattr(s, "has_articles", None) is False] if found.series else []
    )
    pagecache.depends(f"article:{found.pk}", *(f"series:{pk}" for pk in empty_sisters))
    return article_page(request, found, parts, neighbours=neighbours)


def _parts_and_neighbours(article):
    """The article's photos, bylines, topics and communities, and its 上一篇/下一篇: six queries,
    kept as a block until the article changes (its photos, bylines, measures and neighbours
    change it too), or any topic or community does. A page made stale by something else it
    shows (相关文章, say) is made again from this block. The page records its own tags."""
    tags = (f"article:{article.pk}", freshness.topics(article.column.portal_id), "communities")
    return pagecache.remember(
        f"article-parts:{article.pk}",
        lambda: (ArticleParts.of(article), Article.objects.neighbours(article)),
        tags,
        record=False,
    )


@public_page
def placed(request, pk):
    """/shared/<pk>/: another portal's story in one of this portal's columns (站群). A link goes
    to the origin's page; a mirror shows it here, as it is at the origin now: corrected, held
    (451) or withdrawn (404) there, the same here."""
    placement = (
        ArticlePlacement.objects.shown(request.portal).select_related("article__column__portal").filter(pk=pk).first()
    )
    if placement is None:
        raise Http404
    origin = placement.article
    pagecache.depends(f"placement:{placement.pk}", f"article:{origin.pk}")
    if placement.kind == ArticlePlacement.Kind.LINK:
        return redirect(placements.absolute_url(origin.column.portal, origin.get_absolute_url(), request))
    found = (
        Article.objects.public(ALL_PORTALS)
        .filter(pk=origin.pk)
        .select_related("column__portal")
        .annotate(**{part.flag: part.exists() for part in extensions.ARTICLE_PARTS if part.exists})
        .first()
    )
    if found is None:
        if origin.is_live and origin.legal_hold:
            category = extensions.HOLD_CATEGORIES.get(origin.legal_hold_category, "其他")
            return render(request, "newsroom/tombstone.html", {"held": origin, "category": category}, status=451)
        raise Http404
    found.series = None  # the origin's series page is not this portal's
    columns = _columns(request.portal)
    placement.column = columns.get(placement.column_id) or placement.column
    parts, _neighbours = _parts_and_neighbours(found)
    return article_page(request, found, parts, neighbours=(None, None), placement=placement)


def qr_code(request, slug):
    """/article/<slug>/qr.svg: the article's QR code as a file the browser and nginx cache, so it
    is not a third of every article's HTML."""
    if not Article.objects.public(request.portal).filter(slug=slug).exists():
        raise Http404
    url = request.build_absolute_uri(reverse("newsroom:article", args=[slug]))
    response = HttpResponse(sharing.qr_svg(url), content_type="image/svg+xml")
    patch_cache_control(response, public=True, max_age=86400)
    return response


@csrf_exempt  # a cached page carries no per-reader CSRF token, and a view count is all this changes
@require_POST
def count_view(request, pk):
    """点击: the article page's script reports each view here, so views are counted whether the
    page came from Django, its page cache or nginx's micro-cache. Answers the live figure."""
    figure = viewcounts.count(pk, request.portal, viewcounts.reader_key(request))
    if figure is None:
        raise Http404
    response = JsonResponse({"views": figure})
    response["Cache-Control"] = "no-store"
    return response


def unavailable_for_legal_reasons(request, slug):
    """451 with a tombstone for an article withdrawn under a takedown notice; else 404."""
    held = Article.objects.held(request.portal).filter(slug=slug).first()
    if held is None:
        raise Http404
    category = extensions.HOLD_CATEGORIES.get(held.legal_hold_category, "其他")
    return render(request, "newsroom/tombstone.html", {"held": held, "category": category}, status=451)


class ArticleParts:
    """What an article page shows besides the article's own fields, as plain lists,
    so a preview of an unsaved revision renders through the same template."""

    def __init__(self, photos, credits, topics, communities):
        self.photos, self.credits = list(photos), list(credits)
        self.topics, self.communities = list(topics), list(communities)

    @classmethod
    def of(cls, article):
        """Four queries: photos, bylines, topics, communities."""
        return cls(
            article.photos.select_related("credit_person", "asset"),
            article.credits.select_related("role", "person"),
            article.topics.public(article.column.portal_id),
            article.communities.public(),
        )

    @property
    def meta_bylines(self):
        return bylines.meta_groups(self.credits)

    @property
    def signature(self):
        return bylines.signature(self.credits)

    def end_line(self, portal):
        return bylines.end_line(self.credits, portal.byline_end_style)

    def dateline(self, article):
        return bylines.dateline(article.dateline, self.credits) if article.dateline else ""


def article_page(request, article, parts, preview=None, neighbours=None, placement=None):
    """The article page; with ``placement``, another portal's story mirrored in this one: this
    portal's chrome and column, the origin's address as canonical, no links into the origin's
    topics or lists (they are not this portal's pages)."""
    exclude = [pk for pk in (article.pk, article.replaces_id) if pk]
    segments, gallery = compose(article.body, parts.photos)
    # The first photo a reader meets is loaded at once (it is the page's largest paint); the rest lazily.
    lead_photo = next((s.photo for s in segments if getattr(s, "photo", None)), gallery[0] if gallery else None)
    # Share cards and search engines never get a photo hidden by a takedown (the page shows its notice).
    share_photo = lead_photo if lead_photo is not None and not lead_photo.hidden_by_takedown else None
    url = request.build_absolute_uri(article.get_absolute_url() if article.is_live else request.path)
    if placement is not None:
        url = placements.absolute_url(article.column.portal, article.get_absolute_url(), request)
        parts = ArticleParts([*parts.photos], parts.credits, (), parts.communities)
    previous, following = neighbours or Article.objects.neighbours(article)
    shown_related = (
        related(article, parts.topics, parts.communities, exclude)
        if _lists_of(request.portal)["related"] and placement is None
        else []
    )
    return render(
        request,
        "newsroom/article.html",
        {
            "article": article,
            "parts": parts,
            "dateline": parts.dateline(article),
            "end_line": parts.end_line(request.portal),
            "preview": preview,
            "column": placement.column if placement else article.column,  # where this portal lists it
            "breadcrumb": (placement.column if placement else article.column).ancestors(),
            "placement": placement,
            "channel": channel_of(request.portal, parts.topics),
            "segments": segments,
            "lead_photo": lead_photo,
            "gallery": gallery,
            "previous": previous,
            "next": following,
            "related": shown_related,
            # …and beside it: every story once (not the article, not one 相关文章 lists).
            "side_lists": side_lists(request, {*exclude, *(item.pk for item in shown_related)}),
            # Previews draw their code inline (their URL is private); readers get a cached file.
            "qr_svg": sharing.qr_svg(url) if preview or placement else None,
            # a mirror's corrections and notices go to the portal that published it
            "origin_base": article.column.portal.home_url(request).rstrip("/") if placement else "",
            "share_links": sharing.share_links(url, article.title),
            "canonical": url,
            "share_photo": share_photo,
            "structured_data": sharing.structured_data(request, article, parts, share_photo, url),
            # what the nested apps add (newsroom/extensions.py): corrections, the comment block…
            **{part.name: part.value(request, article, preview) for part in extensions.ARTICLE_PARTS},
        },
    )


def channel_of(portal, topics):
    """人民网's breadcrumb 首页>>专题>>新闻列表: the article's first (oldest) topic, when the portal
    leads its articles through their topic channel; else None (the column path)."""
    if portal.breadcrumb_style != "topic" or not topics:
        return None
    return min(topics, key=lambda topic: (topic.created_at, topic.pk))


# The lists around an article, by theme (``Portal.theme``): what that kind of portal shows, no
# more. ``side``: the blocks beside it, in the order a story is claimed (each story appears once,
# in the first block that lists it, and never when 相关文章 has it); ``related``: 相关文章 after
# it. 内蒙古新闻网's channels list 头条新闻/图片新闻/部门新闻/专题报道; a county portal its 最新新闻
# with excerpts; a government site titles with short dates; 人民网 推荐阅读 with 【详细】; a news
# client 您可能感兴趣的文章 and 相关文章.
THEME_LISTS = {
    "": {"side": ("headlines", "picture_news", "columns", "topics"), "related": False},
    "county": {"side": ("latest",), "related": False},
    "government": {"side": ("latest",), "related": False},
    "people": {"side": ("recommended",), "related": False},
    "client": {"side": ("recommended",), "related": True},
}


def _lists_of(portal):
    return THEME_LISTS.get(portal.theme, THEME_LISTS[""])


def side_lists(request, exclude):
    """The article page's lists beside the article (``THEME_LISTS``), as HTML: the same on every
    article of a portal less the stories the page already shows, so the lists and their HTML are
    kept in the cache until content changes (one HTML per set of stories found in the lists)."""
    portal = request.portal
    wanted = _lists_of(portal)["side"]

    def lists():
        published = _published(request)
        pictures = published.filter(is_picture_news=True, cover__isnull=False, cover__hidden_by_takedown=False)
        queries = {
            "headlines": lambda: (list(published.filter(is_headline=True)[:7]), 5),
            "picture_news": lambda: (list(pictures[:4]), 2),
            "recommended": lambda: (list(published.filter(is_recommended=True)[:7]), 5),
            "latest": lambda: (list(published[:7]), 5),
        }
        blocks = {name: queries[name]() for name in wanted if name in queries}
        sidebar_columns = []
        if "columns" in wanted:
            # Columns the site lists beside every article (部门新闻): one query for all of them.
            sidebar_columns = [c for c in Column.by_id(portal.pk).values() if c.in_sidebar]
        if sidebar_columns:
            ids = [c.pk for c in sidebar_columns]
            listed = list(published.filter(column__in=ids)[: 7 * len(ids)])
            for c in sorted(sidebar_columns, key=lambda c: (c.order, c.pk)):
                blocks[f"column:{c.pk}"] = ([a for a in listed if a.column_id == c.pk][:7], 5)
        topics = list(Topic.objects.public(portal).filter(is_featured=True)[:4]) if "topics" in wanted else []
        return blocks, sidebar_columns, topics

    tags = [freshness.lists(portal.pk)]
    # The hole below depends on the same tags: the page itself does not.
    blocks, sidebar_columns, topics = pagecache.remember(f"article-sidebar:{portal.pk}", lists, tags, False)
    listed = sorted({a.pk for items, _ in blocks.values() for a in items} & set(exclude))

    def html():
        seen, shown = set(listed), {}
        for name, (items, size) in blocks.items():
            shown[name] = [a for a in items if a.pk not in seen][:size]
            seen.update(a.pk for a in shown[name])
        shown["column_lists"] = [(c, shown[f"column:{c.pk}"]) for c in sidebar_columns if shown[f"column:{c.pk}"]]
        return render_to_string("newsroom/_side_lists.html", {**shown, "featured_topics": topics, "portal": portal})

    name = f"side-lists:{portal.pk}:{get_script_prefix()}:{','.join(map(str, listed))}"
    # Kept apart from each article page: a publish changes these lists on every article page,
    # and makes stale this one part, not every article page (pagecache.hole).
    return pagecache.hole(name, tags, lambda: pagecache.remember(f"article-sidebar-html:{name}", html, tags))


@public_page(params=("page",))
def topic(request, slug):
    topic = get_object_or_404(Topic.objects.public(request.portal), slug=slug)
    pagecache.depends(f"topic:{topic.pk}")
    page = Paginator(_published(request).filter(topics=topic), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "newsroom/topic.html", {"topic": topic, "page": page})


@public_page(params=("page",))
def series(request, slug):
    series = get_object_or_404(
        Series.objects.public(request.portal).prefetch_related(
            Prefetch("sister_series", queryset=Series.objects.public(request.portal))
        ),
        slug=slug,
    )
    pagecache.depends(f"series:{series.pk}")
    page = Paginator(_published(request).filter(series=series), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "newsroom/series.html", {"series": series, "page": page})


@public_page
def page(request, slug):
    page = get_object_or_404(Page.objects.public(request.portal), slug=slug)
    pagecache.depends()  # its own text, the chrome: pagecache.ALL
    return render(request, "newsroom/page.html", {"page": page})


@public_page
def sites(request):
    """网站群: a city's portal lists the portals below it; a portal with none below lists the
    whole platform (the demo's top level: five districts in five provinces, no city above)."""
    pagecache.depends()  # portals change rarely; any change makes every page stale
    below = portals.below(request.portal)
    shown = Portal.objects.filter(pk__in=below) if below else Portal.objects.all()
    rows = [(portal, depth, portal.home_url(request)) for portal, depth in shown.tree()]
    heading = f"{request.portal.short_name or request.portal.name}所辖网站" if below else "网站群"
    return render(request, "newsroom/sites.html", {"rows": rows, "heading": heading})


def platform(request):
    """The platform's own front page (``PLATFORM_HOSTS``): every portal with its address, sponsor
    and newest story, grouped by the tree; no portal's chrome."""
    every = portals.all_portals()
    pagecache.depends(*(freshness.lists(portal.pk) for portal in every))
    newest = {  # a few portals; a city's newest may be a district's story it carries
        portal.pk: Article.objects.in_columns(portal, Column.objects.filter(portal=portal).values("pk"))
        .for_list()
        .first()
        for portal in every
    }
    rows = [(portal, depth, portal.home_url(request), newest.get(portal.pk)) for portal, depth in Portal.objects.tree()]
    return render(request, "newsroom/platform.html", {"rows": rows})


@public_page
def site_map(request):
    pagecache.depends(freshness.lists(request.portal.pk), "communities")  # topics; communities
    columns = Column.objects.offered(request.portal).select_related("parent")
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
            "topics": Topic.objects.public(request.portal),
            "series_list": Series.objects.public(request.portal),
            "communities": Community.objects.public().in_area(request.portal.streets.all()),
            "pages": Page.objects.public(request.portal),
        },
    )
