"""Staff can work when Redis is down: login, the admin, the takedown desk and the view report."""

import pytest
from django.core.cache import caches

from newsroom.models import Article, Portal
from tests.helpers import admin_login

pytestmark = pytest.mark.django_db
CLOSED_PORT = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": {"BACKEND": "newsroom.core.cache.RedisCache", "LOCATION": CLOSED_PORT}}
    settings.VIEW_COUNT_BUFFER = True
    settings.VIEW_COUNT_DEDUPE_SECONDS = 1800
    assert caches["default"].__class__.__name__ == "RedisCache"  # pytest-django resets the handler


def test_staff_log_in_and_work_while_the_cache_is_down(client, demo, redis_down):
    assert admin_login(client, "moderator", "linli-moderator-2026")
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/takedowns/takedownrequest/").status_code == 200
    editor = client.__class__()
    assert admin_login(editor, "editor", "linli-editor-2026")
    assert editor.get("/admin/newsroom/article/").status_code == 200


def test_readers_are_counted_and_served_while_the_cache_is_down(client, demo, redis_down):
    article = Article.objects.public(Portal.objects.default()).first()
    assert client.get(article.get_absolute_url()).status_code == 200
    before = article.view_count
    response = client.post(f"/views/{article.pk}/")
    assert response.status_code == 200 and response.json()["views"] == before + 1
    article.refresh_from_db()
    assert article.view_count == before + 1


def test_readers_comment_and_search_while_the_cache_is_down(demo, redis_down, settings):
    """A comment was a 500 with Redis down (its rate counter), the text lost; search too."""
    import re

    from django.test import Client

    from newsroom.comments.models import Comment, CommentSettings
    from newsroom.comments.verifiers import ConsoleVerifier
    from newsroom.models import Portal

    settings.DEBUG = True  # the console verifier
    portal = Portal.objects.default()
    CommentSettings.objects.create(portal=portal, enabled=True)
    article = Article.objects.public(portal).order_by("-first_published_at").first()
    reader = Client()
    reader.post("/comments/verify/", {"step": "send", "number": "13812345678"})
    code = re.search(r"\d{6}", ConsoleVerifier.outbox[-1][1]).group()
    verified = reader.post(
        "/comments/verify/", {"step": "confirm", "number": "13812345678", "code": code, "name": "甲"}
    )
    assert verified.status_code == 302
    posted = reader.post(f"/comments/a/{article.slug}/post/", {"body": "缓存停机时的评论"})
    assert posted.status_code == 302 and Comment.objects.filter(body="缓存停机时的评论").exists()
    assert Client().get("/search/", {"q": "社区"}).status_code == 200
