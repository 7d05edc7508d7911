import os
import shutil

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache

from newsroom.core import pagecache
from newsroom.demo.loader import load_demo
from tests.helpers import user_in
from tests.snapshot import DemoSnapshot

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory):
    """Where the session's demo keeps its uploads (photos, takedown evidence)."""
    return tmp_path_factory.mktemp("demo-files")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, demo_files):
    """The demo portal is built once per session, in the test database every test starts from.

    Each test runs in a transaction that is rolled back, so the demo is what every test sees and
    no test's changes reach the next. Tests on a transactional database (live server,
    migrations) come last; the database is emptied after each, so ``demo`` puts back the copy
    saved here (tests/snapshot.py) rather than building the demo again.
    """
    from django.test import override_settings

    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=demo_files / "media",
            PRIVATE_MEDIA_ROOT=demo_files / "private",
            PASSWORD_HASHERS=FAST_HASHERS,
        ),
    ):
        load_demo()
        snapshot = DemoSnapshot()
        snapshot.take()
    yield snapshot
    with django_db_blocker.unblock():
        snapshot.close()


@pytest.fixture(autouse=True)
def test_settings(settings, tmp_path, demo_files):
    """Every test writes uploads into its own folder, which starts with the demo's files
    (hard links: a test that moves or deletes a file changes only its own copy); passwords
    hash fast."""
    shutil.copytree(demo_files, tmp_path / "files", copy_function=os.link)
    settings.MEDIA_ROOT = tmp_path / "files" / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "files" / "private"
    settings.PASSWORD_HASHERS = FAST_HASHERS
    # The page cache as production has it (there with Redis; here the per-process cache).
    settings.PAGE_CACHE_SECONDS, settings.PAGE_CACHE_BLOCKS = 300, True
    # The test client is one reader: count every view (tests/controls/ turns de-duplication on).
    settings.VIEW_COUNT_DEDUPE_SECONDS = 0
    # No autosave requests in flight when a browser test ends (one racing the database flush
    # deadlocks PostgreSQL); the autosave tests turn it on.
    settings.ARTICLE_AUTOSAVE_SECONDS = 0
    cache.clear()  # no page cached by one test is served to the next
    pagecache.forget_local()
    return settings


def _transactional(request):
    marker = request.node.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
        or (marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    )


@pytest.fixture(autouse=True)
def _transactional_starts_empty(request):
    """A transactional test that does not ask for the demo starts from an empty database, as
    it would without the session's demo (the first one would otherwise find it there)."""
    if "demo" not in request.fixturenames and _transactional(request):
        from django.core.management import call_command

        request.getfixturevalue("transactional_db")
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def demo(request, db, django_db_setup):
    """The demo portal, as ``load_demo`` builds it: already in the database (built once per
    session); a transactional test gets the session's copy back."""
    if _transactional(request):
        django_db_setup.restore()


@pytest.fixture
def editor(db):
    return user_in("编辑", "test-editor")


@pytest.fixture
def chief(db):
    return user_in("终审签发", "test-chief")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def superuser(db):
    # Not "admin": load_demo resets the demo admin's password, which logs it out.
    return User.objects.create_superuser("test-admin", password="pw")


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def roles(db):
    """One user per role, as the demo has them."""
    return {
        role: user_in(group, f"test-{role}")
        for role, group in (
            ("editor", "编辑"),
            ("first", "初审"),
            ("second", "复审"),
            ("chief", "终审签发"),
            ("moderator", "版权审核"),
            ("siteadmin", "站点管理员"),
        )
    }


@pytest.fixture
def home_geography(db):
    """Every street the seeds name in the default portal's 辖区 (the demo gives each district its
    own): for tests about editing communities with the default portal's staff (``roles``)."""
    from communities.models import Street
    from newsroom.models import Portal

    Portal.streets.through.objects.all().delete()
    Portal.objects.default().streets.set(Street.objects.all())


@pytest.fixture
def one_portal(db):
    """The demo as one portal, as it was before the 站群: every district's articles moved into
    the default portal's 党建新闻 (its columns stay as they are), with their topics, series and
    people, for tests of rules that count over a portal's content (the website inspection's)."""
    from newsroom.models import Article, Column, Person, Portal, Series, Topic

    default = Portal.objects.default()
    column = Column.objects.get(portal=default, slug="party-news")
    Article.objects.exclude(portal=default).update(portal=default, column=column)
    for model in (Topic, Series, Person):
        model.objects.exclude(portal=None).update(portal=default)
    Portal.streets.through.objects.all().delete()
    return default
