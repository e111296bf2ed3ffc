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
    # Every question, open ones included: their answers are emptied, not deleted, so the
    # number answered stays.
    questions_before = [
        (q.code, q.answered, q.options)
        for q in aggregates.question_summaries(campaign=world.campaign)
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


# --- Every table: a planted name and phone number appear nowhere after erasure or retention --

NAME, PHONE = "Markervelt", "0655501234"

# Text fields of outreach models that never hold a resident's data (set-up data, closed choices,
# the audit log's own columns). Every other text field must be planted below and come out empty;
# a new text field fails test_every_outreach_text_field_is_planted until it is classified.
NOT_PERSONAL = {
    "Theme": {"code", "name"},
    "Street": {"name"},
    "Campaign": {"name"},
    "Question": {"code", "text", "options", "positive_values", "positive_label"},
    # The target list of the campaign (public address register); erasure removes every link
    # from a household or conversation to it.
    "Address": {"street", "addition", "postcode"},
    "AuditLogEntry": {"username", "record_type", "source"},
    "VisitAttempt": {"source_key"},
    "Household": {"shared_fields"},  # names of fields, cleared all the same
    "ReportingDeadline": {"title"},  # a programme's deadline, set by its coordinator
}
PLANTED = {
    "Household": {"display_name", "contact", "consent_purpose"},
    "VisitAttempt": {"note"},
    "Conversation": {"note"},
    "Answer": {"value"},
    "Commitment": {"description"},
    "Referral": {"reason", "shared_data", "decline_reason"},
    "ReferralTransition": {"note"},
    "Escalation": {"needed", "resolution"},
}


def _text_fields(model):
    from django.db import models

    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField) and not f.choices
    ]


def _where(marker):
    """Every (model, field) of every installed app whose value contains the marker."""
    from django.apps import apps

    hits = set()
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue
        for f in _text_fields(model):
            if model._base_manager.filter(**{f"{f.name}__icontains": marker}).exists():
                hits.add((model.__name__, f.name))
    return hits


def _plant(world):
    """The resident of households[1] gives name and phone; they end up in every free-text
    field there is, with and without a link to the household."""
    worker, hh = world.users["worker"], world.households[1]
    hh = services.household_update(
        household=hh,
        version=hh.version,
        by=worker,
        display_name=f"Fam. {NAME}",
        contact=PHONE,
        consent_purpose=f"doorverwijzing {NAME}",
        shared_fields=["display_name", "contact", "address"],
    )
    about = f"Fam. {NAME} ({PHONE})"
    visit = services.visit_record(
        campaign=world.campaign,
        address=hh.address,
        household=hh,
        date=dt.date(2026, 3, 1),
        outcome="interviewed",
        by=worker,
        note=about,
    )
    services.visit_record(  # before the household was known: no link
        campaign=world.campaign,
        address=hh.address,
        date=dt.date(2026, 2, 1),
        outcome="not_at_home",
        by=worker,
        note=f"buren: {about}",
    )
    services.conversation_record(
        household=hh,
        date=dt.date(2026, 3, 1),
        visit=visit,
        by=worker,
        note=about,
        answers={"veilig": "yes", "tevreden": "4", "opmerking": about},
    )
    services.commitment_create(
        household=hh, theme=world.themes["wonen"], description=about, by=worker
    )
    referral = services.referral_create(
        household=hh,
        organisation=world.dock,
        theme=world.themes["welzijn"],
        by=worker,
        reason=about,
        send=True,
    )
    services.referral_transition(
        referral=referral, to="declined", by=world.users["dock"], note=about
    )
    services.referral_transition(
        referral=Referral.objects.get(pk=world.referral_mitros.pk),
        to="stalled",
        by=worker,
        note=about,
    )
    e = services.escalation_create(
        campaign=world.campaign, household=hh, category="money", needed=about, by=worker
    )
    services.escalation_resolve(escalation=e, resolution=about, by=world.users["backoffice"])
    e = services.escalation_create(  # raised without a household
        campaign=world.campaign, category="housing", needed=about, by=worker
    )
    services.escalation_resolve(escalation=e, resolution=about, by=world.users["backoffice"])
    return Household.objects.get(pk=hh.pk)


def test_every_outreach_text_field_is_planted_or_declared_not_personal():
    from django.apps import apps

    for model in apps.get_app_config("outreach").get_models(include_auto_created=True):
        names = {f.name for f in _text_fields(model)}
        covered = PLANTED.get(model.__name__, set()) | NOT_PERSONAL.get(model.__name__, set())
        assert names <= covered, (model.__name__, names - covered)


@pytest.mark.parametrize("how", ["erasure", "retention"])
def test_no_planted_personal_data_survives_in_any_table(world, api, how):
    hh = _plant(world)
    expected = {(m, f) for m, fields in PLANTED.items() for f in fields}
    assert _where(NAME) >= expected - {("Household", "contact")}, "the planting missed a field"
    assert ("Household", "contact") in _where(PHONE)
    if how == "erasure":
        assert (
            api(world.users["privacy"]).post(f"/outreach/households/{hh.pk}/erase/").status_code
            == 204
        )
    else:
        world.campaign.start_date = dt.date(2019, 1, 1)
        world.campaign.end_date = dt.date(2020, 1, 1)
        world.campaign.retention_days = 30
        world.campaign.save()
        call_command("apply_retention")
    assert _where(NAME) == set()
    assert _where(PHONE) == set()
    # No link left from the household's records to an address.
    from wijkaanpak.outreach.models import Conversation, Escalation, VisitAttempt

    hh.refresh_from_db()
    assert hh.address_id is None and hh.anonymised_at is not None
    assert not VisitAttempt.objects.filter(household=hh).exists()
    assert not Conversation.objects.filter(household=hh, visit__isnull=False).exists()
    assert not Conversation.objects.filter(household=hh, worker__isnull=False).exists()
    assert not Escalation.objects.filter(household=hh).exists()
