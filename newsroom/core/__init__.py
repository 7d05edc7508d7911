"""Linli's foundation: what every app of the project stands on, and which imports none of them.

What "public" means and portal scoping (``publishing``), the seam every reader-facing change
passes (``content``), the audit base with its one ``log()`` (``audit``), the action base every
write path uses (``actions``), rich text and text utilities, private storage, the page cache,
the middlewares, reader preferences, health, lock-out, the cache backend and the admin's base
classes. ``newsroom``'s apps and ``communities`` import this; it imports no app of the project
(tests/test_architecture.py).
"""
