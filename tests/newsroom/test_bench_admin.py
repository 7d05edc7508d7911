"""``manage.py bench_admin`` runs on the demo, prints this project's pages beside the baseline,
and leaves nothing behind (its rows are rolled back, its photo files removed)."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from newsroom.models import Article, Person, Photo
from tests.bench import bench_admin

pytestmark = pytest.mark.django_db


def files(root):
    return sorted(path for path in Path(root).rglob("*") if path.is_file())


def test_bench_admin_measures_both_variants_and_leaves_nothing(demo, settings):
    before = (Article.objects.count(), Photo.objects.count(), Person.objects.count(), files(settings.MEDIA_ROOT))
    out = io.StringIO()
    call_command(bench_admin.Command(), photos=3, runs=1, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[1].startswith("编辑工作台 /admin/：")
    assert [line.split("：")[0] for line in lines[2:4]] == ["稿件编辑页", "稿件编辑页"]
    assert all("基线（Django 后台原样渲染）" in line and "现为基线的" in line for line in lines[2:4])
    after = (Article.objects.count(), Photo.objects.count(), Person.objects.count(), files(settings.MEDIA_ROOT))
    assert after == before


def test_the_baseline_server_renders_as_django_does_for_its_whole_life():
    """``bench_admin --via server`` serves its baseline from ``stock_admin_wsgi``: in that
    process the change page keeps Django's stock inlines and form renderer after the import."""
    import subprocess
    import sys

    from django.conf import settings

    script = (
        "import gc, tests.bench.stock_admin_wsgi; gc.collect()\n"
        "from django.forms.renderers import get_default_renderer\n"
        "from newsroom.admin.articles import CreditInline, PhotoInline\n"
        "print(PhotoInline.template, CreditInline.template, type(get_default_renderer()).__name__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["admin/edit_inline/stacked.html", "admin/edit_inline/tabular.html", "StockRenderer"]
