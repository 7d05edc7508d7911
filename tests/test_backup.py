"""A backup restores into an empty database with the same content, uploads and search."""

import hashlib
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from communities.models import Community, Facility, Honour
from newsroom.models import Article, AuditEntry, Photo
from newsroom.takedowns.models import TakedownRequest
from tests.takedowns.helpers import file_notice

pytestmark = pytest.mark.django_db


def snapshot(media_root):
    def digest(name):
        return hashlib.sha256((Path(media_root) / name).read_bytes()).hexdigest()

    return {
        "articles": sorted(Article.objects.values_list("slug", "title", "body", "status", "view_count", "live_from")),
        "photos": sorted(
            (p.article.slug, p.caption, p.credit_line, digest(p.image.name))
            for p in Photo.objects.select_related("article", "credit_person")
        ),
        "communities": sorted(Community.objects.values_list("slug", "name")),
        "honours": Honour.objects.count(),
        "facilities": Facility.objects.count(),
        "users": sorted(
            (u.username, u.password, sorted(u.groups.values_list("name", flat=True))) for u in User.objects.all()
        ),
        "groups": sorted((g.name, g.permissions.count()) for g in Group.objects.all()),
        "audit": AuditEntry.objects.count(),
        "takedowns": sorted(TakedownRequest.objects.values_list("reference", "status")),
    }


# Emptying the database (flush) cannot run inside the test's transaction on PostgreSQL.
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database(demo, tmp_path, settings):
    file_notice(Client())
    before = snapshot(settings.MEDIA_ROOT)
    assert before["articles"] and before["photos"] and before["takedowns"]
    folder = call_command("backup", str(tmp_path / "backups"), stdout=StringIO())

    call_command("flush", interactive=False, verbosity=0)  # an empty, migrated database
    assert not Article.objects.exists() and not Group.objects.exists()
    settings.MEDIA_ROOT = tmp_path / "new-server-media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "new-server-private"
    out = StringIO()
    call_command("restore", folder, stdout=out)

    assert "恢复完成" in out.getvalue()
    assert snapshot(settings.MEDIA_ROOT) == before
    assert any((tmp_path / "new-server-private").rglob("*.pdf"))  # the notice's evidence
    reader = Client()
    page = reader.get("/article/hohhot-yuquan-grassroots-party-building/")
    assert page.status_code == 200 and "让基层党建在服务群众中更加接地气" in page.content.decode()
    assert "/article/hohhot-yuquan-grassroots-party-building/" in reader.get("/search/?q=飛行棋").content.decode()


def test_restore_refuses_a_database_with_content(demo, tmp_path):
    folder = call_command("backup", str(tmp_path / "backups"), stdout=StringIO())
    with pytest.raises(CommandError, match="空数据库"):
        call_command("restore", folder)


def test_a_backup_is_readable_by_its_owner_only(demo, tmp_path):
    import os
    import stat
    from pathlib import Path

    previous = os.umask(0o022)  # a usual umask: files would be world-readable
    try:
        folder = Path(call_command("backup", str(tmp_path / "backups"), stdout=StringIO()))
    finally:
        os.umask(previous)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for file in folder.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) & 0o077 == 0, file.name
