"""Input is validated at the edge (issue 12, item 6, outreach): choice fields take only their
choices and text fits its field, through the API and the pages alike: a 400 that names the
field, never a database error."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import otp_verify_session
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.outreach import services
from wijkaanpak.outreach.models import Escalation, Household


def _fields(response: Any) -> set[str]:
    return {e.get("field") for e in response.json().get("errors", [])}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("composition", "castle"),
        ("contact_preference", "pigeon"),
        ("legal_basis", "because"),
        ("display_name", "x" * 3000),
        ("contact", "0" * 201),
        ("consent_purpose", "y" * 10_001),
        ("display_name", 12),
    ],
)
def test_a_household_with_a_bad_field_is_400_and_not_saved(world, api, field, value):
    before = Household.objects.count()
    response = api(world.users["worker"]).post(
        "/outreach/households/",
        {"campaign": world.campaign.pk, "address": world.addresses[4].pk, field: value},
    )
    assert response.status_code in (400, 422), response.content
    assert field in _fields(response) or any(field in (f or "") for f in _fields(response))
    assert Household.objects.count() == before


@pytest.mark.parametrize(
    "body",
    [
        {"composition": "castle"},
        {"composition": None},
        {"legal_basis": "because"},
        {"display_name": "x" * 3000},
        {"contact": None},
    ],
)
def test_a_household_change_with_a_bad_field_is_400(world, api, body):
    hh = world.households[1]
    client = api(world.users["worker"])
    response = client.client.patch(
        f"/api/v1/outreach/households/{hh.pk}/",
        json.dumps({"version": hh.version, **body}),
        content_type="application/json",
        headers=client.headers,
    )
    assert response.status_code == 400, response.content
    assert set(body) <= _fields(response)
    hh.refresh_from_db()
    assert hh.display_name == "Fam. Test1" and hh.composition == "unknown"


def test_an_escalation_category_must_be_a_category(world, api):
    response = api(world.users["worker"]).post(
        "/outreach/escalations/",
        {"campaign": world.campaign.pk, "category": "everything", "needed": "alles"},
    )
    assert response.status_code == 400, response.content
    assert _fields(response) == {"category"}
    assert not Escalation.objects.filter(category="everything").exists()


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/outreach/visits/", {"outcome": "moved", "note": "n" * 10_001}),
        ("/outreach/commitments/", {"theme": "wonen", "description": "d" * 10_001}),
        ("/outreach/referrals/", {"organisation": 0, "theme": "wonen", "reason": "r" * 10_001}),
    ],
)
def test_free_text_is_bounded(world, api, path, body):
    payload: dict[str, Any] = {"household": world.households[0].pk, **body}
    if path == "/outreach/visits/":
        payload.update(campaign=world.campaign.pk, address=world.addresses[0].pk, date="2026-03-02")
    if path == "/outreach/referrals/":
        payload["organisation"] = world.mitros.pk
    response = api(world.users["worker"]).post(path, payload)
    assert response.status_code == 400, response.content


def test_a_transition_note_is_bounded(world, api):
    r = world.referral_mitros
    response = api(world.users["mitros"]).post(
        f"/outreach/referrals/{r.pk}/transition/",
        {"to": "declined", "note": "n" * 10_001, "version": r.version},
    )
    assert response.status_code == 400, response.content
    r.refresh_from_db()
    assert r.state == "sent"


def test_the_household_page_refuses_a_made_up_category(world):
    from django.test import Client

    c = Client()
    c.force_login(world.users["worker"])
    otp_verify_session(c, world.users["worker"])
    hh = world.households[1]
    response = c.post(
        f"/outreach/households/{hh.pk}/act/",
        {"action": "escalation", "category": "everything", "needed": "alles"},
        follow=True,
    )
    assert response.status_code == 200
    assert not Escalation.objects.filter(household=hh).exists()


def test_the_services_check_whoever_calls_them(world):
    with pytest.raises(InvalidInput) as exc:
        services.escalation_create(
            campaign=world.campaign, category="x", needed="y", by=world.users["worker"]
        )
    assert exc.value.errors[0]["field"] == "category"
    with pytest.raises(InvalidInput):
        services.household_create(
            campaign=world.campaign,
            address=None,
            by=world.users["worker"],
            composition="castle",
        )


def test_the_schema_documents_the_choices_and_lengths(client):
    schemas = json.loads(client.get("/api/v1/openapi.json").content)["components"]["schemas"]
    household = schemas["HouseholdIn"]["properties"]
    assert "castle" not in household["composition"]["enum"]
    assert "single" in household["composition"]["enum"]
    assert household["display_name"]["maxLength"] == 200
    assert "money" in schemas["EscalationIn"]["properties"]["category"]["enum"]


@pytest.mark.parametrize("value", ["abc", "9" * 30, "²", ""])
def test_the_household_page_takes_any_text_for_an_id(world, value):
    from django.test import Client

    c = Client(raise_request_exception=False)
    c.force_login(world.users["worker"])
    otp_verify_session(c, world.users["worker"])
    hh = world.households[1]
    for data in (
        {"action": "referral", "theme": value, "organisation": value},
        {"action": "commitment", "theme": value, "description": "d"},
    ):
        response = c.post(f"/outreach/households/{hh.pk}/act/", data)
        assert response.status_code == 302, (data, response.status_code)
    response = c.post(
        f"/outreach/campaigns/{world.campaign.pk}/visit/",
        {"address": value, "date": "2026-03-02", "outcome": "moved"},
    )
    assert response.status_code == 400  # the form again, with its message (never a 500)


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/outreach/conversations/", {"date": 0}, "date"),
        ("/outreach/visits/", {"date": 0, "outcome": "moved"}, "date"),
        (
            "/outreach/commitments/",
            {"theme": "money", "description": "d", "due_date": 0},
            "due_date",
        ),
        ("/outreach/households/", {"consent_date": 1_700_000_000}, "consent_date"),
    ],
)
def test_a_date_given_as_a_number_is_refused(world, api, path, body, field):
    """A JSON number is not a date: pydantic would read 0 as 1970-01-01 (found by fuzzing)."""
    hh = world.households[1]
    ids = {"household": hh.pk, "campaign": world.campaign.pk, "address": world.addresses[4].pk}
    response = api(world.users["worker"]).post(path, {**ids, **body})
    assert response.status_code == 422, response.content
    assert field in _fields(response)


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("get", "/outreach/households/?campaign=99999999999999999999", None, "campaign"),
        ("get", "/outreach/conversations/?household=99999999999999999999", None, "household"),
        ("get", "/outreach/referrals/99999999999999999999/", None, "referral_id"),
        (
            "post",
            "/outreach/conversations/",
            {"household": 10**20, "date": "2026-03-02"},
            "household",
        ),
        (
            "post",
            "/outreach/referrals/",
            {"household": 10**20, "organisation": 10**20, "theme": "money"},
            "organisation",
        ),
        ("post", "/outreach/households/", {"campaign": 1, "share_with": [10**20]}, "share_with"),
    ],
)
def test_an_oversized_id_is_a_422_naming_the_field(world, api, method, path, body, field):
    client = api(world.users["worker"])
    response = client.get(path) if method == "get" else client.post(path, body)
    assert response.status_code == 422, response.content
    assert any(field in (f or "") for f in _fields(response)), _fields(response)
