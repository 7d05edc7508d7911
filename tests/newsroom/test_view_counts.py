"""Concurrent readers: no page view is lost. Each article page reports its view with a POST
to /views/<id>/ (static/js/reader.js), so views are counted whoever served the page."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from newsroom.models import Article

SLUG = "hohhot-yuquan-grassroots-party-building"
READERS, VIEWS_EACH = 8, 5


def read_repeatedly(url):
    client = Client()
    try:
        return [client.post(url).status_code for _ in range(VIEWS_EACH)]
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_concurrent_views_are_all_counted(demo):
    url = f"/views/{Article.objects.get(slug=SLUG).pk}/"
    with ThreadPoolExecutor(max_workers=READERS) as pool:
        statuses = [s for batch in pool.map(read_repeatedly, [url] * READERS) for s in batch]
    assert statuses == [200] * READERS * VIEWS_EACH
    assert Article.objects.get(slug=SLUG).view_count == READERS * VIEWS_EACH
