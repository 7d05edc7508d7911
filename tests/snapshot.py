"""The session's demo database, saved once and put back for each test on a transactional database.

Tests that run in a rolled-back transaction see the demo as ``django_db_setup`` built it. Tests
on a transactional database (live server, migrations) find the database emptied by the test
before them; instead of building the demo again (``load_demo``, seconds each), they get the
saved copy back:

- SQLite: the database file is copied page by page into memory once (the ``backup`` API) and
  back into the test database before each such test;
- PostgreSQL: every table is copied once into a schema of its own (``demo_snapshot``) and its
  rows put back (foreign keys checked once the rows are all there, sequences set where they
  were).

The uploads the demo wrote are not part of this: every test starts from a copy of them
(``test_settings`` in conftest.py).
"""

import sqlite3

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

SCHEMA = "demo_snapshot"


class DemoSnapshot:
    def __init__(self):
        self.sqlite = None
        self.tables = {}  # PostgreSQL: table -> the columns that take values (not generated ones)
        self.sequences = []  # PostgreSQL: (sequence, last value or None)

    def take(self):
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self.sqlite = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self.sqlite)
            return
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
            cursor.execute(f"CREATE SCHEMA {SCHEMA}")
            cursor.execute(
                "SELECT table_name, column_name FROM information_schema.columns"
                " JOIN information_schema.tables USING (table_schema, table_name)"
                " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND is_generated = 'NEVER'"
                " ORDER BY table_name, ordinal_position"
            )
            for table, column in cursor.fetchall():
                self.tables.setdefault(table, []).append(column)
            for table in self.tables:
                cursor.execute(f'CREATE TABLE {SCHEMA}."{table}" AS TABLE public."{table}"')
            cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
            self.sequences = cursor.fetchall()

    def restore(self):
        connection.ensure_connection()
        if self.sqlite is not None:
            self.sqlite.backup(connection.connection)
        else:
            self._restore_postgresql()
        ContentType.objects.clear_cache()  # the flush before made content types anew

    def _restore_postgresql(self):
        quoted = ", ".join(f'public."{table}"' for table in self.tables)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's foreign keys: checked at commit
            cursor.execute(f"TRUNCATE {quoted}")
            for table, columns in self.tables.items():
                names = ", ".join(f'"{c}"' for c in columns)
                cursor.execute(
                    f'INSERT INTO public."{table}" ({names}) OVERRIDING SYSTEM VALUE'
                    f' SELECT {names} FROM {SCHEMA}."{table}"'
                )
            for sequence, last in self.sequences:
                if last is None:
                    cursor.execute("SELECT setval(%s, 1, false)", [f'public."{sequence}"'])
                else:
                    cursor.execute("SELECT setval(%s, %s)", [f'public."{sequence}"', last])

    def close(self):
        if self.sqlite is not None:
            self.sqlite.close()
        elif self.tables:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
