"""Column lists with 站群 placements: ``python -m tests.bench bench_placements --articles 10000``
(in a database whose name contains ``bench``; ``DATABASE_URL=postgres://…/linli_bench``).

Loads the demo if the database is empty, adds generated articles, then times what a column
page's list runs on a cache miss (its first page of 20 and its count) for a large, a middle and
a small column of the default portal and for 昆明市's column of adopted stories, three ways in the
same run: the portal's own articles only (the baseline, what the page ran before placements),
the placements as a subquery in an ``OR`` (the first version), and as literal ids (now:
``Article.objects.in_columns``). Best of ``--repeat`` runs, in ms."""

import time

from django.core.management.base import BaseCommand
from django.db import models

from newsroom.demo.loader import load_demo
from newsroom.models import Article, ArticlePlacement, Column, Portal
from newsroom.models.articles import public_condition
from tests.factories import add_articles


def _subquery(portal, ids):
    placed = ArticlePlacement.objects.shown(portal).filter(column__in=ids)
    return Article.objects.filter(public_condition()).filter(
        models.Q(portal=portal, column__in=ids) | models.Q(pk__in=placed.values("article"))
    )


class Command(BaseCommand):
    help = "站群栏目列表：本网文章（基线）、子查询、字面 id 三种写法的耗时。"

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--repeat", type=int, default=7)

    def handle(self, articles, repeat, **options):
        if not Portal.objects.exists():
            load_demo()
        have = Article.objects.count()
        if have < articles:
            add_articles(articles - have, first=have, index=False)
        default, city = Portal.objects.default(), Portal.objects.get(slug="kunming")

        def best(queryset):
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                list(queryset.for_list()[:20])
                queryset.count()
                times.append(time.perf_counter() - start)
            return min(times) * 1000

        rows = []
        for portal, slug in (
            (default, "party-news"),
            (default, "news"),
            (default, "department"),
            (city, "kunming-districts"),
        ):
            column = Column.objects.get(portal=portal, slug=slug)
            ids = column.descendants()
            own = Article.objects.public(portal).filter(column__in=ids)
            rows.append(
                (
                    f"{portal.short_name}·{column.name}",
                    own.count(),
                    best(own),
                    best(_subquery(portal, ids)),
                    best(Article.objects.in_columns(portal, ids)),
                )
            )
        self.stdout.write(f"{Article.objects.count()} 篇文章，每项取 {repeat} 次中最快的一次（毫秒）：")
        self.stdout.write("栏目 | 本网文章 | 基线（仅本网） | 子查询 OR | 字面 id（现在）")
        for name, count, base, sub, now in rows:
            self.stdout.write(f"{name} | {count} | {base:.1f} | {sub:.1f} | {now:.1f}")
        return ""
