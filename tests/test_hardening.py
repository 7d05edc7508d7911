"""Hardening a reader or an editor would notice: no inline script under a strict CSP, a clear
lock-out after repeated failed admin logins, and oversized requests refused without a 500."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from tests.helpers import new_draft

pytestmark = pytest.mark.django_db
# A script element that runs: no src, and not a data block (JSON-LD is read, never executed).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/column/party/",
        "/article/hohhot-yuquan-grassroots-party-building/",
        "/communities/zhongnan/",
        "/search/?q=社区",
        "/takedown/new/",
    ],
)
def test_public_pages_carry_a_strict_csp_and_no_inline_script(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)
    assert not INLINE_HANDLER.search(html), INLINE_HANDLER.search(html)


def test_the_admin_allows_only_what_ckeditor_needs(editor_client, editor, demo):
    article = new_draft(editor, slug="csp-draft")
    response = editor_client.get(f"/admin/newsroom/article/{article.pk}/change/")
    assert "ckeditor" in response.content.decode()
    assert not INLINE_SCRIPT.search(response.content.decode())
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]  # CKEditor 4's onclick handlers
    assert policy["object-src"] == ["'none'"] and policy["default-src"] == ["'self'"]


def attempt(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})


def test_repeated_failed_logins_lock_the_account_with_a_clear_message(demo, settings):
    User.objects.create_user("desk", password="right-password-2026", is_staff=True)
    editor = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(editor, "desk", "wrong")
        assert response.status_code == 200 and "请输入一个正确的" in response.content.decode()
    locked = attempt(editor, "desk", "wrong")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "登录已暂停" in page and "连续 5 次登录失败" in page and "请在 30 分钟后再试" in page
    # Even the right password waits out the lock-out; another account is not affected.
    assert attempt(editor, "desk", "right-password-2026").status_code == 429
    assert attempt(Client(), "editor", "linli-editor-2026").status_code == 302
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert attempt(editor, "desk", "right-password-2026").status_code == 302


def test_an_oversized_form_is_refused_with_400_not_500(client, demo, settings):
    response = client.post("/takedown/new/", {"description": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    assert response.status_code == 400


@pytest.mark.django_db
def test_anonymous_requests_write_no_session_row(demo):
    """A made-up session cookie, on any kind of page, neither creates a row nor survives."""
    from django.contrib.sessions.models import Session
    from django.test import Client

    for url in ("/", "/article/hohhot-yuquan-grassroots-party-building/", "/search/?q=社区", "/takedown/new/"):
        for made_up in ("abcdefghijklmnopqrstuvwxyz012345", "x" * 8):
            reader = Client()
            reader.cookies["sessionid"] = made_up
            response = reader.get(url)
            assert response.status_code == 200
            assert response.cookies.get("sessionid") is None or response.cookies["sessionid"].value == ""
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_staff_sessions_are_still_kept_and_renewed(demo, editor):
    from django.contrib.sessions.models import Session
    from django.test import Client

    client = Client()
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    assert Session.objects.count() == 1
