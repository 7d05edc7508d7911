"""Input and output hardening: what a hostile or careless input must not break."""

import logging
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from newsroom import workflow
from newsroom.models import Article, Portal
from newsroom.search.models import SearchDocument
from newsroom.takedowns.models import TakedownEvent
from tests.helpers import new_draft
from tests.takedowns.helpers import file_notice

pytestmark = pytest.mark.django_db


def test_a_word_line_break_in_a_title_is_cleaned_and_feeds_still_answer(client, demo, roles):
    article = new_draft(roles["editor"], title="中南社区\x0b开展邻里节")
    assert Article.objects.get(pk=article.pk).title == "中南社区 开展邻里节"
    # A row saved before the cleaning existed still has one: the feeds clean on output.
    Article.objects.filter(is_live=True).update(title="旧稿\x0b标题", summary="摘要\x0b\n第二行")
    for url in ("/rss/", "/column/party/rss/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"\x0b" not in response.content


def test_an_article_with_the_longest_titles_publishes_and_is_found(demo, roles):
    article = new_draft(roles["editor"], kicker="引" * 200, title="中南社区长标题" + "题" * 193, subtitle="副" * 200)
    workflow.submit(article, roles["editor"])
    for role in ("first", "second", "chief"):
        workflow.approve(Article.objects.get(pk=article.pk), roles[role])
    workflow.publish(Article.objects.get(pk=article.pk), roles["chief"])
    document = SearchDocument.objects.get(kind="article", object_id=article.pk)
    assert len(document.title) > 600


def test_the_audit_export_never_starts_a_formula(client, demo, superuser):
    notice = file_notice(Client(), description="=cmd|' /C calc'!A0")
    TakedownEvent.objects.create(request=notice, action="note", reason="@SUM(1+1)*cmd")
    TakedownEvent.objects.create(request=notice, action="note", reason="-2+3")
    client.force_login(superuser)
    response = client.post(
        "/admin/takedowns/takedownrequest/", {"action": "export_audit_trail", "_selected_action": [notice.pk]}
    )
    text = response.content.decode("utf-8-sig")
    assert "'@SUM(1+1)*cmd" in text and "'-2+3" in text
    for line in text.splitlines()[1:]:
        for cell in line.split(","):
            assert cell[:1] not in ("=", "+", "-", "@"), line


@pytest.mark.parametrize(
    "url, status",
    [
        ("/takedown/track/%00/", 404),
        ("/takedown/counter/%00/", 404),
        ("/preview/%00/", 404),
        ("/article/%00/", 404),
        ("/search/?q=%00", 400),
        ("/column/party/?since=%00", 400),
    ],
)
def test_nul_characters_are_answered_without_a_500(client, demo, url, status):
    assert client.get(url).status_code == status


def test_non_numeric_admin_ids_get_the_admins_answer_not_a_500(client, demo, superuser):
    client.force_login(superuser)
    for url in (
        "/admin/newsroom/article/abc/change/",
        "/admin/takedowns/takedownrequest/abc/change/",
        "/admin/communities/community/abc/change/",
        "/admin/auth/user/abc/change/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 404), url


def test_the_request_log_never_holds_a_token(client, demo, caplog, settings):
    notice = file_notice(Client())
    with caplog.at_level(logging.INFO, logger="linli.requests"):
        client.get(f"/takedown/track/{notice.token}/")
        client.get("/takedown/counter/abcdefghijklmnopqrstuvwxyz012345/")
    lines = [record.getMessage() for record in caplog.records if record.name == "linli.requests"]
    assert lines and all(notice.token not in line for line in lines)
    assert any("/takedown/track/…/" in line for line in lines)


def test_made_up_query_strings_do_not_add_cached_pages(client, demo):
    first = client.get("/column/party/?utm=1")
    assert first["X-Page-Cache"] == "MISS"
    assert client.get("/column/party/?utm=2&x=y")["X-Page-Cache"] == "HIT"
    assert client.get("/column/party/?page=1&utm=3")["X-Page-Cache"] == "MISS"  # page matters
    assert client.get("/column/party/?utm=4&page=1")["X-Page-Cache"] == "HIT"
    assert "utm" not in first.content.decode()


def test_every_page_refuses_browser_features_it_does_not_use(client, demo):
    for url in ("/", "/admin/login/"):
        policy = client.get(url)["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def test_the_admin_allows_inline_handlers_only_where_the_editor_loads(client, demo, superuser):
    client.force_login(superuser)
    editor_page = client.get("/admin/newsroom/article/add/")
    assert "'unsafe-inline'" in editor_page["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    for url in ("/admin/", "/admin/newsroom/article/", "/admin/takedowns/takedownrequest/"):
        script_src = client.get(url)["Content-Security-Policy"].split("script-src")[1].split(";")[0]
        assert "'unsafe-inline'" not in script_src, url


def test_an_idle_admin_session_ends_after_two_hours(client, demo):
    from tests.helpers import admin_login

    assert admin_login(client, "editor", "linli-editor-2026")
    with time_machine.travel(timezone.now() + timedelta(minutes=110)):
        assert client.get("/admin/").status_code == 200  # still working: the two hours start again
    with time_machine.travel(timezone.now() + timedelta(minutes=110 + 121)):
        assert client.get("/admin/").status_code == 302


def test_staff_passwords_need_twelve_characters(client, demo, superuser):
    client.force_login(superuser)
    response = client.post(
        "/admin/auth/user/add/",
        {"username": "short-pw", "password1": "Xq7#pLm2", "password2": "Xq7#pLm2", "usable_password": "true"},
    )
    assert response.status_code == 200 and "12" in response.content.decode()
    assert not User.objects.filter(username="short-pw").exists()


def test_a_password_spray_across_addresses_locks_the_account(demo, settings):
    User.objects.create_user("desk", password="right-password-2026", is_staff=True)
    for n in range(settings.AXES_FAILURE_LIMIT):
        Client(REMOTE_ADDR=f"10.0.0.{n + 1}").post("/admin/login/", {"username": "desk", "password": f"wrong{n}"})
    response = Client(REMOTE_ADDR="10.0.0.99").post(
        "/admin/login/", {"username": "desk", "password": "right-password-2026"}
    )
    assert response.status_code == 429


def test_a_reader_counts_once_per_article_within_the_window(client, demo, settings):
    settings.VIEW_COUNT_DEDUPE_SECONDS = 1800
    article = Article.objects.public(Portal.objects.default()).first()
    first = client.post(f"/views/{article.pk}/").json()["views"]
    assert client.post(f"/views/{article.pk}/").json()["views"] == first
    assert Client(HTTP_USER_AGENT="another browser").post(f"/views/{article.pk}/").json()["views"] == first + 1
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert client.post(f"/views/{article.pk}/").json()["views"] == first + 2


def test_the_demo_refuses_a_production_server_and_never_uses_the_readme_passwords(db, settings):
    from newsroom.demo.accounts import ACCOUNTS

    for username, *_ in ACCOUNTS:  # a new server: none of the demo's accounts exist yet
        User.objects.filter(username=username).update(username=f"old-{username}")
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=StringIO())
    out = StringIO()
    call_command("load_demo", "--on-production-server", stdout=out)
    admin = User.objects.get(username="admin")
    assert not admin.check_password("linli-admin-2026") and "linli-admin-2026" not in out.getvalue()


def test_running_the_demo_again_never_resets_a_password(db, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    admin = User.objects.get(username="admin")
    admin.set_password("changed-by-the-office-2026")
    admin.save()
    out = StringIO()
    call_command("load_demo", stdout=out)
    admin.refresh_from_db()
    assert admin.check_password("changed-by-the-office-2026")
    assert "已存在，密码未改动" in out.getvalue()


def test_a_dropped_database_connection_is_replaced_not_answered_with_a_500(settings):
    # With DB_CONN_MAX_AGE above 0 (production), a connection the server closed is checked and
    # replaced before a request uses it.
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_a_name_where_an_autocomplete_expects_a_key_is_a_form_error(client, demo, roles):
    """A hand-made POST with a street's name instead of its key: the form says so, keeps what was
    typed, and the page is not a 500."""
    from tests.helpers import admin_form_data

    client.force_login(roles["editor"])
    data = admin_form_data(client.get("/admin/communities/community/add/"))
    data.update(name="测试社区", slug="typed-street", district="五华区", street="大观街道")
    response = client.post("/admin/communities/community/add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "选择一个有效的选项" in html and 'value="测试社区"' in html


NUL_COOKIES = [
    'sessionid="\\000"',
    'sessionid="abc\\000def1234567890"',
    "sessionid=abc\x00def",
    'csrftoken="\\000\\000"; sessionid=x',
    'linli_script="\\000hant"; linli_care="1\\000"',
    'messages="\\000"',
    '"\\000"=1',
]


@pytest.mark.parametrize("cookie", NUL_COOKIES)
def test_a_nul_in_any_cookie_is_dropped_not_a_500(demo, cookie):
    for url in (
        "/",
        "/article/hohhot-yuquan-grassroots-party-building/",
        "/admin/",
        "/takedown/new/",
        "/search/?q=社区",
    ):
        response = Client(HTTP_COOKIE=cookie).get(url)
        assert response.status_code in (200, 302), (cookie, url, response.status_code)


def test_nul_anywhere_in_a_multipart_form_is_a_bad_request_not_a_500(demo):
    """A seeded fuzz of the public forms: NUL at random places in fields and file names."""
    import random

    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.takedowns.helpers import notice_data

    rng = random.Random(37)
    for _ in range(40):
        data = notice_data()
        key = rng.choice([k for k in data if k != "evidence"])
        value = str(data[key])
        at = rng.randrange(len(value) + 1)
        data[key] = value[:at] + "\x00" * rng.randint(1, 3) + value[at:]
        if rng.random() < 0.3:
            data["evidence"] = SimpleUploadedFile("证\x00据.pdf", b"%PDF-1.4\n", "application/pdf")
        response = Client().post("/takedown/new/", data)
        assert response.status_code == 400, (key, response.status_code)
    response = Client().post(
        "/comments/article/1/", {"body": "好\x00", "display_name": "读者"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert response.status_code in (400, 404)


def test_no_export_starts_a_spreadsheet_formula(client, demo, superuser, settings):
    """The comment, inspection and annual-report CSVs escape formula cells as the takedown
    CSV does (newsroom/core/spreadsheets.py)."""
    from newsroom.comments.models import Comment, Commenter
    from newsroom.models import Portal

    article = Article.objects.public(Portal.objects.default()).first()
    commenter = Commenter.objects.create(
        kind="phone", identity_hash="h" * 64, masked="138****0000", display_name="=cmd|' /C calc'!A0"
    )
    comment = Comment.objects.create(
        article=article, commenter=commenter, body='=HYPERLINK("http://evil.example","点我")', region="北京"
    )
    client.force_login(superuser)
    exports = [
        client.post("/admin/comments/comment/", {"action": "export_selected", "_selected_action": [comment.pk]}),
        client.get("/admin/inspection/inspectionrun/findings.csv", {"portal": Portal.objects.default().pk}),
        client.get("/admin/inspection/inspectionrun/annual/", {"format": "csv"}),
    ]
    texts = [r.content.decode("utf-8-sig") for r in exports]
    assert "'=HYPERLINK" in texts[0] and "'=cmd" in texts[0]
    import csv
    import io

    for text in texts:
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert cell[:1] not in ("=", "+", "@") and not (
                    cell[:1] == "-" and not cell[1:].lstrip("-").replace(".", "").isdigit()
                ), cell
