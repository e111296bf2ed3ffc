"""Outreach at city scale on PostgreSQL.

160,000 households, 1,000,000 visit attempts, 100,000 referrals, 40 organisations, 1,000 users,
bulk-loaded with COPY into a throwaway PostgreSQL server. Prints p50/p95 of the referral list for a
partner user, the household list for a worker and the campaign funnel (in-process, Django test
client with bearer tokens), the SQL queries per request (at two data sizes, to show they do not
grow), the CPU each request costs in Django and in its PostgreSQL backend, and requests/s for
the referral list over loopback against gunicorn (gthread, 3 workers x 2 threads; other
layouts with BENCH_GUNICORN=2x4,3x2), loaded by wrk (`apt-get install wrk`; Python clients
when it is missing, which take a third of the machine themselves).

    PYTHONPATH=src .venv/bin/python benchmarks/outreach_bench.py [--quick]

Runs as root (starts PostgreSQL as user postgres) and takes a few minutes on 2 cores. Run it
on a quiet machine: the throughput is what two cores give client, server and database together.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import multiprocessing as mp
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from wijkaanpak.core.actors import SYSTEM

REPO = Path(__file__).resolve().parent.parent
SCALE = {
    "households": 160_000,
    "visits": 1_000_000,
    "referrals": 100_000,
    "organisations": 40,
    "users": 1_000,
    "campaigns": 20,
    "conversations": 100_000,
}


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_postgres() -> tuple[str, callable]:
    pgbin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    data = Path(tempfile.mkdtemp(prefix="outreach-bench-"))
    port = free_port()
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_pg:
        shutil.chown(data, "postgres", "postgres")
    run = lambda cmd: subprocess.run(as_pg + cmd, check=True, stdout=subprocess.DEVNULL)  # noqa: E731
    run(
        [
            str(pgbin / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ]
    )
    opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {data} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c max_connections=50"
    run(
        [str(pgbin / "pg_ctl"), "-D", str(data), "-w", "-l", str(data / "log"), "-o", opts, "start"]
    )

    def stop() -> None:
        subprocess.run(
            as_pg + [str(pgbin / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(data, ignore_errors=True)

    subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "postgres",
            "-c",
            "CREATE DATABASE bench",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return f"postgres://postgres@127.0.0.1:{port}/bench", stop


def copy(cursor, table: str, columns: list[str], rows) -> int:
    n = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
        for row in rows:
            cp.write_row(row)
            n += 1
    return n


def generate(scale: dict[str, int]) -> dict[str, object]:
    """Load the city; return the ids of the personas the benchmark uses."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from wijkaanpak.accounts.models import ApiToken, User
    from wijkaanpak.areas.models import AreaLevel
    from wijkaanpak.areas.services import area_create_or_update
    from wijkaanpak.organisations.models import Organisation
    from wijkaanpak.outreach import services
    from wijkaanpak.programmes.services import programme_create_or_update

    rnd = random.Random(42)
    gm = area_create_or_update(code="GM0344", name="Utrecht", level=AreaLevel.MUNICIPALITY)
    area = area_create_or_update(
        code="WK034403", name="Overvecht", level=AreaLevel.DISTRICT, parent=gm
    )
    programme = programme_create_or_update(
        slug="stad", name="Stad", municipality=gm, area=area, start_year=2024
    )
    themes = [services.theme_ensure(code=f"t{i}", name=f"Thema {i}", order=i) for i in range(7)]
    campaigns = [
        services.campaign_create(
            programme=programme,
            area=area,
            name=f"Campagne {i}",
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2026, 12, 31),
            themes=themes,
            by=SYSTEM,
        )
        for i in range(scale["campaigns"])
    ]
    for c in campaigns:
        for j in range(8):
            services.question_create(
                campaign=c,
                theme=themes[j % 7],
                code=f"q{j}",
                text=f"Vraag {j}",
                type="yes_no",
                positive_values=["yes"],
            )
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(name=f"Partner {i}", slug=f"partner-{i}", type="welfare")
            for i in range(scale["organisations"])
        ]
    )
    pw = make_password("bench-password")
    users = User.objects.bulk_create(
        [User(username=f"user{i}", password=pw) for i in range(scale["users"])]
    )
    # Roles: users 0-399 partners (10 per organisation), 400-899 workers (25 per campaign),
    # 900-949 coaches, 950 coordinator, 951 back office, 952 privacy officer.
    from wijkaanpak.accounts.models import OrganisationMembership, ProgrammeMembership
    from wijkaanpak.outreach.models import CampaignWorker, OutreachRole

    n_orgs, n_camp = len(orgs), len(campaigns)
    OrganisationMembership.objects.bulk_create(
        [OrganisationMembership(user=users[i], organisation=orgs[i % n_orgs]) for i in range(400)]
    )
    CampaignWorker.objects.bulk_create(
        [CampaignWorker(user=users[400 + i], campaign=campaigns[i % n_camp]) for i in range(500)]
    )
    ProgrammeMembership.objects.create(user=users[950], programme=programme, role="coordinator")
    OutreachRole.objects.create(user=users[951], programme=programme, role="back_office")
    OutreachRole.objects.create(user=users[952], programme=programme, role="privacy_officer")
    with connection.cursor() as django_cursor:
        cur = django_cursor.cursor
        camp_ids = [c.pk for c in campaigns]
        nh = scale["households"]
        t0 = time.perf_counter()
        copy(
            cur,
            "outreach_address",
            [
                "id",
                "campaign_id",
                "street",
                "house_number",
                "addition",
                "postcode",
                "attempted",
                "reached",
                "interviewed",
            ],
            (
                (
                    i + 1,
                    camp_ids[i % n_camp],
                    f"Straat {i % 500}",
                    1 + i // 500,
                    "",
                    f"{3500 + i % 99}AB",
                    False,
                    False,
                    False,
                )
                for i in range(nh)
            ),
        )
        now = timezone.now()
        coach_ids = [users[900 + k].pk for k in range(50)]
        copy(
            cur,
            "outreach_household",
            [
                "id",
                "campaign_id",
                "address_id",
                "display_name",
                "composition",
                "contact_preference",
                "contact",
                "legal_basis",
                "consent_purpose",
                "shared_fields",
                "version",
                "created_at",
                "updated_at",
                "coach_id",
            ],
            (
                (
                    i + 1,
                    camp_ids[i % n_camp],
                    i + 1,
                    f"Huishouden {i}",
                    "family",
                    "visit",
                    "",
                    "consent",
                    "doorverwijzen",
                    '["display_name", "address"]',
                    1,
                    now,
                    now,
                    coach_ids[i % 50] if i % 400 == 0 else None,
                )
                for i in range(nh)
            ),
        )
        outcomes = [
            "not_at_home",
            "refused",
            "reached",
            "interviewed",
            "moved",
            "address_not_found",
        ]
        worker_of = {c: users[400 + k].pk for k, c in enumerate(camp_ids)}
        copy(
            cur,
            "outreach_visitattempt",
            [
                "campaign_id",
                "address_id",
                "household_id",
                "date",
                "worker_id",
                "outcome",
                "note",
                "source_key",
                "created_at",
            ],
            (
                (
                    camp_ids[a % n_camp],
                    a + 1,
                    a + 1,
                    dt.date(2025, 1, 1) + dt.timedelta(days=v % 600),
                    worker_of[camp_ids[a % n_camp]],
                    outcomes[rnd.randrange(6)],
                    "",
                    "",
                    now,
                )
                for v in range(scale["visits"])
                for a in [v % nh]
            ),
        )
        nc = scale["conversations"]
        copy(
            cur,
            "outreach_conversation",
            ["id", "campaign_id", "household_id", "date", "note", "created_at"],
            ((i + 1, camp_ids[i % n_camp], i + 1, dt.date(2025, 6, 1), "", now) for i in range(nc)),
        )
        qids = {}
        from wijkaanpak.outreach.models import Question

        for q in Question.objects.all():
            qids.setdefault(q.campaign_id, []).append(q.pk)
        copy(
            cur,
            "outreach_answer",
            ["conversation_id", "question_id", "value"],
            (
                (i + 1, q, "yes" if rnd.random() < 0.56 else "no")
                for i in range(nc)
                for q in qids[camp_ids[i % n_camp]]
            ),
        )
        states = [
            "proposed",
            "sent",
            "accepted",
            "declined",
            "first_contact",
            "completed",
            "stalled",
            "withdrawn",
        ]
        org_ids = [o.pk for o in orgs]
        theme_ids = [t.pk for t in themes]

        def referral(i: int) -> tuple:
            state = states[i % 8]
            created = now - dt.timedelta(days=i % 500, minutes=i)
            sent = created + dt.timedelta(days=1) if state != "proposed" else None
            acc = (
                created + dt.timedelta(days=3)
                if state in ("accepted", "first_contact", "completed")
                else None
            )
            fc = created + dt.timedelta(days=8) if state in ("first_contact", "completed") else None
            done = created + dt.timedelta(days=30) if state == "completed" else None
            h = (i * 7) % nh
            return (
                i + 1,
                camp_ids[h % n_camp],
                h + 1,
                org_ids[i % n_orgs],
                theme_ids[i % 7],
                "",
                '{"display_name": "x"}',
                state,
                "",
                created,
                sent,
                acc,
                fc,
                done,
                (sent + dt.timedelta(days=5)).date() if sent else None,
                (acc + dt.timedelta(days=10)).date() if acc else None,
                1,
            )

        columns = "id campaign_id household_id organisation_id theme_id reason shared_data state"
        columns += " decline_reason created_at sent_at accepted_at first_contact_at completed_at"
        columns += " accept_due first_contact_due version"
        copy(cur, "outreach_referral", columns.split(), map(referral, range(scale["referrals"])))
        copy(
            cur,
            "outreach_commitment",
            [
                "campaign_id",
                "household_id",
                "theme_id",
                "organisation_id",
                "description",
                "status",
                "created_at",
                "version",
            ],
            (
                (
                    camp_ids[(i * 3 % nh) % n_camp],
                    i * 3 % nh + 1,
                    theme_ids[i % 7],
                    org_ids[i % n_orgs],
                    "afspraak",
                    "open",
                    now,
                    1,
                )
                for i in range(50_000)
            ),
        )
        for c in campaigns:
            services.address_outcomes_refresh(campaign=c)
        for table in ("address", "household", "conversation", "referral"):
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('outreach_{table}', 'id'), (SELECT max(id) FROM outreach_{table}))"
            )
        cur.execute("VACUUM ANALYZE")  # what autovacuum does on a running system
        print(f"loaded in {time.perf_counter() - t0:.0f} s")
    personas = {
        "partner": users[0],
        "worker": users[400],
        "coordinator": users[950],
        "backoffice": users[951],
    }
    tokens = {}
    for name, user in personas.items():
        raw = f"bench-{name}"
        ApiToken.objects.create(user=user, key_hash=ApiToken.hash(raw), two_factor=True)
        tokens[name] = raw
    return {"tokens": tokens, "campaign": campaigns[0].pk}


