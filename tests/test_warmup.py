"""Warm-up after a change: with the portal's origin configured, the home page, the article and
its column are rendered again right after a publish commits, so the first reader's request is
a cache hit; without it (the default) nothing is warmed and that reader renders the page."""

import pytest
from django.test import Client

from newsroom import workflow
from newsroom.models import Article
from tests.test_page_cache import cached, ready_to_publish

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def pages(article):
    return ["/", article.get_absolute_url(), article.column.get_absolute_url()]


def publish(article, roles, capture):
    with capture(execute=True):
        workflow.publish(article, roles["chief"])
    return Article.objects.select_related("column").get(pk=article.pk)


def test_the_first_reader_after_a_publish_finds_its_pages_warm(
    demo, roles, settings, django_capture_on_commit_callbacks
):
    settings.TASKS, settings.PAGE_WARMUP_ORIGINS = IMMEDIATE, ["http://testserver"]
    article = ready_to_publish(roles)
    cached(["/", article.column.get_absolute_url()])
    published = publish(article, roles, django_capture_on_commit_callbacks)
    reader = Client()
    for url in pages(published):
        response = reader.get(url)
        assert response["X-Page-Cache"] == "HIT", url
        assert "观音庙社区开展邻里节活动" in response.content.decode(), url


def test_without_an_origin_nothing_is_warmed(demo, roles, settings, django_capture_on_commit_callbacks):
    settings.TASKS, settings.PAGE_WARMUP_ORIGINS = IMMEDIATE, []
    article = ready_to_publish(roles)
    published = publish(article, roles, django_capture_on_commit_callbacks)
    assert Client().get(published.get_absolute_url())["X-Page-Cache"] == "MISS"


def test_a_draft_edit_warms_nothing(demo, roles, settings, django_capture_on_commit_callbacks):
    settings.PAGE_WARMUP_ORIGINS = ["http://testserver"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend as backend

    article = ready_to_publish(roles)
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=article.pk).first().save()
    assert backend.results == []
