"""Benchmarks and measurements: tooling, not product (nothing under newsroom/ imports them).

Each module is a Django management command class, run through this package:

    python -m tests.bench bench_portal --nginx --articles 2000
    python -m tests.bench measure_takedown --quiet 30 300

(`make bench` and `make measure-takedown` do the first and the second). The figures they printed
are in docs/benchmarks.md with their date and machine.
"""
