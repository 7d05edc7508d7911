"""Concurrent readers: no page view is lost."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from newsroom.models import Article

URL = "/article/hohhot-yuquan-grassroots-party-building/"
READERS, VIEWS_EACH = 8, 5


def read_repeatedly(_):
    client = Client()
    try:
        return [client.get(URL).status_code for _ in range(VIEWS_EACH)]
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_concurrent_views_are_all_counted(demo):
    with ThreadPoolExecutor(max_workers=READERS) as pool:
        statuses = [s for batch in pool.map(read_repeatedly, range(READERS)) for s in batch]
    assert statuses == [200] * READERS * VIEWS_EACH
    assert Article.objects.get(slug="hohhot-yuquan-grassroots-party-building").view_count == READERS * VIEWS_EACH
