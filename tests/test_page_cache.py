"""Anonymous pages come from the page cache, and every change a reader should see makes the
affected pages fresh at the next request: publishing, editing, unpublishing, scheduled
go-live and expiry, takedown measures and community edits. Personal choices never leak."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from communities.models import Community
from newsroom import workflow
from newsroom.models import Article
from newsroom.previews import preview_token
from newsroom.takedowns import actions
from tests.helpers import new_draft, publish_new_title, user_in
from tests.takedowns.helpers import file_notice

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home_geography")]
SHANGHAI = ZoneInfo("Asia/Shanghai")
YUQUAN = "hohhot-yuquan-grassroots-party-building"
YUQUAN_TITLE = "让基层党建在服务群众中更加接地气"
# Where an article of the 党建 column about 观音庙 community, in the urban party-building topic, shows.
LISTS = [
    "/",
    "/column/party/",
    "/column/party-news/",
    "/communities/guanyinmiao/",
    "/topic/urban-party-building/",
    "/rss/",
    "/column/party-news/rss/",
    "/sitemap.xml",
]


@pytest.fixture(autouse=True)
def every_list(monkeypatch):
    """Every list an article page can show (相关文章 and each side list of every theme), so that
    each is checked against the cache."""
    from newsroom import views

    every = ("headlines", "picture_news", "columns", "topics", "recommended", "latest")
    monkeypatch.setitem(views.THEME_LISTS, "", {"side": every, "related": True})


def cached(urls):
    """A reader's client with these pages in the cache (the second request is a hit)."""
    reader = Client()
    for url in urls:
        reader.get(url)
        response = reader.get(url)
        assert response.status_code == 200, url
        assert response["X-Page-Cache"] == "HIT", url
    return reader


def text(reader, url):
    return reader.get(url).content.decode()


def ready_to_publish(roles, slug="fresh-story", title="观音庙社区开展邻里节活动"):
    article = new_draft(roles["editor"], slug=slug, title=title)
    article.communities.add(Community.objects.get(slug="guanyinmiao"))
    article.topics.add(*Article.objects.get(slug=YUQUAN).topics.all())
    workflow.submit(article, roles["editor"])
    for role in ("first", "second", "chief"):
        workflow.approve(article, roles[role])
    return Article.objects.get(pk=article.pk)


def test_a_repeat_visit_is_a_hit_with_the_same_page(demo):
    reader = Client()
    first = reader.get("/")
    assert first["X-Page-Cache"] == "MISS"
    second = reader.get("/")
    assert second["X-Page-Cache"] == "HIT" and second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] and second["X-Frame-Options"] == first["X-Frame-Options"]


def test_publishing_shows_the_article_on_every_list_at_once(demo, roles):
    article = ready_to_publish(roles)
    neighbour = f"/article/{YUQUAN}/"  # same community and topics
    reader = cached(LISTS + [neighbour])
    assert "fresh-story" not in text(reader, neighbour)
    workflow.publish(article, roles["chief"])
    for url in LISTS:
        assert "fresh-story" in text(reader, url), url
    assert reader.get("/article/fresh-story/").status_code == 200
    # 相关文章 list what came before each article (as static 站群 systems do): the new story's
    # lists the older one; the older one's stays as it was, so its page need not be made again.
    related = text(reader, "/article/fresh-story/").split('id="h-related"')[1].split("</section>")[0]
    assert f"/article/{YUQUAN}/" in related
    related, latest = text(reader, neighbour).split('id="h-related"')[1].split('id="h-latest"')
    assert "/article/fresh-story/" not in related.split("</section>")[0]
    assert "/article/fresh-story/" in latest.split("</section>")[0]  # the side list has it


def test_a_backdated_publish_or_a_new_topic_reaches_the_related_lists_of_later_articles(demo, roles):
    later = f"/article/{YUQUAN}/"
    reader = cached([later])
    article = ready_to_publish(roles, slug="old-story", title="往年邻里节回顾")
    workflow.publish(article, roles["chief"])
    assert "/article/old-story/" not in text(reader, later).split('id="h-related"')[1].split("</section>")[0]
    # Dated before the later article (an import of a past story): now it comes before it.
    story = Article.objects.get(slug="old-story")
    story.first_published_at = Article.objects.get(slug=YUQUAN).first_published_at - timedelta(days=30)
    story.save()
    assert "/article/old-story/" in text(reader, later).split('id="h-related"')[1].split("</section>")[0]
    story.topics.clear()
    story.communities.clear()
    assert "/article/old-story/" not in text(reader, later).split('id="h-related"')[1].split("</section>")[0]


