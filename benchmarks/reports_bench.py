"""The annual report: how long HTML, PDF and DOCX take for the Overvecht demo's 2020 report,
and how time and the report builder's query count change with 10x the kansen and indicators.

    PYTHONPATH=src .venv/bin/python benchmarks/reports_bench.py [--factor 10] [--runs 5]

Uses the demo in a throwaway data directory (SQLite; set DATABASE_URL for PostgreSQL, an empty
database the benchmark may fill). Targets (issue 14): HTML <= 0.5 s, PDF <= 5 s, DOCX <= 2 s;
time at most linear in the size, query count constant.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds (CPU time is what the shared machine's load does not
    inflate)."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        os.environ.setdefault("WIJKAANPAK_DATA_DIR", tempfile.mkdtemp(prefix="report-bench-"))
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkaanpak.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from wijkaanpak.programmes.models import Programme
    from wijkaanpak.reports.builder import report_build
    from wijkaanpak.reports.rendering import render_docx, render_html, render_pdf
    from wijkaanpak.reports.tests.scale import grow

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--if-empty", verbosity=0)
    print(f"database: {connection.vendor}; median of {args.runs} runs (PDF: of 3)")

    def measure(label: str) -> dict[str, tuple[float, float]]:
        programme = Programme.objects.get(slug="samen-voor-overvecht")
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            report = report_build(programme=programme, year=2020)
        result = {
            "build": timed(lambda: report_build(programme=programme, year=2020), args.runs),
            "html": timed(lambda: render_html(programme, 2020), args.runs),
            "pdf": timed(lambda: render_pdf(programme, 2020), 3),
            "docx": timed(lambda: render_docx(programme, 2020), args.runs),
        }
        figures = sum(len(a.figures) for a in report.monitoring)
        print(
            f"{label}: {len(report.kansen)} kansen, {figures} indicator figures, "
            f"{len(queries)} queries to build"
        )
        for key, (wall, cpu) in result.items():
            print(f"  {key}: {wall:.3f} s wall, {cpu:.3f} s CPU")
        result["queries"] = (len(queries), 0.0)
        return result

    small = measure("demo")
    start = time.perf_counter()
    grow(Programme.objects.get(slug="samen-voor-overvecht"), args.factor)
    print(f"(grown {args.factor}x in {time.perf_counter() - start:.1f} s)")
    large = measure(f"{args.factor}x")
    for key in ("build", "html", "pdf", "docx"):
        ratio = large[key][1] / small[key][1]
        print(f"{key}: {ratio:.1f}x the CPU time at {args.factor}x the size")
    print(f"queries: {small['queries'][0]} -> {large['queries'][0]}")


if __name__ == "__main__":
    main()
