"""Benchmarks write into the database they are given: they refuse one whose name does not say
it is for benchmarks, unless told otherwise (tests/bench/__main__.py)."""

from tests.bench import __main__ as bench
from tests.bench.bench_library import Command as Library
from tests.bench.bench_portal import Command as Portal
from tests.bench.measure_takedown import Command as MeasureTakedown


def test_a_benchmark_refuses_a_database_not_named_for_benchmarks():
    assert "bench" in bench.refusal(Library(), "/srv/linli/db.sqlite3", told=False)
    assert "--any-database" in bench.refusal(Library(), "linli", told=False)


def test_it_runs_on_a_bench_database_or_when_told():
    assert bench.refusal(Library(), "linli_bench", told=False) is None
    assert bench.refusal(Library(), "/tmp/bench.sqlite3", told=False) is None
    assert bench.refusal(Library(), "linli", told=True) is None


def test_those_that_build_their_own_database_run_anywhere():
    assert bench.refusal(Portal(), "linli", told=False) is None
    assert bench.refusal(MeasureTakedown(), "linli", told=False) is None


def test_the_command_line_refuses_before_touching_anything(capsys):
    """Under pytest the configured database is the test database: not a bench one."""
    assert bench.main(["tests.bench", "bench_library"]) == 2
    assert "拒绝运行" in capsys.readouterr().err
