"""Sessions in the database, kept only for people who log in or verify.

Django's database store writes a row for any request whose cookie names a session, even a
made-up one: ``SESSION_SAVE_EVERY_REQUEST`` (the admin's two idle hours) saves it, the lookup
finds nothing, and the save creates a fresh empty row. Here a session with nothing in it is
empty: the middleware then saves nothing and deletes the reader's cookie. ``clearsessions``
in the daily cron (docs/operations.md) removes the rows that expired.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseStore


class SessionStore(DatabaseStore):
    def is_empty(self):
        if super().is_empty():
            return True
        return not self._get_session()  # loads once; a key that names no row loads nothing
