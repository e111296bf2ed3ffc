"""Erasure erases: an erased (anonymised) household accepts no writes, its records lose every
link back to an address, and retention sweeps a campaign whole, however often it runs."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.exceptions import Conflict
from wijkaanpak.outreach import privacy, services
from wijkaanpak.outreach.models import (
    Commitment,
    Conversation,
    Escalation,
    Household,
    Referral,
    VisitAttempt,
)


def _interview(world, household):
    worker = world.users["worker"]
    visit = services.visit_record(
        campaign=world.campaign,
        address=household.address,
        household=household,
        date=dt.date(2026, 3, 1),
        outcome="interviewed",
        by=worker,
    )
    conversation = services.conversation_record(
        household=household,
        date=dt.date(2026, 3, 1),
        visit=visit,
        by=worker,
        answers={"veilig": "yes", "tevreden": "4"},
    )
    commitment = services.commitment_create(
        household=household, theme=world.themes["wonen"], description="bellen", by=worker
    )
    escalation = services.escalation_create(
        campaign=world.campaign, household=household, category="money", needed="hulp", by=worker
    )
    return visit, conversation, commitment, escalation


def _erase(world, household):
    privacy.household_erase(household=household, by=world.users["privacy"])
    household.refresh_from_db()
    assert household.anonymised_at is not None


def _patch(api, user, path, data):
    client = api(user)
    return client.client.patch(
        "/api/v1" + path, json.dumps(data), content_type="application/json", headers=client.headers
    )


def test_an_erased_household_refuses_every_write_through_the_api(world, api):
    hh = world.households[1]
    _visit, _conversation, commitment, _escalation = _interview(world, hh)
    _erase(world, hh)
    worker = world.users["worker"]
    answers = {
        "patch": _patch(
            api,
            worker,
            f"/outreach/households/{hh.pk}/",
            {"version": hh.version, "display_name": "Fam. Terug", "contact": "06-99999999"},
        ),
        "conversation": api(worker).post(
            "/outreach/conversations/",
            {"household": hh.pk, "date": "2026-03-02", "note": "Fam. Terug"},
        ),
        "visit": api(worker).post(
            "/outreach/visits/",
            {
                "campaign": world.campaign.pk,
                "address": world.addresses[1].pk,
                "household": hh.pk,
                "date": "2026-03-02",
                "outcome": "reached",
                "note": "Fam. Terug",
            },
        ),
        "commitment": api(worker).post(
            "/outreach/commitments/",
            {"household": hh.pk, "theme": "wonen", "description": "Fam. Terug"},
        ),
        "referral": api(worker).post(
            "/outreach/referrals/",
            {"household": hh.pk, "organisation": world.mitros.pk, "theme": "wonen"},
        ),
        "escalation": api(worker).post(
            "/outreach/escalations/",
            {
                "campaign": world.campaign.pk,
                "household": hh.pk,
                "category": "money",
                "needed": "Fam. Terug",
            },
        ),
        "transition": api(worker).post(
            f"/outreach/referrals/{world.referral_mitros.pk}/transition/",
            {
                "to": "withdrawn",
                "note": "Fam. Terug",
                "version": Referral.objects.get(pk=world.referral_mitros.pk).version,
            },
        ),
    }
    for what, response in answers.items():
        assert response.status_code in (404, 409, 410), (what, response.status_code)
        if response.status_code != 404:
            body = response.json()
            assert body["detail"] and body["errors"][0]["field"] == "household", what
    # The clear message, not a 404: the household itself is still addressable for the write.
    assert answers["patch"].status_code == 409
    assert answers["conversation"].status_code == 409
    hh.refresh_from_db()
    assert (hh.display_name, hh.contact) == ("", "")
    assert not Conversation.objects.filter(note__contains="Terug").exists()
    assert not VisitAttempt.objects.filter(note__contains="Terug").exists()
    assert not Commitment.objects.filter(description__contains="Terug").exists()
    assert not Escalation.objects.filter(needed__contains="Terug").exists()
    assert Referral.objects.filter(household=hh).count() == 1
    commitment.refresh_from_db()
    assert commitment.description == ""


@pytest.mark.parametrize(
    "write",
    [
        "household_update",
        "coach_assign",
        "visit_record",
        "conversation_record",
        "commitment_create",
        "commitment_status_set",
        "referral_create",
        "referral_transition",
        "escalation_create",
        "escalation_resolve",
    ],
)
@pytest.mark.parametrize("actor", ["worker", "system"])
def test_every_service_refuses_an_erased_household(world, write, actor):
    hh = world.households[1]
    _visit, _conversation, commitment, escalation = _interview(world, hh)
    _erase(world, hh)
    by = world.users["worker"] if actor == "worker" else SYSTEM
    commitment.refresh_from_db()
    escalation.refresh_from_db()
    referral = Referral.objects.get(pk=world.referral_mitros.pk)
    calls = {
        "household_update": lambda: services.household_update(
            household=hh, version=hh.version, by=by, display_name="Fam. Terug"
        ),
        "coach_assign": lambda: services.coach_assign(
            household=hh, coach=world.users["coach"], version=hh.version, by=by
        ),
        "visit_record": lambda: services.visit_record(
            campaign=world.campaign,
            address=world.addresses[1],
            household=hh,
            date=dt.date(2026, 3, 2),
            outcome="reached",
            by=by,
        ),
        "conversation_record": lambda: services.conversation_record(
            household=hh, date=dt.date(2026, 3, 2), answers={}, by=by, note="Fam. Terug"
        ),
        "commitment_create": lambda: services.commitment_create(
            household=hh, theme=world.themes["wonen"], description="Fam. Terug", by=by
        ),
        "commitment_status_set": lambda: services.commitment_status_set(
            commitment=commitment, status="done", by=by
        ),
        "referral_create": lambda: services.referral_create(
            household=hh, organisation=world.mitros, theme=world.themes["wonen"], by=by
        ),
        "referral_transition": lambda: services.referral_transition(
            referral=referral, to="withdrawn", by=by, note="Fam. Terug"
        ),
        "escalation_create": lambda: services.escalation_create(
            campaign=world.campaign, household=hh, category="money", needed="Fam. Terug", by=by
        ),
        "escalation_resolve": lambda: services.escalation_resolve(
            escalation=escalation,
            resolution="Fam. Terug",
            by=world.users["backoffice"] if by is not SYSTEM else SYSTEM,
        ),
    }
    with pytest.raises(Conflict) as raised:
        calls[write]()
    assert raised.value.message and raised.value.errors[0]["field"] == "household"


def test_erased_records_are_not_served_and_cannot_be_joined_to_an_address(world, api):
    hh = world.households[1]
    visit, conversation, commitment, _escalation = _interview(world, hh)
    _erase(world, hh)
    conversation.refresh_from_db()
    assert conversation.visit_id is None and conversation.worker_id is None
    assert not VisitAttempt.objects.filter(household=hh).exists()
    worker = api(world.users["worker"])
    listed = {h["id"] for h in worker.get("/outreach/households/", limit=500).json()["items"]}
    assert hh.pk not in listed
    conversations = worker.get("/outreach/conversations/", limit=500).json()["items"]
    assert conversation.pk not in {c["id"] for c in conversations}
    commitments = worker.get("/outreach/commitments/", limit=500).json()["items"]
    assert commitment.pk not in {c["id"] for c in commitments}
    visits = worker.get("/outreach/visits/", limit=500).json()["items"]
    assert hh.pk not in {v["household"] for v in visits}
    # The household page says it was erased and shows none of its records.
    from wijkaanpak.outreach.tests.test_pages import client_for

    page = client_for(world.users["worker"]).get(f"/outreach/households/{hh.pk}/")
    assert page.status_code in (404, 410)


def test_retention_looks_again_at_anonymised_households_and_whole_campaigns(world):
    """Today's retention skipped households already anonymised, so data written back after an
    erasure stayed for ever; it also left household-less notes and escalations untouched."""
    hh = world.households[1]
    _interview(world, hh)
    _erase(world, hh)
    # Data that reached the erased household before writes were refused (an older version).
    Household.objects.filter(pk=hh.pk).update(display_name="Fam. Terug", contact="06-99999999")
    Conversation.objects.filter(household=hh).update(note="Fam. Terug")
    services.visit_record(
        campaign=world.campaign,
        address=world.addresses[5],
        date=dt.date(2026, 3, 3),
        outcome="not_at_home",
        by=world.users["worker"],
        note="buurvrouw: Fam. Terug, 06-99999999",
    )
    services.escalation_create(
        campaign=world.campaign,
        category="housing",
        needed="Fam. Terug, 06-99999999, lekkage",
        by=world.users["worker"],
    )
    world.campaign.start_date = dt.date(2019, 1, 1)
    world.campaign.end_date = dt.date(2020, 1, 1)
    world.campaign.retention_days = 30
    world.campaign.save()

    call_command("apply_retention")
    call_command("apply_retention")  # idempotent

    hh.refresh_from_db()
    assert (hh.display_name, hh.contact) == ("", "")
    campaign = world.campaign
    assert not Conversation.objects.filter(campaign=campaign).exclude(note="").exists()
    assert not Conversation.objects.filter(campaign=campaign, visit__isnull=False).exists()
    assert not VisitAttempt.objects.filter(campaign=campaign).exclude(note="").exists()
    assert not Escalation.objects.filter(campaign=campaign).exclude(needed="").exists()
    assert not Household.objects.filter(campaign=campaign, anonymised_at__isnull=True).exists()
    # The other campaign is still running: untouched.
    other = Household.objects.get(pk=world.other_household.pk)
    assert other.display_name == "Fam. Ander"


def test_erasure_on_request_clears_the_household_in_household_less_free_text(world):
    hh = world.households[1]
    services.visit_record(
        campaign=world.campaign,
        address=hh.address,
        date=dt.date(2026, 2, 20),
        outcome="not_at_home",
        by=world.users["worker"],
        note="Fam. Test1 was niet thuis, bel 06-00000000",
    )
    other_note = services.visit_record(
        campaign=world.campaign,
        address=world.addresses[5],
        date=dt.date(2026, 2, 20),
        outcome="not_at_home",
        by=world.users["worker"],
        note="hond in de tuin",
    )
    escalation = services.escalation_create(
        campaign=world.campaign,
        category="housing",
        needed="Fam. Test1 (06-00000000) heeft schimmel",
        by=world.users["worker"],
    )
    _erase(world, hh)
    assert not VisitAttempt.objects.filter(note__icontains="Test1").exists()
    escalation.refresh_from_db()
    assert "Test1" not in escalation.needed and "06-00000000" not in escalation.needed
    other_note.refresh_from_db()
    assert other_note.note == "hond in de tuin"
    assert Household.objects.get(pk=world.households[2].pk).display_name == "Fam. Test2"


def test_a_campaign_past_its_retention_term_accepts_no_new_personal_data(world):
    """Between the end of the retention term and the next apply_retention run nothing new is
    collected (it would otherwise live until that run)."""
    hh = world.households[2]
    world.campaign.start_date = dt.date(2019, 1, 1)
    world.campaign.end_date = dt.date(2020, 1, 1)
    world.campaign.retention_days = 30
    world.campaign.save()
    hh.campaign = world.campaign
    worker = world.users["worker"]
    writes = [
        lambda: services.household_create(
            campaign=world.campaign, address=world.addresses[5], by=worker, display_name="Nieuw"
        ),
        lambda: services.household_update(
            household=hh, version=hh.version, by=worker, display_name="Nieuw"
        ),
        lambda: services.visit_record(
            campaign=world.campaign,
            address=world.addresses[5],
            date=dt.date(2026, 3, 2),
            outcome="not_at_home",
            by=worker,
            note="Nieuw",
        ),
        lambda: services.conversation_record(
            household=hh, date=dt.date(2026, 3, 2), answers={}, by=worker, note="Nieuw"
        ),
        lambda: services.escalation_create(
            campaign=world.campaign, category="money", needed="Nieuw", by=worker
        ),
    ]
    for write in writes:
        with pytest.raises(Conflict) as raised:
            write()
        assert raised.value.errors[0]["field"] == "campaign"
    assert not Household.objects.filter(display_name="Nieuw").exists()


def test_erasure_leaves_another_household_at_the_same_address_alone(world):
    old = world.households[1]
    address = old.address
    new = services.household_create(  # e.g. a lodger, or the next residents
        campaign=world.campaign, address=address, by=world.users["worker"], display_name="Nieuw"
    )
    visit = services.visit_record(
        campaign=world.campaign,
        address=address,
        household=new,
        date=dt.date(2026, 3, 5),
        outcome="reached",
        by=world.users["worker"],
        note="kom terug",
    )
    _erase(world, old)
    visit.refresh_from_db()
    new.refresh_from_db()
    assert (visit.household_id, visit.note, new.display_name) == (new.pk, "kom terug", "Nieuw")


def test_erasure_withdraws_open_referrals_so_no_inbox_keeps_them(world, api):
    hh = world.households[1]
    referral = Referral.objects.get(pk=world.referral_mitros.pk)
    assert referral.state == "sent"
    _erase(world, hh)
    referral.refresh_from_db()
    assert referral.state == "withdrawn" and referral.sent_at is not None
    assert [t.to_state for t in referral.transitions.order_by("at", "id")] == [
        "proposed",
        "sent",
        "withdrawn",
    ]
    items = api(world.users["mitros"]).get("/outreach/referrals/", overdue="true").json()["items"]
    assert referral.pk not in {i["id"] for i in items}
    # The other household's referral is untouched.
    assert Referral.objects.get(pk=world.referral_dock.pk).state == "sent"
