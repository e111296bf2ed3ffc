"""Benchmark of the boundary importer (issue 18): a national registry of one division year,
about 17,000 areas with boundaries, imported from GeoJSON in RD New (EPSG:28992), with the
peak memory of the process.

No national buurt boundary file is at hand (the shared data has the 2,982 wijken of 2016 only),
so the files are synthesized: --gemeenten gemeenten x --wijken wijken x --buurten buurten, each
outline a wobbly square with --vertices points (CBS's simplified wijk- en buurtkaart has some
tens to hundreds per buurt). Three files, imported as the CBS files would be: gemeenten, wijken,
buurten (the buurt file defines its areas, the others add outlines).

    PYTHONPATH=src .venv/bin/python benchmarks/areas_bench.py                  # SQLite
    DATABASE_URL=postgres://... PYTHONPATH=src .venv/bin/python benchmarks/areas_bench.py

A throwaway test database is created (and destroyed) on the configured server.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import sys
import tempfile
import time
from pathlib import Path


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def outline(x0: float, y0: float, size: float, vertices: int) -> list[list[list[float]]]:
    """A square-ish ring (RD metres) with `vertices` points, wobbling a little."""
    ring = []
    cx, cy, r = x0 + size / 2, y0 + size / 2, size / 2
    for i in range(vertices):
        a = 2 * math.pi * i / vertices
        k = 1 / max(abs(math.cos(a)), abs(math.sin(a)))  # a square
        w = 1 + 0.02 * math.sin(7 * a)
        ring.append([round(cx + r * k * w * math.cos(a)), round(cy + r * k * w * math.sin(a))])
    ring.append(ring[0])
    return [ring]


def write(path: Path, rows: list[tuple[str, str, float, float, float]], vertices: int) -> None:
    """A FeatureCollection in RD New, written feature by feature (not held in memory)."""
    with path.open("w") as fh:
        fh.write('{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":')
        fh.write('"urn:ogc:def:crs:EPSG::28992"}},"features":[\n')
        for i, (code, name, x, y, size) in enumerate(rows):
            feature = {
                "type": "Feature",
                "properties": {"statcode": code, "statnaam": name},
                "geometry": {"type": "Polygon", "coordinates": outline(x, y, size, vertices)},
            }
            fh.write(("," if i else "") + json.dumps(feature) + "\n")
        fh.write("]}\n")


def synthesize(
    folder: Path, gemeenten: int, wijken: int, buurten: int, vertices: int
) -> dict[str, Path]:
    gm_rows, wk_rows, bu_rows = [], [], []
    side = math.ceil(math.sqrt(gemeenten))
    gm_size = 280_000 / side  # the country's width in RD metres, roughly
    wk_side = math.ceil(math.sqrt(wijken))
    bu_side = math.ceil(math.sqrt(buurten))
    for g in range(gemeenten):
        gx, gy = 10_000 + (g % side) * gm_size, 300_000 + (g // side) * gm_size
        gm = f"{g + 1:04d}"
        gm_rows.append((f"GM{gm}", f"Gemeente {g + 1}", gx, gy, gm_size))
        wk_size = gm_size / wk_side
        for w in range(wijken):
            wx, wy = gx + (w % wk_side) * wk_size, gy + (w // wk_side) * wk_size
            wk_rows.append((f"WK{gm}{w:02d}", f"Wijk {w:02d}", wx, wy, wk_size))
            bu_size = wk_size / bu_side
            for b in range(buurten):
                bx, by = wx + (b % bu_side) * bu_size, wy + (b // bu_side) * bu_size
                bu_rows.append((f"BU{gm}{w:02d}{b:02d}", f"Buurt {b:02d}", bx, by, bu_size))
    paths = {}
    for level, rows in (("buurt", bu_rows), ("wijk", wk_rows), ("gemeente", gm_rows)):
        paths[level] = folder / f"{level}.geojson"
        write(paths[level], rows, vertices)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gemeenten", type=int, default=342)
    parser.add_argument("--wijken", type=int, default=10)
    parser.add_argument("--buurten", type=int, default=4)
    parser.add_argument("--vertices", type=int, default=60)
    parser.add_argument("--year", type=int, default=2024)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkaanpak.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from wijkaanpak.areas.boundaries import boundaries_import
    from wijkaanpak.areas.models import Area, AreaBoundary

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            paths = synthesize(Path(tmp), args.gemeenten, args.wijken, args.buurten, args.vertices)
            sizes = {k: p.stat().st_size / 1e6 for k, p in paths.items()}
            base = rss_mb()
            t0, c0 = time.perf_counter(), cpu_s()
            timings = {}
            for level in ("buurt", "wijk", "gemeente"):
                t = time.perf_counter()
                with paths[level].open("rb") as fh:
                    report = boundaries_import(
                        fh, file_name=paths[level].name, year=args.year, level=level,
                        source="benchmark",
                    )  # fmt: skip
                timings[level] = (time.perf_counter() - t, report.stored, len(report.areas_created))
            total, cpu = time.perf_counter() - t0, cpu_s() - c0
            stored_kb = (
                sum(
                    len(json.dumps(g))
                    for g in AreaBoundary.objects.values_list("geometry", flat=True)[:1000]
                )
                / 1000
                / 1024
            )
            print(f"backend: {connection.vendor}")
            for level, (secs, stored, created) in timings.items():
                print(f"{level:9s} file {sizes[level]:6.1f} MB  {stored:6d} outlines  "
                      f"{created:6d} areas created  {secs:6.1f} s")  # fmt: skip
            print(f"total: {Area.objects.count()} areas, {AreaBoundary.objects.count()} outlines "
                  f"in {total:.1f} s (limit 60 s); this process's CPU time {cpu:.1f} s; load average "
                  f"{os.getloadavg()[0]:.1f}")  # fmt: skip
            print(f"peak RSS: {rss_mb():.0f} MB (before the imports {base:.0f} MB); "
                  f"stored outline: {stored_kb:.2f} KB on average")  # fmt: skip
            if total > 60:
                sys.exit(1)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
