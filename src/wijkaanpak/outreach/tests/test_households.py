"""Households: minimal fields, consent, coaches and optimistic locking."""

from __future__ import annotations

import pytest

from wijkaanpak.core.exceptions import Conflict, InvalidInput
from wijkaanpak.outreach import services


def test_update_with_the_current_version_succeeds_and_bumps_it(world, api):
    hh = world.households[1]
    response = api(world.users["worker"]).client.patch(
        f"/api/v1/outreach/households/{hh.pk}/",
        {"version": hh.version, "contact_preference": "phone"},
        content_type="application/json",
        headers=api(world.users["worker"]).headers,
    )
    assert response.status_code == 200, response.content
    assert response.json()["version"] == hh.version + 1
    assert response.json()["contact_preference"] == "phone"


def test_a_stale_version_is_a_conflict_and_changes_nothing(world):
    hh = world.households[1]
    services.household_update(
        household=hh, version=hh.version, by=world.users["worker"], contact="a"
    )
    with pytest.raises(Conflict):
        services.household_update(household=hh, version=1, by=world.users["worker"], contact="b")
    hh.refresh_from_db()
    assert hh.contact == "a"


def test_unknown_shared_fields_are_refused(world):
    with pytest.raises(InvalidInput):
        services.household_update(
            household=world.households[1],
            version=world.households[1].version,
            by=world.users["worker"],
            shared_fields=["bsn"],
        )


def test_a_coach_sees_and_updates_only_their_household(world, api):
    client = api(world.users["coach"])
    assert [h["id"] for h in client.get("/outreach/households/").json()["items"]] == [
        world.households[0].pk
    ]
    assert client.get(f"/outreach/households/{world.households[1].pk}/").status_code == 404


def test_bad_household_input_is_400_or_422_never_500(world, api):
    client = api(world.users["worker"])
    bad = [
        {"campaign": world.campaign.pk, "address": 999999},
        {"campaign": world.campaign.pk, "shared_fields": ["bsn"]},
        {"campaign": world.campaign.pk, "share_with": [999999]},
        {"campaign": "x"},
    ]
    for payload in bad:
        assert client.post("/outreach/households/", payload).status_code in (400, 422), payload


def test_visit_and_conversation_bad_input(world, api):
    client = api(world.users["worker"])
    visit = {"campaign": world.campaign.pk, "address": world.addresses[0].pk, "date": "2026-03-01"}
    assert client.post("/outreach/visits/", {**visit, "outcome": "gone"}).status_code == 400
    assert (
        client.post(
            "/outreach/visits/", {**visit, "outcome": "moved", "date": "2999-01-01"}
        ).status_code
        == 400
    )
    conv = {"household": world.households[1].pk, "date": "2026-03-01"}
    assert (
        client.post("/outreach/conversations/", {**conv, "answers": {"tevreden": "9"}}).status_code
        == 400
    )
    assert (
        client.post("/outreach/conversations/", {**conv, "answers": {"nope": "1"}}).status_code
        == 400
    )
    assert client.post("/outreach/conversations/", {**conv, "themes": ["nope"]}).status_code == 400
    assert world.households[1].conversations.count() == 0


def test_a_worker_assigns_a_coach_who_then_sees_the_household(world, api):
    hh = world.households[2]
    client = api(world.users["worker"])
    response = client.client.patch(
        f"/api/v1/outreach/households/{hh.pk}/",
        {"version": hh.version, "coach": "coach"},
        content_type="application/json",
        headers=client.headers,
    )
    assert response.status_code == 200, response.content
    assert response.json()["coach"] == "coach"
    assert api(world.users["coach"]).get(f"/outreach/households/{hh.pk}/").status_code == 200
    # the coach now also sees the household's referral (to DOCK)
    ids = [r["id"] for r in api(world.users["coach"]).get("/outreach/referrals/").json()["items"]]
    assert ids == [world.referral_dock.pk]


def test_agreement_status_changes_and_bad_status(world, api):
    from wijkaanpak.outreach import services

    c = services.commitment_create(
        household=world.households[1],
        theme=world.themes["werk"],
        description="cv maken",
        by=world.users["worker"],
    )
    client = api(world.users["worker"])
    assert (
        client.post(
            f"/outreach/commitments/{c.pk}/status/", {"status": "klaar", "version": c.version}
        ).status_code
        == 400
    )
    response = client.post(
        f"/outreach/commitments/{c.pk}/status/", {"status": "done", "version": c.version}
    )
    assert response.status_code == 200 and response.json()["status"] == "done"
