"""Households and their visits, conversations and agreements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user
from wijkaanpak.core.exceptions import Conflict, InvalidInput
from wijkaanpak.outreach.models import (
    HOUSEHOLD_FIELDS,
    REACHED_OUTCOMES,
    SHAREABLE_FIELDS,
    Address,
    Answer,
    AuditAction,
    Campaign,
    Commitment,
    CommitmentStatus,
    Conversation,
    Household,
    Question,
    QuestionType,
    Theme,
    VisitAttempt,
    VisitOutcome,
)
from wijkaanpak.outreach.selectors import user_may_coach
from wijkaanpak.outreach.services.base import (
    SYSTEM,
    _audit,
    _refuse_erased,
    _refuse_expired,
    _require_worker,
)
from wijkaanpak.outreach.services.measures import campaign_measures_refresh
from wijkaanpak.outreach.services.validation import fields_check

# --- households ---------------------------------------------------------------------------


def coach_refused() -> InvalidInput:
    """The one answer for a coach who may not be one, whether the username exists or not."""
    return InvalidInput(
        _("No coach with this username in this campaign."),
        errors=[{"field": "coach", "message": _("not a coach of this campaign")}],
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
    by: Actor,
    source: str = SYSTEM,
    share_with: Iterable[Any] = (),
    **fields: Any,
) -> Household:
    _require_worker(by=by, campaign=campaign)
    _refuse_expired(campaign)
    if address is not None and address.campaign_id != campaign.pk:
        raise InvalidInput(
            _("The address is not on this campaign's list."),
            errors=[{"field": "address", "message": _("not in this campaign")}],
        )
    unknown = set(fields) - set(HOUSEHOLD_FIELDS)
    if unknown:
        raise InvalidInput(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    fields_check(Household, fields)
    _check_shared_fields(fields.get("shared_fields", []))
    household = Household.objects.create(campaign=campaign, address=address, **fields)
    household.share_with.set(list(share_with))
    _audit(
        by,
        AuditAction.CREATE,
        "household",
        household.pk,
        source,
        programme=household.campaign.programme_id,
    )
    return household


@transaction.atomic
def household_update(
    *,
    household: Household,
    version: int,
    by: Actor,
    source: str = SYSTEM,
    share_with: Iterable[Any] | None = None,
    **fields: Any,
) -> Household:
    """Change a household's fields; `version` must be the one read, else Conflict (409)."""
    _require_worker(by=by, campaign=household.campaign, household=household)
    _refuse_expired(household.campaign)
    _refuse_erased(household)
    unknown = set(fields) - set(HOUSEHOLD_FIELDS) - {"coach"}
    if unknown:
        raise InvalidInput(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    fields_check(Household, {k: v for k, v in fields.items() if k != "coach"})
    if "shared_fields" in fields:
        _check_shared_fields(fields["shared_fields"])
    coach = fields.get("coach")
    if coach is not None and not user_may_coach(user=coach, campaign=household.campaign):
        raise coach_refused()
    updated = Household.objects.filter(pk=household.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    if not updated:
        raise Conflict(
            _("Someone else changed this household in the meantime; reload and try again."),
            errors=[{"field": "version", "message": _("stale version")}],
        )
    programme_id = household.campaign.programme_id
    household.refresh_from_db()
    if share_with is not None:
        household.share_with.set(list(share_with))
    _audit(by, AuditAction.UPDATE, "household", household.pk, source, programme=programme_id)
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
    by: Actor,
    household: Household | None = None,
    note: str = "",
    source: str = SYSTEM,
    source_key: str = "",
) -> VisitAttempt:
    _require_worker(by=by, campaign=campaign, household=household)
    _refuse_expired(campaign)
    _refuse_erased(household)
    fields_check(VisitAttempt, {"note": note})
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
        worker=acting_user(by),
        note=note,
        source_key=source_key,
    )
    flags = {"attempted": True}
    if outcome in REACHED_OUTCOMES:
        flags["reached"] = True
    if outcome == VisitOutcome.INTERVIEWED:
        flags["interviewed"] = True
    Address.objects.filter(pk=address.pk).update(**flags)
    _audit(by, AuditAction.CREATE, "visit", visit.pk, source, programme=visit.campaign.programme_id)
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
    by: Actor,
    themes: Iterable[Theme] = (),
    note: str = "",
    visit: VisitAttempt | None = None,
    source: str = SYSTEM,
) -> Conversation:
    """Record a conversation with answers keyed by question code; blank answers are skipped."""
    campaign = household.campaign
    _require_worker(by=by, campaign=campaign, household=household)
    _refuse_expired(campaign)
    _refuse_erased(household)
    fields_check(Conversation, {"note": note})
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
        campaign=campaign,
        household=household,
        date=date,
        worker=acting_user(by),
        note=note,
        visit=visit,
    )
    conversation.themes.set(list(themes))
    Answer.objects.bulk_create(
        [
            Answer(conversation=conversation, question=questions[c], value=v)
            for c, v in cleaned.items()
        ]
    )
    _audit(
        by,
        AuditAction.CREATE,
        "conversation",
        conversation.pk,
        source,
        programme=conversation.campaign.programme_id,
    )
    return conversation


@transaction.atomic
def commitment_create(
    *,
    household: Household,
    theme: Theme,
    description: str,
    by: Actor,
    organisation: Any = None,
    due_date: dt.date | None = None,
    source: str = SYSTEM,
) -> Commitment:
    _require_worker(by=by, campaign=household.campaign, household=household)
    _refuse_expired(household.campaign)
    _refuse_erased(household)
    fields_check(Commitment, {"description": description})
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
        created_by=acting_user(by),
    )
    _audit(
        by,
        AuditAction.CREATE,
        "commitment",
        commitment.pk,
        source,
        programme=commitment.campaign.programme_id,
    )
    return commitment


@transaction.atomic
def commitment_status_set(
    *,
    commitment: Commitment,
    status: str,
    by: Actor,
    version: int | None = None,
    source: str = SYSTEM,
) -> Commitment:
    """Set an agreement's status. `version` is the one read (the API requires it): a stale one
    is a Conflict (409), so a retried or crossing request cannot apply twice."""
    _require_worker(by=by, campaign=commitment.household.campaign, household=commitment.household)
    _refuse_expired(commitment.household.campaign)
    _refuse_erased(commitment.household)
    if status not in CommitmentStatus.values:
        raise InvalidInput(
            _("Unknown status '%s'.") % status,
            errors=[{"field": "status", "message": ", ".join(CommitmentStatus.values)}],
        )
    updated = Commitment.objects.filter(
        pk=commitment.pk, version=commitment.version if version is None else version
    ).update(status=status, version=F("version") + 1)
    if not updated:
        raise Conflict(
            _("This agreement was changed in the meantime; reload and try again."),
            errors=[{"field": "version", "message": _("stale version")}],
        )
    programme_id = commitment.household.campaign.programme_id
    commitment.refresh_from_db()
    _audit(by, AuditAction.UPDATE, "commitment", commitment.pk, source, programme=programme_id)
    return commitment


@transaction.atomic
def coach_assign(
    *, household: Household, coach: Any, version: int, by: Actor, source: str = SYSTEM
) -> Household:
    return household_update(household=household, version=version, by=by, source=source, coach=coach)
