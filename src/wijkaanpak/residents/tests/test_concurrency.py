"""Two coordinators granting from the fund at the same moment, together more than is left:
exactly one succeeds (the budget line row is locked in the grant service). Real concurrent
HTTP requests against a live server on PostgreSQL (SQLite serialises all writers)."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from typing import Any

import pytest
from django.db import connection

from wijkaanpak.accounts.models import ApiToken
from wijkaanpak.residents import selectors, services
from wijkaanpak.residents.models import InitiativeApplication
from wijkaanpak.residents.tests.conftest import RW, apply

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"
)


def _token(user: Any) -> str:
    raw = f"race-{user.pk}"
    ApiToken.objects.get_or_create(user=user, key_hash=ApiToken.hash(raw), two_factor=True)
    return raw


def _race(base: str, requests: list[tuple[str, str, dict[str, Any]]]) -> list[int]:
    barrier = threading.Barrier(len(requests))
    statuses: list[int] = []

    def run(path: str, token: str, body: dict[str, Any]) -> None:
        req = urllib.request.Request(
            base + path,
            data=json.dumps(body).encode(),
            method="POST",
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
def test_two_grants_at_once_never_exceed_the_fund(rw: RW, live_server: Any) -> None:
    from wijkaanpak.accounts.models import User
    from wijkaanpak.accounts.services import programme_membership_set

    second = User.objects.create_user(username="coordinator2", password="pw-c2-123456")
    programme_membership_set(user=second, programme=rw.programme, role="coordinator")
    for round_ in range(3):
        a = apply(rw, amount=60_000, title=f"A{round_}")
        b = apply(rw, amount=60_000, title=f"B{round_}")
        a = services.application_transition(
            application=a, to="in_review", version=a.version, by=rw.editor
        )
        b = services.application_transition(
            application=b, to="in_review", version=b.version, by=rw.editor
        )
        left = selectors.fund_left(rw.fund)
        amount = left // 2 + 1  # each fits alone, both together do not
        statuses = _race(
            live_server.url,
            [
                (
                    f"/api/v1/residents/applications/{a.pk}/transition/",
                    _token(rw.coordinator),
                    {"to": "granted", "version": a.version, "amount": amount},
                ),
                (
                    f"/api/v1/residents/applications/{b.pk}/transition/",
                    _token(second),
                    {"to": "granted", "version": b.version, "amount": amount},
                ),
            ],
        )
        assert statuses == [200, 409], statuses
        assert selectors.fund_left(rw.fund) == left - amount >= 0
        assert (
            InitiativeApplication.objects.filter(pk__in=[a.pk, b.pk], state="granted").count() == 1
        )
