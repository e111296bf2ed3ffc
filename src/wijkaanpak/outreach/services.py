"""Writes of outreach data. Every write of personal data is checked, atomic and audited.

Objects two people may edit (households, referrals) carry a `version`: an update names the
version it started from and a stale version is a conflict (409). The check is part of the
UPDATE statement (`WHERE id = … AND version = …`), so it holds under concurrent requests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.accounts.selectors import user_has_programme_role
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.outreach.audit import audit_record
from wijkaanpak.outreach.models import (
    REACHED_OUTCOMES,
    SHAREABLE_FIELDS,
    TRANSITIONS,
    Actor,
    Address,
    Answer,
    AuditAction,
    BoundAggregate,
    Campaign,
    CampaignWorker,
    Commitment,
    CommitmentStatus,
    Conversation,
    Escalation,
    Household,
    MeasureBinding,
    OutreachRole,
    Question,
    QuestionType,
    Referral,
    ReferralState,
    ReferralTransition,
    ServiceLevel,
    Street,
    Theme,
    VisitAttempt,
    VisitOutcome,
)
from wijkaanpak.outreach.selectors import user_has_outreach_role, user_is_campaign_worker

SYSTEM = "system"


def _audit(by: Any, action: AuditAction, record_type: str, pk: int, source: str) -> None:
    audit_record(user=by, action=action, record_type=record_type, record_ids=[pk], source=source)


def _require_worker(*, by: Any, campaign: Campaign, household: Household | None = None) -> None:
    """None is a system write (demo, command); a user must work on the campaign or coach."""
    if by is None:
        return
    if household is not None and household.coach_id == by.pk:
        return
    if not user_is_campaign_worker(user=by, campaign=campaign):
        raise Forbidden(_("Only the campaign's outreach workers (or the coach) may do this."))


# --- set-up: themes, streets, campaigns, roles, questionnaire ----------------------------


@transaction.atomic
def theme_ensure(*, code: str, name: str, order: int = 0) -> Theme:
    theme, _created = Theme.objects.update_or_create(
        code=code, defaults={"name": name, "order": order}
    )
    return theme


@transaction.atomic
def street_register(*, area: Any, names: Iterable[str]) -> int:
    existing = set(Street.objects.filter(area=area).values_list("name", flat=True))
    new = [Street(area=area, name=n) for n in sorted(set(names) - existing)]
    Street.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def campaign_create(
    *,
    programme: Any,
    area: Any,
    name: str,
    start_date: dt.date,
    end_date: dt.date,
    themes: Iterable[Theme] = (),
    retention_days: int = 730,
    by: Any = None,
) -> Campaign:
    if by is not None and not user_has_programme_role(
        user=by, programme=programme, role=ProgrammeRole.COORDINATOR
    ):
        raise Forbidden(_("You need the coordinator role in this programme."))
    if end_date < start_date:
        raise InvalidInput(
            _("The end date is before the start date."),
            errors=[{"field": "end_date", "message": _("must be on or after the start date")}],
        )
    campaign, _created = Campaign.objects.update_or_create(
        programme=programme,
        name=name,
        defaults={
            "area": area,
            "start_date": start_date,
            "end_date": end_date,
            "retention_days": retention_days,
        },
    )
    campaign.themes.set(list(themes))
    return campaign


@transaction.atomic
def campaign_worker_add(*, campaign: Campaign, user: Any) -> CampaignWorker:
    worker, _created = CampaignWorker.objects.get_or_create(campaign=campaign, user=user)
    return worker


@transaction.atomic
def outreach_role_set(*, user: Any, programme: Any, role: str) -> OutreachRole:
    obj, _created = OutreachRole.objects.get_or_create(user=user, programme=programme, role=role)
    return obj


@transaction.atomic
def question_create(
    *,
    campaign: Campaign,
    theme: Theme,
    code: str,
    text: str,
    type: QuestionType | str,
    options: list[dict[str, Any]] | None = None,
    positive_values: list[str] | None = None,
    positive_label: str = "",
    order: int = 0,
) -> Question:
    """Add (or change) a question; every change bumps the questionnaire version."""
    options = options or []
    if type in (QuestionType.CHOICE, QuestionType.SCALE) and len(options) < 2:
        raise InvalidInput(
            _("A choice or scale question needs at least two options."),
            errors=[{"field": "options", "message": _("at least two")}],
        )
    question, created = Question.objects.get_or_create(
        campaign=campaign,
        code=code,
        defaults={
            "theme": theme,
            "text": text,
            "type": type,
            "options": options,
            "positive_values": positive_values or [],
            "positive_label": positive_label,
            "order": order,
        },
    )
    changed = created
    for attr, value in {
        "theme": theme,
        "text": text,
        "type": type,
        "options": options,
        "positive_values": positive_values or [],
        "positive_label": positive_label,
        "order": order,
    }.items():
        if getattr(question, attr) != value:
            setattr(question, attr, value)
            changed = True
    if changed:
        question.save()
        Campaign.objects.filter(pk=campaign.pk).update(
            questionnaire_version=F("questionnaire_version") + 1
        )
        campaign.refresh_from_db(fields=["questionnaire_version"])
    return question


@transaction.atomic
def service_level_set(
    *,
    organisation: Any,
    theme: Theme | None = None,
    days_to_accept: int,
    days_to_first_contact: int,
) -> ServiceLevel:
    level, _created = ServiceLevel.objects.update_or_create(
        organisation=organisation,
        theme=theme,
        defaults={"days_to_accept": days_to_accept, "days_to_first_contact": days_to_first_contact},
    )
    return level


# --- households ---------------------------------------------------------------------------

HOUSEHOLD_FIELDS = (
    "display_name",
    "composition",
    "contact_preference",
    "contact",
    "legal_basis",
    "consent_date",
    "consent_purpose",
    "shared_fields",
)


def _check_shared_fields(fields: list[str]) -> None:
    unknown = [f for f in fields if f not in SHAREABLE_FIELDS]
    if unknown:
        raise InvalidInput(
            _("Unknown fields to share: %s") % ", ".join(unknown),
            errors=[
                {"field": "shared_fields", "message": _("one of %s") % ", ".join(SHAREABLE_FIELDS)}
            ],
        )


@transaction.atomic
def household_create(
    *,
    campaign: Campaign,
    address: Address | None,
    by: Any,
    source: str = SYSTEM,
    share_with: Iterable[Any] = (),
    **fields: Any,
) -> Household:
    _require_worker(by=by, campaign=campaign)
    if address is not None and address.campaign_id != campaign.pk:
        raise InvalidInput(
            _("The address is not on this campaign's list."),
            errors=[{"field": "address", "message": _("not in this campaign")}],
        )
    unknown = set(fields) - set(HOUSEHOLD_FIELDS)
    if unknown:
        raise InvalidInput(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    _check_shared_fields(fields.get("shared_fields", []))
    household = Household.objects.create(campaign=campaign, address=address, **fields)
    household.share_with.set(list(share_with))
    _audit(by, AuditAction.CREATE, "household", household.pk, source)
    return household


@transaction.atomic
def household_update(
    *,
    household: Household,
    version: int,
    by: Any,
    source: str = SYSTEM,
    share_with: Iterable[Any] | None = None,
    **fields: Any,
) -> Household:
    """Change a household's fields; `version` must be the one read, else Conflict (409)."""
    _require_worker(by=by, campaign=household.campaign, household=household)
    unknown = set(fields) - set(HOUSEHOLD_FIELDS) - {"coach"}
    if unknown:
        raise InvalidInput(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    if "shared_fields" in fields:
        _check_shared_fields(fields["shared_fields"])
    updated = Household.objects.filter(pk=household.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    if not updated:
        raise Conflict(
            _("Someone else changed this household in the meantime; reload and try again."),
            errors=[{"field": "version", "message": _("stale version")}],
        )
    household.refresh_from_db()
    if share_with is not None:
        household.share_with.set(list(share_with))
    _audit(by, AuditAction.UPDATE, "household", household.pk, source)
    return household


@transaction.atomic
def address_outcomes_refresh(*, campaign: Campaign) -> None:
    """Recompute the attempted/reached/interviewed flags of a campaign's addresses from its
    visits (after bulk loads; visit_record keeps them current)."""
    visits = VisitAttempt.objects.filter(campaign=campaign, address=OuterRef("pk"))
    Address.objects.filter(campaign=campaign).update(
        attempted=Exists(visits),
        reached=Exists(visits.filter(outcome__in=REACHED_OUTCOMES)),
        interviewed=Exists(visits.filter(outcome=VisitOutcome.INTERVIEWED)),
    )


# --- visits and conversations -------------------------------------------------------------


@transaction.atomic
def visit_record(
    *,
    campaign: Campaign,
    address: Address,
    date: dt.date,
    outcome: VisitOutcome | str,
    by: Any,
    household: Household | None = None,
    note: str = "",
    source: str = SYSTEM,
    source_key: str = "",
) -> VisitAttempt:
    _require_worker(by=by, campaign=campaign, household=household)
    if address.campaign_id != campaign.pk:
        raise InvalidInput(
            _("The address is not on this campaign's list."),
            errors=[{"field": "address", "message": _("not in this campaign")}],
        )
    if outcome not in VisitOutcome.values:
        raise InvalidInput(
            _("Unknown outcome."),
            errors=[{"field": "outcome", "message": ", ".join(VisitOutcome.values)}],
        )
    if date > timezone.localdate():
        raise InvalidInput(
            _("A visit cannot be in the future."),
            errors=[{"field": "date", "message": _("in the future")}],
        )
    visit = VisitAttempt.objects.create(
        campaign=campaign,
        address=address,
        household=household,
        date=date,
        outcome=outcome,
        worker=by,
        note=note,
        source_key=source_key,
    )
    flags = {"attempted": True}
    if outcome in REACHED_OUTCOMES:
        flags["reached"] = True
    if outcome == VisitOutcome.INTERVIEWED:
        flags["interviewed"] = True
    Address.objects.filter(pk=address.pk).update(**flags)
    _audit(by, AuditAction.CREATE, "visit", visit.pk, source)
    campaign_measures_refresh(campaign=campaign)
    return visit


def _clean_answer(question: Question, raw: Any) -> str:
    value = str(raw).strip()
    valid = {c["value"] for c in question.choices()}
    if question.type in (QuestionType.YES_NO, QuestionType.CHOICE, QuestionType.SCALE):
        if value not in valid:
            raise InvalidInput(
                _("'%(value)s' is not an answer to '%(q)s'.")
                % {"value": value, "q": question.text},
                errors=[
                    {
                        "field": f"answers.{question.code}",
                        "message": _("one of %s") % ", ".join(sorted(valid)),
                    }
                ],
            )
    elif question.type == QuestionType.NUMBER:
        try:
            float(value)
        except ValueError:
            raise InvalidInput(
                _("'%s' is not a number.") % value,
                errors=[{"field": f"answers.{question.code}", "message": _("a number")}],
            ) from None
    return value[:1000]


@transaction.atomic
def conversation_record(
    *,
    household: Household,
    date: dt.date,
    answers: dict[str, Any],
    by: Any,
    themes: Iterable[Theme] = (),
    note: str = "",
    visit: VisitAttempt | None = None,
    source: str = SYSTEM,
) -> Conversation:
    """Record a conversation with answers keyed by question code; blank answers are skipped."""
    campaign = household.campaign
    _require_worker(by=by, campaign=campaign, household=household)
    questions = {q.code: q for q in campaign.questions.all()}
    unknown = sorted(set(answers) - set(questions))
    if unknown:
        raise InvalidInput(
            _("Unknown questions: %s") % ", ".join(unknown),
            errors=[{"field": f"answers.{c}", "message": _("no such question")} for c in unknown],
        )
    cleaned = {
        code: _clean_answer(questions[code], raw)
        for code, raw in answers.items()
        if raw is not None and str(raw).strip() != ""
    }
    conversation = Conversation.objects.create(
        campaign=campaign, household=household, date=date, worker=by, note=note, visit=visit
    )
    conversation.themes.set(list(themes))
    Answer.objects.bulk_create(
        [
            Answer(conversation=conversation, question=questions[c], value=v)
            for c, v in cleaned.items()
        ]
    )
    _audit(by, AuditAction.CREATE, "conversation", conversation.pk, source)
    return conversation


@transaction.atomic
def commitment_create(
    *,
    household: Household,
    theme: Theme,
    description: str,
    by: Any,
    organisation: Any = None,
    due_date: dt.date | None = None,
    source: str = SYSTEM,
) -> Commitment:
    _require_worker(by=by, campaign=household.campaign, household=household)
    if not description.strip():
        raise InvalidInput(
            _("Say what was agreed."), errors=[{"field": "description", "message": _("required")}]
        )
    commitment = Commitment.objects.create(
        campaign=household.campaign,
        household=household,
        theme=theme,
        organisation=organisation,
        description=description.strip(),
        due_date=due_date,
        created_by=by,
    )
    _audit(by, AuditAction.CREATE, "commitment", commitment.pk, source)
    return commitment


@transaction.atomic
def commitment_status_set(
    *, commitment: Commitment, status: str, by: Any, source: str = SYSTEM
) -> Commitment:
    _require_worker(by=by, campaign=commitment.household.campaign, household=commitment.household)
    if status not in CommitmentStatus.values:
        raise InvalidInput(
            _("Unknown status '%s'.") % status,
            errors=[{"field": "status", "message": ", ".join(CommitmentStatus.values)}],
        )
    commitment.status = status
    commitment.save(update_fields=["status"])
    _audit(by, AuditAction.UPDATE, "commitment", commitment.pk, source)
    return commitment


@transaction.atomic
def coach_assign(
    *, household: Household, coach: Any, version: int, by: Any, source: str = SYSTEM
) -> Household:
    return household_update(household=household, version=version, by=by, source=source, coach=coach)


# --- referrals ----------------------------------------------------------------------------


def _shared_snapshot(household: Household) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in household.shared_fields:
        if name == "address":
            data["address"] = str(household.address) if household.address else ""
        elif name in ("composition", "contact_preference"):
            data[name] = getattr(household, f"get_{name}_display")()
        elif name in SHAREABLE_FIELDS:
            data[name] = getattr(household, name)
    return data


@transaction.atomic
def referral_create(
    *,
    household: Household,
    organisation: Any,
    theme: Theme,
    by: Any,
    reason: str = "",
    send: bool = False,
    source: str = SYSTEM,
) -> Referral:
    """Propose a referral carrying only the consented fields; refused when the household did not
    consent to sharing with this organisation."""
    _require_worker(by=by, campaign=household.campaign, household=household)
    if not household.share_with.filter(pk=organisation.pk).exists():
        raise InvalidInput(
            _("The household did not consent to sharing with %s.") % organisation.name,
            errors=[
                {
                    "field": "organisation",
                    "message": _("no consent to share with this organisation"),
                }
            ],
        )
    referral = Referral.objects.create(
        campaign=household.campaign,
        household=household,
        organisation=organisation,
        theme=theme,
        reason=reason,
        shared_data=_shared_snapshot(household),
        created_by=by,
    )
    ReferralTransition.objects.create(
        referral=referral, from_state="", to_state=ReferralState.PROPOSED, by=by, at=timezone.now()
    )
    _audit(by, AuditAction.CREATE, "referral", referral.pk, source)
    if send:
        referral = referral_transition(
            referral=referral, to=ReferralState.SENT, by=by, source=source
        )
    return referral


def referral_actors(*, user: Any, referral: Referral) -> set[str]:
    """The roles in which the user acts on this referral (worker/coach, partner, back office)."""
    if user is None:
        return {Actor.WORKER, Actor.PARTNER, Actor.BACK_OFFICE}
    actors: set[str] = set()
    if (
        getattr(referral, "is_worker", None)
        or (referral.household is not None and referral.household.coach_id == user.pk)
        or user_is_campaign_worker(user=user, campaign=referral.campaign)
    ):
        actors.add(Actor.WORKER)
    if (
        getattr(referral, "is_partner", None)
        or user.organisation_memberships.filter(organisation_id=referral.organisation_id).exists()
    ):
        actors.add(Actor.PARTNER)
    if getattr(referral, "is_back_office", None) or user_has_outreach_role(
        user=user, role="back_office", programme=referral.campaign.programme
    ):
        actors.add(Actor.BACK_OFFICE)
    return actors


def _service_level(referral: Referral) -> ServiceLevel:
    levels = {
        sl.theme_id: sl
        for sl in ServiceLevel.objects.filter(organisation_id=referral.organisation_id)
    }
    return levels.get(referral.theme_id) or levels.get(None) or ServiceLevel()


@transaction.atomic
def referral_transition(
    *,
    referral: Referral,
    to: ReferralState | str,
    by: Any,
    note: str = "",
    version: int | None = None,
    at: dt.datetime | None = None,
    source: str = SYSTEM,
) -> Referral:
    """Move a referral along the state machine: Conflict (409) for a transition it does not
    allow or a stale version, Forbidden (403) for a role that may not make it."""
    current = referral.state
    if to not in ReferralState.values:
        raise InvalidInput(
            _("Unknown state '%s'.") % to,
            errors=[{"field": "to", "message": ", ".join(ReferralState.values)}],
        )
    allowed = TRANSITIONS[current].get(to)
    if allowed is None:
        raise Conflict(
            _("A referral cannot go from '%(from)s' to '%(to)s'.") % {"from": current, "to": to},
            errors=[
                {
                    "field": "to",
                    "message": _("allowed: %s") % (", ".join(TRANSITIONS[current]) or "-"),
                }
            ],
        )
    if not referral_actors(user=by, referral=referral) & allowed:
        raise Forbidden(_("Your role may not move this referral to '%s'.") % to)
    if to == ReferralState.DECLINED and not note.strip():
        raise InvalidInput(
            _("Give the reason for declining."),
            errors=[{"field": "note", "message": _("required")}],
        )
    if version is not None and version != referral.version:
        raise Conflict(
            _("This referral was changed in the meantime."),
            errors=[{"field": "version", "message": _("stale version")}],
        )
    now = at or timezone.now()
    changes: dict[str, Any] = {"state": to}
    level = _service_level(referral)
    if to == ReferralState.SENT:
        changes["sent_at"] = now
        changes["accept_due"] = (now + dt.timedelta(days=level.days_to_accept)).date()
    elif to == ReferralState.ACCEPTED:
        changes["accepted_at"] = now
        changes["first_contact_due"] = (now + dt.timedelta(days=level.days_to_first_contact)).date()
    elif to == ReferralState.FIRST_CONTACT:
        changes["first_contact_at"] = now
    elif to == ReferralState.COMPLETED:
        changes["completed_at"] = now
    elif to == ReferralState.DECLINED:
        changes["decline_reason"] = note.strip()
    updated = Referral.objects.filter(
        pk=referral.pk, version=referral.version, state=current
    ).update(version=F("version") + 1, **changes)
    if not updated:
        raise Conflict(
            _("This referral was changed in the meantime."),
            errors=[{"field": "version", "message": _("stale version")}],
        )
    ReferralTransition.objects.create(
        referral=referral, from_state=current, to_state=to, note=note.strip(), by=by, at=now
    )
    referral.refresh_from_db()
    _audit(by, AuditAction.UPDATE, "referral", referral.pk, source)
    campaign_measures_refresh(campaign=referral.campaign)
    return referral


# --- escalations --------------------------------------------------------------------------


@transaction.atomic
def escalation_create(
    *,
    campaign: Campaign,
    category: str,
    needed: str,
    by: Any,
    household: Household | None = None,
    raised_on: dt.date | None = None,
    source: str = SYSTEM,
) -> Escalation:
    _require_worker(by=by, campaign=campaign, household=household)
    if not needed.strip():
        raise InvalidInput(
            _("Say what is needed."), errors=[{"field": "needed", "message": _("required")}]
        )
    escalation = Escalation.objects.create(
        campaign=campaign,
        household=household,
        category=category,
        needed=needed.strip(),
        raised_by=by,
        raised_on=raised_on or timezone.localdate(),
    )
    _audit(by, AuditAction.CREATE, "escalation", escalation.pk, source)
    return escalation


@transaction.atomic
def escalation_resolve(
    *,
    escalation: Escalation,
    resolution: str,
    by: Any,
    resolved_on: dt.date | None = None,
    source: str = SYSTEM,
) -> Escalation:
    if by is not None and not user_has_outreach_role(
        user=by, role="back_office", programme=escalation.campaign.programme
    ):
        raise Forbidden(_("Only the back office resolves escalations."))
    if not resolution.strip():
        raise InvalidInput(
            _("Describe the resolution."),
            errors=[{"field": "resolution", "message": _("required")}],
        )
    escalation.resolution = resolution.strip()
    escalation.resolved_on = resolved_on or timezone.localdate()
    escalation.save(update_fields=["resolution", "resolved_on"])
    _audit(by, AuditAction.UPDATE, "escalation", escalation.pk, source)
    return escalation


# --- kans measures bound to campaign aggregates -------------------------------------------


@transaction.atomic
def measure_bind(*, measure: Any, campaign: Campaign, aggregate: str) -> MeasureBinding:
    if aggregate not in BoundAggregate.values:
        raise InvalidInput(
            _("Unknown aggregate '%s'.") % aggregate,
            errors=[{"field": "aggregate", "message": ", ".join(BoundAggregate.values)}],
        )
    binding, _created = MeasureBinding.objects.update_or_create(
        measure=measure, defaults={"campaign": campaign, "aggregate": aggregate}
    )
    campaign_measures_refresh(campaign=campaign)
    return binding


def campaign_measures_refresh(*, campaign: Campaign, on: dt.date | None = None) -> int:
    """Record a new value on every bound measure whose aggregate changed. Counts below the
    small-number threshold are not published to the kans (it keeps its previous value)."""
    from wijkaanpak.opportunities.services import measure_value_record
    from wijkaanpak.outreach.aggregates import published_counts

    bindings = list(MeasureBinding.objects.filter(campaign=campaign).select_related("measure"))
    if not bindings:
        return 0
    counts = published_counts(campaign=campaign, steps={b.aggregate for b in bindings})
    recorded = 0
    for binding in bindings:
        value = counts[binding.aggregate]
        latest = binding.measure.values.order_by("-date", "-id").first()
        if value is None or (latest is not None and latest.value == value):
            continue
        try:
            measure_value_record(
                measure=binding.measure,
                date=on or timezone.localdate(),
                value=value,
                note=_("from campaign %(c)s: %(a)s") % {"c": campaign.name, "a": binding.aggregate},
            )
            recorded += 1
        except InvalidInput:
            continue
    return recorded
