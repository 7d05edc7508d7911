"""sitemap.xml: each section lists the public content of the portal the request is for."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Exists, OuterRef
from django.urls import reverse

from .models import Article, Column, Page, Series, Topic


class PortalSitemap(Sitemap):
    """A section of one portal's content (``self.portal``, from the request)."""

    def __init__(self, portal):
        self.portal = portal


class ArticleSitemap(PortalSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.public(self.portal).order_by("-first_published_at", "-id")

    def lastmod(self, item):
        return item.updated_at


class ColumnSitemap(PortalSitemap):
    changefreq = "daily"

    def items(self):
        return Column.objects.offered(self.portal).order_by("order", "id")


def _with_articles(portal, field):
    """Topics or series with a public article: an empty one is not offered (空白栏目)."""
    return Exists(Article.objects.public(portal).filter(**{field: OuterRef("pk")}))


class TopicSitemap(PortalSitemap):
    def items(self):
        return Topic.objects.public(self.portal).filter(_with_articles(self.portal, "topics")).order_by("id")


class SeriesSitemap(PortalSitemap):
    def items(self):
        return Series.objects.public(self.portal).filter(_with_articles(self.portal, "series")).order_by("id")


class PageSitemap(PortalSitemap):
    changefreq = "yearly"
    priority = 0.3

    def items(self):
        return Page.objects.public(self.portal).order_by("id")


class FixedPagesSitemap(Sitemap):
    """Fixed pages: home, readable site map."""

    changefreq = "hourly"

    def items(self):
        return ["newsroom:home", "newsroom:site_map"]

    def location(self, item):
        return reverse(item)


def sitemap(request, sitemaps, **kwargs):
    """Django's sitemap view, with each portal section made for the request's portal (sections
    shared by every portal, like the communities', are used as they are)."""
    sections = {
        name: section(request.portal) if isinstance(section, type) and issubclass(section, PortalSitemap) else section
        for name, section in sitemaps.items()
    }
    return sitemap_views.sitemap(request, sections, **kwargs)
