"""Each public page type runs a pinned number of queries, at 10 articles and at 10,000; a page
served from the page cache runs none; the admin's article list stays under its pin."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.models import Article, Portal
from tests.factories import add_articles

pytestmark = pytest.mark.django_db

# With the page cache off. The site chrome (portal, navigation, tip channels, footer pages), the
# article page's side blocks and each topic's, community's and series' newest articles (相关文章)
# come from the cache until content changes (pagecache.remember), so they cost no query here.
# The article page: the article (its photos, bylines, topics, communities, 上一篇 and 下一篇 are a
# block kept until the article changes; cold, 6 more). A column
# page: its page of articles (its count, the column tree and the filters' community and topic
# lists are blocks; cold, 4 more). The home
# page is all blocks: its column blocks (each kept until its column changes) and its lists
# (kept until the portal's lists change); cold, see COLD.
PAGES = {
    "/": 0,
    "/column/party/": 0,
    "/article/hohhot-yuquan-grassroots-party-building/": 1,
    "/topic/urban-party-building/": 3,
    "jiulongpo:/series/jiceng-baolei/": 4,  # host:path — the demo's series are 九龙坡区's
    "/communities/": 4,  # and the portal's 辖区 (which communities it lists)
    "/communities/zhongnan/": 0,
    "/communities/honours/": 4,  # and the 辖区, and whether it has one
    "/communities/facilities/tongxin-park/": 2,
    "/sitemap/": 6,  # and the 辖区
    "/rss/": 2,  # and the other portals' stories it carries (站群)
    "/sitemap.xml": 15,
}
# With none of a page's own blocks in the cache (the chrome still there): what the first reader
# after a change that touches all of them pays. The home page: columns, every column block in
# one ROW_NUMBER query, 头条/焦点图/图片新闻/最新/专题/社区风采 (社区风采 of the portal's 辖区: 2).
# A column page: and which of its sub-columns are not empty. The article page: the article,
# photos, bylines, topics, communities, 上一篇, 下一篇, the column tree, the side lists its
# theme shows (here 头条新闻, 图片新闻, 部门新闻, 专题报道: 4, shared by every article page)
# and whether the portal shows comments (1); 内蒙古新闻网's theme shows no 相关文章. The home and
# column pages also read which other portals' stories their columns carry (站群: 1 each).
COLD = {
    "/": 10,
    "/column/party/": 7,
    "/article/hohhot-yuquan-grassroots-party-building/": 14,
    "/topic/urban-party-building/": 3,
    "jiulongpo:/series/jiceng-baolei/": 4,
    "/communities/": 4,
    "/communities/zhongnan/": 9,  # its officers and 小区 (one query each)
    "/communities/honours/": 4,
    "/communities/facilities/tongxin-park/": 2,
    "/sitemap/": 6,
    "/rss/": 2,
    "/sitemap.xml": 15,
}
ADMIN_CHANGELIST = "/admin/newsroom/article/"
# 16, plus the session from the database (read; written back in a savepoint, so staff can work
# while Redis is down), the "允许作者本人审核" banner's look-up and the unread-notification badge.
ADMIN_CHANGELIST_QUERIES = 22
# The desk (admin home) of a superuser, who sees every list: drafts, returned with the opinions,
# awaiting, scheduled, recently published, content changes, takedown deadlines, the latest
# website inspection, comments waiting (count and oldest in one) and open reports, readers'
# 纠错留言 waiting (count and oldest in one), 报送 waiting (count and oldest in one) and 通讯员投稿
# not yet handled, copies taken in whose original was corrected since, copies on other channels
# to remove by hand, plus the admin's app list, session, banner and badge.
ADMIN_DESK = "/admin/"
ADMIN_DESK_QUERIES = 23


def get(client, url):
    """GET ``url``, or ``host:path`` on that portal's host (``jiulongpo`` is jiulongpo.localhost)."""
    host, _, path = url.rpartition(":")
    return client.get(path, **({"HTTP_HOST": f"{host}.localhost"} if host else {}))


def queries(client, url):
    with CaptureQueriesContext(connection) as run:
        assert get(client, url).status_code == 200, url
    return len(run)


def pinned(client):
    for url in PAGES:
        get(client, url)  # warm the OpenCC and template caches
    return {url: queries(client, url) for url in PAGES}


def cold(client):
    """Each page with none of its own blocks in the cache (the first reader after a change that
    touches all of them), the chrome (portal, navigation, footer) still there."""
    from django.core.cache import cache

    from newsroom.core import pagecache

    counts = {}
    for url in PAGES:
        cache.clear()
        pagecache.forget_local()
        host = url.rpartition(":")[0]
        get(client, f"{host}:/pages/about/" if host else "/pages/about/")  # the chrome alone
        counts[url] = queries(client, url)
    return counts


