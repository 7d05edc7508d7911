"""A document's token signature only ever rules rows out that cannot match: every token of the
document has its bit, and a query's bits are among a matching document's."""

import pytest
from django.db import connection

from newsroom.models import Portal
from newsroom.search import signature
from newsroom.search.backends import PostgresBackend
from newsroom.search.models import SearchDocument
from newsroom.search.text import index_tokens, parse


def _bits(literal):
    return int(literal[1:], 16)


def test_a_documents_signature_holds_each_of_its_tokens_and_a_matching_querys_bits():
    tokens = index_tokens("长沙市望城区高塘岭街道“六邻工作法”绘就“全龄友好”新蓝图 2012 Linli")
    document = _bits(signature.literal(tokens))
    assert len(signature.literal(tokens)) == 1 + signature.BITS // 4
    for token in tokens:
        assert document & _bits(signature.literal([token])) == _bits(signature.literal([token]))
    for raw in ("六邻工作法", "全龄友好 2012", "“高塘岭街道”", "linli"):
        query = _bits(signature.of_query(parse(raw)))
        assert document & query == query, raw
    assert document & _bits(signature.of_query(parse("南侨机工"))) != _bits(signature.of_query(parse("南侨机工")))
    # A one-character word is a prefix: no whole token, no bits to require.
    assert signature.of_query(parse("区")) is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="signatures are PostgreSQL's (FTS5 needs none)")
@pytest.mark.django_db
def test_a_document_indexed_before_signatures_is_still_found(demo):
    """A row without a signature (indexed before migration search 0003 filled them, or written
    by other code) is tested on its vector, as before."""
    documents = SearchDocument.objects.visible(Portal.objects.default())
    engine = PostgresBackend()
    query = parse("六邻工作法")
    found = engine.ranked(documents, query, 1000)
    assert found
    with connection.cursor() as cursor:
        cursor.execute("UPDATE search_searchdocument SET sig = NULL")
    assert engine.ranked(documents, query, 1000) == found
