"""The residents' public forms and the photo pipeline (issue 17).

1. Requests/s and latency of the public fund form and the public signal form (GET, the page a
   resident opens) over loopback against gunicorn (gthread, 3 workers x 2 threads, DEBUG off),
   loaded by wrk (32 connections, one thread) on PostgreSQL.
2. p50/p95 of sending each form (POST with valid data: validation, service, audit,
   notification, redirect), in-process through Django's test client, every post from another
   client address (the rate limit counts per client).
3. A 10 MB JPEG photo through `residents.photos.photo_clean` (decode, bomb guard, scale,
   re-encode, EXIF stripped): wall time and the peak RSS of a fresh process before and after.

    DATABASE_URL=postgres://postgres@127.0.0.1:5433/wk_residents_bench \
    PYTHONPATH=src .venv/bin/python benchmarks/residents_bench.py

The database is created (and emptied) by the script. Needs `wrk` (apt-get install wrk).
"""

from __future__ import annotations

import http.client
import io
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkaanpak.settings")


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = int(s.getsockname()[1])
    s.close()
    return port


def _database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _setup() -> str:
    """Migrate and make one programme with its buurten, a routed theme and the 2020 fund."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from wijkaanpak.areas.models import AreaLevel
    from wijkaanpak.areas.services import area_create_or_update
    from wijkaanpak.core.actors import SYSTEM
    from wijkaanpak.finance.services import budget_line_create, budget_set
    from wijkaanpak.organisations.services import organisation_ensure
    from wijkaanpak.programmes.services import programme_create_or_update
    from wijkaanpak.residents import services

    gm = area_create_or_update(code="GM0344", name="Utrecht", level=AreaLevel.MUNICIPALITY)
    wk = area_create_or_update(
        code="WK034403", name="Overvecht", level=AreaLevel.DISTRICT, parent=gm
    )
    for i in range(10):
        area_create_or_update(
            code=f"BU034403{i:02d}", name=f"Buurt {i}", level=AreaLevel.NEIGHBOURHOOD, parent=wk
        )
    programme = programme_create_or_update(
        slug="bench", name="Bench", municipality=gm, area=wk, start_year=2019
    )
    theme = services.signal_theme_set(programme=programme, name="Afval", service_days=3, by=SYSTEM)
    services.routing_rule_set(
        theme=theme, area=None, organisation=organisation_ensure(name="Beheer"), by=SYSTEM
    )
    budget = budget_set(programme=programme, year=2020, amount=2_614_000, by=SYSTEM)
    line = budget_line_create(
        budget=budget, subject="Bewonersinitiatieven", amount=100_000, by=SYSTEM
    )
    services.fund_set(programme=programme, year=2020, name="Fonds", line=line, by=SYSTEM)
    return str(theme.pk)


def _wrk(port: int, path: str, seconds: int = 10) -> str:
    command = ["wrk", "-t1", "-c32", f"-d{seconds}s", "--latency", f"http://127.0.0.1:{port}{path}"]
    subprocess.run([*command[:3], "-d2s", *command[4:]], check=True, capture_output=True)
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    if "Non-2xx" in out:
        raise SystemExit(f"wrk saw error answers:\n{out}")
    rps = float(out.split("Requests/sec:")[1].split()[0])
    lat = {
        line.split()[0]: line.split()[1]
        for line in out.splitlines()
        if line.strip().startswith(("50%", "90%", "99%"))
    }
    return f"{rps:7.0f} req/s  p50 {lat.get('50%')}  p90 {lat.get('90%')}  p99 {lat.get('99%')}"


def throughput(url: str) -> None:
    if not shutil.which("wrk"):
        print("   wrk not found: apt-get install wrk")
        return
    port = _free_port()
    data_dir = Path(tempfile.mkdtemp(prefix="residents-bench-"))
    env = {
        **os.environ,
        "WIJKAANPAK_DATA_DIR": str(data_dir),
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "PYTHONPATH": str(REPO / "src"),
        "LOG_LEVEL": "ERROR",
    }
    # DEBUG off serves static files through the manifest: collect them first.
    subprocess.run(
        [sys.executable, "-m", "wijkaanpak", "collectstatic", "--noinput", "-v0"],
        env=env,
        cwd=str(REPO),
        check=True,
    )
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
        # Wait until a page answers 200 (up to two minutes on a busy machine).
        for _ in range(600):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/bewoners/bench/melden/")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not answer")
        for name, path in (
            ("fund form  ", "/bewoners/bench/initiatieffonds/aanvragen/"),
            ("signal form", "/bewoners/bench/melden/"),
        ):
            print(f"   GET {name} {_wrk(port, path)}")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(data_dir, ignore_errors=True)


def posts(theme_id: str, n: int = 200) -> None:
    from django.test import Client

    from wijkaanpak.residents.models import InitiativeApplication, Signal

    client = Client()
    fund = {
        "title": "Buurtbarbecue",
        "place": "Plein",
        "audience": "Bewoners",
        "amount_asked": "100",
        "contact_name": "Bench",
        "contact_email": "b@example.org",
        "consent": "on",
    }
    signal = {"theme": theme_id, "buurt": "BU03440301", "description": "Vuilniszakken"}
    for name, path, data in (
        ("fund form  ", "/bewoners/bench/initiatieffonds/aanvragen/", fund),
        ("signal form", "/bewoners/bench/melden/", signal),
    ):
        times = []
        for i in range(n):
            t = time.perf_counter()
            r = client.post(path, data, REMOTE_ADDR=f"10.0.{i // 250}.{i % 250}")
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 302, r.status_code
        times.sort()
        print(
            f"   POST {name} p50 {statistics.median(times):5.1f} ms  "
            f"p95 {times[int(len(times) * 0.95)]:5.1f} ms  (n={n}, in-process)"
        )
    print(
        f"   kept: {InitiativeApplication.objects.count()} applications, {Signal.objects.count()} signals"
    )


PHOTO_CHILD = """
import io, sys, time
from wijkaanpak.residents.photos import photo_clean
def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1])
data = open(sys.argv[1], "rb").read()
before = status("VmRSS:")
t, c = time.perf_counter(), time.process_time()
out = photo_clean(io.BytesIO(data), size=len(data))
took, cpu = time.perf_counter() - t, time.process_time() - c
peak = status("VmHWM:")
print(f"{took:.3f} {cpu:.3f} {before} {peak} {len(out.read())}")
"""


def photo() -> None:
    from PIL import Image

    path = Path("/tmp/residents-bench-10mb.jpg")
    if not path.exists():
        # Noise compresses badly: a 12 MP photo of noise at quality 96 is about 10 MB.
        side = (4000, 3000)
        image = Image.frombytes("RGB", side, os.urandom(side[0] * side[1] * 3))
        exif = Image.Exif()
        exif[0x8825] = {1: "N", 2: (52.0, 6.0, 0.0), 3: "E", 4: (5.0, 7.0, 0.0)}
        for quality in (96, 93, 90, 85):
            buf = io.BytesIO()
            image.save(buf, format="JPEG", quality=quality, exif=exif)
            if buf.tell() <= 10 * 1024 * 1024:
                break
        path.write_bytes(buf.getvalue())
    size = path.stat().st_size
    out = subprocess.run(
        [sys.executable, "-c", PHOTO_CHILD, str(path)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    ).stdout.split()
    took, cpu = float(out[0]), float(out[1])
    before, peak, stored = int(out[2]), int(out[3]), int(out[4])
    print(
        f"   photo {size / 1e6:.1f} MB, 4000x3000: {took:.2f} s wall, {cpu:.2f} s CPU; RSS "
        f"{before / 1024:.0f} MB before (file read, modules loaded), peak {peak / 1024:.0f} MB "
        f"(+{(peak - before) / 1024:.0f} MB); stored {stored / 1e6:.2f} MB"
    )


def main() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (it is created and emptied).")
    _database(url)
    theme_id = _setup()
    print(f"Load average before: {os.getloadavg()[0]:.1f} (2 cores, shared)")
    print("Public forms over loopback (gunicorn 3x2, wrk 32 connections, 10 s each):")
    throughput(url)
    print("Sending the forms:")
    posts(theme_id)
    print("Photo pipeline:")
    photo()
    print(
        f"   (this process: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)"
    )


if __name__ == "__main__":
    main()
