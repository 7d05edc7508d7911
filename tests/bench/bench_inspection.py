"""How well and how fast the inspection finds what it should: ``python -m tests.bench bench_inspection``.

Inside a transaction that is rolled back (nothing stays in the database), on the demo:

1. the clean demo: the report's findings from its content rules are false alarms (the time rules
   say what is true of a demo whose newest article is years old); its run time is the baseline;
2. ``--articles`` generated articles over ``--columns`` columns, published over the last days
   (the portal is up to date), then ``--per-rule`` violations planted for each rule (stale and
   empty columns, undated and backdated articles, dead inner links, missing image files, a
   blocking 错敏词, a leader printed with another's title, half-width punctuation, uncredited
   photos, reprints without their original author);
3. the full report over all of it: per rule, planted, found among them, missed, and findings
   that are not planted (false alarms), and the run time beside the baseline.

External links are not fetched here (tests/inspection/test_link_checker.py runs the checker
against local servers); planted dead links are inner ones.
"""

import random
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from newsroom.credits import CreditKind
from newsroom.inspection.models import InspectionSettings, Leader
from newsroom.inspection.report import evaluate
from newsroom.inspection.rules import RULE_LABELS
from newsroom.models import Article, Column, Photo, Portal, SensitiveWord
from tests.bench.bench_portal import PARAGRAPHS

