"""Benchmark of the indicator monitor on SQLite and PostgreSQL.

(a) The area profile endpoint (GET /api/v1/areas/{code}/profile/) over many areas: p50/p95,
    against one hand-written SQL query computing the same figures, in the same run.
(b) Import of one national year in the long CSV format against DuckDB's read_csv of the
    same file, in the same run; with the peak memory of the process. Also what the database
    alone needs to load the same file (PostgreSQL's COPY; the sqlite3 shell's .import, when
    installed) and insert its values into the observations (no validation, rolled back): the
    floor that this table and its indexes set.

Synthetic national data set: gemeenten x 4 wijken x 10 buurten (>= --areas areas, plus the
country) x --indicators x --years. Full size (the issue): 15,000 areas x 100 indicators x
10 years = 15 M observations and a 1.5 M-value import. Smaller runs for a quick look:

    PYTHONPATH=src .venv/bin/python benchmarks/indicators_bench.py --areas 1500 --years 5
    PYTHONPATH=src .venv/bin/python benchmarks/indicators_bench.py            # full size
    PYTHONPATH=src .venv/bin/python benchmarks/indicators_bench.py --backend sqlite

Each backend runs in its own process (Django is configured once per process); PostgreSQL is a
throwaway server started here (as user postgres when run as root).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from wijkaanpak.core.actors import SYSTEM

ROOT = Path(__file__).resolve().parent.parent
WIJKEN_PER_GM, BUURTEN_PER_WK = 4, 10


# --- parent: start backends and print the table ------------------------------------------


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return int(port)


class ThrowawayPostgres:
    def __init__(self) -> None:
        versions = sorted(Path("/usr/lib/postgresql").iterdir(), key=lambda p: int(p.name))
        self.bin = versions[-1] / "bin"
        self.data = Path(tempfile.mkdtemp(prefix="bench-pg-"))
        self.port = free_port()
        self.as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def __enter__(self) -> str:
        if self.as_pg:
            shutil.chown(self.data, "postgres", "postgres")
        run = {"check": True, "stdout": subprocess.DEVNULL}
        subprocess.run(
            [*self.as_pg, str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
             "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], **run,
        )  # fmt: skip
        opts = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data} -c fsync=off "
            "-c full_page_writes=off -c synchronous_commit=off -c shared_buffers=1GB "
            "-c work_mem=64MB -c maintenance_work_mem=512MB -c max_wal_size=4GB"
        )
        subprocess.run(
            [*self.as_pg, str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-l",
             str(self.data / "log"), "-o", opts, "start"], **run,
        )  # fmt: skip
        return f"postgres://postgres@127.0.0.1:{self.port}/bench"

    def __exit__(self, *exc: object) -> None:
        subprocess.run(
            [
                *self.as_pg,
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.data),
                "-m",
                "immediate",
                "stop",
            ],
            check=False,
            stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(self.data, ignore_errors=True)


def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    env = dict(
        os.environ, PYTHONPATH=str(ROOT / "src"), DJANGO_SETTINGS_MODULE="wijkaanpak.settings"
    )
    env.pop("DATABASE_URL", None)
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    env["WIJKAANPAK_DATA_DIR"] = str(tmp)
    env.update(
        DEBUG="false",
        SECRET_KEY="benchmark-only-key",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
    )
    cmd = [sys.executable, __file__, "--child", backend, *sys.argv[1:]]
    try:
        if backend == "postgresql":
            with ThrowawayPostgres() as url:
                env["DATABASE_URL"] = url
                subprocess.run(
                    [sys.executable, "-c", "import psycopg,sys; c=psycopg.connect(sys.argv[1], "
                     "autocommit=True); c.execute('CREATE DATABASE bench')",
                     url.rsplit("/", 1)[0] + "/postgres"], check=True,
                )  # fmt: skip
                out = subprocess.run(cmd, env=env, check=True, stdout=subprocess.PIPE, text=True)
        else:
            out = subprocess.run(cmd, env=env, check=True, stdout=subprocess.PIPE, text=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    args = parse_args()
    if args.child:
        print(json.dumps(child(args.child, args)))
        return
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    for b in backends:  # print each backend's figures as soon as they are there
        report(b, run_backend(b, args))


def report(backend: str, r: dict[str, Any]) -> None:
    print(f"\n== {backend}: {r['size']}", flush=True)
    print(f"  load synthetic data:        {r['load_s']:.1f} s ({r['observations']:,} observations)")
    p = r["profile"]
    print(
        f"  (a) profile endpoint:       p50 {p['p50_ms']:.1f} ms, p95 {p['p95_ms']:.1f} ms "
        f"over {p['n']} areas ({p['rows']:.0f} indicators each)"
    )
    print(
        f"      one hand-written SQL:   p50 {p['sql_p50_ms']:.1f} ms, p95 {p['sql_p95_ms']:.1f} ms"
    )
    print(
        f"      ratio p95 endpoint/SQL: {p['p95_ms'] / p['sql_p95_ms']:.2f}x "
        "(target <= 2x and p95 <= 20 ms)"
    )
    if "import" in r:
        i = r["import"]
        print(
            f"  (b) long CSV import:        {i['import_s']:.1f} s for {i['values']:,} values "
            f"({i['file_mb']:.0f} MB; {i['values'] / i['import_s']:,.0f} values/s); "
            f"peak RSS {i['peak_rss_mb']:.0f} MB (before: {i['rss_before_mb']:.0f} MB)"
        )
        print(f"      DuckDB read_csv:        {i['duckdb_s']:.2f} s")
        print(f"      ratio import/DuckDB:    {i['import_s'] / i['duckdb_s']:.1f}x (target <= 3x)")
        if i.get("native_s"):
            what = (
                "COPY of the file"
                if backend == "postgresql"
                else "the sqlite3 shell's .import of the file"
            )
            label = ("PostgreSQL" if backend == "postgresql" else "SQLite") + " alone:"
            print(
                f"      {label:<24}{i['native_s']:.1f} s "
                f"({i['native_s'] / i['duckdb_s']:.0f}x DuckDB; import/this "
                f"{i['import_s'] / i['native_s']:.2f}x): {what} and one INSERT into the "
                "observations, codes joined in SQL, nothing validated (rolled back)"
            )
        elif backend == "sqlite":
            print("      SQLite alone:           not measured (no sqlite3 command on the PATH)")
    sys.stdout.flush()


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--areas", type=int, default=15000, help="at least this many areas")
    ap.add_argument("--indicators", type=int, default=100)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--profiles", type=int, default=300, help="profile requests to time")
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--skip-import", action="store_true")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    return ap.parse_args()


# --- child: one backend ------------------------------------------------------------------


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    size, n_obs, first_year = load(args)
    result: dict[str, Any] = {
        "size": size,
        "observations": n_obs,
        "load_s": time.perf_counter() - t0,
    }
    result["profile"] = bench_profile(args, last_year=first_year + args.years - 1)
    if not args.skip_import:
        result["import"] = bench_import(args, year=first_year + args.years)
    return result


def load(args: argparse.Namespace) -> tuple[str, int, int]:
    from django.db import connection, transaction

    from wijkaanpak.areas.models import Area, AreaLevel
    from wijkaanpak.indicators.models import Indicator

    n_gm = math.ceil(args.areas / (1 + WIJKEN_PER_GM + WIJKEN_PER_GM * BUURTEN_PER_WK))
    first_year = 2015
    with transaction.atomic():
        nl = Area.objects.create(code="NL00", name="Nederland", level=AreaLevel.COUNTRY)
        gms = Area.objects.bulk_create(
            Area(code=f"GM{g:04d}", name=f"Gemeente {g}", level=AreaLevel.MUNICIPALITY, parent=nl)
            for g in range(1, n_gm + 1)
        )
        gms = list(Area.objects.filter(level=AreaLevel.MUNICIPALITY).order_by("code"))
        Area.objects.bulk_create(
            Area(code=f"WK{gm.code[2:]}{w:02d}", name=f"Wijk {w} {gm.name}",
                 level=AreaLevel.DISTRICT, parent=gm)
            for gm in gms for w in range(1, WIJKEN_PER_GM + 1)
        )  # fmt: skip
        wks = list(Area.objects.filter(level=AreaLevel.DISTRICT).order_by("code"))
        Area.objects.bulk_create(
            (Area(code=f"BU{wk.code[2:]}{b:02d}", name=f"Buurt {b} {wk.name}",
                  level=AreaLevel.NEIGHBOURHOOD, parent=wk)
             for wk in wks for b in range(1, BUURTEN_PER_WK + 1)),
            batch_size=5000,
        )  # fmt: skip
        Indicator.objects.bulk_create(
            Indicator(code=f"ind{i:03d}", name_nl=f"Indicator {i}", unit="percent",
                      direction=("lower", "higher", "neutral")[i % 3])
            for i in range(1, args.indicators + 1)
        )  # fmt: skip
    n_areas = Area.objects.count()
    years = list(range(first_year, first_year + args.years))
    with connection.cursor() as cur:
        # Drop the secondary indexes while loading; put them back afterwards.
        if connection.vendor == "postgresql":
            cur.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = "
                "'indicators_observation' AND indexname NOT LIKE '%%pkey'"
            )
        else:
            cur.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                "tbl_name = 'indicators_observation' AND sql IS NOT NULL"
            )
        indexes = cur.fetchall()
        for name, _ in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        value = "((a.id * 7919 + i.id * 104729 + y.y * 31) %% 1000) / 10.0"
        year_rows = " UNION ALL ".join(f"SELECT {y} AS y" for y in years)
        if connection.vendor == "postgresql":
            # Skip the deferred foreign-key checks of 15 M synthetic rows (made consistent here).
            cur.execute("SET session_replication_role = replica")
        with transaction.atomic():
            cur.execute(
                "INSERT INTO indicators_observation (indicator_id, area_id, period, value, "
                "missing_reason, source, release, status, is_current) "
                f"SELECT i.id, a.id, y.y, {value}, '', 'synthetic', 'synthetic', 'final', %s "
                f"FROM areas_area a CROSS JOIN indicators_indicator i CROSS JOIN ({year_rows}) y",
                [True],
            )
        if connection.vendor == "postgresql":
            cur.execute("SET session_replication_role = DEFAULT")
        for _, ddl in indexes:
            cur.execute(ddl)
        cur.execute("ANALYZE")
    n_obs = n_areas * args.indicators * args.years
    size = f"{n_areas:,} areas x {args.indicators} indicators x {args.years} years"
    return size, n_obs, first_year


PROFILE_SQL = """
WITH own AS (
  SELECT indicator_id, period, value FROM indicators_observation
  WHERE area_id = %(area)s AND is_current AND value IS NOT NULL AND period <= %(year)s
), latest AS (
  SELECT indicator_id, MAX(period) AS period, COUNT(*) AS n, SUM(period) AS sp,
         SUM(value) AS sv, SUM(CAST(period AS bigint) * CAST(period AS bigint)) AS spp, SUM(period * value) AS spv
  FROM own GROUP BY indicator_id
)
SELECT i.code, i.name_nl, i.unit, l.period, c.value,
  (SELECT p.value FROM indicators_observation p WHERE p.area_id = %(parent)s
     AND p.indicator_id = l.indicator_id AND p.period = l.period AND p.is_current) AS parent_value,
  (SELECT p.value FROM indicators_observation p WHERE p.area_id = %(city)s
     AND p.indicator_id = l.indicator_id AND p.period = l.period AND p.is_current) AS city_value,
  (SELECT p.value FROM indicators_observation p WHERE p.area_id = %(nl)s
     AND p.indicator_id = l.indicator_id AND p.period = l.period AND p.is_current) AS national_value,
  c.value * 100.0 / NULLIF((SELECT b.value FROM indicators_observation b
     WHERE b.area_id = %(city)s AND b.indicator_id = l.indicator_id AND b.is_current
     AND b.value IS NOT NULL ORDER BY b.period LIMIT 1), 0) AS index_value,
  c.value - (SELECT o2.value FROM own o2 WHERE o2.indicator_id = l.indicator_id
     AND o2.period < l.period ORDER BY o2.period DESC LIMIT 1) AS change,
  (l.n * l.spv - l.sp * l.sv) / NULLIF(l.n * l.spp - l.sp * l.sp, 0) AS trend,
  1 + (SELECT COUNT(*) FROM indicators_observation s JOIN areas_area sa ON sa.id = s.area_id
     WHERE sa.parent_id = %(parent)s AND s.indicator_id = l.indicator_id
     AND s.period = l.period AND s.is_current AND s.value > c.value) AS rank
