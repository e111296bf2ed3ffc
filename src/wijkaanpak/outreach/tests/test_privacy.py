"""Retention, right of access and erasure."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from wijkaanpak.outreach import aggregates, services
from wijkaanpak.outreach.models import Household, Referral


@pytest.fixture(autouse=True)
def _while_the_campaigns_run():
    """Retention counts from the campaigns' end (31 Dec 2026) plus 730 days: on the real clock
    these tests would start failing in 2029. The clock starts on a fixed day in 2026 instead."""
    with time_machine.travel(dt.datetime(2026, 6, 15, 10, tzinfo=dt.UTC), tick=True):
        yield


def _fill(world):
    worker = world.users["worker"]
    for h in world.households:
        v = services.visit_record(
            campaign=world.campaign,
            address=h.address,
            household=h,
            date=dt.date(2026, 3, 1),
            outcome="interviewed",
            by=worker,
            note="hond in de tuin",
        )
        services.conversation_record(
            household=h,
            date=dt.date(2026, 3, 1),
            visit=v,
            by=worker,
            note="privé",
            answers={"veilig": "yes", "tevreden": "4", "opmerking": "mijn buurman Jan"},
        )
    services.visit_record(
        campaign=world.campaign,
        address=world.addresses[4],
        date=dt.date(2026, 3, 1),
        outcome="reached",
        by=worker,
    )


def test_apply_retention_anonymises_expired_campaigns_only_and_keeps_aggregates(world):
    _fill(world)
    world.campaign.end_date = dt.date(2020, 1, 1)
    world.campaign.start_date = dt.date(2019, 1, 1)
    world.campaign.retention_days = 30
    world.campaign.save()
    funnel_before = aggregates.funnel_counts(campaign=world.campaign)
    questions_before = [
        (q.code, q.answered, q.options)
        for q in aggregates.question_summaries(campaign=world.campaign)
        if q.type != "text"
    ]

    call_command("apply_retention")

    for h in Household.objects.filter(campaign=world.campaign):
        assert h.anonymised_at is not None
        assert (h.display_name, h.contact, h.address_id, h.coach_id) == ("", "", None, None)
        assert not h.share_with.exists()
        assert all(c.note == "" for c in h.conversations.all())
    assert not Referral.objects.filter(campaign=world.campaign).exclude(shared_data={}).exists()
    assert aggregates.funnel_counts(campaign=world.campaign) == funnel_before
    after = [
        (q.code, q.answered, q.options)
        for q in aggregates.question_summaries(campaign=world.campaign)
        if q.type != "text"
    ]
    assert after == questions_before
    other = Household.objects.get(pk=world.other_household.pk)
    assert other.display_name == "Fam. Ander" and other.anonymised_at is None
    assert not world.campaign.visits.exclude(note="").exists()


def test_apply_retention_leaves_running_campaigns_alone(world):
    call_command("apply_retention")
    assert Household.objects.filter(anonymised_at__isnull=False).count() == 0


def test_right_of_access_export_is_complete_and_audited(world, api):
    _fill(world)
    hh = world.households[1]
    response = api(world.users["privacy"]).get(f"/outreach/households/{hh.pk}/export/")
    assert response.status_code == 200
    data = response.json()
    assert data["household"]["display_name"] == "Fam. Test1"
    assert data["conversations"][0]["answers"]["Voelt u zich veilig?"] == "yes"
    assert data["referrals"][0]["organisation"] == "Mitros"
    assert [h["to"] for h in data["referrals"][0]["history"]] == ["proposed", "sent"]
    from wijkaanpak.outreach.models import AuditLogEntry

    assert AuditLogEntry.objects.filter(
        action="export", record_id=hh.pk, username="privacy"
    ).exists()


def test_erasure_on_request(world, api):
    _fill(world)
    hh = world.households[1]
    assert (
        api(world.users["worker"]).post(f"/outreach/households/{hh.pk}/erase/").status_code == 404
    )
    assert (
        api(world.users["privacy"]).post(f"/outreach/households/{hh.pk}/erase/").status_code == 204
    )
    hh.refresh_from_db()
    assert hh.display_name == "" and hh.anonymised_at is not None
    assert Referral.objects.get(pk=world.referral_mitros.pk).shared_data == {}
    assert world.households[2].display_name == "Fam. Test2"
    from wijkaanpak.outreach.models import AuditLogEntry

    assert AuditLogEntry.objects.filter(action="erase", record_id=hh.pk).exists()
