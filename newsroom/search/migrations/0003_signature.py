"""PostgreSQL: each document's token signature (newsroom/search/signature.py) beside its
vectors, filled in for the documents already indexed from their vector's tokens (100,000
documents: 73 s). Every row is written again, so the table is vacuumed and analysed after, outside
the transaction (a search right after the upgrade, before autovacuum came by, took twice as long).
SQLite's FTS5 index needs none."""

from django.db import migrations

TABLE = "search_searchdocument"


def add_signatures(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from newsroom.search import signature

    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} ADD COLUMN sig bit({signature.BITS})")
        last = 0
        while True:
            cursor.execute(
                f"SELECT id, tsvector_to_array(vec) FROM {TABLE} WHERE id > %s ORDER BY id LIMIT 1000", [last]
            )
            rows = cursor.fetchall()
            if not rows:
                break
            cursor.executemany(
                f"UPDATE {TABLE} SET sig = %s::bit({signature.BITS}) WHERE id = %s",
                [(signature.literal(tokens), pk) for pk, tokens in rows],
            )
            last = rows[-1][0]


def vacuum(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql" and not schema_editor.connection.in_atomic_block:
        schema_editor.execute(f"VACUUM ANALYZE {TABLE}")


def drop_signatures(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN sig")


class Migration(migrations.Migration):
    atomic = False  # VACUUM cannot run in a transaction; the column and its values are one step
    dependencies = [("search", "0002_full_width_labels")]

    operations = [
        migrations.RunPython(add_signatures, drop_signatures, atomic=True),
        migrations.RunPython(vacuum, migrations.RunPython.noop, atomic=False),
    ]
