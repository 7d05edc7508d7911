"""``python -m tests.bench NAME [options]``: run the benchmark command ``tests/bench/NAME.py``.

Benchmarks write: they create rows, load the demo, copy and drop databases. A command that works
in the configured database runs only when that database's name contains ``bench`` (say
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/linli_bench``), unless ``--any-database``
says otherwise; those that build a throw-away database of their own (``creates_own_database``:
``bench_portal``, ``bench_search``, ``bench_comments``, ``measure_takedown``) name it so."""

import importlib
import os
import sys
from pathlib import Path

ANY_DATABASE = "--any-database"


def refusal(command, database_name, told):
    """Why ``command`` may not run against ``database_name`` (None when it may)."""
    if told or getattr(command, "creates_own_database", False) or "bench" in Path(str(database_name)).name:
        return None
    return (
        f"拒绝运行：基准测试会写入数据库，而当前数据库“{database_name}”的名称不含 bench。"
        f"请改用名称含 bench 的数据库（设置 DATABASE_URL），或确认后加 {ANY_DATABASE}。"
    )


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        names = sorted(
            n.removesuffix(".py")
            for n in os.listdir(os.path.dirname(__file__))
            if (n.startswith(("bench_", "measure_")) or n == "soak.py") and n.endswith(".py")
        )
        print("用法：python -m tests.bench 名称 [选项] [" + ANY_DATABASE + "]；名称：" + "、".join(names))
        return 0 if len(argv) >= 2 else 2
    told = ANY_DATABASE in argv
    argv = [a for a in argv if a != ANY_DATABASE]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    command = importlib.import_module(f"tests.bench.{argv[1]}").Command()
    refused = refusal(command, settings.DATABASES["default"]["NAME"], told)
    if refused:
        print(refused, file=sys.stderr)
        return 2
    call_command(command, *argv[2:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
