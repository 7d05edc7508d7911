from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from communities.sitemaps import CommunityPagesSitemap, CommunitySitemap, FacilitySitemap, StreetSitemap
from newsroom.core import health, pagecache, reader
from newsroom.media import serve_media
from newsroom.sitemaps import (
    ArticleSitemap,
    ColumnSitemap,
    FixedPagesSitemap,
    PageSitemap,
    SeriesSitemap,
    TopicSitemap,
    sitemap,
)

admin.site.site_header = "邻里 · 新闻编辑部"
admin.site.site_title = "邻里新闻编辑部"
admin.site.index_title = "内容管理"

SITEMAPS = {
    "portal": FixedPagesSitemap,
    "articles": ArticleSitemap,
    "columns": ColumnSitemap,
    "topics": TopicSitemap,
    "series": SeriesSitemap,
    "pages": PageSitemap,
    "communities": CommunitySitemap,
    "community-pages": CommunityPagesSitemap,
    "facilities": FacilitySitemap,
    "streets": StreetSitemap,
}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("communities/", include("communities.urls")),
    path("takedown/", include("newsroom.takedowns.urls")),
    path("comments/", include("newsroom.comments.urls")),
    path("feedback/", include("newsroom.feedback.urls")),
    path("tougao/", include("newsroom.exchange.urls")),
    path("search/", include("newsroom.search.urls")),
    path("reader/script/", reader.set_script, name="set_script"),
    path("reader/care/", reader.set_care_mode, name="set_care_mode"),
    path("sitemap.xml", pagecache.public_page(sitemap, params=("p",)), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", lambda request: HttpResponsePermanentRedirect(static("img/favicon.ico"))),
    path("", include("newsroom.urls")),
]


# Every uploaded file goes through an access check (newsroom/media.py); nginx only sends the
# bytes Django allows (X-Accel-Redirect).
urlpatterns.insert(0, re_path(r"^media/(?P<path>.+)$", serve_media, name="media"))
