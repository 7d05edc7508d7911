"""``python manage.py backup /var/backups/linli``: one folder with everything a restore needs.

- ``data.json.gz``: every table through ``dumpdata`` with natural keys (portable: a SQLite
  backup restores into PostgreSQL and back). Content types, permissions and sessions are
  left out (migrations make the first two; sessions are worthless); the search index is
  rebuilt on restore.
- ``media.tar.gz``: the uploads under MEDIA_ROOT or in the bucket (photos and their renditions).
- ``private.tar.gz``: PRIVATE_MEDIA_ROOT (takedown identity documents and evidence, personal
  data: keep the backup folder as private as the server).
- ``manifest.json``: when, from which database, and how many rows of each kind.

The folder is 0700 and every file in it 0600, whatever the umask: the data holds notifiers'
and commenters' identity data, the private archive their documents.

For a large PostgreSQL site, ``pg_dump -Fc`` is faster and docs/operations.md shows it; the media
archives are needed either way.
"""

import gzip
import io
import json
import os
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone

from communities.models import Community
from newsroom.models import Article, Photo

EXCLUDED = ["contenttypes", "auth.permission", "sessions", "search.searchdocument", "axes"]


def counts():
    return {
        "articles": Article.objects.count(),
        "photos": Photo.objects.count(),
        "communities": Community.objects.count(),
    }


def archive(source: Path, target: Path):
    with tarfile.open(target, "w:gz") as tar:
        if source.exists():
            tar.add(source, arcname=".")


def archive_media(target: Path):
    """The uploads: the folder MEDIA_ROOT, or every object of the bucket (MEDIA_S3_BUCKET),
    in the same archive layout, so a backup of one restores into the other."""
    if not hasattr(default_storage, "names"):
        return archive(Path(settings.MEDIA_ROOT), target)
    with tarfile.open(target, "w:gz") as tar:
        for name in default_storage.names():
            with default_storage.open(name) as stored:
                data = stored.read()
            info = tarfile.TarInfo(f"./{name}")
            info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
            tar.addfile(info, io.BytesIO(data))


class Command(BaseCommand):
    help = "备份数据库（dumpdata）和上传文件，写入一个新文件夹。"

    def add_arguments(self, parser):
        parser.add_argument("destination", help="备份存放的目录")

    def handle(self, *args, destination, **options):
        folder = Path(destination) / f"linli-{timezone.localtime():%Y%m%d-%H%M%S}"
        Path(destination).mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700)
        previous = os.umask(0o077)  # files are created readable by the owner only
        try:
            return self._write(folder)
        finally:
            os.umask(previous)

    def _write(self, folder):
        with gzip.open(folder / "data.json.gz", "wt", encoding="utf-8") as out:
            call_command(
                "dumpdata", natural_foreign=True, natural_primary=True, exclude=EXCLUDED, indent=None, stdout=out
            )
        archive_media(folder / "media.tar.gz")
        archive(Path(settings.PRIVATE_MEDIA_ROOT), folder / "private.tar.gz")
        manifest = {"created": timezone.now().isoformat(), "database": connection.vendor, "counts": counts()}
        (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        self.stdout.write(f"备份完成：{folder}（{manifest['counts']['articles']} 篇文章）")
        return str(folder)
