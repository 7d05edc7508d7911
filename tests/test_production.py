"""Production mode: deploy checks, health endpoint, request log without personal data."""

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import TEST_REDIS_URL

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-0123456789",
    "ALLOWED_HOSTS": "news.example.gov.cn",
    "REDIS_URL": TEST_REDIS_URL,
}


def manage(*args, **env):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for themselves; a deployment never has it.
    unset = ("SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_check_deploy_leaves_only_the_two_hsts_choices_readme_explains():
    result = manage("check", "--deploy", "--fail-level", "ERROR", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(set(re.findall(r"\(([a-z_]+\.[EW]\d+)\)", result.stderr + result.stdout))) == [
        "security.W005",
        "security.W021",
    ]
    readme = (ROOT / "docs" / "operations.md").read_text()
    assert "security.W005" in readme and "security.W021" in readme


def test_production_uses_redis_for_cache_database_sessions_and_secure_cookies():
    code = (
        "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0,"
        " s.STORAGES['staticfiles']['BACKEND'])"
    )
    result = manage("shell", "-c", code, **PRODUCTION)
    assert result.stdout.split()[-6:] == [
        "newsroom.core.cache.RedisCache",
        "newsroom.core.sessions",
        "True",
        "True",
        "True",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ], result.stderr


def test_the_page_cache_is_on_only_where_every_worker_shares_it():
    code = (
        "from django.conf import settings as s; print(s.PAGE_CACHE_SECONDS, s.PAGE_CACHE_BLOCKS, s.VIEW_COUNT_BUFFER)"
    )
    assert manage("shell", "-c", code, **PRODUCTION).stdout.split()[-3:] == ["300", "True", "True"]
    without_redis = {**PRODUCTION, "REDIS_URL": ""}
    assert manage("shell", "-c", code, **without_redis).stdout.split()[-3:] == ["0", "False", "False"]


@pytest.mark.django_db
def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_cache_is_down(client, settings):
    from django.core.cache import caches

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    caches._settings = None
    try:
        del caches._connections.default  # drop the cached local-memory cache object
    except AttributeError:
        pass
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "ok" and response.json()["cache"].startswith("error")


@pytest.mark.django_db
def test_request_log_has_no_ip_query_string_or_user(client, caplog, demo):
    with caplog.at_level(logging.INFO, logger="linli.requests"):
        client.get("/search/", {"q": "张三的身份证"}, REMOTE_ADDR="203.0.113.9")
    lines = [r.getMessage() for r in caplog.records if r.name == "linli.requests"]
    assert lines == [lines[0]] and lines[0].startswith("GET /search/ 200 ")
    assert "203.0.113.9" not in lines[0] and "身份证" not in lines[0]


@pytest.mark.django_db
def test_pages_and_saves_work_while_the_cache_is_down(client, settings, demo):
    from django.core.cache import caches

    from newsroom.models import Article

    settings.CACHES = {"default": {"BACKEND": "newsroom.core.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    caches._settings = None
    try:
        del caches._connections.default
    except AttributeError:
        pass
    assert client.get("/").status_code == 200
    article = Article.objects.get(slug="hohhot-yuquan-grassroots-party-building")
    article.summary = "缓存服务器停机时也能保存。"
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_the_shipped_nginx_config_answers_over_ipv6_and_compresses_text():
    """Inspections check IPv6 reachability; HTML, CSS and JS go out compressed."""
    conf = (Path(__file__).resolve().parents[1] / "docs" / "nginx.conf").read_text(encoding="utf-8")
    server = conf[conf.index("server {") :]
    assert "listen [::]:80;" in server and "listen 80;" in server
    assert "gzip on;" in server
    types = re.search(r"gzip_types ([^;]+);", server).group(1).split()
    assert {"text/css", "application/javascript", "image/svg+xml"} <= set(types)  # text/html always


@pytest.mark.django_db
def test_the_rich_text_editor_may_run_with_production_static_file_names(settings, tmp_path, editor, client):
    """With DEBUG off the manifest storage names the editor's script ckeditor.<hash>.js; the
    admin page that loads it still gets the policy exception its toolbar needs (it did not:
    the toolbar was dead in production)."""
    from django.core.management import call_command

    from tests.helpers import new_draft

    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    settings.DEBUG = False
    draft = new_draft(editor, slug="production-editor")
    client.force_login(editor)
    page = client.get(f"/admin/newsroom/article/{draft.pk}/change/")
    assert page.status_code == 200
    assert re.search(rb"ckeditor/ckeditor/ckeditor\.[0-9a-f]{12}\.js", page.content)
    script_src = re.search(r"script-src ([^;]+)", page["Content-Security-Policy"]).group(1)
    assert "'unsafe-inline'" in script_src
