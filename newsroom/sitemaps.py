from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Column, Page, Series, Topic


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.published().order_by("-first_published_at", "-id")

    def lastmod(self, item):
        return item.updated_at


class ColumnSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Column.objects.order_by("order", "id")


class TopicSitemap(Sitemap):
    def items(self):
        return Topic.objects.public().order_by("id")


class SeriesSitemap(Sitemap):
    def items(self):
        return Series.objects.public().order_by("id")


class PageSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.3

    def items(self):
        return Page.objects.public().order_by("id")


class PortalSitemap(Sitemap):
    """Fixed pages: home, readable site map."""

    changefreq = "hourly"

    def items(self):
        return ["newsroom:home", "newsroom:site_map"]

    def location(self, item):
        return reverse(item)