def measure(path: str, token: str, n: int) -> tuple[float, float, int]:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    headers = {"Authorization": f"Bearer {token}"}
    for _ in range(5):
        assert client.get(path, headers=headers).status_code == 200
    times = []
    for _ in range(n):
        t = time.perf_counter()
        response = client.get(path, headers=headers)
        times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200
    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        client.get(path, headers=headers)
    if os.environ.get("BENCH_SQL"):
        for q in ctx.captured_queries:
            print(f"   {q['time']:>6} {q['sql'][:300]}")
            if q["sql"].startswith("SELECT") and os.environ.get("BENCH_EXPLAIN"):
                with connection.cursor() as cur:
                    cur.execute("EXPLAIN ANALYZE " + q["sql"])
                    print("\n".join("      " + r[0] for r in cur.fetchall()))
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(50):
            client.get(path, headers=headers)
        profiler.disable()
        print(f"   profile of 50 requests to {path}:")
        pstats.Stats(profiler).sort_stats(
            os.environ.get("BENCH_PROFILE_SORT", "cumulative")
        ).print_stats(int(os.environ["BENCH_PROFILE"]))
    times.sort()
    return statistics.median(times), times[int(0.95 * len(times)) - 1], len(ctx)


def cpu_per_request(path: str, token: str, n: int = 500) -> tuple[float, float]:
    """CPU milliseconds per request in this process (Django) and in its PostgreSQL backend:
    what the 2 cores must share, whatever else the machine is doing."""
    from django.db import connection
    from django.test import Client

    client = Client()
    headers = {"Authorization": f"Bearer {token}"}
    client.get(path, headers=headers)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        stat = Path(f"/proc/{cursor.fetchone()[0]}/stat")

    def backend_cpu() -> float:
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    for _ in range(50):
        client.get(path, headers=headers)
    pg, own = backend_cpu(), time.process_time()
    for _ in range(n):
        client.get(path, headers=headers)
    return (time.process_time() - own) / n * 1000, (backend_cpu() - pg) / n * 1000


