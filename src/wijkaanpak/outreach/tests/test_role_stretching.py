"""Roles cannot be stretched through data (issue 12, item 2): a field that grants access (the
coach of a household, an outreach role) accepts only people who may hold it, without telling
which usernames exist; partners see a referral only from the moment it is sent."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import otp_verify_session
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.outreach import selectors, services
from wijkaanpak.outreach.models import ReferralState


def _patch(api: Any, user: Any, household: Any, body: dict[str, Any]) -> Any:
    client = api(user)
    return client.client.patch(
        f"/api/v1/outreach/households/{household.pk}/",
        json.dumps(body),
        content_type="application/json",
        headers=client.headers,
    )


def test_a_partner_user_cannot_be_made_coach_and_so_cannot_read_the_household(world, api):
    hh = world.households[1]
    response = _patch(api, world.users["worker"], hh, {"version": hh.version, "coach": "mitros"})
    assert response.status_code == 400, response.content
    assert [e["field"] for e in response.json()["errors"]] == ["coach"]
    hh.refresh_from_db()
    assert hh.coach_id is None
    # …so the partner still reads nothing of the household.
    assert api(world.users["mitros"]).get(f"/outreach/households/{hh.pk}/").status_code == 404
    assert api(world.users["mitros"]).get("/outreach/conversations/").json()["count"] == 0


@pytest.mark.parametrize("username", ["dock", "coordinator", "otherworker", "outsider"])
def test_every_ineligible_account_is_refused(world, api, username):
    hh = world.households[1]
    response = _patch(api, world.users["worker"], hh, {"version": hh.version, "coach": username})
    assert response.status_code == 400, (username, response.content)


def test_an_unknown_and_an_ineligible_username_get_the_same_answer(world, api):
    hh = world.households[1]
    unknown = _patch(api, world.users["worker"], hh, {"version": hh.version, "coach": "nobody-x"})
    existing = _patch(api, world.users["worker"], hh, {"version": hh.version, "coach": "mitros"})
    assert (unknown.status_code, unknown.json()) == (existing.status_code, existing.json())


def test_a_coach_of_the_programme_and_a_worker_of_the_campaign_may_be_coach(world, api):
    hh = world.households[1]
    response = _patch(api, world.users["worker"], hh, {"version": hh.version, "coach": "coach"})
    assert response.status_code == 200, response.content
    assert response.json()["coach"] == "coach"
    version = response.json()["version"]
    response = _patch(api, world.users["worker"], hh, {"version": version, "coach": "worker"})
    assert response.status_code == 200, response.content
    version = response.json()["version"]
    response = _patch(api, world.users["worker"], hh, {"version": version, "coach": None})
    assert response.status_code == 200, response.content
    assert response.json()["coach"] is None


def test_the_service_refuses_an_ineligible_coach_whoever_calls_it(world):
    hh = world.households[1]
    with pytest.raises(InvalidInput):
        services.coach_assign(
            household=hh, coach=world.users["mitros"], version=hh.version, by=world.users["worker"]
        )
    inactive = world.users["coach"]
    inactive.is_active = False
    inactive.save()
    with pytest.raises(InvalidInput):
        services.coach_assign(
            household=hh, coach=inactive, version=hh.version, by=world.users["worker"]
        )


def test_an_outreach_role_must_be_one_of_the_roles(world, programme):
    with pytest.raises(InvalidInput):
        services.outreach_role_set(user=world.users["outsider"], programme=programme, role="admin")


def test_the_coach_role_alone_shows_no_campaign(world, api, programme):
    services.outreach_role_set(user=world.users["outsider"], programme=programme, role="coach")
    client = api(world.users["outsider"])
    assert client.get("/outreach/campaigns/").json()["count"] == 0
    assert client.get(f"/outreach/campaigns/{world.campaign.pk}/").status_code == 404


@pytest.fixture
def proposed(world: Any) -> Any:
    """A referral to Mitros that is only proposed, and one withdrawn before it was sent."""
    proposed = services.referral_create(
        household=world.households[3],
        organisation=world.mitros,
        theme=world.themes["werk"],
        reason="Fam. Test3 zoekt werk",
        by=world.users["worker"],
    )
    withdrawn = services.referral_create(
        household=world.households[3],
        organisation=world.mitros,
        theme=world.themes["wonen"],
        by=world.users["worker"],
    )
    withdrawn = services.referral_transition(
        referral=withdrawn,
        to=ReferralState.WITHDRAWN,
        version=withdrawn.version,
        by=world.users["worker"],
    )
    return proposed, withdrawn


def test_a_partner_does_not_see_a_referral_before_it_is_sent(world, api, proposed):
    client = api(world.users["mitros"])
    hidden = {r.pk for r in proposed}
    for r in proposed:
        assert client.get(f"/outreach/referrals/{r.pk}/").status_code == 404
        assert client.get(f"/outreach/referrals/{r.pk}/history/").status_code == 404
        response = client.post(
            f"/outreach/referrals/{r.pk}/transition/", {"to": "accepted", "version": r.version}
        )
        assert response.status_code == 404
    listed = client.get("/outreach/referrals/", limit=500).json()
    assert hidden.isdisjoint(item["id"] for item in listed["items"])
    assert listed["count"] == 1  # the referral sent to Mitros in the world
    qs = selectors.referral_list(user=world.users["mitros"])
    assert hidden.isdisjoint(qs.values_list("pk", flat=True))
    # The pages: the inbox and the count on the outreach index.
    page = _page_client(world.users["mitros"])
    inbox = page.get("/outreach/referrals/")
    assert inbox.status_code == 200
    assert "Fam. Test3" not in inbox.content.decode()
    assert all(f'data-referral="{pk}"' not in inbox.content.decode() for pk in hidden)
    assert page.get("/outreach/").context["referral_count"] == 1
    # The workers still see both.
    worker = api(world.users["worker"]).get("/outreach/referrals/", limit=500).json()
    assert hidden <= {item["id"] for item in worker["items"]}


def test_a_partner_sees_the_referral_from_the_moment_it_is_sent(world, api, proposed):
    referral = proposed[0]
    services.referral_transition(
        referral=referral,
        to=ReferralState.SENT,
        version=referral.version,
        by=world.users["worker"],
    )
    response = api(world.users["mitros"]).get(f"/outreach/referrals/{referral.pk}/")
    assert response.status_code == 200
    assert response.json()["reason"] == "Fam. Test3 zoekt werk"


def test_a_partner_with_only_unsent_referrals_does_not_see_personal_data(world, proposed):
    from wijkaanpak.accounts.models import User
    from wijkaanpak.accounts.services import organisation_membership_add
    from wijkaanpak.organisations.services import organisation_ensure

    org = organisation_ensure(name="Buurtteam", type="welfare")
    user = User.objects.create_user(username="buurtteam", password="pw-buurtteam-123")
    organisation_membership_add(user=user, organisation=org)
    hh = world.households[3]
    services.household_update(
        household=hh, version=hh.version, by=world.users["worker"], share_with=[org]
    )
    services.referral_create(
        household=hh, organisation=org, theme=world.themes["werk"], by=world.users["worker"]
    )
    assert selectors.user_sees_personal_data(User.objects.get(pk=user.pk)) is False


def _page_client(user: Any) -> Any:
    from django.test import Client

    c = Client()
    c.force_login(user)
    otp_verify_session(c, user)
    return c


def test_an_inactive_account_gets_no_outreach_role(world, programme):
    user = world.users["outsider"]
    user.is_active = False
    user.save()
    with pytest.raises(InvalidInput):
        services.campaign_worker_add(campaign=world.campaign, user=user)
    with pytest.raises(InvalidInput):
        services.outreach_role_set(user=user, programme=programme, role="back_office")


def test_the_admin_offers_only_active_accounts_for_a_role(world, rf):
    from django.contrib import admin

    from wijkaanpak.outreach.models import CampaignWorker, OutreachRole

    world.users["outsider"].is_active = False
    world.users["outsider"].save()
    for model in (CampaignWorker, OutreachRole):
        model_admin = admin.site._registry[model]
        field = model_admin.formfield_for_foreignkey(
            model._meta.get_field("user"), rf.get("/admin/")
        )
        offered = set(field.queryset.values_list("username", flat=True))
        assert "worker" in offered and "outsider" not in offered, model
