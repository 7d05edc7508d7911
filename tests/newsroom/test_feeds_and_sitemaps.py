"""RSS per column, sitemap.xml listing every public page, robots.txt."""

import pytest

from newsroom.core.publishing import ALL_PORTALS
from newsroom.models import Article, Portal

pytestmark = pytest.mark.django_db


def test_column_feed_lists_its_articles(client, demo):
    response = client.get("/column/party/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    xml = response.content.decode()
    assert xml.count("<item>") == 1
    assert "玉泉区" in xml and "<category>党建新闻</category>" in xml


def test_latest_feed(client, demo):
    """Each portal's feed carries its own articles and those of other portals it carries (昆明市
    carries 五华区's story), no other."""
    for portal in Portal.objects.all():
        xml = client.get("/rss/", HTTP_HOST=portal.host_list[0]).content.decode()
        carried = Article.objects.in_columns(portal, portal.columns.values("pk"))
        assert xml.count("<item>") == carried.count() > 0, portal
    assert "/shared/" in client.get("/rss/", HTTP_HOST="kunming.localhost").content.decode()


def test_an_empty_column_has_no_feed(client, demo):
    from newsroom.models import Column

    empty = Column.objects.create(portal=Portal.objects.default(), name="空栏目", slug="empty")
    assert client.get(f"/column/{empty.slug}/rss/").status_code == 404
    assert f"/column/{empty.slug}/" not in client.get("/sitemap.xml").content.decode()


def test_unknown_column_feed_is_404(client, demo):
    assert client.get("/column/nowhere/rss/").status_code == 404


def test_sitemap_lists_every_public_page_type(client, demo):
    xml = client.get("/sitemap.xml").content.decode()
    for path in (
        "/article/hohhot-yuquan-grassroots-party-building/",
        "/column/party-news/",
        "/communities/gongheli/",
        "/communities/honours/",
        "/communities/facilities/tongxin-park/",
        "/topic/urban-party-building/",
        "/pages/about/",
    ):
        assert f"http://testserver{path}</loc>" in xml, path
    assert xml.count("/article/") == Article.objects.public(Portal.objects.default()).count()
    xml = client.get("/sitemap.xml", HTTP_HOST="jiulongpo.localhost").content.decode()
    assert "http://jiulongpo.localhost/series/jiceng-baolei/</loc>" in xml
    assert "/series/dangyuan-xianfeng/" not in xml  # named by its sister, but no article of its own yet
    assert xml.count("/article/") < Article.objects.public(ALL_PORTALS).count()


def test_robots_points_to_the_sitemap(client, demo):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text and "Sitemap: http://testserver/sitemap.xml" in text