def _load_worker(args: tuple[int, str, str, float]) -> int:
    port, path, token, seconds = args
    conn = http.client.HTTPConnection("127.0.0.1", port)
    n, end = 0, time.perf_counter() + seconds
    while time.perf_counter() < end:
        conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
        response = conn.getresponse()
        response.read()
        if response.status == 200:
            n += 1
        if response.getheader("Connection", "").lower() == "close":
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port)
    return n


def wrk(port: int, path: str, token: str, seconds: float) -> float:
    """Requests/s from wrk (one thread, BENCH_CLIENTS connections, 32): a load generator in C
    takes a few percent of one core where Python clients took a third of the machine. With
    keep-alive a connection stays with the gunicorn worker that accepted it; with only 8 the
    workers were often unevenly loaded (a third of the machine idle, throughput 280-570/s
    from run to run), with 32 they even out."""
    connections = os.environ.get("BENCH_CLIENTS", "32")
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{seconds:.0f}s",
        "--latency",
        "-H",
        f"Authorization: Bearer {token}",
        f"http://127.0.0.1:{port}{path}",
    ]
    subprocess.run([*command[:3], "-d2s", *command[4:]], check=True, capture_output=True)
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    if "Non-2xx" in out:
        raise SystemExit(f"wrk saw error answers:\n{out}")
    latency = {
        line.split()[0]: line.split()[1]
        for line in out.splitlines()
        if line.strip().startswith(("50%", "99%"))
    }
    print(
        f"   wrk: {connections} connections, latency p50 {latency.get('50%')} p99 {latency.get('99%')}"
    )
    return float(out.split("Requests/sec:")[1].split()[0])


