"""Full-text matching on SQLite (FTS5) and PostgreSQL (tsvector + GIN), one interface.

Both backends store the token stream made by ``text.index_tokens`` (Han bigrams plus a
run-final unigram, whole Latin words) and never let the database parse Chinese itself:

- SQLite keeps the tokens, space-separated, in the FTS5 table ``search_fts``
  (``unicode61`` only splits on the spaces). Its rowid is the document's ``rank`` (newer is
  larger), so FTS5 hands out matches newest first and a page needs only the first few
  hundred of them, however common the word. A ``kind`` column makes per-type counts an
  intersection inside FTS5.
- PostgreSQL keeps them in two ``tsvector`` columns of ``search_searchdocument`` written as
  literals with explicit positions (``'社区':1 '区服':2``), so no text-search configuration,
  locale or extension is involved; GIN indexes serve ``@@`` and the unique ``rank`` index
  serves the order.

Queries are built from parsed tokens only (see ``text.parse``), each one quoted, so nothing a
reader types can reach FTS5 or tsquery syntax.

Interface: ``write(rows)``, ``delete(ranks)``, ``clear()``, ``optimise()``, ``size_bytes()`` and
``ranked(documents, query, limit, title_only=False, kind=None)``, which returns the ids of at
most ``limit`` documents of the queryset ``documents`` matching ``query``, newest first, and
``by_kind(documents, query, kinds, limit)``, the same for each of several kinds at once.
"""

import time

from django.db import connection, transaction
from django.db.models import BooleanField, Value
from django.db.models.expressions import RawSQL

from . import signature

FTS_TABLE = "search_fts"
DOC_TABLE = "search_searchdocument"
MAX_POSITION = 16383  # PostgreSQL's largest tsvector position


class Backend:
    def ranked_with_titles(self, documents, query, limit, title_limit):
        """(at most ``limit`` matches, at most ``title_limit`` title matches), newest first."""
        return self.ranked(documents, query, limit), self.ranked(documents, query, title_limit, title_only=True)

    def by_kind(self, documents, query, kinds, limit):
        """{kind: ids of at most ``limit`` of its matches, newest first} for each kind."""
        return {kind: self.ranked(documents, query, limit, kind=kind) for kind in kinds}


class SQLiteBackend(Backend):
    name = "SQLite FTS5"

    def write(self, rows):
        """rows: iterable of (rank, kind, title_tokens, body_tokens)."""
        rows = [(rank, " ".join(title), " ".join(body), kind) for rank, kind, title, body in rows]
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(r[0],) for r in rows])
            cursor.executemany(f"INSERT INTO {FTS_TABLE} (rowid, title, body, kind) VALUES (%s, %s, %s, %s)", rows)

    def delete(self, ranks):
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(r,) for r in ranks])

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")

    def optimise(self):
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('optimize')")

    def size_bytes(self):
        with connection.cursor() as cursor:
            try:
                cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE %s", [f"{FTS_TABLE}%"])
                fts = cursor.fetchone()[0] or 0
                cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE %s", ["%searchdocument%"])
                return fts + (cursor.fetchone()[0] or 0)
            except Exception:  # dbstat is a compile-time option of SQLite
                return None

    @staticmethod
    def expression(query, title_only=False, kind=None):
        parts = []
        for part in query.parts:
            phrase = '"' + " ".join(part.tokens) + '"'
            parts.append(phrase + "*" if part.prefix else phrase)
        text = " AND ".join(parts)
        text = ("{title} : (" if title_only else "{title body} : (") + text + ")"
        if kind:
            text = f'{{kind}} : "{kind}" AND ({text})'
        return text

    def ranked(self, documents, query, limit, title_only=False, kind=None):
        """Walk FTS5 matches newest first, a chunk at a time, keeping those in ``documents``."""
        expression = self.expression(query, title_only, kind)
        found, below = [], None
        chunk = min(limit + 1, 2000)  # one round trip when no filter drops rows
        with connection.cursor() as cursor:
            while len(found) < limit:
                bound = "" if below is None else f" AND rowid < {int(below)}"
                cursor.execute(
                    f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s{bound} "
                    f"ORDER BY rowid DESC LIMIT {chunk}",
                    [expression],
                )
                ranks = [row[0] for row in cursor.fetchall()]
                if not ranks:
                    break
                kept = dict(documents.filter(rank__in=ranks).values_list("rank", "id"))
                found += [kept[r] for r in ranks if r in kept]
                if len(ranks) < chunk:
                    break
                below = ranks[-1]
        return found[:limit]


