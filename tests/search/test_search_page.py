"""/search/: what a reader sees — highlights, facets, filters, sorting, pagination."""

import re

import pytest

from communities.models import Community
from newsroom.models import Column
from newsroom.search import text
from tests.factories import add_articles

pytestmark = pytest.mark.django_db


def get(client, host=None, **params):
    response = client.get("/search/", params, **({"HTTP_HOST": f"{host}.localhost"} if host else {}))
    assert response.status_code == 200
    return response.content.decode()


def test_the_search_box_is_on_every_page(client, demo):
    for url in ("/", "/column/party-news/", "/article/hohhot-yuquan-grassroots-party-building/", "/communities/"):
        assert 'action="/search/"' in client.get(url).content.decode()


def test_matches_are_highlighted_in_the_texts_own_script(client, demo):
    html = get(client, host="wuhua", q="南侨机工")
    assert "<mark>南僑機工</mark>" in html  # the Traditional article, found by a Simplified query
    assert "“南侨机工”的搜索结果" in html
    assert 'name="robots" content="noindex"' in html


def test_facets_count_each_type_and_filter_by_it(client, demo):
    html = get(client, q="社区")
    counts = dict(re.findall(r'kind=(\w+)"[^>]*>[^<]+<span>(\d+)</span>', html))
    assert set(counts) == {"article", "community", "honour", "facility"}
    articles = int(counts["article"])  # the portal's own; communities are every portal's
    assert articles >= 2 and int(counts["community"]) == 7
    only_articles = get(client, q="社区", kind="article")
    assert only_articles.count('class="kind kind-article"') == articles
    assert 'class="kind kind-community"' not in only_articles
    # All types together: the articles lead, the communities, honours and facilities follow.
    kinds = re.findall(r'class="kind kind-(\w+)"', html)
    assert kinds[:articles] == ["article"] * articles and "article" not in kinds[articles:]
    # The facet counts stay those of the whole query while one type is shown.
    assert dict(re.findall(r'kind=(\w+)"[^>]*>[^<]+<span>(\d+)</span>', only_articles)) == counts


def test_filters_by_column_community_and_date(client, demo):
    column = Column.objects.get(slug="party-news")
    assert "共找到 0 条" not in get(client, q="社区", column=column.pk)
    html = get(client, q="社区", community=Community.objects.get(slug="guanyinmiao").pk, kind="article")
    assert "/article/hohhot-yuquan-grassroots-party-building/" in html
    assert "/article/quanmin-gongyi-projects/" not in html
    assert "共找到 0 条" in get(client, q="社区", kind="article", since="2030-01-01")
    until = get(client, q="社区", until="2020-12-31", kind="article")
    assert "/article/hohhot-yuquan-grassroots-party-building/" in until


def test_bad_filter_values_are_reported_not_a_500(client, demo):
    html = get(client, q="社区", since="not-a-date", column="999999", community="abc", kind="nope", page="x")
    assert "errornote" in html


def test_sort_by_date_lists_newest_first(client, demo):
    html = get(client, q="社区", kind="article", sort="date")
    dates = re.findall(r'<time datetime="([^"]+)"', html)
    assert len(dates) >= 2 and dates == sorted(dates, reverse=True)


def test_pagination_keeps_the_query_and_filters(client, demo):
    add_articles(45)
    html = get(client, q="邻里互助", kind="article")
    assert "第 1 / 3 页" in html and "kind=article" in html and "page=2" in html
    assert "第 3 / 3 页" in get(client, q="邻里互助", kind="article", page=3)


HOSTILE = [
    "",
    " ",
    "社" * 10000,
    '"',
    "*",
    "NEAR",
    "AND",
    "(",
    ")",
    'a" OR "b',
    "社区 NEAR(a b)",
    "title:社区",
    "{title}: x",
    "'; DROP TABLE newsroom_article; --",
    "1' OR '1'='1",
    "\x00\x01\x1b[31m",
    "\u202e社区",
    "%",
    "_",
    "\\",
    "社区*",
    "^社区",
    "'社区':*",
    "!!!",
    "&|<->",
    "社区" * 60,
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_never_fail_and_are_bounded(client, demo, query):
    response = client.get("/search/", {"q": query})
    # A NUL character is refused before any view runs (newsroom/core/nul.py: PostgreSQL cannot take it).
    assert response.status_code == (400 if "\x00" in query else 200)
    # The work a query asks of the database is bounded: at most 8 parts of at most 100 characters.
    parsed = text.parse(query)
    assert len(parsed.parts) <= text.MAX_TERMS
    assert sum(len(token) for part in parsed.parts for token in part.tokens) <= 2 * text.MAX_QUERY_CHARS


def test_query_count_does_not_grow_with_results(client, demo, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    add_articles(5, column_slug="community-news")
    with CaptureQueriesContext(connection) as small:
        get(client, q="邻里")
    add_articles(60)
    with django_assert_max_num_queries(len(small)):
        get(client, q="邻里")


def test_search_pages_are_cached_and_a_flood_from_one_address_gets_a_short_answer(client, demo, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.SEARCH_LIMIT_PER_MINUTE = 5
    first = client.get("/search/", {"q": "社区"})
    assert first.status_code == 200 and first["X-Page-Cache"] == "MISS"
    assert first["X-Accel-Expires"] == str(settings.MICRO_CACHE_SECONDS)  # nginx keeps it too
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/search/", {"q": "社区", "utm_source": "made-up"})
    assert again["X-Page-Cache"] == "HIT" and len(queries) == 0
    statuses = [client.get("/search/", {"q": f"社区{n}"}).status_code for n in range(8)]
    assert statuses.count(429) >= 3 and statuses[0] == 200
    busy = client.get("/search/", {"q": "党建"})
    assert busy.status_code == 429 and "一分钟后再试" in busy.content.decode() and busy["Retry-After"] == "60"
    assert client.get("/search/", {"q": "社区"}).status_code == 200  # a cached query still answers
