"""Whatever path a backend takes to its matches (PostgreSQL walks the newest rows while matches
are dense and asks GIN for the rest), a page of k results is the first k of all matches."""

import pytest
from django.db import connection

from newsroom.models import Portal
from newsroom.search.backends import PostgresBackend, backend, forget_element_stats
from newsroom.search.models import SearchDocument
from newsroom.search.text import parse
from tests.factories import add_articles

pytestmark = pytest.mark.django_db

QUERIES = ["社区", "邻里互助", "区", "南侨机工", "社区 党组织", "“邻里互助”", "2012", "不存在的词语"]


@pytest.mark.parametrize(
    "chunk, budget, signature",
    [(2000, 8000, True), (2000, 8000, False), (3, 8000, True), (3, 7, True), (3, 0, True)],
    ids=["defaults", "without-signatures", "small-chunks", "walk-then-gin", "gin-only"],
)
def test_every_path_gives_the_same_matches_newest_first(demo, monkeypatch, chunk, budget, signature):
    monkeypatch.setattr(PostgresBackend, "WALK_CHUNK", chunk)
    monkeypatch.setattr(PostgresBackend, "WALK_BUDGET", budget)
    monkeypatch.setattr(PostgresBackend, "SIGNATURE", signature)
    add_articles(12)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # element statistics, as autovacuum keeps them
            cursor.execute("ANALYZE search_searchdocument")
        forget_element_stats()
    documents = SearchDocument.objects.visible(Portal.objects.default())
    engine = backend()
    newest_first = list(documents.order_by("-rank").values_list("id", flat=True))
    for raw in QUERIES:
        query = parse(raw)
        every = engine.ranked(documents, query, 1000)
        assert every == [pk for pk in newest_first if pk in set(every)], raw
        for limit in (1, 5, 13):
            assert engine.ranked(documents, query, limit) == every[:limit], (raw, limit)
        titles = engine.ranked(documents, query, 1000, title_only=True)
        assert set(titles) <= set(every), raw
        # Both lists from one walk, whatever the limits: the title matches older than the last
        # match read are looked up on their own.
        for limit, title_limit in ((1000, 1000), (2, 5), (5, 2), (1, 13)):
            assert engine.ranked_with_titles(documents, query, limit, title_limit) == (
                every[:limit],
                titles[:title_limit],
            ), (raw, limit, title_limit)
        kinds = ["community", "honour", "facility"]
        for limit in (1, 2, 1000):
            assert engine.by_kind(documents, query, kinds, limit) == {
                kind: engine.ranked(documents, query, limit, kind=kind) for kind in kinds
            }, (raw, limit)
    assert len(engine.ranked(documents, parse("社区"), 1000)) > 13
    assert engine.ranked(documents, parse("不存在的词语"), 1000) == []
