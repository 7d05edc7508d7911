from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Community, Facility, Street


class CommunitySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Community.objects.public().order_by("id")

    def lastmod(self, item):
        return item.updated_at


class StreetSitemap(Sitemap):
    def items(self):
        return Street.objects.public().order_by("id")

    def lastmod(self, item):
        return item.updated_at


class FacilitySitemap(Sitemap):
    def items(self):
        return Facility.objects.public().order_by("id")


class CommunityPagesSitemap(Sitemap):
    """The directory and the honours page."""

    def items(self):
        return ["communities:directory", "communities:honours"]

    def location(self, item):
        return reverse(item)