FROM latest l
JOIN own c ON c.indicator_id = l.indicator_id AND c.period = l.period
JOIN indicators_indicator i ON i.id = l.indicator_id
"""


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def bench_profile(args: argparse.Namespace, *, last_year: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client

    from wijkaanpak.areas.models import Area, AreaLevel

    rng = random.Random(42)
    buurten = list(
        Area.objects.filter(level=AreaLevel.NEIGHBOURHOOD)
        .select_related("parent__parent")
        .values_list("code", "id", "parent_id", "parent__parent_id")
    )
    nl_id = Area.objects.get(code="NL00").pk
    sample = rng.sample(buurten, min(args.profiles, len(buurten)))
    client = Client()
    endpoint, floor, rows = [], [], []
    for code, *_ in sample[:10]:  # warm up
        client.get(f"/api/v1/areas/{code}/profile/", {"year": last_year})
    for code, area_id, parent_id, city_id in sample:
        t = time.perf_counter()
        r = client.get(f"/api/v1/areas/{code}/profile/", {"year": last_year})
        endpoint.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, r.content[:300]
        rows.append(r.json()["count"])
        params = {
            "area": area_id,
            "parent": parent_id,
            "city": city_id,
            "nl": nl_id,
            "year": last_year,
        }
        t = time.perf_counter()
        with connection.cursor() as cur:
            cur.execute(PROFILE_SQL, params)
            result = cur.fetchall()
        floor.append((time.perf_counter() - t) * 1000)
        assert len(result) == rows[-1], (len(result), rows[-1])
    return {
        "n": len(sample),
        "rows": statistics.mean(rows),
        "p50_ms": pct(endpoint, 0.5),
        "p95_ms": pct(endpoint, 0.95),
        "sql_p50_ms": pct(floor, 0.5),
        "sql_p95_ms": pct(floor, 0.95),
    }


def bench_import(args: argparse.Namespace, *, year: int) -> dict[str, Any]:
    import duckdb

    from wijkaanpak.areas.models import Area
    from wijkaanpak.indicators.models import Indicator
    from wijkaanpak.indicators.services import indicators_import

    tmp = Path(tempfile.mkdtemp(prefix="bench-import-"))
    path = tmp / f"national_{year}.csv"
    codes = list(Area.objects.order_by("code").values_list("code", flat=True))
    indicators = list(Indicator.objects.order_by("code").values_list("code", flat=True))
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        fh.write("indicator,area,period,value,source\n")
        for a_i, code in enumerate(codes):
            for i_i, ind in enumerate(indicators):
                fh.write(f"{ind},{code},{year},{(a_i * 37 + i_i * 11) % 1000 / 10},CBS synthetic\n")
                n += 1
    try:
        rss_before = rss_mb()
        t = time.perf_counter()
        with path.open("rb") as stream:
            report = indicators_import(user=SYSTEM, stream=stream, file_name=path.name, fmt="long")
        import_s = time.perf_counter() - t
        assert report["values_written"] == n, report
        con = duckdb.connect()
        t = time.perf_counter()
        count = con.execute(
            "SELECT COUNT(*), SUM(value) FROM read_csv(?, header = true)", [str(path)]
        ).fetchone()
        duck_s = time.perf_counter() - t
        assert count is not None and count[0] == n
        return {
            "native_s": native_postgresql_insert(path, n)
            if _is_postgresql()
            else native_sqlite_insert(path, n),
            "values": n,
            "file_mb": path.stat().st_size / 1e6,
            "import_s": import_s,
            "duckdb_s": duck_s,
            "peak_rss_mb": rss_mb(),
            "rss_before_mb": rss_before,
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _is_postgresql() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


class _RolledBack(Exception):
    pass


def native_postgresql_insert(path: Path, n: int) -> float:
    """What PostgreSQL alone needs for the same values: the file COPYed in as text, then one
    INSERT ... SELECT into the observations (as the next year) with the codes joined in SQL.
    No validation, no history, no report; rolled back. A floor for the import on this table
    and its indexes."""
    from django.db import connection, transaction

    t = time.perf_counter()
    try:
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(
                "CREATE TEMPORARY TABLE native_stage (indicator text, area text, period int, "
                "value double precision, source text) ON COMMIT DROP"
            )
            with (
                cur.cursor.copy("COPY native_stage FROM STDIN (FORMAT csv, HEADER true)") as copy,
                path.open("rb") as fh,
            ):
                while block := fh.read(1 << 20):
                    copy.write(block)
            cur.execute(
                "INSERT INTO indicators_observation (indicator_id, area_id, period, value, "
                "missing_reason, source, release, status, is_current) "
                "SELECT i.id, a.id, s.period + 1, s.value, '', s.source, 'native', 'final', true "
                "FROM native_stage s JOIN indicators_indicator i ON i.code = s.indicator "
                "JOIN areas_area a ON a.code = s.area"
            )
            assert cur.rowcount == n, (cur.rowcount, n)
            elapsed = time.perf_counter() - t
            raise _RolledBack
    except _RolledBack:
        pass
    return elapsed


def native_sqlite_insert(path: Path, n: int) -> float | None:
    """The same floor on SQLite, through the sqlite3 shell (C, no Python per row): .import of
    the file into a temporary table, then one INSERT ... SELECT in a transaction that is rolled
    back, with the page cache the importer uses. None without the sqlite3 command."""
    from django.db import connection

    from wijkaanpak.indicators.importers.writer import SQLITE_IMPORT_CACHE_KIB

    shell = shutil.which("sqlite3")
    if shell is None:
        return None
    script = f"""
PRAGMA cache_size = -{SQLITE_IMPORT_CACHE_KIB};
CREATE TEMP TABLE native_stage (indicator TEXT, area TEXT, period INT, value REAL, source TEXT);
.import --csv --skip 1 --schema temp '{path}' native_stage
BEGIN;
INSERT INTO indicators_observation (indicator_id, area_id, period, value, missing_reason, source,
  release, status, is_current)
SELECT i.id, a.id, s.period + 1, s.value, '', s.source, 'native', 'final', 1
FROM native_stage s JOIN indicators_indicator i ON i.code = s.indicator
JOIN areas_area a ON a.code = s.area;
SELECT changes();
ROLLBACK;
"""
    connection.close()  # no open transaction or lock of ours in the way
    t = time.perf_counter()
    out = subprocess.run(
        [shell, "-bail", str(connection.settings_dict["NAME"])],
        input=script,
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - t
    assert out.stdout.split()[-1] == str(n), (out.stdout, out.stderr)
    return elapsed


if __name__ == "__main__":
    main()
