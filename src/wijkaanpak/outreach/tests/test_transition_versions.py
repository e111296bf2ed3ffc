"""Transitions need their version (issue 12, item 12): a retried or crossing request cannot
move a referral, an agreement or an escalation twice."""

from __future__ import annotations

from wijkaanpak.outreach import services
from wijkaanpak.outreach.models import ReferralState


def test_a_referral_transition_without_version_is_refused_and_changes_nothing(world, api):
    r = world.referral_mitros
    response = api(world.users["mitros"]).post(
        f"/outreach/referrals/{r.pk}/transition/", {"to": "accepted"}
    )
    assert response.status_code == 422, response.content
    assert "version" in {e.get("field") for e in response.json()["errors"]}
    r.refresh_from_db()
    assert (r.state, r.transitions.count()) == (ReferralState.SENT, 2)


def test_a_retried_referral_transition_applies_once(world, api):
    r = world.referral_mitros
    client = api(world.users["worker"])
    body = {"to": "stalled", "version": r.version, "note": "geen reactie"}
    assert client.post(f"/outreach/referrals/{r.pk}/transition/", body).status_code == 200
    retried = client.post(f"/outreach/referrals/{r.pk}/transition/", body)
    assert retried.status_code == 409
    r.refresh_from_db()
    assert r.transitions.filter(to_state="stalled").count() == 1


def test_the_referral_page_without_version_changes_nothing(world):
    from django.test import Client

    from conftest import otp_verify_session

    c = Client()
    c.force_login(world.users["mitros"])
    otp_verify_session(c, world.users["mitros"])
    c.post(f"/outreach/referrals/{world.referral_mitros.pk}/transition/", {"to": "accepted"})
    world.referral_mitros.refresh_from_db()
    assert world.referral_mitros.state == ReferralState.SENT


def _agreement(world):
    return services.commitment_create(
        household=world.households[1],
        theme=world.themes["werk"],
        description="cv maken",
        by=world.users["worker"],
    )


def test_an_agreement_status_needs_the_version_read(world, api):
    c = _agreement(world)
    client = api(world.users["worker"])
    path = f"/outreach/commitments/{c.pk}/status/"
    assert client.post(path, {"status": "done"}).status_code == 422
    c.refresh_from_db()
    assert c.status == "open"
    first = client.post(path, {"status": "cancelled", "version": c.version})
    assert first.status_code == 200 and first.json()["version"] == c.version + 1
    # A second, crossing request made from the same (now stale) view is refused.
    crossing = client.post(path, {"status": "done", "version": c.version})
    assert crossing.status_code == 409
    c.refresh_from_db()
    assert c.status == "cancelled"


def test_an_escalation_is_resolved_once(world, api):
    e = services.escalation_create(
        campaign=world.campaign, category="money", needed="geld", by=world.users["worker"]
    )
    client = api(world.users["backoffice"])
    path = f"/outreach/escalations/{e.pk}/resolve/"
    assert client.post(path, {"resolution": "eerste"}).status_code == 200
    again = client.post(path, {"resolution": "tweede"})
    assert again.status_code == 409
    e.refresh_from_db()
    assert e.resolution == "eerste"
