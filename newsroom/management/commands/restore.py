"""``python manage.py restore /var/backups/linli/linli-20261122-030000``: bring a backup made by
``backup`` into an empty, migrated database, put the uploads back and rebuild the search index.
It refuses a database that already holds articles."""

import json
import posixpath
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from newsroom.core import pagecache
from newsroom.models import Article

from .backup import counts


def extract(source: Path, target: Path):
    if not source.exists():
        return
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source, "r:gz") as tar:
        tar.extractall(target, filter="data")  # no absolute paths, links or devices


def extract_media(source: Path):
    """Put the uploads back: into MEDIA_ROOT, or into the bucket under the same names."""
    if not hasattr(default_storage, "names"):
        return extract(source, Path(settings.MEDIA_ROOT))
    if not source.exists():
        return
    with tarfile.open(source, "r:gz") as tar:
        for member in tar:
            name = posixpath.normpath(member.name).lstrip("./")
            if not member.isfile() or name.startswith("..") or not name:
                continue
            if default_storage.exists(name):
                default_storage.delete(name)
            saved = default_storage.save(name, ContentFile(tar.extractfile(member).read()))
            if saved != name:
                raise CommandError(f"文件 {name} 恢复后名称变为 {saved}。")


class Command(BaseCommand):
    help = "把 backup 命令做的备份恢复到一个空数据库（已执行 migrate）。"

    def add_arguments(self, parser):
        parser.add_argument("folder", help="backup 命令生成的备份文件夹")

    def handle(self, *args, folder, **options):
        folder = Path(folder)
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if Article.objects.exists():
            raise CommandError("数据库中已有文章：恢复只能在空数据库上进行（先新建数据库并执行 migrate）。")
        with transaction.atomic():
            # Natural keys: the groups and users migrate made are matched by name, not duplicated.
            call_command("loaddata", str(folder / "data.json.gz"), verbosity=0)
        extract_media(folder / "media.tar.gz")
        extract(folder / "private.tar.gz", Path(settings.PRIVATE_MEDIA_ROOT))
        call_command("rebuild_search_index", stdout=self.stdout)  # the search app's own command
        pagecache.invalidate()
        found = counts()
        if found != manifest["counts"]:
            raise CommandError(f"恢复后的数量与备份清单不符：清单 {manifest['counts']}，恢复后 {found}")
        self.stdout.write(
            f"恢复完成：{found['articles']} 篇文章，{found['photos']} 张图片，{found['communities']} 个社区。"
        )
