"""Two people changing the same record at once: one wins, the other gets 409.

Real concurrent HTTP requests against a live server on PostgreSQL (SQLite serialises writers
for the whole database, so the race cannot happen there)."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

import pytest
from django.db import connection

from wijkaanpak.accounts.models import ApiToken

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"
)


def _token(user):
    raw = f"race-{user.pk}"
    ApiToken.objects.get_or_create(user=user, key_hash=ApiToken.hash(raw), two_factor=True)
    return raw


def _race(url_base, requests):
    """Fire all requests at the same moment; return their status codes."""
    barrier = threading.Barrier(len(requests))
    statuses: list[int] = []

    def run(method, path, token, body):
        req = urllib.request.Request(
            url_base + path,
            data=json.dumps(body).encode(),
            method=method,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        barrier.wait()
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                statuses.append(resp.status)
        except urllib.error.HTTPError as exc:
            statuses.append(exc.code)

    threads = [threading.Thread(target=run, args=r) for r in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(statuses)


@pytest.mark.django_db(transaction=True)
def test_two_workers_updating_one_household(transactional_db, live_server, world):
    hh = world.households[1]
    token = _token(world.users["worker"])
    path = f"/api/v1/outreach/households/{hh.pk}/"
    for _ in range(3):
        hh.refresh_from_db()
        statuses = _race(
            live_server.url,
            [
                ("PATCH", path, token, {"version": hh.version, "contact": "06-11111111"}),
                ("PATCH", path, token, {"version": hh.version, "contact": "06-22222222"}),
            ],
        )
        assert statuses == [200, 409]


@pytest.mark.django_db(transaction=True)
def test_partner_and_worker_moving_one_referral(transactional_db, live_server, world):
    r = world.referral_mitros
    path = f"/api/v1/outreach/referrals/{r.pk}/transition/"
    statuses = _race(
        live_server.url,
        [
            ("POST", path, _token(world.users["mitros"]), {"to": "accepted", "version": r.version}),
            (
                "POST",
                path,
                _token(world.users["worker"]),
                {"to": "withdrawn", "version": r.version},
            ),
        ],
    )
    assert statuses == [200, 409]
    r.refresh_from_db()
    assert r.transitions.count() == 3
