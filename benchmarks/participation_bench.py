"""The shared calendar's public iCalendar feed under load.

Loads the Overvecht demo into a PostgreSQL database (the shared server of the development
machine by default), adds a year and a half of calendar items on top (BENCH_ITEMS activities
and as many communication items, 400 each by default), and prints:

- the time to build the feed without cache (in-process) and its size;
- p50/p95 of a cached feed request in-process (Django test client);
- requests/s and latency p50/p95/p99 over loopback against gunicorn (gthread, 3 workers x 2
  threads), loaded by wrk (BENCH_CLIENTS connections, 8 by default, 10 s; `apt-get install
  wrk`), with and without gzip (calendar programs ask for gzip).

    DATABASE_URL=postgres://postgres@127.0.0.1:5433/wk_participation_bench \\
    PYTHONPATH=src .venv/bin/python benchmarks/participation_bench.py

The database named in DATABASE_URL is dropped and made again (BENCH_REUSE=1 keeps it). Run it on a quiet machine: the
throughput is what two cores give client, server and database together.
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5433/wk_participation_bench"
PATH = "/participatie/samen-voor-overvecht/kalender.ics"
CONNECTIONS = int(os.environ.get("BENCH_CLIENTS", "8"))


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def fresh_database(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup(url: str, items: int) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkaanpak.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from wijkaanpak.demo.loader import demo_load

    t = time.perf_counter()
    demo_load()
    print(f"demo loaded in {time.perf_counter() - t:.1f} s")
    from wijkaanpak.core.actors import SYSTEM
    from wijkaanpak.participation import services
    from wijkaanpak.participation.models import Channel
    from wijkaanpak.programmes.models import Programme

    programme = Programme.objects.get(slug="samen-voor-overvecht")
    channels = list(Channel.objects.filter(programme=programme))
    ams = ZoneInfo("Europe/Amsterdam")
    start = dt.datetime(2020, 1, 6, 10, tzinfo=ams)
    for i in range(items):
        when = start + dt.timedelta(days=i * 540 // items, hours=i % 8)
        services.activity_create(
            programme=programme,
            kind=["versnellingscafe", "dialogue", "market", "training"][i % 4],
            title=f"Bijeenkomst {i}: werk, geld; opvoeden",
            starts_at=when,
            ends_at=when + dt.timedelta(hours=2),
            place="Buurtcentrum, Overvecht",
            description="Beschrijving van de bijeenkomst.\nTweede regel.",
            public=i % 5 != 0,
            by=SYSTEM,
        )
        services.output_create(
            programme=programme,
            channel=channels[i % len(channels)],
            kind="article",
            title=f"Artikel {i}",
            date=when.date(),
            status="made" if i % 3 else "planned",
            by=SYSTEM,
        )


def in_process(n: int = 300) -> None:
    from django.core.cache import cache
    from django.test import Client

    from wijkaanpak.participation.ical import build_feed
    from wijkaanpak.programmes.models import Programme

    programme = Programme.objects.get(slug="samen-voor-overvecht")
    times = []
    for _ in range(5):
        t = time.perf_counter()
        body = build_feed(programme=programme, internal=False, base_url="http://x")
        times.append(time.perf_counter() - t)
    print(
        f"feed built without cache: median {statistics.median(times) * 1000:.0f} ms, "
        f"{len(body) / 1024:.0f} KiB, {body.count(b'BEGIN:VEVENT')} events"
    )
    cache.clear()
    client = Client()
    client.get(PATH)
    times = []
    for _ in range(n):
        t = time.perf_counter()
        response = client.get(PATH)
        times.append(time.perf_counter() - t)
        assert response.status_code == 200
    cpu = time.process_time()
    for _ in range(n):
        client.get(PATH, headers={"Accept-Encoding": "gzip"})
    cpu = (time.process_time() - cpu) / n
    times.sort()
    print(
        f"CPU per cached request in-process (gzip): {cpu * 1000:.2f} ms "
        f"(what the machine's load does not change; 2 cores / this = the ceiling of Django)"
    )
    print(
        f"cached feed in-process: p50 {times[n // 2] * 1000:.1f} ms, "
        f"p95 {times[int(n * 0.95)] * 1000:.1f} ms"
    )


def _client(port: int, seconds: float, out: list[float]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        t = time.perf_counter()
        conn.request("GET", PATH)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"answer {response.status}")
        out.append(time.perf_counter() - t)


def over_loopback(url: str, seconds: float = 10.0) -> None:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "PYTHONPATH": str(REPO / "src"),
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "wijkaanpak.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "3",
            "-k",
            "gthread",
            "--threads",
            "2",
            "--keep-alive",
            "30",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=str(REPO),
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        # Warm up with parallel clients, so that every worker builds and caches the feed.
        warm = [threading.Thread(target=_client, args=(port, 4.0, [])) for _ in range(6)]
        for t in warm:
            t.start()
        for t in warm:
            t.join()
        if not shutil.which("wrk"):
            raise SystemExit("wrk is needed: apt-get install wrk")
        script = Path(tempfile.mkstemp(suffix=".lua")[1])
        script.write_text(
            "done = function(summary, latency, requests)\n"
            '  io.write(string.format("p50_ms %.1f p95_ms %.1f p99_ms %.1f\\n",\n'
            "    latency:percentile(50) / 1000, latency:percentile(95) / 1000,\n"
            "    latency:percentile(99) / 1000))\n"
            "end\n"
        )
        for label, headers in (
            ("gzip (as calendar programs ask)", ["-H", "Accept-Encoding: gzip"]),
            ("uncompressed", []),
        ):
            out = subprocess.run(
                [
                    "wrk",
                    "-t1",
                    f"-c{CONNECTIONS}",
                    f"-d{seconds:.0f}s",
                    "-s",
                    str(script),
                    *headers,
                    f"http://127.0.0.1:{port}{PATH}",
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            if "Non-2xx" in out:
                raise SystemExit(f"wrk saw error answers:\n{out}")
            rps = float(out.split("Requests/sec:")[1].split()[0])
            latency = out[out.index("p50_ms") :].split()
            print(
                f"wrk {label}, {CONNECTIONS} connections, {seconds:.0f} s: {rps:.0f} requests/s;"
                f" latency p50 {latency[1]} ms, p95 {latency[3]} ms, p99 {latency[5]} ms"
            )
        script.unlink()
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    items = int(os.environ.get("BENCH_ITEMS", "400"))
    if os.environ.get("BENCH_REUSE"):  # the database of an earlier run, as it is
        os.environ["DATABASE_URL"] = url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkaanpak.settings")
        import django

        django.setup()
    else:
        fresh_database(url)
        setup(url, items)
    in_process()
    over_loopback(url)


if __name__ == "__main__":
    main()
