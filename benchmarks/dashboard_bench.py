"""The public dashboard from its cache under load: requests/s and latency (p50, p95, p99) for
/programmas/samen-voor-overvecht/dashboard/ with 32 concurrent clients (wrk, one thread) against
gunicorn (gthread) on this machine. Target (issue 14): >= 300 requests/s with p95 <= 50 ms on
2 cores.

    PYTHONPATH=src .venv/bin/python benchmarks/dashboard_bench.py [--seconds 15]

Needs wrk (`apt-get install wrk`). Loads the demo into a throwaway SQLite data directory (set
DATABASE_URL for PostgreSQL, an empty database the benchmark may fill). Layouts:
BENCH_GUNICORN=2x4 (workers x threads; default 3x2, as benchmarks/outreach_bench.py).
Run it on a quiet machine: client, server and database share the two cores.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PATH = "/programmas/samen-voor-overvecht/dashboard/"
P95_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\\n", latency:percentile(95)))
  io.write(string.format("P50_US %d\\n", latency:percentile(50)))
  io.write(string.format("P99_US %d\\n", latency:percentile(99)))
end
"""


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = int(s.getsockname()[1])
    s.close()
    return port


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument(
        "--data-dir", default="", help="reuse this data directory (the demo loads once into it)"
    )
    args = parser.parse_args()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "PYTHONPATH": str(REPO / "src"),
        "LOG_LEVEL": "ERROR",
        "DJANGO_SETTINGS_MODULE": "wijkaanpak.settings",
    }
    # A throwaway data directory (SQLite database unless DATABASE_URL, collected static files).
    env["WIJKAANPAK_DATA_DIR"] = args.data_dir or tempfile.mkdtemp(prefix="dashboard-bench-")
    print(f"data directory: {env['WIJKAANPAK_DATA_DIR']}")
    setup = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('migrate', verbosity=0); call_command('load_demo', '--if-empty', verbosity=0)"
    )
    start = time.perf_counter()
    if not (args.data_dir and (Path(args.data_dir) / "static" / "staticfiles.json").exists()):
        # The demo's users have a published password: created with DEBUG on, served with it off.
        subprocess.run(
            [sys.executable, "-c", setup], env={**env, "DEBUG": "true"}, check=True, cwd=str(REPO)
        )
        subprocess.run(
            [sys.executable, "-m", "wijkaanpak", "collectstatic", "--noinput", "-v", "0"],
            env=env,
            check=True,
            cwd=str(REPO),
        )
    print(f"demo loaded in {time.perf_counter() - start:.0f} s")
    # CPU per cached request inside Django (test client, no network): what the load on a
    # shared machine does not inflate; two cores give at most 2 / this requests per second.
    probe = (
        "import django, time, statistics; django.setup(); from django.test import Client; "
        f"c = Client(HTTP_ACCEPT_LANGUAGE='nl'); c.get('{PATH}'); cpu = []\n"
        "for _ in range(300):\n"
        f"    t = time.process_time(); r = c.get('{PATH}'); cpu.append(time.process_time() - t)\n"
        "    assert r.status_code == 200\n"
        "print(f'in-process, cached: median {statistics.median(cpu) * 1000:.2f} ms CPU per request, "
        "p95 {sorted(cpu)[284] * 1000:.2f} ms')"
    )
    subprocess.run(
        [sys.executable, "-c", probe],
        env={**env, "ALLOWED_HOSTS": "testserver"},
        check=True,
        cwd=str(REPO),
    )
    workers, threads = os.environ.get("BENCH_GUNICORN", "3x2").split("x")
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "wijkaanpak.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            workers,
            "-k",
            "gthread",
            "--threads",
            threads,
            "--keep-alive",
            "30",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=str(REPO),
    )
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        # Fill each worker's cache (the first request renders; keep-alive off spreads them).
        for _ in range(int(workers) * 4):
            conn = http.client.HTTPConnection("127.0.0.1", port)
            conn.request("GET", PATH, headers={"Accept-Language": "nl", "Connection": "close"})
            r = conn.getresponse()
            body = r.read()
            assert r.status == 200, (r.status, body[:300])
        t = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", port)
        conn.request("GET", PATH, headers={"Accept-Language": "nl"})
        r = conn.getresponse()
        r.read()
        print(f"one cached request over loopback: {(time.perf_counter() - t) * 1000:.1f} ms")
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(P95_SCRIPT)
        command = [
            "wrk",
            "-t1",
            f"-c{args.clients}",
            f"-d{args.seconds:.0f}s",
            "-s",
            script.name,
            "-H",
            "Accept-Language: nl",
            f"http://127.0.0.1:{port}{PATH}",
        ]
        subprocess.run([*command[:3], "-d2s", *command[4:]], check=True, capture_output=True)
        load_before = os.getloadavg()
        cpu_before = os.times()
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        cpu_after = os.times()
        if "Non-2xx" in out:
            raise SystemExit(f"wrk saw error answers:\n{out}")
        rps = float(out.split("Requests/sec:")[1].split()[0])
        pct = {
            line.split()[0]: int(line.split()[1]) / 1000
            for line in out.splitlines()
            if line.startswith("P")
        }
        print(
            f"gunicorn {workers} workers x {threads} threads, wrk {args.clients} connections, "
            f"{args.seconds:.0f} s: {rps:.0f} requests/s, latency p50 {pct['P50_US']:.1f} ms, "
            f"p95 {pct['P95_US']:.1f} ms, p99 {pct['P99_US']:.1f} ms"
        )
        print(
            f"load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f}; "
            f"CPU of wrk {cpu_after.children_user + cpu_after.children_system - cpu_before.children_user - cpu_before.children_system:.1f} s"
        )
        ok = rps >= 300 and pct["P95_US"] <= 50
        print("target (>= 300 requests/s, p95 <= 50 ms):", "met" if ok else "NOT met")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