def test_queries_stay_pinned_at_10_and_at_10000_articles(client, demo, settings, admin_user):
    settings.PAGE_CACHE_SECONDS = 0
    portal = Portal.objects.default()
    add_articles(6)
    assert Article.objects.public(portal).count() == 10
    assert pinned(client) == PAGES
    assert cold(client) == COLD
    editor = type(client)()
    editor.force_login(admin_user)
    assert queries(editor, ADMIN_CHANGELIST) <= ADMIN_CHANGELIST_QUERIES
    assert queries(editor, ADMIN_DESK) == ADMIN_DESK_QUERIES

    add_articles(9990, first=6, index=False)
    assert Article.objects.public(portal).count() == 10_000
    assert pinned(client) == PAGES
    assert cold(client) == COLD
    assert queries(editor, ADMIN_CHANGELIST) <= ADMIN_CHANGELIST_QUERIES
    assert queries(editor, ADMIN_DESK) == ADMIN_DESK_QUERIES


def test_a_cached_page_runs_no_query(client, demo):
    for url in PAGES:
        first = get(client, url)
        assert first["X-Page-Cache"] == "MISS", url
        with CaptureQueriesContext(connection) as run:
            again = get(client, url)
        assert again["X-Page-Cache"] == "HIT", url
        assert again.content == first.content, url
        assert len(run) == 0, url


def _article_with_photos(count, editor):
    """A draft with ``count`` credited photos, each by another photographer, and as many
    bylines (each another reporter)."""
    from django.core.files.base import ContentFile

    from newsroom.models import BylineRole, Credit, Person, Photo
    from tests.helpers import jpeg_bytes, new_draft

    article = new_draft(editor, title=f"有{count}张图片的稿件")
    image = ContentFile(jpeg_bytes(), name="photo.jpg")
    for i in range(count - 1):
        person, _ = Person.objects.get_or_create(name=f"摄影者{i}", organisation="邻里融媒")
        photo = Photo(
            article=article, caption=f"第{i}张", alt_text="现场", credit_kind="photo", credit_person=person, order=i + 1
        )
        photo.image.save(f"p{i}.jpg", image, save=False)
        photo.save()
        role = BylineRole.objects.get(portal=article.column.portal, name="记者")
        Credit.objects.create(article=article, role=role, person=person, order=i + 1)
    return article


# The change page: session, user and permissions, the article, its photos, the people credited
# on them, their library images, columns, topics, series, communities, streets, the bylines with
# their roles and people, history, revisions, presence, preview links, the pre-publish checks
# every reviewer sees, the banner's look-up, the notification badge and the editor's autosave. The
# roles held in each portal, the permissions given directly and which portals the editor works in
# are one query (Membership.objects.roles_of). Pinned, and the same with 3 photos and bylines as
# with 40.
ARTICLE_CHANGE_QUERIES = 35


def test_the_article_change_page_does_not_grow_with_its_photos_or_bylines(client, demo, editor):
    client.force_login(editor)
    counts = {}
    for count in (3, 40):
        article = _article_with_photos(count, editor)
        url = f"/admin/newsroom/article/{article.pk}/change/"
        client.get(url)  # warm the template caches
        counts[count] = queries(client, url)
        page = client.get(url).content.decode()
        assert f"署名：{article.photos.get(order=count - 1).credit_line}" in page  # the list names each credit
    assert counts[3] == counts[40] == ARTICLE_CHANGE_QUERIES, counts


def test_the_home_page_does_not_grow_with_its_columns(client, demo, settings):
    from newsroom.models import Column

    settings.PAGE_CACHE_SECONDS = 0
    portal = Portal.objects.default()
    before = cold(client)["/"]
    for i in range(20):
        column = Column.objects.create(portal=portal, name=f"新栏目{i}", slug=f"new-{i}", order=100 + i)
        add_articles(1, column_slug=column.slug, first=100 + i)
    html = client.get("/").content.decode()
    assert "新栏目19" in html and "社区新闻第119号" in html
    assert cold(client)["/"] == before == COLD["/"]


def test_after_a_publish_the_home_page_queries_only_the_changed_column(client, demo, roles, settings):
    from newsroom import workflow
    from tests.test_page_cache import ready_to_publish

    settings.PAGE_CACHE_SECONDS = 0
    article = ready_to_publish(roles)
    client.get("/")
    assert queries(client, "/") == 0
    workflow.publish(article, roles["chief"])
    # When the next scheduled change is (the publish may have scheduled one), the portal's lists
    # (6, and the 辖区 of 社区风采) and the 党建工作 block (with the other portals' stories the
    # columns carry); the other columns' blocks and the chrome stay.
    with CaptureQueriesContext(connection) as run:
        html = client.get("/").content.decode()
    assert len(run) == 10 and "fresh-story" in html
