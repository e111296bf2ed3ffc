"""The field flow and "My work" at city scale on PostgreSQL (issue 15).

One campaign with 160,000 addresses (the city-scale household count of outreach_bench.py, all in
one campaign: the search's worst case), 60,000 households, 100,000 referrals over 40
organisations (2,500 for the partner's). Prints, per request through the Django test client
(whole request: middleware, view, template, audit INSERT): p50/p95 of the address search on the
visit page for a few ways of typing, and of "My work" for a worker, a partner and a
coordinator; and the SQL queries per request at two data sizes (they must not grow).

    DATABASE_URL=postgres://postgres@127.0.0.1:5433/wk_screens_bench \
    PYTHONPATH=src DEBUG=true .venv/bin/python benchmarks/screens_bench.py [--quick]

The database is created (and emptied) by the script.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkaanpak.settings")
os.environ.setdefault("DEBUG", "true")


def _database() -> None:
    import psycopg

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (it is created and emptied).")
    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _load(n_addresses: int, n_households: int, n_referrals: int) -> dict[str, Any]:
    from django.core.management import call_command

    from wijkaanpak.accounts.models import ProgrammeMembership, ProgrammeRole, User
    from wijkaanpak.accounts.services import organisation_membership_add
    from wijkaanpak.areas.models import AreaLevel
    from wijkaanpak.areas.services import area_create_or_update
    from wijkaanpak.core.actors import SYSTEM
    from wijkaanpak.organisations.services import organisation_ensure
    from wijkaanpak.outreach import services
    from wijkaanpak.outreach.models import Address, Household, Referral, ReferralState
    from wijkaanpak.programmes.services import programme_create_or_update

    call_command("migrate", verbosity=0)
    gm = area_create_or_update(code="GM0344", name="Utrecht", level=AreaLevel.MUNICIPALITY)
    area = area_create_or_update(
        code="WK034403", name="Overvecht", level=AreaLevel.DISTRICT, parent=gm
    )
    programme = programme_create_or_update(
        slug="bench", name="Bench", municipality=gm, area=area, start_year=2019
    )
    theme = services.theme_ensure(code="wonen", name="Wonen")
    campaign = services.campaign_create(
        programme=programme,
        area=area,
        name="Stad",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
        themes=[theme],
        by=SYSTEM,
    )
    streets = [
        f"{w}{s}"
        for w in (
            "Gagel",
            "Neckar",
            "Donau",
            "Amazone",
            "Niger",
            "Zambesi",
            "Tigris",
            "Wolga",
            "Rijn",
            "Maas",
        )
        for s in ("dreef", "straat", "laan", "plein")
    ]
    services.street_register(area=area, names=streets)
    batch: list[Address] = []
    for i in range(n_addresses):
        street = streets[i % len(streets)]
        number = 1 + i // len(streets)
        batch.append(
            Address(
                campaign=campaign,
                street=street,
                house_number=number,
                postcode=f"{3500 + (i % 97):04d}{'ABCDEFGHJK'[i % 10]}{'LMNPRSTVWX'[(i // 10) % 10]}",
                attempted=i % 3 == 0,
            )
        )
        if len(batch) == 10_000:
            Address.objects.bulk_create(batch)
            batch = []
    Address.objects.bulk_create(batch)
    address_ids = list(Address.objects.order_by("id").values_list("id", flat=True)[:n_households])
    Household.objects.bulk_create(
        [
            Household(campaign=campaign, address_id=a, display_name=f"Fam. {i}")
            for i, a in enumerate(address_ids)
        ],
        batch_size=10_000,
    )
    orgs = [organisation_ensure(name=f"Partner {i}", type="welfare") for i in range(40)]
    household_ids = list(Household.objects.values_list("id", flat=True))
    now = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    Referral.objects.bulk_create(
        [
            Referral(
                campaign=campaign,
                household_id=household_ids[i % len(household_ids)],
                organisation=orgs[i % 40],
                theme=theme,
                state=(ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.COMPLETED)[i % 3],
                sent_at=now,
                accept_due=dt.date(2026, 3, 8),
                first_contact_due=dt.date(2026, 3, 20),
                shared_data={"display_name": f"Fam. {i}"},
            )
            for i in range(n_referrals)
        ],
        batch_size=10_000,
    )
    from wijkaanpak.outreach.models import Escalation

    Escalation.objects.bulk_create(
        [
            Escalation(
                campaign=campaign,
                category=("housing", "money", "rules")[i % 3],
                needed=f"Nodig {i}",
                raised_on=dt.date(2026, 1, 1) + dt.timedelta(days=i % 300),
                resolved_on=dt.date(2026, 11, 1) if i % 4 == 0 else None,
            )
            for i in range(n_referrals // 20)
        ],
        batch_size=10_000,
    )
    back_office = User.objects.create_user(username="bench-backoffice", password="x")
    services.outreach_role_set(user=back_office, programme=programme, role="back_office")
    worker = User.objects.create_user(username="bench-worker", password="x")
    partner = User.objects.create_user(username="bench-partner", password="x")
    coordinator = User.objects.create_user(username="bench-coordinator", password="x")
    services.campaign_worker_add(campaign=campaign, user=worker)
    organisation_membership_add(user=partner, organisation=orgs[0])
    ProgrammeMembership.objects.create(
        user=coordinator, programme=programme, role=ProgrammeRole.COORDINATOR
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "campaign": campaign,
        "worker": worker,
        "partner": partner,
        "coord": coordinator,
        "back_office": back_office,
    }


def _client(user: Any) -> Any:
    from django.test import Client

    from conftest import otp_verify_session

    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(user)
    otp_verify_session(client, user)
    return client


def _time(client: Any, url: str, n: int) -> tuple[float, float, float, int]:
    """p50 and p95 wall time, p50 CPU time of this (Django) process, in ms; the queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, cpu = [], []
    queries = 0
    for _ in range(n):
        connection.queries_log.clear()  # the loading filled the log: counts would read 0
        with CaptureQueriesContext(connection) as ctx:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(ctx.captured_queries)
    times.sort()
    return (
        statistics.median(times),
        times[int(0.95 * (len(times) - 1))],
        statistics.median(cpu),
        queries,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a tenth of the data")
    args = parser.parse_args()
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
    _database()
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.ensure_connection()
    scale = 10 if args.quick else 1
    sizes = {}
    for label, factor in (("small", 10 * scale), ("full", scale)):
        from django.core.management import call_command

        if label == "full":
            call_command("flush", interactive=False, verbosity=0)
        t0 = time.perf_counter()
        world = _load(160_000 // factor, 60_000 // factor, 100_000 // factor)
        print(f"{label}: loaded in {time.perf_counter() - t0:.0f} s")
        campaign = world["campaign"]
        visit = f"/outreach/campaigns/{campaign.pk}/visit/"
        worker, partner, coord, back = (
            _client(world["worker"]),
            _client(world["partner"]),
            _client(world["coord"]),
            _client(world["back_office"]),
        )
        rows = [
            ("baseline: /outreach/", worker, "/outreach/"),
            ("search 'gagel 12'", worker, visit + "?q=gagel+12"),
            ("search 'Neckardreef 1200'", worker, visit + "?q=Neckardreef+1200"),
            ("search '3512 ab'", worker, visit + "?q=3512+ab"),
            ("search 'dreef'", worker, visit + "?q=dreef"),
            ("my work, worker", worker, "/outreach/mijn-werk/"),
            ("my work, partner", partner, "/outreach/mijn-werk/"),
            ("my work, coordinator", coord, "/outreach/mijn-werk/"),
            # The work queues (core/queues.py): default order, a search, filters and a sort.
            ("queue: referrals, partner", partner, "/outreach/referrals/"),
            ("queue: partner ?q=fam. 12", partner, "/outreach/referrals/?q=fam.+12"),
            ("queue: partner sort=-last", partner, "/outreach/referrals/?sort=-last"),
            ("queue: referrals, worker", worker, "/outreach/referrals/"),
            ("queue: worker overdue, p.40", worker, "/outreach/referrals/?overdue=1&offset=1000"),
            ("queue: referrals, back off.", back, "/outreach/referrals/?state=sent"),
            ("queue: escalations", back, "/outreach/escalations/"),
            ("queue: escal. open ?q=nodig", back, "/outreach/escalations/?status=open&q=nodig+7"),
            ("queue: households", worker, "/outreach/households/"),
        ]
        n = 10 if label == "small" else 40
        results = {}
        for name, client, url in rows:
            _time(client, url, 2)  # warm
            results[name] = _time(client, url, n)
        sizes[label] = results
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"{'request':30} {'p50 ms':>8} {'p95 ms':>8} {'cpu p50':>8} {'queries':>8} {'(small)':>8}"
    )
    for name, (p50, p95, cpu, q) in sizes["full"].items():
        small = sizes["small"][name][3]
        print(f"{name:30} {p50:8.1f} {p95:8.1f} {cpu:8.1f} {q:8d} {small:8d}")


if __name__ == "__main__":
    main()
