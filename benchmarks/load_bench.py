"""Bounded load test: gunicorn + a throwaway PostgreSQL with the demo data, on loopback.

    PYTHONPATH=src .venv/bin/python benchmarks/load_bench.py [--seconds 8] [--clients 8] [--workers 2]

Starts its own PostgreSQL server (initdb/pg_ctl, as user postgres when root), migrates, loads
the Overvecht demo (with --city F also F x the city-scale outreach data of
benchmarks/outreach_bench.py, and then its list endpoints as worker, partner and coordinator), serves the app with gunicorn (DEBUG off, production settings apart
from TLS), then hammers each main read endpoint and one write endpoint for a fixed time with
keep-alive clients. Prints requests/s, p50/p95/p99 latency, errors, and the server's memory
(RSS of the gunicorn master and workers) after warm-up and at the end. Exits non-zero on any
error or when the memory grows by more than 15% during the run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Postgres:
    def __init__(self) -> None:
        versions = sorted(Path("/usr/lib/postgresql").iterdir(), key=lambda p: int(p.name))
        self.bin = versions[-1] / "bin"
        self.data = Path(tempfile.mkdtemp(prefix="loadbench-pg-"))
        self.port = free_port()
        self.as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def start(self) -> str:
        if self.as_pg:
            shutil.chown(self.data, "postgres", "postgres")
        subprocess.run(
            [*self.as_pg, str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
             "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(
            [*self.as_pg, str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-l",
             str(self.data / "log"), "-o",
             f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data} -c fsync=off",
             "start"],
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(
            [*self.as_pg, str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
             "-U", "postgres", "wijkaanpak"],
            check=True, capture_output=True,
        )  # fmt: skip
        return f"postgres://postgres@127.0.0.1:{self.port}/wijkaanpak"

    def stop(self) -> None:
        subprocess.run(
            [*self.as_pg, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
            capture_output=True,
        )  # fmt: skip
        shutil.rmtree(self.data, ignore_errors=True)


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "-m", "wijkaanpak", *args], env=env, capture_output=True, text=True, cwd=REPO
    )
    if result.returncode != 0:
        raise SystemExit(f"wijkaanpak {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


SETUP = """
import datetime as dt, json, secrets
from wijkaanpak.accounts.models import ApiToken, ProgrammeRole, User
from wijkaanpak.accounts.services import programme_membership_set
from wijkaanpak.opportunities.models import Opportunity
from wijkaanpak.opportunities.services import opportunity_create
from wijkaanpak.programmes.models import Programme
p = Programme.objects.get(slug="samen-voor-overvecht")
kans = Opportunity.objects.filter(programme=p).order_by("pk").first() or opportunity_create(
    programme=p, title="Load-kans", start_date=dt.date(2020, 1, 1))
user, _ = User.objects.get_or_create(username="load-editor")
user.set_password(secrets.token_urlsafe(16)); user.save()
programme_membership_set(user=user, programme=p, role=ProgrammeRole.EDITOR)
raw = secrets.token_urlsafe(32)
ApiToken.objects.create(user=user, key_hash=ApiToken.hash(raw), two_factor=True)
from wijkaanpak.organisations.models import Organisation
org = Organisation.objects.order_by("pk").first()
print(json.dumps({"kans": kans.pk, "token": raw, "slug": p.slug,
                  "org": org.pk if org else None}))
