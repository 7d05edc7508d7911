"""The tests run with the settings CI gives them, whatever the shell exports.

With a production environment exported (``DEBUG=0``, ``HTTPS``, ``ALLOWED_HOSTS``, ``REDIS_URL``…)
admin and browser tests failed on HTTPS redirects and unknown hosts. pytest loads this plugin
before Django reads its settings (``-p tests.environment`` in ``pytest.ini``); it drops every
variable ``config/settings.py`` reads, except the choice of database (``KEPT``)."""

import os
import re
from pathlib import Path

KEPT = {"DATABASE_URL", "SQLITE_TEST_NAME"}
_READ = re.compile(r"""\b(?:env(?:bool|int|list)?|getenv|environ\.get)\(\s*["']([A-Z][A-Z0-9_]*)["']""")


def settings_variables():
    """The environment variables ``config/settings.py`` reads."""
    text = (Path(__file__).resolve().parents[1] / "config" / "settings.py").read_text(encoding="utf-8")
    return set(_READ.findall(text))


for _name in settings_variables() - KEPT:
    os.environ.pop(_name, None)
