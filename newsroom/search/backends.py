"""Full-text matching on SQLite (FTS5) and PostgreSQL (tsvector + GIN), one interface.

Both backends store the token stream made by ``text.index_tokens`` (Han bigrams plus a
run-final unigram, whole Latin words) and never let the database parse Chinese itself:

- SQLite keeps the tokens, space-separated, in the FTS5 table ``newsroom_search_fts``
  (``unicode61`` only splits on the spaces) whose rowid is the ``SearchDocument`` id.
- PostgreSQL keeps them in two ``tsvector`` columns of ``newsroom_searchdocument`` written as
  literals with explicit positions (``'社区':1 '区服':2``), so no text-search configuration,
  locale or extension is involved; GIN indexes serve ``@@``.

Queries are built from parsed tokens only (see ``text.parse``), each one quoted, so nothing a
reader types can reach FTS5 or tsquery syntax.
"""

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.db.models.expressions import RawSQL

FTS_TABLE = "newsroom_search_fts"
DOC_TABLE = "newsroom_searchdocument"
MAX_POSITION = 16383  # PostgreSQL's largest tsvector position


class SQLiteBackend:
    name = "SQLite FTS5"

    def write(self, rows):
        """rows: iterable of (doc_id, title_tokens, body_tokens)."""
        rows = [(pk, " ".join(title), " ".join(body)) for pk, title, body in rows]
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(r[0],) for r in rows])
            cursor.executemany(f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)", rows)

    def delete(self, ids):
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in ids])

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")

    def optimise(self):
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('optimize')")

    def size_bytes(self):
        with connection.cursor() as cursor:
            try:
                cursor.execute(
                    "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE %s OR name LIKE %s",
                    [f"{FTS_TABLE}%", "newsroom_searchdocument%"],
                )
                return cursor.fetchone()[0] or 0
            except Exception:  # dbstat is a compile-time option of SQLite
                return None

    @staticmethod
    def _expression(query):
        parts = []
        for part in query.parts:
            phrase = '"' + " ".join(part.tokens) + '"'
            parts.append(phrase + "*" if part.prefix else phrase)
        return " AND ".join(parts)

    def filter(self, queryset, query):
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        return queryset.filter(id__in=RawSQL(sql, [self._expression(query)]))

    def annotate_title_hit(self, queryset, query):
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        expression = "{title} : (" + self._expression(query) + ")"
        return queryset.annotate(
            title_hit=ExpressionWrapper(Q(id__in=RawSQL(sql, [expression])), output_field=BooleanField())
        )


class PostgresBackend:
    name = "PostgreSQL tsvector/GIN"

    @staticmethod
    def _vector(streams):
        """A tsvector literal from token streams; each stream starts after a gap so that
        phrases never run from one field into the next."""
        positions, offset = {}, 0
        for stream in streams:
            for i, token in enumerate(stream, start=offset + 1):
                positions.setdefault(token, []).append(min(i, MAX_POSITION))
            offset += len(stream) + 10
        return " ".join(
            f"'{token}':{','.join(map(str, sorted(set(p))[:256]))}" for token, p in positions.items()
        )

    def write(self, rows):
        params = [(self._vector([title, body]), self._vector([title]), pk) for pk, title, body in rows]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {DOC_TABLE} SET vec = %s::tsvector, title_vec = %s::tsvector WHERE id = %s", params
            )

    def delete(self, ids):
        """The vectors live on the document row and go with it."""

    def clear(self):
        """As for delete."""

    def optimise(self):
        if connection.in_atomic_block:  # VACUUM cannot run inside a transaction
            return
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {DOC_TABLE}")

    def size_bytes(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size(%s)", [DOC_TABLE])
            return cursor.fetchone()[0]

    @staticmethod
    def _tsquery(query):
        parts = []
        for part in query.parts:
            if part.prefix:
                parts.append(f"'{part.tokens[0]}':*")
            else:
                parts.append("(" + " <-> ".join(f"'{t}'" for t in part.tokens) + ")")
        return " & ".join(parts)

    def filter(self, queryset, query):
        return queryset.filter(
            RawSQL(f"{DOC_TABLE}.vec @@ %s::tsquery", [self._tsquery(query)], output_field=BooleanField())
        )

    def annotate_title_hit(self, queryset, query):
        return queryset.annotate(
            title_hit=RawSQL(f"{DOC_TABLE}.title_vec @@ %s::tsquery", [self._tsquery(query)],
                             output_field=BooleanField())
        )


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SQLiteBackend()
