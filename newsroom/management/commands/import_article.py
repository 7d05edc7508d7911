import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from communities.models import Community
from newsroom.importer import ImportRefused, extract_file
from newsroom.importer.drafts import create_draft, keep_original, match_communities
from newsroom.models import Column


class Command(BaseCommand):
    help = (
        "把 .docx、.html/.htm 或 .txt 稿件读成草稿。--dry-run --json 只打印读出的字段（一个 JSON 对象），"
        "不写数据库；否则以 --user 的身份在 --column 栏目生成草稿（不发布、不送审）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="只读取，不生成草稿")
        parser.add_argument("--json", action="store_true", help="以 JSON 打印读出的字段")
        parser.add_argument("--user", help="导入人（用户名），生成草稿时必填")
        parser.add_argument("--column", help="栏目网址标识；默认按原网页栏目名匹配")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        data = path.read_bytes()
        try:
            known = Community.objects.values_list("name", flat=True)
            extraction = extract_file(path.name, data, known_communities=list(known))
        except ImportRefused as refusal:
            raise CommandError(str(refusal)) from None
        if options["dry_run"]:
            if options["json"]:
                self.stdout.write(json.dumps(extraction.json(), ensure_ascii=False))
            else:
                for name, value in extraction.json().items():
                    self.stdout.write(f"{name}: {value}")
            return
        user = get_user_model().objects.filter(username=options["user"] or "").first()
        if user is None:
            raise CommandError("请用 --user 指定导入人（已有的后台用户名）。")
        columns = Column.objects.all()
        column = (
            columns.filter(slug=options["column"]).first()
            if options["column"]
            else columns.filter(name=extraction.column or "").first()
        )
        if column is None:
            raise CommandError("请用 --column 指定栏目（网址标识）。")
        matched, _missing = match_communities(extraction.communities)
        try:
            article = create_draft(keep_original(user, path.name, data), extraction, user, column, {}, matched)
        except PermissionDenied:
            raise CommandError(f"{user} 没有新建文章的权限。") from None
        result = {"draft": article.pk, "title": article.title, **extraction.json()}
        self.stdout.write(json.dumps(result, ensure_ascii=False) if options["json"] else f"已生成草稿 #{article.pk}")
