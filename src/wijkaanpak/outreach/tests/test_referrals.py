"""The referral state machine: allowed transitions, 409 and 403, history and service levels."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.core.workdays import add_working_days
from wijkaanpak.outreach import services
from wijkaanpak.outreach.models import ReferralState, ReferralTransition


def test_partner_accepts_makes_first_contact_and_completes(world, api):
    client = api(world.users["mitros"])
    path = f"/outreach/referrals/{world.referral_mitros.pk}/transition/"
    version = world.referral_mitros.version
    for to in ("accepted", "first_contact", "completed"):
        response = client.post(path, {"to": to, "note": f"{to} door Mitros", "version": version})
        assert response.status_code == 200, response.content
        assert response.json()["state"] == to
        version = response.json()["version"]
    history = list(
        world.referral_mitros.transitions.values_list("from_state", "to_state", "by__username")
    )
    assert history == [
        ("", "proposed", "worker"),
        ("proposed", "sent", "worker"),
        ("sent", "accepted", "mitros"),
        ("accepted", "first_contact", "mitros"),
        ("first_contact", "completed", "mitros"),
    ]


def test_a_transition_out_of_order_is_409(world, api):
    response = api(world.users["mitros"]).post(
        f"/outreach/referrals/{world.referral_mitros.pk}/transition/",
        {"to": "completed", "version": world.referral_mitros.version},
    )
    assert response.status_code == 409
    assert response.headers["Content-Type"] == "application/problem+json"
    world.referral_mitros.refresh_from_db()
    assert world.referral_mitros.state == "sent"


def test_a_role_that_may_not_make_the_transition_gets_403(world, api):
    response = api(world.users["worker"]).post(
        f"/outreach/referrals/{world.referral_mitros.pk}/transition/",
        {"to": "accepted", "version": world.referral_mitros.version},
    )
    assert response.status_code == 403


def test_another_partner_cannot_even_see_the_referral(world, api):
    response = api(world.users["dock"]).post(
        f"/outreach/referrals/{world.referral_mitros.pk}/transition/",
        {"to": "accepted", "version": world.referral_mitros.version},
    )
    assert response.status_code == 404


def test_declining_needs_a_reason(world, api):
    client = api(world.users["mitros"])
    path = f"/outreach/referrals/{world.referral_mitros.pk}/transition/"
    version = world.referral_mitros.version
    assert client.post(path, {"to": "declined", "version": version}).status_code == 400
    response = client.post(path, {"to": "declined", "note": "geen aanbod", "version": version})
    assert response.status_code == 200
    assert response.json()["decline_reason"] == "geen aanbod"


def test_an_unknown_state_is_400(world, api):
    response = api(world.users["mitros"]).post(
        f"/outreach/referrals/{world.referral_mitros.pk}/transition/",
        {"to": "lost", "version": world.referral_mitros.version},
    )
    assert response.status_code == 400


def test_a_stale_version_is_409(world, api):
    client = api(world.users["mitros"])
    path = f"/outreach/referrals/{world.referral_mitros.pk}/transition/"
    version = world.referral_mitros.version
    assert client.post(path, {"to": "accepted", "version": version}).status_code == 200
    assert client.post(path, {"to": "first_contact", "version": version}).status_code == 409


def test_referral_to_an_organisation_without_consent_is_refused(world):
    from wijkaanpak.organisations.services import organisation_ensure

    portaal = organisation_ensure(name="Portaal")
    with pytest.raises(InvalidInput) as exc:
        services.referral_create(
            household=world.households[1],
            organisation=portaal,
            theme=world.themes["wonen"],
            by=world.users["worker"],
        )
    assert exc.value.errors[0]["field"] == "organisation"
    assert not world.households[1].referrals.filter(organisation=portaal).exists()


def test_referral_carries_only_the_consented_fields(world):
    referral = world.referral_mitros
    assert referral.shared_data == {
        "display_name": "Fam. Test1",
        "address": "Nigerdreef 2, 3561AB",
    }


def test_every_state_can_be_reached_and_terminal_states_are_final(world):
    worker, mitros = world.users["worker"], world.users["mitros"]
    r = services.referral_create(
        household=world.households[3],
        organisation=world.mitros,
        theme=world.themes["wonen"],
        by=worker,
    )
    r = services.referral_transition(referral=r, to="withdrawn", by=worker)
    with pytest.raises(Conflict):
        services.referral_transition(referral=r, to="sent", by=worker)
    r2 = world.referral_mitros
    r2 = services.referral_transition(referral=r2, to="stalled", by=world.users["backoffice"])
    r2 = services.referral_transition(referral=r2, to="sent", by=worker)
    with pytest.raises(Forbidden):
        services.referral_transition(referral=r2, to="accepted", by=worker)
    r2 = services.referral_transition(referral=r2, to="accepted", by=mitros)
    assert r2.state == ReferralState.ACCEPTED
    assert ReferralTransition.objects.filter(referral=r2).count() == 5


def test_service_level_sets_due_dates_and_overdue_referrals_are_flagged(world, api):
    services.service_level_set(organisation=world.dock, days_to_accept=2, days_to_first_contact=5)
    late = timezone.now() - dt.timedelta(days=10)
    r = services.referral_create(
        household=world.households[3],
        organisation=world.dock,
        theme=world.themes["welzijn"],
        by=world.users["worker"],
    )
    r = services.referral_transition(referral=r, to="sent", by=world.users["worker"], at=late)
    assert r.accept_due == add_working_days(timezone.localdate(late), 2)
    overdue = api(world.users["backoffice"]).get("/outreach/referrals/", overdue="true").json()
    assert [i["id"] for i in overdue["items"]] == [r.pk]
    assert overdue["items"][0]["overdue"] is True
    worker_view = api(world.users["worker"]).get("/outreach/referrals/", overdue="true").json()
    assert worker_view["count"] == 1


def test_referral_list_filters(world, api):
    client = api(world.users["worker"])
    assert client.get("/outreach/referrals/", organisation=world.dock.pk).json()["count"] == 1
    assert client.get("/outreach/referrals/", theme=world.themes["wonen"].pk).json()["count"] == 1
    assert client.get("/outreach/referrals/", state="accepted").json()["count"] == 0