class PostgresBackend(Backend):
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
        return " ".join(f"'{token}':{','.join(map(str, sorted(set(p))[:256]))}" for token, p in positions.items())

    def write(self, rows):
        params = [
            (self._vector([title, body]), self._vector([title]), signature.literal(title + body), rank)
            for rank, _, title, body in rows
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {DOC_TABLE} SET vec = %s::tsvector, title_vec = %s::tsvector, "
                f"sig = %s::bit({signature.BITS}) WHERE rank = %s",
                params,
            )

    def delete(self, ranks):
        """The vectors live on the document row and go with it."""

    def clear(self):
        """As for delete."""

    def optimise(self):
        if connection.in_atomic_block:  # VACUUM cannot run inside a transaction
            return
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {DOC_TABLE}")
        forget_element_stats()

    def size_bytes(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size(%s)", [DOC_TABLE])
            return cursor.fetchone()[0]

    @staticmethod
    def tsquery(query):
        parts = []
        for part in query.parts:
            if part.prefix:
                parts.append(f"'{part.tokens[0]}':*")
            else:
                parts.append("(" + " <-> ".join(f"'{t}'" for t in part.tokens) + ")")
        return " & ".join(parts)

    # The newest rows are read in chunks through the ``rank`` index and tested one by one while
    # matches are dense (common words: a page needs only the first ~1000 rows); when they are
    # sparse the GIN index finds the rest. Measured on 10,000 articles: testing ``@@`` costs
    # about 5 µs a row, and a GIN bitmap over every match of a common word, or the re-check of a
    # phrase on every candidate row, cost 30-60 ms.
    WALK_CHUNK = 2000
    WALK_BUDGET = 8000  # rows tested through the rank index before GIN takes over
    SIGNATURE = True  # test the row's token signature before its body vector (signature.py)

    @staticmethod
    def _share(cursor, column, query):
        """The share of all documents that match, estimated from the column's element
        statistics (``pg_stats``, kept by ANALYZE; nothing is read from the table). A phrase
        is as common as its rarest bigram, since the bigrams of one word come together; the
        planner's own estimate multiplies them and takes common words for rare ones."""
        row = _element_stats(cursor, column)
        if not row or not row[0]:
            return 1.0  # never analysed: walking the newest rows is the safe choice
        freqs = dict(zip(row[0], row[1]))
        floor = row[1][len(row[0])] / 2  # below the least common element that made the list
        share = 1.0
        for part in query.parts:
            if part.prefix:
                share *= max([f for token, f in freqs.items() if token.startswith(part.tokens[0])], default=floor)
            else:
                share *= min(freqs.get(token, floor) for token in part.tokens)
        return max(share, 1e-9)

    def ranked(self, documents, query, limit, title_only=False, kind=None):
        return [pk for pk, _, _ in self._matches(documents, query, limit, title_only, kind)]

    def ranked_with_titles(self, documents, query, limit, title_limit):
        """One walk for both lists: testing the title (a small vector kept in the row) costs
        little beside the body's (read from TOAST), so each row read answers both, and only
        title matches older than the last match read need a second look."""
        rows = self._matches(documents, query, limit, titles=True)
        every = [pk for pk, _, _ in rows]
        titles = [pk for pk, _, in_title in rows if in_title][:title_limit]
        if len(rows) == limit and len(titles) < title_limit:
            older = documents.filter(rank__lt=rows[-1][1])
            titles += self.ranked(older, query, title_limit - len(titles), title_only=True)
        return every, titles

    def _matches(self, documents, query, limit, title_only=False, kind=None, titles=False):
        """(id, rank, whether the title matches too) of at most ``limit`` matches, newest first;
        the title flag is only worked out when ``titles`` is asked for."""
        column = "title_vec" if title_only else "vec"
        tsquery = self.tsquery(query)
        match = RawSQL(f"{DOC_TABLE}.{column} @@ %s::tsquery", [tsquery], output_field=BooleanField())
        bits = signature.of_query(query) if self.SIGNATURE and column == "vec" else None
        # In the walk, a row whose signature lacks a query token is not a match and its vector
        # (in TOAST) is not read; CASE keeps that order. GIN needs the plain ``@@``.
        walk_match = (
            RawSQL(
                f"CASE WHEN {DOC_TABLE}.sig IS NULL OR ({DOC_TABLE}.sig & %s::bit({signature.BITS})) = "
                f"%s::bit({signature.BITS}) THEN {DOC_TABLE}.vec @@ %s::tsquery ELSE false END",
                [bits, bits, tsquery],
                output_field=BooleanField(),
            )
            if bits
            else match
        )
        in_title = (
            RawSQL(f"{DOC_TABLE}.title_vec @@ %s::tsquery", [tsquery], output_field=BooleanField())
            if titles
            else Value(title_only)
        )
        if kind:
            documents = documents.filter(kind=kind)
        documents = documents.annotate(in_title=in_title)
        with transaction.atomic(), connection.cursor() as cursor:
            # The planner cannot see what ``@@`` on a toasted tsvector costs, and it misjudges how
            # many rows are visible, so it would read and test every row: the plan is set here.
            # Its cost estimates then pass ``jit_above_cost``, and compiling the walk's
            # expressions took 8 of a chunk's 10 ms (EXPLAIN ANALYZE, 100,000 documents).
            _set_local(cursor, jit="off", enable_seqscan="off", enable_bitmapscan="off", enable_sort="off")
            found, below, examined = [], None, 0
            chunk = min(self.WALK_CHUNK, limit + limit // 8 + 1)
            # Kinds other than articles are a few hundred rows at most, and a rare word is
            # cheaper through GIN: both go straight there.
            walk = kind in (None, "article") and limit / self._share(cursor, column, query) <= self.WALK_BUDGET
            while walk and len(found) < limit:
                window = documents if below is None else documents.filter(rank__lt=below)
                rows, read, last = self._chunk(cursor, window.annotate(matched=walk_match), chunk)
                found += rows
                examined += read
                if read < chunk:
                    return found[:limit]
                below = last
                needed = (limit - len(found)) * examined / max(len(found), 1)
                if examined + needed > self.WALK_BUDGET:
                    break
                chunk = min(self.WALK_CHUNK, max(100, int(needed * 1.2) + 1))
            if len(found) >= limit:
                return found[:limit]
            rest = documents.filter(match)
            if below is not None:
                rest = rest.filter(rank__lt=below)
            _set_local(cursor, enable_bitmapscan="on", enable_sort="on")
            found += rest.order_by("-rank").values_list("id", "rank", "in_title")[: limit - len(found)]
        return found

    @staticmethod
    def _chunk(cursor, window, size):
        """The matches among the ``size`` newest rows of ``window`` (annotated ``in_title`` and
        ``matched``) as (id, rank, in_title), how many rows were read and the last one's rank.
        Only the matches and one summary row come back, not every row tested."""
        rows = window.order_by("-rank").values_list("id", "rank", "in_title", "matched")[:size]
        sql, params = rows.query.get_compiler(using=rows.db).as_sql()
        cursor.execute(
            f"WITH w (id, rank, in_title, matched) AS MATERIALIZED ({sql}) "
            "SELECT id, rank, in_title, NULL::bigint FROM w WHERE matched "
            "UNION ALL SELECT NULL, MIN(rank), NULL, COUNT(*) FROM w",
            params,
        )
        rows = cursor.fetchall()
        read, last = next((row[3], row[1]) for row in rows if row[0] is None)
        found = sorted((row[:3] for row in rows if row[0] is not None), key=lambda row: -row[1])
        return found, read, last

    def by_kind(self, documents, query, kinds, limit):
        """The kinds other than articles are a few hundred rows each: one query through GIN
        answers for all of them. Only if that many rows come back (a kind might have more than
        ``limit``) is each kind asked on its own."""
        if "article" in kinds:
            return super().by_kind(documents, query, kinds, limit)
        wanted = limit * len(kinds)
        match = RawSQL(f"{DOC_TABLE}.vec @@ %s::tsquery", [self.tsquery(query)], output_field=BooleanField())
        with transaction.atomic(), connection.cursor() as cursor:
            _set_local(cursor, jit="off", enable_seqscan="off")
            rows = list(
                documents.filter(kind__in=kinds).filter(match).order_by("-rank").values_list("id", "kind")[:wanted]
            )
        if len(rows) == wanted:
            return super().by_kind(documents, query, kinds, limit)
        found = {kind: [] for kind in kinds}
        for pk, kind in rows:
            found[kind].append(pk)
        return {kind: ids[:limit] for kind, ids in found.items()}


def _set_local(cursor, **values):
    """``SET LOCAL`` of each setting, in one round trip."""
    calls = ", ".join("set_config(%s, %s, true)" for _ in values)
    cursor.execute(f"SELECT {calls}", [part for item in values.items() for part in item])


STATS_SECONDS = 300
_stats = {}


def _element_stats(cursor, column):
    """The column's most common elements and their frequencies (``pg_stats``), read at most
    once every ``STATS_SECONDS`` per process: they change when ANALYZE runs, and only steer the
    choice between walking and the GIN index."""
    now = time.monotonic()
    key = (connection.settings_dict["NAME"], column)
    cached = _stats.get(key)
    if cached is None or now - cached[0] > STATS_SECONDS:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE tablename = %s AND attname = %s",
            [DOC_TABLE, column],
        )
        cached = _stats[key] = (now, cursor.fetchone())
    return cached[1]


def forget_element_stats():
    """After an ANALYZE: the next query reads the new statistics."""
    _stats.clear()


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SQLiteBackend()
