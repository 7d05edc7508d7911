"""Every element the five source portals show their readers is on the demo's article pages, each
as served by the district portal dressed as its source (tests/elements/audit.py lists them and how
each is found)."""

import pytest

from newsroom.models import Portal
from tests.elements.audit import ELEMENTS, audit, client_getter

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def rows(django_db_setup, django_db_blocker):
    from django.test import Client, override_settings

    # As `make run` serves it: DEBUG, whose console verifier lets 武侯区 show its comments.
    with django_db_blocker.unblock(), override_settings(DEBUG=True):
        return audit(client_getter(Client()))


def test_every_source_element_is_on_its_article_page(rows):
    missing = [(seed, name) for seed, name, status in rows if status == "missing"]
    assert missing == []
    assert len(rows) == sum(len(elements) for elements in ELEMENTS.values())


def test_only_documented_elements_are_left_out(rows):
    left_out = sorted((seed, name, status) for seed, name, status in rows if status != "present")
    assert left_out == [
        ("004", "加入收藏", "obsolete"),  # no browser lets a page do either any more (README)
        ("004", "投稿邮箱", "omitted"),
        ("004", "设为首页", "obsolete"),
    ]


def test_a_portal_with_a_submission_address_prints_it(client):
    portal = Portal.objects.default()
    portal.submission_email = "tougao@yqnews.cn"
    portal.save()
    assert '投稿邮箱：<a href="mailto:tougao@yqnews.cn">' in client.get("/").content.decode()
