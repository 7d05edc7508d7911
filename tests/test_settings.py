"""Settings come from the environment and refuse an unsafe production start."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def import_settings(**env):
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DATABASE_URL")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.DATABASES['default']['ENGINE'], s.DEBUG)"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_it_refuses_to_start_without_debug_on_the_development_key():
    result = import_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_starts_without_debug_on_a_real_key():
    result = import_settings(DEBUG="0", SECRET_KEY="a-real-secret-key-from-the-environment")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "False"]


def test_database_url_selects_postgresql():
    result = import_settings(DATABASE_URL="postgres://postgres@127.0.0.1:5432/linli")
    assert result.stdout.split()[0] == "django.db.backends.postgresql"


def test_chinese_and_shanghai_time(settings):
    assert (settings.LANGUAGE_CODE, settings.TIME_ZONE, settings.USE_TZ) == ("zh-hans", "Asia/Shanghai", True)


def test_the_tests_ignore_the_settings_variables_the_shell_exports():
    """``DEBUG=0 HTTPS=1 … pytest`` tests what CI tests (tests/environment.py); only the choice
    of database passes through."""
    from tests.environment import KEPT, settings_variables

    read = settings_variables()
    assert {"DEBUG", "HTTPS", "ALLOWED_HOSTS", "REDIS_URL", "SECRET_KEY", "PAGE_CACHE_SECONDS"} <= read
    assert "DATABASE_URL" in KEPT  # read by dj-database-url
    assert [name for name in read - KEPT if name in os.environ] == []
