"""Grow the demo content in bulk, to show that page queries do not grow with it."""

from datetime import timedelta

from django.utils import timezone

from communities.models import Community
from newsroom.models import Article, BylineRole, Column, Credit, Person, Photo, Topic
from newsroom.search import index as search_index


def add_articles(count, column_slug="party-news", status=Article.Status.PUBLISHED, first=0, index=True):
    column = Column.objects.get(slug=column_slug)
    community = Community.objects.get(slug="zhongnan")
    topic = Topic.objects.get(slug="urban-party-building")
    reporter = Person.objects.get(name="张成")
    start = timezone.now() - timedelta(days=1)
    articles = Article.objects.bulk_create(
        Article(
            title=f"社区新闻第{i}号：邻里互助在身边",
            slug=f"bulk-{column_slug}-{i}",
            column=column,
            portal_id=column.portal_id,
            summary="社区党组织带领居民开展邻里互助。",
            body="<p>第一段。</p><p>第二段。</p>",
            status=status,
            is_live=status == Article.Status.PUBLISHED,
            live_from=start - timedelta(minutes=i),
            first_published_at=start - timedelta(minutes=i),
            is_recommended=i % 3 == 0,
            is_picture_news=i % 5 == 0,
        )
        for i in range(first, first + count)
    )
    Article.communities.through.objects.bulk_create(
        Article.communities.through(article_id=a.pk, community_id=community.pk) for a in articles
    )
    Article.topics.through.objects.bulk_create(
        Article.topics.through(article_id=a.pk, topic_id=topic.pk) for a in articles
    )
    role = BylineRole.objects.get(portal=column.portal, name="记者")
    Credit.objects.bulk_create(Credit(article=a, role=role, person=reporter) for a in articles)
    photos = Photo.objects.bulk_create(
        Photo(
            article=a,
            image="demo/bulk.jpg",
            width=1200,
            height=800,
            caption="社区活动",
            alt_text="居民参加活动",
            credit_kind="provided",
            body_position=1,
        )
        for a in articles
    )
    for article, photo in zip(articles, photos):
        article.cover = photo
    Article.objects.bulk_update(articles, ["cover"], batch_size=500)
    # bulk_create sends no signals: index them as the admin's saves would.
    if index:
        search_index.sync(search_index.Kind.ARTICLE, [a.pk for a in articles])
    return articles