CONTENT_RULES = [r for r in RULE_LABELS if r not in ("home_stale", "column_stale", "column_empty")]


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "网站检查的检出率与用时：在演示数据上生成文章、植入问题，报告检出、漏检、误报和耗时（不留数据）。"

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--columns", type=int, default=200)
        parser.add_argument("--per-rule", type=int, default=20)
        parser.add_argument("--keep", action="store_true", help="保留生成的数据（用于分析查询计划；勿在正式库上用）")

    def handle(self, *args, **options):
        self.options = options
        try:
            with transaction.atomic():
                self._run()
                if not options["keep"]:
                    raise _Rollback
        except _Rollback:
            pass

    def _run(self):
        from newsroom.demo.loader import load_demo

        if not Portal.objects.exists():
            load_demo()
        portal = Portal.objects.order_by("-is_default", "id").first()
        evaluate(portal)  # warm: the process's one-time set-up (OpenCC, patterns) is not the report's
        started = time.perf_counter()
        clean = evaluate(portal)
        baseline = (time.perf_counter() - started) * 1000
        false_alarms = [f for f in clean.findings if f.rule in CONTENT_RULES]
        self.stdout.write(
            f"干净的演示数据（{Article.objects.public(portal).count()} 篇）：内容类规则误报 {len(false_alarms)} 条；"
            f"时间类规则 {len(clean.findings) - len(false_alarms)} 条（演示最新文章为多年前，属实）；用时 {baseline:.0f} 毫秒"
        )
        for f in false_alarms:
            self.stdout.write(f"  误报：{f.rule} {f.object} {f.detail}")
        before = {(f.rule, f.url) for f in clean.findings}
        planted = self._plant(portal)
        started = time.perf_counter()
        found = evaluate(portal)
        elapsed = (time.perf_counter() - started) * 1000
        count = Article.objects.public(portal).count()
        columns = Column.objects.filter(portal=portal).count()
        self.stdout.write(
            f"\n生成后：{count} 篇已发布文章，{columns} 个栏目；完整检查用时 {elapsed:.0f} 毫秒（基线 {baseline:.0f} 毫秒）"
        )
        self.stdout.write("各规则用时（毫秒）：" + "，".join(f"{k} {v}" for k, v in found.timings.items()))
        self.stdout.write(f"{'规则':<18}{'植入':>6}{'检出':>6}{'漏检':>6}{'误报':>6}")
        totals = [0, 0, 0, 0]
        for rule, label in RULE_LABELS.items():
            urls = {f.url for f in found.findings if f.rule == rule and (rule, f.url) not in before}
            wanted = planted.get(rule, set())
            hit = len(wanted & urls)
            extra = len(urls - wanted)
            row = [len(wanted), hit, len(wanted) - hit, extra]
            totals = [a + b for a, b in zip(totals, row, strict=True)]
            self.stdout.write(f"{rule + '（' + label + '）':<18}{row[0]:>6}{row[1]:>6}{row[2]:>6}{row[3]:>6}")
        self.stdout.write(f"{'合计':<18}{totals[0]:>6}{totals[1]:>6}{totals[2]:>6}{totals[3]:>6}")
        self.stdout.write(
            "（按对象计：同一篇文章或栏目的多条发现算一次；误报＝非植入对象上的新发现；"
            f"演示数据原有的 {len(before)} 条时间类发现不计）"
        )
        self.stdout.write("单项否决 {veto}，预警 {warning}，扣分项 {deduction}".format(**found.summary))
        newest = Article.objects.public(portal).order_by("-first_published_at").first().first_published_at
        later = timezone.localdate(newest) + timedelta(days=14)
        home = [f for f in evaluate(portal, later).findings if f.rule == "home_stale"]
        self.stdout.write(f"按 {later} 检查（最新文章后第 14 天）：首页更新 {[f.severity for f in home]}")

    def _plant(self, portal):
        rng = random.Random(2026)
        k = self.options["per_rule"]
        now = timezone.now()
        parent = Column.objects.create(portal=portal, name="基准测试栏目")
        columns = Column.objects.bulk_create(
            Column(portal=portal, parent=parent, name=f"动态{n}", slug=f"bench-col-{n}", update_class="news")
            for n in range(self.options["columns"])
        )
        image = self._image()
        batch = []
        for i in range(self.options["articles"]):
            at = now - timedelta(minutes=7 * i + 5)  # 10,000 articles span about 49 days
            column = columns[i % (len(columns) - 2 * k)]  # the last 2k columns: stale, then empty
            batch.append(
                Article(
                    title=f"社区邻里服务活动第{i}期",
                    slug=f"bench-i-{i}",
                    column=column,
                    portal_id=column.portal_id,
                    status=Article.Status.PUBLISHED,
                    is_live=True,
                    live_from=at,
                    first_published_at=at,
                    summary=rng.choice(PARAGRAPHS),
                    body="".join(f"<p>{rng.choice(PARAGRAPHS)}</p>" for _ in range(6)),
                )
            )
        made = Article.objects.bulk_create(batch, batch_size=1000)
        ids = [a.pk for a in made]
        Article.objects.filter(pk__in=ids).update(created_at=F("first_published_at"))
        Photo.objects.bulk_create(
            Photo(
                article=a,
                image=image,
                caption="居民参加社区活动",
                alt_text="居民参加社区活动",
                credit_kind=CreditKind.PROVIDED,
                credit_person=None,
                credit_organisation="本网",
                is_live=True,
            )
            for a in made
        )
        # Columns: k stale (their only article 40 days old, as 动态 they allow 14), k empty.
        stale_columns = columns[-2 * k : -k]
        for n, column in enumerate(stale_columns):
            old = now - timedelta(days=40 + n)
            Article.objects.create(
                title=f"旧闻{n}",
                slug=f"bench-old-{n}",
                column=column,
                status=Article.Status.PUBLISHED,
                is_live=True,
                live_from=old,
                first_published_at=old,
            )
        Article.objects.filter(slug__startswith="bench-old-").update(created_at=F("first_published_at"))
        planted = {
            "column_stale": {_admin("column", c.pk) for c in stale_columns},
            "column_empty": {_admin("column", c.pk) for c in columns[-k:]},
        }
        pick = iter(rng.sample(made, 11 * k))

        def some():
            return [next(pick) for _ in range(k)]

        def article_urls(articles):
            return {_admin("article", a.pk) for a in articles}

        chosen = some()
        Article.objects.filter(pk__in=[a.pk for a in chosen]).update(first_published_at=None)
        planted["undated"] = article_urls(chosen)
        chosen = some()
        for n, a in enumerate(chosen):
            Article.objects.filter(pk=a.pk).update(body=a.body + f'<p><a href="/article/gone-{n}/">旧文</a></p>')
        planted["broken_link"] = article_urls(chosen)
        chosen = some()
        Photo.objects.filter(article__in=chosen).update(image="bench/missing.jpg")
        planted["broken_image"] = article_urls(chosen)
        SensitiveWord.objects.create(portal=portal, word="错敏示例词", severity=SensitiveWord.Severity.BLOCK)
        chosen = some()
        for a in chosen:
            Article.objects.filter(pk=a.pk).update(body=a.body + "<p>文中出现错敏示例词一处。</p>")
        planted["sensitive_word"] = article_urls(chosen)
        inspection, _created = InspectionSettings.objects.get_or_create(portal=portal)
        Leader.objects.create(settings=inspection, name="李某某", title="区委书记")
        Leader.objects.create(settings=inspection, name="赵某某", title="区长")
        chosen = some()
        for a in chosen:
            Article.objects.filter(pk=a.pk).update(body=a.body + "<p>区长李某某出席活动。</p>")
        planted["leader_title"] = article_urls(chosen)
        chosen = some()
        for a in chosen:
            Article.objects.filter(pk=a.pk).update(summary=a.summary + "社区,居民")
        planted["punctuation"] = article_urls(chosen)
        chosen = some()
        Photo.objects.filter(article__in=chosen).update(credit_kind=CreditKind.UNCREDITED)
        planted["uncredited_photo"] = article_urls(chosen)
        chosen = some()
        Article.objects.filter(pk__in=[a.pk for a in chosen]).update(
            is_reprint=True, source_name="某报", original_title="原题"
        )
        planted["reprint_fields"] = article_urls(chosen)
        chosen = some()
        Article.objects.filter(pk__in=[a.pk for a in chosen]).update(created_at=now)
        planted["backdated"] = article_urls(chosen)
        return planted

    def _image(self):
        from io import BytesIO

        from PIL import Image

        folder = Path(settings.MEDIA_ROOT) / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "inspection.jpg"
        if not path.exists():
            buffer = BytesIO()
            Image.new("RGB", (120, 80), (90, 120, 160)).save(buffer, "JPEG")
            path.write_bytes(buffer.getvalue())
        return "bench/inspection.jpg"


def _admin(model, pk):
    return f"/admin/newsroom/{model}/{pk}/change/"
