"""Two portals on one installation (a 区 portal and a 街道 portal, say): every public URL of
each lists and links only its own content. Communities, their honours and facilities are the
district's and shared; the articles about them are each portal's own."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from communities.models import Community
from newsroom.models import Article, Column, Page, Portal, Series, Topic

pytestmark = pytest.mark.django_db
SECOND_HOST = "jiedao.linli.test"


@pytest.fixture
def second(demo, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, SECOND_HOST]
    portal = Portal.objects.create(name="玉泉街道融媒体", short_name="玉泉街道", hosts=SECOND_HOST)
    # The same column slug as the first portal's: which one a URL means depends on the host.
    news = Column.objects.create(portal=portal, slug="party-news", name="街道要闻", order=1, show_in_nav=True)
    topic = Topic.objects.create(portal=portal, slug="jiedao-topic", title="街道专题：老旧小区改造", is_live=True)
    series = Series.objects.create(portal=portal, slug="jiedao-series", title="街道系列：楼门长故事", is_live=True)
    Page.objects.create(
        portal=portal, slug="jiedao-about", title="街道关于我们", body="<p>街道简介。</p>", in_footer=True, is_live=True
    )
    community = Community.objects.public().first()
    at = timezone.now() - timedelta(hours=1)
    article = Article.objects.create(
        column=news,
        slug="jiedao-only-story",
        title="街道独家：楼门长上岗记",
        summary="街道新闻。",
        body="<p>街道新闻正文。</p>",
        status=Article.Status.PUBLISHED,
        is_live=True,
        live_from=at,
        first_published_at=at,
        series=series,
        is_headline=True,
        is_recommended=True,
    )
    article.topics.add(topic)
    article.communities.add(community)
    return {"portal": portal, "article": article, "topic": topic, "series": series, "community": community}


def urls_of(client, host, start):
    """Every public page reachable from ``start`` links on this host (site map, sitemap and
    lists included), plus the search and feeds."""
    seen, todo, pages = set(), list(start), {}
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, HTTP_HOST=host)
        if response.status_code != 200:
            continue
        body = response.content.decode()
        pages[url] = body
        for link in re.findall(r'(?:href="|<loc>)(?:https?://[^/"<]+)?(/[^"<#?]*)', body):
            if link.startswith(("/article/", "/column/", "/topic/", "/series/", "/pages/", "/communities/")):
                todo.append(link)
    return pages


START = [
    "/",
    "/sitemap/",
    "/sitemap.xml",
    "/rss/",
    "/column/party-news/rss/",
    "/communities/",
    "/communities/honours/",
    "/search/?q=社区",
    "/search/?q=楼门长",
    "/search/?q=街道",
]


def test_no_page_of_one_portal_lists_or_links_the_others_content(client, second):
    first_articles = list(Article.objects.public(Portal.objects.default()).values_list("slug", "title"))
    assert first_articles

    first = urls_of(client, "testserver", START)
    theirs = [
        "jiedao-only-story",
        "街道独家",
        "jiedao-topic",
        "街道专题",
        "jiedao-series",
        "街道系列",
        "jiedao-about",
        "街道关于我们",
        "街道要闻",
    ]
    assert len(first) > 40  # home, columns, every article, topics, series, pages, communities…
    for url, body in first.items():
        leaked = [word for word in theirs if word in body]
        assert not leaked, f"{url} on the first portal shows the second's {leaked}"

    mine = urls_of(client, SECOND_HOST, START + [f"/communities/{second['community'].slug}/"])
    assert "/article/jiedao-only-story/" in mine and "/topic/jiedao-topic/" in mine
    assert "街道独家" in mine[f"/communities/{second['community'].slug}/"]
    assert "街道独家" in mine["/search/?q=楼门长"] and "街道独家" in mine["/"]
    assert "/article/jiedao-only-story/" in mine["/sitemap.xml"] and "街道独家" in mine["/rss/"]
    for url, body in mine.items():
        leaked = [slug for slug, title in first_articles if f"/article/{slug}/" in body or title in body]
        assert not leaked, f"{url} on the second portal shows the first's {leaked}"


def test_an_article_topic_or_page_of_one_portal_is_not_found_on_the_other(client, second):
    for url in (
        "/article/jiedao-only-story/",
        "/topic/jiedao-topic/",
        "/series/jiedao-series/",
        "/pages/jiedao-about/",
    ):
        assert client.get(url).status_code == 404, url
        assert client.get(url, HTTP_HOST=SECOND_HOST).status_code == 200, url
    first_article = Article.objects.public(Portal.objects.default()).first()
    assert client.get(first_article.get_absolute_url(), HTTP_HOST=SECOND_HOST).status_code == 404
    # A view counted on the wrong host counts nothing.
    assert client.post(f"/views/{first_article.pk}/", HTTP_HOST=SECOND_HOST).status_code == 404


def test_a_portal_model_cannot_be_listed_for_readers_without_a_portal(second):
    with pytest.raises(TypeError):
        Topic.objects.public()
    with pytest.raises(TypeError):
        Article.objects.public(None)
    assert list(Topic.objects.public(second["portal"])) == [second["topic"]]