# Pages that do not show an article of the 党建新闻 column about 中南 community in the urban
# party-building topic: another column, topic, community, the directory, honours, a facility, a
# series, a page of the site.
ELSEWHERE = [
    "/column/department/",
    "/column/news/",
    "/communities/hengchang/",
    "/communities/gongheli/",
    "/communities/",
    "/communities/honours/",
    "/communities/facilities/tongxin-park/",
    "/pages/about/",
]


def other_articles():
    """Two older articles of another column, with no topic or community in common and not in
    any side list: of their pages, only the side lists (最新文章) change."""
    from tests.factories import add_articles

    add_articles(7, column_slug="government", first=801)  # newer: the side lists are full without them
    articles = add_articles(2, column_slug="culture", first=901)  # neither 推荐 nor 图片新闻
    for article in articles:
        article.topics.clear()
        article.communities.clear()
    Article.objects.filter(pk__in=[a.pk for a in articles]).update(
        first_published_at=datetime(2010, 1, 1, tzinfo=SHANGHAI)
    )
    return [a.get_absolute_url() for a in articles]


def test_a_publish_makes_stale_only_the_pages_that_show_it(demo, roles):
    article = ready_to_publish(roles)
    neighbour = f"/article/{YUQUAN}/"  # 上一篇 of the new one
    others = other_articles()
    reader = cached(LISTS + ELSEWHERE + others + [neighbour])
    workflow.publish(article, roles["chief"])
    for url in ELSEWHERE:
        assert reader.get(url)["X-Page-Cache"] == "HIT", url
    for url in LISTS:
        response = reader.get(url)
        assert response["X-Page-Cache"] == "MISS" and "fresh-story" in response.content.decode(), url
    assert "/article/fresh-story/" in text(reader, neighbour).split('class="prev-next"')[1].split("</nav>")[0]
    # The side lists are one part shared by every article page: the first article page read
    # after the publish makes it again, the others are served from the cache with the new part.
    first, second = (reader.get(url) for url in others)
    assert first["X-Page-Cache"] == "MISS" and second["X-Page-Cache"] == "HIT"
    for response in (first, second):
        latest = response.content.decode().split('id="h-latest"')[1].split("</section>")[0]
        assert "/article/fresh-story/" in latest
    assert second.content.count(b"<!DOCTYPE html>") == 1 and int(second["Content-Length"]) == len(second.content)


def test_a_draft_edit_makes_nothing_stale(demo, roles):
    article = new_draft(roles["editor"], slug="quiet-draft", title="尚在修改的稿件")
    reader = cached(LISTS + ELSEWHERE)
    article.title = "仍在修改的稿件"
    article.save()
    for url in LISTS + ELSEWHERE:
        assert reader.get(url)["X-Page-Cache"] == "HIT", url


def test_unlinking_a_community_from_a_live_article_changes_that_communitys_page(demo):
    reader = cached(["/communities/wanjin/", "/communities/gongheli/"])
    article = Article.objects.get(slug=YUQUAN)
    assert YUQUAN in text(reader, "/communities/wanjin/")
    article.communities.remove(Community.objects.get(slug="wanjin"))
    assert YUQUAN not in text(reader, "/communities/wanjin/")
    assert reader.get("/communities/gongheli/")["X-Page-Cache"] == "HIT"


def test_renaming_a_photographer_changes_the_articles_that_credit_them_and_nothing_else(demo):
    from newsroom.models import Person

    article = f"/article/{YUQUAN}/"  # 张聿修 摄 under its photos
    reader = cached([article, "/communities/", "/pages/about/"])
    person = Person.objects.get(name="张聿修")
    person.name = "张聿修（特约）"
    person.save()
    assert "张聿修（特约）" in text(reader, article)
    for url in ["/communities/", "/pages/about/"]:
        assert reader.get(url)["X-Page-Cache"] == "HIT", url
    Person.objects.create(name="新来的摄影记者")  # shows nowhere yet
    assert reader.get("/communities/")["X-Page-Cache"] == "HIT"


def test_editing_a_live_article_changes_every_page_that_shows_its_title(demo, roles):
    reader = cached(LISTS + [f"/article/{YUQUAN}/"])
    publish_new_title(YUQUAN, "基层党建接地气的玉泉样本", roles)
    for url in ["/", "/column/party/", "/rss/"]:
        page = text(reader, url)
        assert "基层党建接地气的玉泉样本" in page and YUQUAN_TITLE not in page, url
    assert "<title>基层党建接地气的玉泉样本" in text(reader, f"/article/{YUQUAN}/")


def test_unpublishing_removes_the_article_everywhere_at_once(demo, roles):
    related = "/article/quanmin-gongyi-projects/"  # shows it in 相关文章 and the side lists
    reader = cached(LISTS + [f"/article/{YUQUAN}/", related])
    assert YUQUAN in text(reader, related)
    workflow.unpublish(Article.objects.get(slug=YUQUAN), roles["chief"], "内容需核实")
    assert reader.get(f"/article/{YUQUAN}/").status_code == 404
    for url in ["/", "/column/party/", "/rss/", "/sitemap.xml", related]:
        assert YUQUAN not in text(reader, url), url


