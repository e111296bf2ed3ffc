"""Rights of the household (access export, erasure) and the retention term.

Anonymising keeps every figure the aggregates need (visit outcomes, answers to closed questions,
referral states and milestone dates, agreement counts) and removes what identifies a person:
names, contact details, the link to the address, free text and shared data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, is_system
from wijkaanpak.core.exceptions import Forbidden
from wijkaanpak.outreach.audit import audit_record
from wijkaanpak.outreach.models import (
    Answer,
    AuditAction,
    Campaign,
    Commitment,
    Composition,
    Conversation,
    Escalation,
    Household,
    LegalBasis,
    OutreachRoleKind,
    Question,
    QuestionType,
    Referral,
    ReferralTransition,
    VisitAttempt,
)
from wijkaanpak.outreach.selectors import user_has_outreach_role


def _require_privacy_officer(*, by: Actor, household: Household) -> None:
    if not is_system(by) and not user_has_outreach_role(
        user=by, role=OutreachRoleKind.PRIVACY_OFFICER, programme=household.campaign.programme
    ):
        raise Forbidden(_("Only the privacy officer handles requests of data subjects."))


def household_export(*, household: Household, by: Actor, source: str = "system") -> dict[str, Any]:
    """Everything the system holds about one household (right of access), as plain JSON data."""
    _require_privacy_officer(by=by, household=household)
    data = {
        "household": {
            "id": household.pk,
            "campaign": household.campaign.name,
            "address": str(household.address) if household.address else None,
            "display_name": household.display_name,
            "composition": household.composition,
            "contact_preference": household.contact_preference,
            "contact": household.contact,
            "legal_basis": household.legal_basis,
            "consent_date": household.consent_date.isoformat() if household.consent_date else None,
            "consent_purpose": household.consent_purpose,
            "shared_fields": household.shared_fields,
            "share_with": [o.name for o in household.share_with.all()],
            "coach": household.coach.username if household.coach else None,
            "anonymised_at": household.anonymised_at.isoformat()
            if household.anonymised_at
            else None,
        },
        "visits": [
            {"date": v.date.isoformat(), "outcome": v.outcome, "note": v.note}
            for v in household.visits.order_by("date", "id")
        ],
        "conversations": [
            {
                "date": c.date.isoformat(),
                "themes": [t.name for t in c.themes.all()],
                "note": c.note,
                "answers": {a.question.text: a.value for a in c.answers.select_related("question")},
            }
            for c in household.conversations.order_by("date", "id")
        ],
        "agreements": [
            {
                "theme": c.theme.name,
                "description": c.description,
                "organisation": c.organisation.name if c.organisation else None,
                "due_date": c.due_date.isoformat() if c.due_date else None,
                "status": c.status,
            }
            for c in household.commitments.select_related("theme", "organisation")
        ],
        "referrals": [
            {
                "organisation": r.organisation.name,
                "theme": r.theme.name,
                "state": r.state,
                "shared_data": r.shared_data,
                "history": [
                    {"from": t.from_state, "to": t.to_state, "at": t.at.isoformat(), "note": t.note}
                    for t in r.transitions.all()
                ],
            }
            for r in household.referrals.select_related("organisation", "theme")
        ],
        "escalations": [
            {"category": e.category, "needed": e.needed, "resolution": e.resolution}
            for e in household.escalations.all()
        ],
    }
    audit_record(
        user=by,
        action=AuditAction.EXPORT,
        record_type="household",
        record_ids=[household.pk],
        source=source,
    )
    return data


def _anonymise(household_ids: list[int]) -> int:
    """Strip identifying data of these households and their records; keep what aggregates need."""
    if not household_ids:
        return 0
    now = timezone.now()
    n = Household.objects.filter(pk__in=household_ids).update(
        display_name="",
        address=None,
        contact="",
        consent_purpose="",
        composition=Composition.UNKNOWN,
        legal_basis=LegalBasis.NONE,
        consent_date=None,
        shared_fields=[],
        coach=None,
        anonymised_at=now,
        version=F("version") + 1,
    )
    for through in (Household.share_with.through,):
        through.objects.filter(household_id__in=household_ids).delete()
    VisitAttempt.objects.filter(household_id__in=household_ids).update(note="", household=None)
    conversations = Conversation.objects.filter(household_id__in=household_ids)
    conversations.update(note="")
    # Subqueries on plain columns, no joins: a DELETE with joins becomes "id IN (join)", which
    # PostgreSQL may plan as nested sequential scans (minutes on a demo-sized table).
    Answer.objects.filter(
        conversation_id__in=conversations.values("pk"),
        question_id__in=Question.objects.filter(type=QuestionType.TEXT).values("pk"),
    ).delete()
    Commitment.objects.filter(household_id__in=household_ids).update(description="")
    referrals = Referral.objects.filter(household_id__in=household_ids)
    ReferralTransition.objects.filter(referral__in=referrals).update(note="")
    referrals.update(shared_data={}, reason="", decline_reason="", version=F("version") + 1)
    Escalation.objects.filter(household_id__in=household_ids).update(
        needed="", resolution="", household=None
    )
    return n


@transaction.atomic
def household_erase(*, household: Household, by: Actor, source: str = "system") -> None:
    """Erasure on request (art. 17 GDPR): anonymise now, keeping only anonymous figures."""
    _require_privacy_officer(by=by, household=household)
    _anonymise([household.pk])
    audit_record(
        user=by,
        action=AuditAction.ERASE,
        record_type="household",
        record_ids=[household.pk],
        source=source,
    )


@dataclass
class RetentionResult:
    campaigns: int
    households: int


@transaction.atomic
def retention_apply(*, today: dt.date | None = None) -> RetentionResult:
    """Anonymise the households (and their conversations, referrals …) of every campaign whose
    end date plus retention term has passed. Touches nothing else."""
    today = today or timezone.localdate()
    expired = [
        c.pk
        for c in Campaign.objects.only("pk", "end_date", "retention_days")
        if c.end_date + dt.timedelta(days=c.retention_days) < today
    ]
    ids = list(
        Household.objects.filter(campaign_id__in=expired, anonymised_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    n = _anonymise(ids)
    audit_record(
        user=None,
        action=AuditAction.ERASE,
        record_type="household",
        record_ids=ids,
        source="apply_retention",
    )
    return RetentionResult(campaigns=len(expired), households=n)
