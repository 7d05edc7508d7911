"""RSS per column, sitemap.xml listing every public page, robots.txt."""

import pytest

from newsroom.demo.articles import ARTICLES, SHORT_NEWS

pytestmark = pytest.mark.django_db


def test_column_feed_lists_its_articles(client, demo):
    response = client.get("/column/party/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    xml = response.content.decode()
    assert xml.count("<item>") == 4
    assert "六邻工作法" in xml and "<category>党建新闻</category>" in xml


def test_latest_feed(client, demo):
    assert client.get("/rss/").content.decode().count("<item>") == len(ARTICLES) + len(SHORT_NEWS)


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
        "/topic/wuhou-chengdu/",
        "/series/jiceng-baolei/",
        "/pages/about/",
    ):
        assert f"http://testserver{path}</loc>" in xml, path
    assert xml.count("/article/") == len(ARTICLES) + len(SHORT_NEWS)


def test_robots_points_to_the_sitemap(client, demo):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text and "Sitemap: http://testserver/sitemap.xml" in text
