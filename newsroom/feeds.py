"""RSS feeds: the latest articles, and one feed per column."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse

from newsroom.core.plaintext import multiline, one_line

from .models import Article, Column


class LatestFeed(Feed):
    def get_object(self, request, *args, **kwargs):
        return request.portal

    def title(self, portal):
        return one_line(f"{portal.name} · 最新文章")

    def link(self, portal):
        return reverse("newsroom:home")

    def description(self, portal):
        return f"{portal.name}最新发布的文章"

    def items(self, portal):
        # its own articles and the other portals' stories it carries (站群: links and mirrors)
        columns = Column.objects.filter(portal=portal).values("pk")
        return Article.objects.in_columns(portal, columns).select_related("column")[:30]

    # Rows saved before control characters were cleaned on save may still hold some.
    def item_title(self, item):
        return one_line(item.title)

    def item_description(self, item):
        return multiline(item.summary)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [one_line(item.column.name)]


class ColumnFeed(LatestFeed):
    def get_object(self, request, slug):
        # An empty column (空白栏目) has no feed either.
        return get_object_or_404(Column.objects.offered(request.portal).select_related("portal"), slug=slug)

    def title(self, column):
        return f"{column.portal.name} · {column.name}"

    def link(self, column):
        return column.get_absolute_url()

    def description(self, column):
        return column.description or f"{column.portal.name}“{column.name}”栏目文章"

    def items(self, column):
        return Article.objects.in_columns(column.portal_id, column.descendants()).select_related("column")[:30]
