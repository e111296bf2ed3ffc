""" "My work" (issue 15): each role lands on what waits for it, with verbs, counts and links."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import otp_verify_session
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.outreach import services
from wijkaanpak.outreach.models import AuditLogEntry, Referral

pytestmark = pytest.mark.django_db

WORK = "/outreach/mijn-werk/"


def _client(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(user)
    otp_verify_session(client, user)
    return client


def test_logging_in_lands_on_my_work(world: Any) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    response = client.post(
        "/accounts/login/", {"username": "coordinator", "password": "pw-coordinator-123"}
    )
    assert response.status_code == 302
    assert response["Location"] == WORK


def test_the_partner_sees_its_waiting_referrals_with_verbs(world: Any) -> None:
    html = _client(world.users["mitros"]).get(WORK).content.decode()
    assert "Verwijzingen die op u wachten" in html
    assert f'data-referral="{world.referral_mitros.pk}"' in html
    assert f'data-referral="{world.referral_dock.pk}"' not in html  # DOCK's, not Mitros's
    assert "Fam. Test1" in html  # the shared name, not a code
    assert ">Accepteren</button>" in html
    assert "Afwijzen" not in html  # declining asks a reason: on the referral's own page
    assert AuditLogEntry.objects.filter(
        username="mitros", record_type="referral", record_id=world.referral_mitros.pk
    ).exists()


def test_accept_then_first_contact_from_my_work_and_the_note_is_in_the_history(
    world: Any,
) -> None:
    client = _client(world.users["mitros"])
    r = world.referral_mitros
    response = client.post(
        f"/outreach/referrals/{r.pk}/transition/",
        {"to": "accepted", "version": r.version, "next": WORK},
    )
    assert response.status_code == 302 and response["Location"] == WORK
    r.refresh_from_db()
    assert r.state == "accepted"
    html = client.get(WORK).content.decode()
    assert ">Eerste contact vastleggen</button>" in html
    client.post(
        f"/outreach/referrals/{r.pk}/transition/",
        {"to": "first_contact", "version": r.version, "note": "Gebeld, afspraak op dinsdag"},
    )
    r.refresh_from_db()
    assert r.state == "first_contact"
    detail = client.get(f"/outreach/referrals/{r.pk}/").content.decode()
    assert "Gebeld, afspraak op dinsdag" in detail
    assert "eerste contact gelegd" in detail  # the history names the step in Dutch
    assert ">Afronden</button>" in detail


def test_an_action_returns_only_to_a_page_of_this_site(world: Any) -> None:
    r = world.referral_mitros
    response = _client(world.users["mitros"]).post(
        f"/outreach/referrals/{r.pk}/transition/",
        {"to": "accepted", "version": r.version, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/outreach/referrals/"


def test_the_worker_sees_the_next_addresses_and_open_agreements(world: Any) -> None:
    services.commitment_create(
        household=world.households[0],
        theme=world.themes["wonen"],
        description="Samen naar het wijkteam",
        by=world.users["worker"],
    )
    html = _client(world.users["worker"]).get(WORK).content.decode()
    assert "Veldwerk vandaag" in html
    assert f"/outreach/campaigns/{world.campaign.pk}/visit/?address={world.addresses[0].pk}" in html
    assert "Samen naar het wijkteam" in html
    assert f"/outreach/households/{world.households[0].pk}/" in html


def test_the_coordinator_sees_what_needs_attention(world: Any, kans: Any) -> None:
    Referral.objects.filter(pk=world.referral_mitros.pk).update(
        accept_due=dt.date(2020, 1, 1)
    )  # one overdue: shown as "<5", not as 1
    html = _client(world.users["coordinator"]).get(WORK).content.decode()
    assert 'data-queue="coordinator"' in html
    assert "&lt;5" in html
    assert kans.title in html  # a running kans without any progress update


def test_a_viewer_without_work_is_told_so(viewer: Any) -> None:
    html = _client(viewer).get(WORK).content.decode()
    assert "Er wacht niets op u." in html


def test_my_work_keeps_its_number_of_queries_as_referrals_grow(world: Any) -> None:
    client = _client(world.users["mitros"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(WORK).status_code == 200
        return len(ctx.captured_queries)

    def add(n: int) -> None:
        for i in range(n):
            services.referral_create(
                household=world.households[i % 4],
                organisation=world.mitros,
                theme=world.themes["werk"],
                by=SYSTEM,
                send=True,
            )

    add(12)  # more than one queue's worth: the page counts them
    at_twelve = queries()
    add(24)
    assert queries() == at_twelve


def test_the_referral_list_pages_keep_their_filter_and_their_number_of_queries(
    world: Any,
) -> None:
    client = _client(world.users["worker"])

    def add(n: int) -> None:
        for i in range(n):
            services.referral_create(
                household=world.households[i % 4],
                organisation=world.mitros,
                theme=world.themes["werk"],
                by=world.users["worker"],
                send=True,
            )

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    add(30)  # more than a page
    at_thirty = queries("/outreach/referrals/?state=sent")
    add(30)
    assert queries("/outreach/referrals/?state=sent") == at_thirty
    html = client.get("/outreach/referrals/", {"state": "sent"}).content.decode()
    assert html.count('<tr class="utrecht-table__row" id="referral-') == 25
    assert "?state=sent&amp;offset=25" in html  # the next page keeps the filter
