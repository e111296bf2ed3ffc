"""Benchmark of the choropleth maps (issue 18, docs/maps.md).

(a) The map of all 2,982 wijken of the Netherlands (CBS wijk_2016_6.geojson, RD New, loaded
    through pyproj): cold (empty cache: the boundaries read from the database, projected,
    simplified and drawn) and from the cache; the size of the SVG. Targets: <= 1 s cold,
    <= 50 ms cached, <= 1 MB.
    Also a map of the same areas for another year or indicator: the drawn outlines are cached
    apart from the figures.
(b) The map of Utrecht's 111 buurten (utrecht_gemeente_buurten_2013_wgs84.geojson) cold.
    Target: <= 100 ms.

Wall and CPU time (process time) per run, the median of --runs; the load average before and
after (the machine is shared). A throwaway SQLite database unless DATABASE_URL is set (a
PostgreSQL database is emptied by the migrations' tables being created in it: use a scratch
one):

    PYTHONPATH=src WIJKAANPAK_SHARED_DATA=/work/shared/data .venv/bin/python benchmarks/maps_bench.py
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkaanpak.settings")
os.environ.setdefault("DEBUG", "true")
_TMP = tempfile.mkdtemp(prefix="maps-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_TMP}/bench.sqlite3")


def _timed(fn: Any, runs: int, before: Any = None) -> tuple[float, float, Any]:
    walls, cpus, result = [], [], None
    for _ in range(runs):
        if before is not None:
            before()
        w0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return statistics.median(walls), statistics.median(cpus), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    from wijkaanpak.areas.models import Area
    from wijkaanpak.indicators.map_data import indicator_map
    from wijkaanpak.indicators.models import Observation
    from wijkaanpak.indicators.services import indicator_create_or_update
    from wijkaanpak.indicators.tests.boundaries import (
        load_national_wijken,
        load_utrecht_buurten_2013,
    )

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    wijken = load_national_wijken()
    buurten = load_utrecht_buurten_2013()
    print(
        f"loaded {wijken} wijk and {buurten} buurt boundaries in {time.perf_counter() - t0:.1f} s"
    )
    indicator = indicator_create_or_update(code="bench", name_nl="Benchmark", unit="percent")
    rnd = random.Random(18)
    Observation.objects.bulk_create(
        Observation(
            indicator=indicator,
            area=area,
            period=2023,
            value=None if rnd.random() < 0.05 else round(rnd.uniform(0, 60), 1),
            source="bench",
        )
        for area in Area.objects.filter(level__in=["wijk", "buurt"])
    )
    print(f"load average before: {os.getloadavg()}")
    failed = []

    def national() -> Any:
        return indicator_map(indicator=indicator, within="NL00", level="wijk")

    def utrecht() -> Any:
        return indicator_map(indicator=indicator, within="GM0344", level="buurt")

    wall, cpu, result = _timed(national, args.runs, before=cache.clear)
    size = len(result.svg.encode())
    print(
        f"NL wijken ({len(result.rows)}) cold:   wall {wall * 1000:.0f} ms, cpu {cpu * 1000:.0f} ms"
    )
    print(f"NL wijken SVG size: {size / 1024:.0f} KiB")
    failed += ["national cold"] if wall > 1.0 else []
    failed += ["national size"] if size > 1_000_000 else []
    wall, cpu, result = _timed(national, args.runs * 4)
    print(f"NL wijken cached: wall {wall * 1000:.1f} ms, cpu {cpu * 1000:.1f} ms")
    failed += ["national cached"] if wall > 0.05 else []
    years = iter(range(1900, 2000))
    wall, cpu, result = _timed(
        lambda: indicator_map(indicator=indicator, within="NL00", level="wijk", year=next(years)),
        args.runs,
    )
    print(
        f"NL wijken, another year (outlines cached): wall {wall * 1000:.0f} ms, "
        f"cpu {cpu * 1000:.0f} ms"
    )
    wall, cpu, result = _timed(utrecht, args.runs, before=cache.clear)
    size = len(result.svg.encode())
    print(
        f"Utrecht buurten ({len(result.rows)}) cold: wall {wall * 1000:.0f} ms, "
        f"cpu {cpu * 1000:.0f} ms, {size / 1024:.0f} KiB"
    )
    failed += ["utrecht cold"] if wall > 0.1 else []
    print(f"load average after: {os.getloadavg()}")
    if failed:
        sys.exit(f"over target: {', '.join(failed)}")


if __name__ == "__main__":
    main()