"""

# City scale (--city FRACTION): the outreach benchmark's generator (benchmarks/outreach_bench.py,
# 160,000 households, 1,000,000 visits, 100,000 referrals at 1.0), run in its own process.
CITY = """
import json, sys
sys.path.insert(0, "benchmarks")
import django
django.setup()
from outreach_bench import SCALE, generate
fraction = float(sys.argv[-1])
keep = ("organisations", "campaigns", "users")
scale = {k: (v if k in keep else max(int(v * fraction), 40)) for k, v in SCALE.items()}
world = generate(scale)
print(json.dumps({"tokens": world["tokens"], "campaign": world["campaign"], "scale": scale}))
"""


def rss_kib(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total


def server_pids(master: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{master}/task").iterdir():
        text = (task / "children").read_text().split()
        children += [int(c) for c in text]
    return [master, *children]


def wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/v1/programmes/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not come up")


def hammer(
    port: int,
    method: str,
    path: str,
    *,
    seconds: float,
    clients: int,
    headers: dict[str, str],
    body: Any = None,
) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        bad: list[str] = []
        data = json.dumps(body) if body is not None else None
        while time.monotonic() < stop_at:
            start = time.perf_counter()
            try:
                conn.request(method, path, body=data, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    bad.append(str(response.status))
            except (OSError, http.client.HTTPException) as exc:
                bad.append(type(exc).__name__)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - start)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    return {
        "endpoint": f"{method} {path}",
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "mean": statistics.fmean(latencies) * 1000 if latencies else 0.0,
        "errors": len(errors),
        "error_kinds": sorted(set(errors))[:5],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="per endpoint")
    parser.add_argument("--clients", type=int, default=8, help="concurrent keep-alive clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument(
        "--city",
        type=float,
        default=0.0,
        help="add city-scale outreach data: fraction of the full city (e.g. 0.1; 1 = full)",
    )
    args = parser.parse_args()

    pg = Postgres()
    data_dir = Path(tempfile.mkdtemp(prefix="loadbench-data-"))
    server: subprocess.Popen[bytes] | None = None
    try:
        url = pg.start()
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO / "src"),
            "DATABASE_URL": url,
            "WIJKAANPAK_DATA_DIR": str(data_dir),
            "DEBUG": "true",
        }
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        print("setting up: migrate, (city,) demo data ...", flush=True)
        manage(env, "migrate", "--noinput", "-v", "0")
        city: dict[str, Any] = {}
        if args.city:
            print(f"  city-scale outreach data (fraction {args.city:g}) ...", flush=True)
            result = subprocess.run(
                [PYTHON, "-c", CITY, str(args.city)],
                env={**env, "DJANGO_SETTINGS_MODULE": "wijkaanpak.settings"},
                capture_output=True, text=True, cwd=REPO,
            )  # fmt: skip
            if result.returncode != 0:
                raise SystemExit(f"city generator failed:\n{result.stderr[-3000:]}")
            city = json.loads(result.stdout.strip().splitlines()[-1])
            print(f"  scale: {city['scale']}", flush=True)
        manage(env, "load_demo")
        info = json.loads(manage(env, "shell", "-c", SETUP).strip().splitlines()[-1])

        prod = {
            **env,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Plain HTTP on loopback: no TLS redirect (a proxy terminates TLS in production).
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "LOG_LEVEL": "ERROR",
        }
        manage(prod, "collectstatic", "--noinput", "-v", "0")
        port = free_port()
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "wijkaanpak.wsgi:application", "--bind",
             f"127.0.0.1:{port}", "--workers", str(args.workers), "--log-level", "warning"],
            env=prod, cwd=REPO,
        )  # fmt: skip
        wait_for(port)
        pids = server_pids(server.pid)
        print(f"gunicorn pid {server.pid}, {len(pids) - 1} workers; rss {rss_kib(pids)} KiB")

        slug, kans = info["slug"], info["kans"]
        auth = {"Authorization": f"Bearer {info['token']}", "Content-Type": "application/json"}
        reads = [
            f"/api/v1/programmes/{slug}/opportunities/?kind=kans&active_on=2020-04-30",
            f"/api/v1/opportunities/{kans}/",
            "/api/v1/organisations/",
            "/api/v1/areas/",
            f"/programmas/{slug}/",
            f"/kansen/{kans}/",
            "/organisations/",
        ]
        # Warm-up, then the memory baseline.
        for path in reads:
            hammer(port, "GET", path, seconds=1, clients=2, headers={})
        pids = server_pids(server.pid)
        baseline = rss_kib(pids)
        results = [
            hammer(port, "GET", p, seconds=args.seconds, clients=args.clients, headers={})
            for p in reads
        ]
        if city:
            tokens, campaign = city["tokens"], city["campaign"]
            for path, who in (
                ("/api/v1/outreach/referrals/", "partner"),
                (f"/api/v1/outreach/households/?campaign={campaign}", "worker"),
                (f"/api/v1/outreach/campaigns/{campaign}/funnel/", "coordinator"),
            ):
                headers = {"Authorization": f"Bearer {tokens[who]}"}
                results.append(
                    hammer(port, "GET", path, seconds=args.seconds, clients=args.clients,
                           headers=headers)
                )  # fmt: skip
        results.append(
            hammer(
                port,
                "POST",
                f"/api/v1/opportunities/{kans}/progress-updates/",
                seconds=args.seconds,
                clients=args.clients,
                headers=auth,
                body={"date": "2020-03-01", "text": "Load test progress"},
            )
        )
        # Reads again after the writes: memory must not creep.
        for path in reads[:2]:
            results.append(
                hammer(port, "GET", path, seconds=args.seconds, clients=args.clients, headers={})
            )
        final = rss_kib(server_pids(server.pid))

        print(f"\n{'endpoint':72} {'req':>6} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6} err")
        for r in results:
            print(
                f"{r['endpoint'][:72]:72} {r['requests']:6d} {r['rps']:7.1f} {r['p50']:6.1f}"
                f" {r['p95']:6.1f} {r['p99']:6.1f} {r['errors']}{' ' + str(r['error_kinds']) if r['errors'] else ''}"
            )
        growth = (final - baseline) / baseline * 100 if baseline else 0.0
        print(
            f"\nlatency in ms; {args.clients} clients, {args.workers} gunicorn workers, "
            f"{args.seconds:g}s per endpoint"
        )
        print(f"server RSS after warm-up {baseline} KiB, at the end {final} KiB ({growth:+.1f}%)")
        errors = sum(r["errors"] for r in results)
        ok = errors == 0 and growth < 15
        print("RESULT:", "ok" if ok else "FAILED (errors or memory growth)")
        return 0 if ok else 1
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        pg.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
