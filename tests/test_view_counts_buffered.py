"""点击数 counted in Redis and written to the database in batches: a view reported by the page
(POST /views/<id>/) reads the figure but writes nothing to the database."""

import uuid

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from newsroom import viewcounts
from newsroom.models import Article
from tests.helpers import TEST_REDIS_URL

pytestmark = pytest.mark.django_db
SLUG = "hohhot-yuquan-grassroots-party-building"


def views():
    return Article.objects.get(slug=SLUG).view_count


def view(reader):
    """What static/js/reader.js does after an article page loads."""
    response = reader.post(f"/views/{Article.objects.get(slug=SLUG).pk}/")
    assert response.status_code == 200
    return response.json()["views"]


@pytest.fixture
def redis(settings):
    """The machine's Redis as the cache, under a key prefix of this test's own."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": TEST_REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    settings.VIEW_COUNT_BUFFER = True
    settings.VIEW_COUNT_FLUSH_SECONDS = 3600  # flushes happen when the test says so
    client = viewcounts._redis()
    yield client
    for key in client.scan_iter(f"{settings.CACHES['default']['KEY_PREFIX']}:*"):
        client.delete(key)
    cache.close()


def test_views_count_without_a_database_write(demo, redis):
    reader = Client()
    before = views()
    assert view(reader) == before + 1  # first view: counted, and the first flush of the interval runs
    with CaptureQueriesContext(connection) as run:
        figures = [view(reader) for _ in range(9)]
    assert figures == list(range(before + 2, before + 11))  # readers see the live figure
    assert not [q for q in run if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert views() == before + 1
    assert viewcounts.pending(Article.objects.get(slug=SLUG).pk) == 9
    assert viewcounts.flush() == 9
    assert views() == before + 10


def test_a_page_from_the_cache_is_counted_through_its_report(demo, redis):
    reader = Client()
    url = f"/article/{SLUG}/"
    reader.get(url)
    assert reader.get(url)["X-Page-Cache"] == "HIT"
    before = views() + viewcounts.pending(Article.objects.get(slug=SLUG).pk)
    assert view(reader) == before + 1


def test_counts_survive_a_worker_restart_and_a_flush_that_died(demo, redis, monkeypatch):
    reader = Client()
    before = views()
    for _ in range(5):
        view(reader)
    # The worker that counted them is gone (its Redis connections with it); the counts are in
    # Redis, not in the worker.
    cache.close()
    pk = Article.objects.get(slug=SLUG).pk
    # A flush that dies after taking the batch and before writing it keeps the batch.
    redis.delete(viewcounts._key(viewcounts.FLUSH_DUE))
    original = Article.objects.filter

    def broken(*args, **kwargs):
        if "pk__in" in kwargs:
            raise ConnectionError("database went away")
        return original(*args, **kwargs)

    monkeypatch.setattr(Article.objects, "filter", broken)
    pending_before = viewcounts.pending(pk)
    with pytest.raises(ConnectionError):
        viewcounts.flush()
    monkeypatch.undo()
    redis.set(viewcounts._key(viewcounts.FLUSH_DUE), 1)  # inside the flush interval again
    view(reader)  # counted in the next batch while the failed one waits
    flushed = viewcounts.flush() + viewcounts.flush()
    assert flushed == pending_before + 1
    assert views() == before + 6
    assert viewcounts.flush() == 0


def test_the_flush_command_writes_what_is_pending(demo, redis):
    from io import StringIO

    from django.core.management import call_command

    reader = Client()
    before = views()
    for _ in range(3):
        view(reader)
    out = StringIO()
    call_command("flush_view_counts", stdout=out)
    assert views() == before + 3
    assert "已写入 2 次点击" in out.getvalue()  # the first view was flushed by its own request
