"""``python -m tests.bench NAME [options]``: run the benchmark command ``tests/bench/NAME.py``."""

import importlib
import os
import sys


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        names = sorted(
            n.removesuffix(".py")
            for n in os.listdir(os.path.dirname(__file__))
            if n.startswith(("bench_", "measure_")) and n.endswith(".py")
        )
        print("用法：python -m tests.bench 名称 [选项]；名称：" + "、".join(names))
        return 0 if len(argv) >= 2 else 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command(importlib.import_module(f"tests.bench.{argv[1]}").Command(), *argv[2:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
