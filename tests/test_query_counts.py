"""Each public page type runs a pinned number of queries, whatever the amount of content."""

import pytest

from tests.factories import add_articles

pytestmark = pytest.mark.django_db

# Site chrome (portal, navigation, tip channels, footer pages) is 5 of each figure.
PAGES = {
    "/": 21,
    "/column/party/": 12,
    "/article/hohhot-yuquan-grassroots-party-building/": 21,
    "/topic/urban-party-building/": 8,
    "/series/jiceng-baolei/": 9,
    "/communities/": 8,
    "/communities/zhongnan/": 12,
    "/communities/honours/": 7,
    "/communities/facilities/tongxin-park/": 7,
    "/sitemap/": 10,
    "/rss/": 2,
    "/sitemap.xml": 15,
}


@pytest.mark.parametrize("url, expected", PAGES.items())
def test_queries_stay_pinned_from_5_to_200_articles(client, demo, django_assert_num_queries, url, expected):
    client.get(url)  # warm the OpenCC and template caches
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    add_articles(195)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