def test_scheduled_go_live_and_expiry_show_on_cached_pages_on_the_minute(demo, roles):
    now = datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)
    go_live, expiry = now + timedelta(hours=2), now + timedelta(hours=5)
    with time_machine.travel(now, tick=False):
        workflow.publish(ready_to_publish(roles), roles["chief"], at=go_live, expires_at=expiry)
        reader = cached(["/", "/column/party-news/", "/rss/"])
        assert "fresh-story" not in text(reader, "/")
    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        assert "fresh-story" not in text(reader, "/")
        assert reader.get("/")["X-Page-Cache"] == "HIT"
    with time_machine.travel(go_live, tick=False):
        for url in ["/", "/column/party-news/", "/rss/"]:
            assert "fresh-story" in text(reader, url), url
        cached(["/"])
    with time_machine.travel(expiry, tick=False):
        for url in ["/", "/column/party-news/", "/rss/"]:
            assert "fresh-story" not in text(reader, url), url
        assert reader.get("/article/fresh-story/").status_code == 404


def test_takedown_measures_take_effect_on_cached_pages_at_once(demo):
    moderator = user_in("版权审核", "test-moderator")
    request = file_notice(Client(), part="photo", photo_number="2")
    actions.start_review(request, moderator)
    actions.accept(request, moderator, "要件齐全")
    reader = cached([f"/article/{YUQUAN}/", "/"])
    measure = actions.apply_measure(request, moderator, "hide_photo", request.targets.get())
    assert "该图片因权利人通知已依法屏蔽" in text(reader, f"/article/{YUQUAN}/")
    cached([f"/article/{YUQUAN}/"])
    actions.revert_measure(measure, moderator, "误操作")
    assert "该图片因权利人通知已依法屏蔽" not in text(reader, f"/article/{YUQUAN}/")
    withdraw = actions.apply_measure(request, moderator, "withdraw_article", request.targets.get())
    assert withdraw.active
    assert reader.get(f"/article/{YUQUAN}/").status_code == 451
    assert YUQUAN not in text(reader, "/")


def test_community_edits_show_on_its_pages_at_once(demo):
    reader = cached(["/communities/", "/communities/zhongnan/"])
    community = Community.objects.get(slug="zhongnan")
    community.name = "中南社区(更名)"
    community.save()
    for url in ["/communities/", "/communities/zhongnan/"]:
        assert "中南社区(更名)" in text(reader, url), url


def test_the_column_filters_follow_topic_and_community_changes_and_nothing_else(demo, roles):
    """The community and topic lists in a column page's filter come from a block: a new topic
    or a renamed community shows at once, a publish in another column leaves the page cached."""
    from newsroom.models import Portal, Topic

    reader = cached(["/column/department/"])
    workflow.publish(ready_to_publish(roles), roles["chief"])
    assert reader.get("/column/department/")["X-Page-Cache"] == "HIT"
    Topic.objects.create(portal=Portal.objects.default(), title="新开专题：邻里守望", slug="watch", is_live=True)
    assert "新开专题：邻里守望" in text(reader, "/column/department/")
    community = Community.objects.get(slug="zhongnan")
    community.name = "中南社区（新名）"
    community.save()
    assert "中南社区（新名）" in text(reader, "/column/department/")


def test_an_article_page_follows_its_topics_and_neighbours(demo, roles):
    """The article's own parts (topics, 上一篇/下一篇…) are a block: a topic taken out of review
    leaves the page at once, and so does a new neighbour's arrival show."""
    article = Article.objects.get(slug=YUQUAN)
    topic = article.topics.first()
    url = article.get_absolute_url()
    reader = cached([url])
    assert topic.title in text(reader, url)
    topic.is_live = False
    topic.save()
    assert topic.get_absolute_url() not in text(reader, url)
    fresh = ready_to_publish(roles)
    newest = Article.objects.live().filter(column=fresh.column).order_by("-first_published_at").first()
    url = newest.get_absolute_url()
    reader = cached([url])
    workflow.publish(fresh, roles["chief"])
    page = text(reader, url)
    nav = page[page.index('class="prev-next"') : page.index("</nav>", page.index('class="prev-next"'))]
    assert f'下一篇：<a href="{fresh.get_absolute_url()}">{fresh.title}</a>' in nav


