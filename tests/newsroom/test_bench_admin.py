"""``python -m tests.bench bench_admin`` runs on the demo, prints the desk and the change pages,
and leaves nothing behind (its rows are rolled back, its photo files removed)."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from newsroom.models import Article, Person, Photo
from tests.bench import bench_admin

pytestmark = pytest.mark.django_db


def files(root):
    return sorted(path for path in Path(root).rglob("*") if path.is_file())


def test_bench_admin_measures_the_pages_and_leaves_nothing(demo, settings):
    before = (Article.objects.count(), Photo.objects.count(), Person.objects.count(), files(settings.MEDIA_ROOT))
    out = io.StringIO()
    call_command(bench_admin.Command(), photos=3, runs=1, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[1].startswith("编辑工作台 /admin/：")
    assert [line.split("：")[0] for line in lines[2:4]] == ["稿件编辑页", "稿件编辑页"]
    assert all(" ms（" in line and " KB" in line for line in lines[1:4])
    after = (Article.objects.count(), Photo.objects.count(), Person.objects.count(), files(settings.MEDIA_ROOT))
    assert after == before


def test_a_before_and_after_run_needs_the_server_and_the_earlier_codes_environment(tmp_path):
    with pytest.raises(CommandError, match="--via server"):
        call_command(bench_admin.Command(), before=str(tmp_path))
    with pytest.raises(CommandError, match=".venv"):
        call_command(bench_admin.Command(), before=str(tmp_path), via="server")
