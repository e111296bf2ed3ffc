"""Work queues (issue 15): search, filters and sorting in the URL (core/queues.py), tables with
the dates that matter, verbs only for who may take them, and a fixed number of queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import otp_verify_session
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.queues import QueueSpec
from wijkaanpak.outreach import services

pytestmark = pytest.mark.django_db

SPEC = QueueSpec(
    filters={"state": frozenset({"sent", "accepted"}), "campaign": None},
    sorts={"due": ("due", "id"), "sent": ("sent_at", "-id")},
    default_sort="due",
    per_page=25,
)


def _client(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(user)
    otp_verify_session(client, user)
    return client


def test_the_queue_url_keeps_what_is_known_and_drops_the_rest() -> None:
    params = SPEC.parse(
        {"q": "  Fam ", "state": "hacked", "campaign": "7", "sort": "-sent", "offset": "30"}
    )
    assert (params.q, params.filters, params.sort, params.offset) == (
        "Fam",
        {"campaign": "7"},
        "-sent",
        25,  # pages start at a multiple of the page size
    )
    assert params.order_by == ["-sent_at", "id"]  # descending flips every field
    assert SPEC.parse({"sort": "password", "offset": "-5"}).order_by == ["due", "id"]
    links = params.links(60)
    assert links.next == "?q=Fam&campaign=7&sort=-sent&offset=50"
    assert links.previous == "?q=Fam&campaign=7&sort=-sent"
    assert (links.first, links.last) == (26, 50)
    # A header link toggles its own direction and starts again at the first page.
    assert links.sorts["sent"] == {"url": "?q=Fam&campaign=7&sort=sent", "current": True, "aria": "descending"}  # fmt: skip
    assert links.sorts["due"]["url"] == "?q=Fam&campaign=7"


def _referrals(world: Any, n: int) -> None:
    for i in range(n):
        services.referral_create(
            household=world.households[i % 4],
            organisation=world.mitros,
            theme=world.themes["werk"],
            by=SYSTEM,
            send=True,
        )


def _escalations(world: Any, n: int) -> None:
    for i in range(n):
        services.escalation_create(
            campaign=world.campaign,
            category="housing",
            needed=f"Woning nodig {i}",
            by=world.users["worker"],
        )


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/outreach/referrals/",
        "/outreach/referrals/?q=fam&sort=-last",
        "/outreach/referrals/?state=sent&overdue=1&sort=organisation",
    ],
)
def test_the_referral_queue_keeps_its_number_of_queries(world: Any, url: str) -> None:
    client = _client(world.users["mitros"])
    _referrals(world, 26)  # more than a page at both sizes: the page counts them
    small = _queries(client, url)
    _referrals(world, 30)
    assert _queries(client, url) == small


@pytest.mark.parametrize(
    "url", ["/outreach/escalations/", "/outreach/escalations/?status=open&q=woning&sort=-raised"]
)
def test_the_escalation_queue_keeps_its_number_of_queries(world: Any, url: str) -> None:  # fmt: skip
    client = _client(world.users["backoffice"])
    _escalations(world, 26)
    small = _queries(client, url)
    _escalations(world, 30)
    assert _queries(client, url) == small


def test_the_partner_searches_by_name_and_sees_dates_and_verbs(world: Any) -> None:
    client = _client(world.users["mitros"])
    html = client.get("/outreach/referrals/", {"q": "test1"}).content.decode()
    row = html.split(f'data-referral="{world.referral_mitros.pk}"')[1].split("</tr>")[0]
    assert "Fam. Test1" in row
    assert 'data-label="Verstuurd"' in row and 'data-label="Uiterlijk"' in row
    assert 'data-label="Laatste actie"' in row
    assert ">Accepteren<" in row and "Intrekken" not in row  # withdrawing is not the partner's
    assert 'value="/outreach/referrals/?q=test1#referral-' in row  # back to the same search
    assert "Fam. Test1" not in client.get("/outreach/referrals/", {"q": "nobody"}).content.decode()


def test_the_back_office_cannot_find_a_referral_by_the_household_name(world: Any) -> None:
    client = _client(world.users["backoffice"])
    html = client.get("/outreach/referrals/", {"q": "Test1"}).content.decode()
    assert f'data-referral="{world.referral_mitros.pk}"' not in html
    html = client.get("/outreach/referrals/", {"q": str(world.referral_mitros.pk)}).content.decode()
    assert f'data-referral="{world.referral_mitros.pk}"' in html
    assert "Fam. Test1" not in html  # no personal data for the back office


def test_an_action_in_the_escalation_queue_returns_to_the_filtered_queue(world: Any) -> None:
    _escalations(world, 1)
    client = _client(world.users["backoffice"])
    html = client.get("/outreach/escalations/", {"status": "open", "q": "woning"}).content.decode()
    assert "Woning nodig 0" in html
    pk = int(html.split('data-escalation="')[1].split('"')[0])
    response = client.post(
        f"/outreach/escalations/{pk}/resolve/",
        {"resolution": "Geregeld", "next": "/outreach/escalations/?status=open&q=woning"},
    )
    assert response["Location"] == "/outreach/escalations/?status=open&q=woning"
    html = client.get("/outreach/escalations/", {"status": "resolved"}).content.decode()
    assert "Geregeld" in html