def test_a_column_pages_count_and_lists_follow_a_publish(demo, roles):
    """The column's article count and its pages of articles are blocks: a publish in the column
    shows in 共 N 条 and at the top of page 1 at once, and pushes the 20th article to page 2."""
    from tests.factories import add_articles

    fresh = ready_to_publish(roles)
    add_articles(25, column_slug=fresh.column.slug)
    url = fresh.column.get_absolute_url()
    shown = Article.objects.public(fresh.column.portal).filter(column=fresh.column).order_by("-first_published_at")
    twentieth = shown[19]
    reader = cached([url, f"{url}?page=2"])
    before = shown.count()
    assert f"共 {before} 条" in text(reader, url)
    assert twentieth.title in text(reader, url)
    workflow.publish(fresh, roles["chief"])
    page = text(reader, url)
    assert f"共 {before + 1} 条" in page
    assert fresh.title in page and twentieth.title not in page
    assert twentieth.title in text(reader, f"{url}?page=2")


def test_a_column_pages_list_block_is_shown_in_each_readers_script(demo):
    """The column's list is kept as HTML for every reader; each still reads it in their script."""
    url = Article.objects.get(slug=YUQUAN).column.get_absolute_url()
    simplified = Client()
    traditional = Client()
    traditional.cookies["linli_script"] = "hant"
    assert YUQUAN_TITLE in text(simplified, url)
    assert "讓基層黨建在服務群眾中更加接地氣" in text(traditional, url)
    assert YUQUAN_TITLE in text(simplified, f"{url}?page=1")


def test_script_and_care_mode_never_leak_between_readers(demo):
    url = f"/article/{YUQUAN}/"
    simplified = Client()
    traditional = Client()
    traditional.cookies["linli_script"] = "hant"
    care = Client()
    care.cookies["linli_care"] = "1"
    for _ in range(2):  # second round: all three from the cache
        assert "让基层党建在服务群众中更加接地气" in text(simplified, url)
        assert "讓基層黨建在服務群眾中更加接地氣" in text(traditional, url)
        assert '<body class="care">' in text(care, url)
        assert '<body class="care">' not in text(simplified, url)
    assert traditional.get(url)["X-Page-Cache"] == "HIT"


def test_staff_and_previews_bypass_the_cache(demo, roles):
    cached(["/"])
    staff = Client()
    staff.force_login(roles["editor"])
    response = staff.get("/")
    assert response.status_code == 200 and "X-Page-Cache" not in response
    article = new_draft(roles["editor"], slug="secret-draft", title="尚未发布的稿件")
    link = workflow.create_preview_link(article, roles["editor"])
    reader = Client()
    for _ in range(2):
        response = reader.get(f"/preview/{preview_token(link)}/")
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert "尚未发布的稿件" not in text(reader, "/")


def test_a_form_page_and_a_reader_with_a_session_are_never_cached(demo):
    reader = Client()
    for _ in range(2):
        assert "X-Page-Cache" not in reader.get("/takedown/new/")
    reader.cookies["sessionid"] = "not-a-real-session"
    assert "X-Page-Cache" not in reader.get("/")


def test_a_change_made_in_another_process_reaches_this_one_within_a_second(demo, monkeypatch):
    from django.core.cache import cache

    from newsroom.core import pagecache

    reader = cached(["/"])
    # Another worker edits and bumps the home page's tag; this process has not heard of it.
    Article.objects.filter(slug=YUQUAN).update(title="另一个进程改的标题")
    cache.incr(pagecache.tag_key(f"lists:{Article.objects.get(slug=YUQUAN).column.portal_id}"))
    assert "另一个进程改的标题" not in text(reader, "/")  # this worker's memory, for up to a second
    later = pagecache.time.monotonic() + 1.01
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: later)
    assert "另一个进程改的标题" in text(reader, "/")


def test_navigation_and_footer_follow_their_edits_at_once(demo):
    from newsroom.models import Column, Page

    reader = cached(["/", f"/article/{YUQUAN}/", "/communities/"])
    column = Column.objects.get(slug="party")
    column.name = "党建引领"
    column.save()
    footer = Page.objects.filter(in_footer=True).first()
    footer.title = "联系我们(新)"
    footer.save()
    for url in ["/", f"/article/{YUQUAN}/", "/communities/"]:
        page = text(reader, url)
        assert "党建引领" in page and "联系我们(新)" in page, url


def test_pages_are_served_while_the_cache_is_down(demo, monkeypatch):
    from django.core.cache import cache

    from newsroom import sharing

    def down(*args, **kwargs):
        raise ConnectionError("redis went away")

    for name in ("get", "set", "add", "get_or_set", "get_many", "set_many", "incr", "delete"):
        monkeypatch.setattr(cache, name, down)
    sharing.qr_svg.cache_clear()  # so the article page asks the cache for its QR code
    article = f"/article/{YUQUAN}/"
    for url in [article, *LISTS]:
        assert Client().get(url).status_code == 200, url
    assert b'aria-label="\xe6\x9c\xac\xe6\x96\x87' in Client().get(f"{article}qr.svg").content  # 本文二维码