def throughput(
    database_url: str,
    path: str,
    token: str,
    seconds: float = 10.0,
    workers: str = "3",
    threads: str = "2",
) -> float:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "PYTHONPATH": str(REPO / "src"),
        "LOG_LEVEL": "ERROR",
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
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        _load_worker((port, path, token, 2.0))  # warm up
        if os.environ.get("BENCH_SQL"):
            conn = http.client.HTTPConnection("127.0.0.1", port)
            for _ in range(5):
                t = time.perf_counter()
                conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
                r = conn.getresponse()
                r.read()
                print(
                    f"   one request over loopback: {r.status} {(time.perf_counter() - t) * 1000:.1f} ms"
                )
        if shutil.which("wrk"):
            return wrk(port, path, token, seconds)
        print("   (wrk not found: `apt-get install wrk`; Python clients share the cores instead)")
        clients = int(os.environ.get("BENCH_CLIENTS", "4"))
        with mp.get_context("spawn").Pool(clients) as pool:
            counts = pool.map(_load_worker, [(port, path, token, seconds)] * clients)
        return sum(counts) / seconds
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a tenth of the city, for a smoke run")
    parser.add_argument("-n", type=int, default=200, help="requests per measured endpoint")
    args = parser.parse_args()
    scale = {
        k: (
            max(v // 10, 40)
            if args.quick and k not in ("organisations", "campaigns", "users")
            else v
        )
        for k, v in SCALE.items()
    }
    database_url, stop = start_postgres()
    try:
        os.environ["DATABASE_URL"] = database_url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkaanpak.settings")
        os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1"
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        print("scale:", json.dumps(scale))
        world = generate(scale)
        tokens, campaign = world["tokens"], world["campaign"]
        cases = [
            ("referral list, partner user", "/api/v1/outreach/referrals/", "partner"),
            (
                "referral list, overdue, back office",
                "/api/v1/outreach/referrals/?overdue=true",
                "backoffice",
            ),
            (
                "household list, worker",
                f"/api/v1/outreach/households/?campaign={campaign}",
                "worker",
            ),
            (
                "campaign funnel, coordinator",
                f"/api/v1/outreach/campaigns/{campaign}/funnel/",
                "coordinator",
            ),
        ]
        print(
            f"{'endpoint':40} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}"
            f" {'CPU ms: Django':>15} {'PostgreSQL':>11}"
        )
        for name, path, who in cases:
            p50, p95, queries = measure(path, tokens[who], args.n)
            own, pg = cpu_per_request(path, tokens[who], n=max(args.n, 100))
            print(f"{name:40} {p50:8.1f} {p95:8.1f} {queries:8d} {own:15.2f} {pg:11.2f}")
        if os.environ.get("BENCH_NO_RPS"):
            return
        # Three processes of two threads keep both cores busy while one waits on PostgreSQL.
        default = f"{os.environ.get('BENCH_WORKERS', '3')}x{os.environ.get('BENCH_THREADS', '2')}"
        for config in os.environ.get("BENCH_GUNICORN", default).split(","):
            workers, threads = config.split("x")
            rps = throughput(
                database_url,
                "/api/v1/outreach/referrals/",
                tokens["partner"],
                workers=workers,
                threads=threads,
            )
            print(
                f"referral list over loopback (gunicorn gthread, {workers} workers"
                f" x {threads} threads, load from {'wrk' if shutil.which('wrk') else 'Python'}):"
                f" {rps:.0f} requests/s"
            )
    finally:
        from django.db import connections

        connections.close_all()
        stop()


if __name__ == "__main__":
    main()
