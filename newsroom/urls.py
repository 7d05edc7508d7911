from django.urls import path

from newsroom.core.pagecache import public_page

from . import feeds, previews, views

app_name = "newsroom"
urlpatterns = [
    path("", views.home, name="home"),
    path("column/<slug:slug>/", views.column, name="column"),
    path("column/<slug:slug>/rss/", public_page(feeds.ColumnFeed()), name="column_feed"),
    path("rss/", public_page(feeds.LatestFeed()), name="feed"),
    path("article/<slug:slug>/", views.article, name="article"),
    path("shared/<int:pk>/", views.placed, name="placed"),
    path("article/<slug:slug>/qr.svg", views.qr_code, name="qr"),
    path("views/<int:pk>/", views.count_view, name="count_view"),
    path("topic/<slug:slug>/", views.topic, name="topic"),
    path("series/<slug:slug>/", views.series, name="series"),
    path("pages/<slug:slug>/", views.page, name="page"),
    path("sitemap/", views.site_map, name="site_map"),
    path("sites/", views.sites, name="sites"),
    path("preview/<str:token>/", previews.shared_preview, name="shared_preview"),
]
