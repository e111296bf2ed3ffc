"""Rights of the household (access export, erasure) and the retention term.

Anonymising keeps every figure the aggregates need (visit outcomes, answers to closed questions,
referral states and milestone dates, agreement counts) and removes what identifies a person:
names, contact details, free text, shared data, and every link that ties the remaining records
to an address (conversation → visit, household → address, visit → household), a worker or a day.
An anonymised household accepts no writes (services.base._refuse_erased). The guarantees are
listed in docs/security.md, "Retention and erasure".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, is_system
from wijkaanpak.core.exceptions import Forbidden
from wijkaanpak.outreach.audit import audit_record, audit_records
from wijkaanpak.outreach.models import (
    OPEN_STATES,
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
    ReferralState,
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
    visits = list(household.visits.order_by("date", "id"))
    conversations = list(household.conversations.order_by("date", "id"))
    commitments = list(household.commitments.select_related("theme", "organisation"))
    referrals = list(household.referrals.select_related("organisation", "theme"))
    escalations = list(household.escalations.all())
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
            {"date": v.date.isoformat(), "outcome": v.outcome, "note": v.note} for v in visits
        ],
        "conversations": [
            {
                "date": c.date.isoformat(),
                "themes": [t.name for t in c.themes.all()],
                "note": c.note,
                "answers": {a.question.text: a.value for a in c.answers.select_related("question")},
            }
            for c in conversations
        ],
        "agreements": [
            {
                "theme": c.theme.name,
                "description": c.description,
                "organisation": c.organisation.name if c.organisation else None,
                "due_date": c.due_date.isoformat() if c.due_date else None,
                "status": c.status,
            }
            for c in commitments
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
            for r in referrals
        ],
        "escalations": [
            {"category": e.category, "needed": e.needed, "resolution": e.resolution}
            for e in escalations
        ],
    }
    # One entry per object handed over, in one INSERT.
    audit_records(
        user=by,
        action=AuditAction.EXPORT,
        records=[
            ("household", household.pk),
            *(("visit", v.pk) for v in visits),
            *(("conversation", c.pk) for c in conversations),
            *(("commitment", c.pk) for c in commitments),
            *(("referral", r.pk) for r in referrals),
            *(("escalation", e.pk) for e in escalations),
        ],
        source=source,
        programme=household.campaign.programme_id,
    )
    return data


def _scrub(
    *,
    households: QuerySet[Household],
    visits: QuerySet[VisitAttempt],
    conversations: QuerySet[Conversation],
    commitments: QuerySet[Commitment],
    referrals: QuerySet[Referral],
    escalations: QuerySet[Escalation],
) -> list[int]:
    """Strip identifying data from these records; keep what the aggregates need. Only rows that
    still hold something are written, so running it again changes nothing. Returns the ids of
    the households it anonymised (or cleaned again)."""
    now = timezone.now()
    Household.share_with.through.objects.filter(household_id__in=households.values("pk")).delete()
    dirty = households.filter(
        Q(anonymised_at__isnull=True)
        | ~Q(display_name="")
        | ~Q(contact="")
        | ~Q(consent_purpose="")
        | Q(address__isnull=False)
        | Q(coach__isnull=False)
        | Q(consent_date__isnull=False)
        | ~Q(composition=Composition.UNKNOWN)
        | ~Q(legal_basis=LegalBasis.NONE)
        | ~Q(shared_fields=[])
    )
    ids = list(dirty.values_list("pk", flat=True))
    if ids:
        dirty.update(
            display_name="",
            address=None,
            contact="",
            consent_purpose="",
            composition=Composition.UNKNOWN,
            legal_basis=LegalBasis.NONE,
            consent_date=None,
            shared_fields=[],
            coach=None,
            anonymised_at=Coalesce("anonymised_at", Value(now)),
            updated_at=now,
            version=F("version") + 1,
        )
    visits.filter(~Q(note="") | Q(household__isnull=False) | ~Q(source_key="")).update(
        note="", household=None, source_key=""
    )
    # A conversation keeps its answers to closed questions (the aggregates) and loses what
    # ties it to a visit, an address, a day or a worker: no link to the visit (whose address
    # stays on the campaign's list), its date coarsened to the month, no worker.
    conversations.filter(
        ~Q(note="") | Q(visit__isnull=False) | Q(worker__isnull=False) | ~Q(date__day=1)
    ).update(note="", visit=None, worker=None, date=TruncMonth("date"), created_at=now)
    # Open answers (text, numbers) are emptied but kept, so "answered" counts stay the same.
    # Subqueries on plain columns, no joins: a DELETE or UPDATE with joins becomes
    # "id IN (join)", which PostgreSQL may plan as nested sequential scans.
    Answer.objects.filter(
        conversation_id__in=conversations.values("pk"),
        question_id__in=Question.objects.filter(
            type__in=(QuestionType.TEXT, QuestionType.NUMBER)
        ).values("pk"),
    ).exclude(value="").update(value="")
    commitments.exclude(description="").update(description="")
    ReferralTransition.objects.filter(referral_id__in=referrals.values("pk")).exclude(
        note=""
    ).update(note="")
    referrals.filter(~Q(shared_data={}) | ~Q(reason="") | ~Q(decline_reason="")).update(
        shared_data={}, reason="", decline_reason="", version=F("version") + 1
    )
    # Open referrals are withdrawn (with their transition in the history): nobody may act on
    # them any more, and a partner's inbox must not keep them as overdue for ever. Milestone
    # dates stay, so the aggregates do not change.
    still_open = list(referrals.filter(state__in=OPEN_STATES).values_list("pk", "state"))
    if still_open:
        ReferralTransition.objects.bulk_create(
            ReferralTransition(
                referral_id=pk, from_state=state, to_state=ReferralState.WITHDRAWN, at=now
            )
            for pk, state in still_open
        )
        Referral.objects.filter(pk__in=[pk for pk, _state in still_open]).update(
            state=ReferralState.WITHDRAWN, version=F("version") + 1
        )
    escalations.filter(~Q(needed="") | ~Q(resolution="") | Q(household__isnull=False)).update(
        needed="", resolution="", household=None
    )
    return ids


def _identifiers(household: Household) -> list[str]:
    """The strings that name this household in free text written elsewhere."""
    return [s for s in {household.display_name.strip(), household.contact.strip()} if len(s) >= 4]


def _scrub_mentions(*, campaign_id: int, identifiers: list[str]) -> None:
    """Empty every free-text field of the campaign that names the household (its name or
    contact details as written on it): visit notes and escalations without a household,
    open answers and notes of other conversations."""
    if not identifiers:
        return
    for word in identifiers:
        VisitAttempt.objects.filter(campaign_id=campaign_id, note__icontains=word).update(note="")
        Conversation.objects.filter(campaign_id=campaign_id, note__icontains=word).update(note="")
        Answer.objects.filter(
            conversation_id__in=Conversation.objects.filter(campaign_id=campaign_id).values("pk"),
            value__icontains=word,
        ).update(value="")
        Commitment.objects.filter(campaign_id=campaign_id, description__icontains=word).update(
            description=""
        )
        referrals = Referral.objects.filter(campaign_id=campaign_id)
        referrals.filter(reason__icontains=word).update(reason="")
        referrals.filter(decline_reason__icontains=word).update(decline_reason="")
        ReferralTransition.objects.filter(
            referral_id__in=referrals.values("pk"), note__icontains=word
        ).update(note="")
        escalations = Escalation.objects.filter(campaign_id=campaign_id)
        escalations.filter(needed__icontains=word).update(needed="")
        escalations.filter(resolution__icontains=word).update(resolution="")


@transaction.atomic
def household_erase(*, household: Household, by: Actor, source: str = "system") -> None:
    """Erasure on request (art. 17 GDPR): anonymise now, keeping only anonymous figures.

    Also empties the notes of every visit to the household's address and every free-text
    field of the campaign that names the household (see docs/security.md, "Retention")."""
    _require_privacy_officer(by=by, household=household)
    # Locked first: a write about this household running now finishes before (and is erased
    # with it) or is refused after (services.base._refuse_erased).
    current = Household.objects.select_for_update().get(pk=household.pk)
    pk, campaign_id = current.pk, current.campaign_id
    visits = VisitAttempt.objects.filter(household_id=pk)
    if current.address_id is not None:
        # Also the visits to its address before it was known (not at home, refused): their
        # notes are about the same residents. Visits of a later household there are not.
        visits = VisitAttempt.objects.filter(
            Q(household_id=pk)
            | Q(campaign_id=campaign_id, address_id=current.address_id, household__isnull=True)
        )
    _scrub_mentions(campaign_id=campaign_id, identifiers=_identifiers(current))
    _scrub(
        households=Household.objects.filter(pk=pk),
        visits=visits,
        conversations=Conversation.objects.filter(household_id=pk),
        commitments=Commitment.objects.filter(household_id=pk),
        referrals=Referral.objects.filter(household_id=pk),
        escalations=Escalation.objects.filter(household_id=pk),
    )
    audit_record(
        user=by,
        action=AuditAction.ERASE,
        record_type="household",
        record_ids=[pk],
        source=source,
        programme=household.campaign.programme_id,
    )
    household.refresh_from_db()


@dataclass
class RetentionResult:
    campaigns: int
    households: int


@transaction.atomic
def retention_apply(*, today: dt.date | None = None) -> RetentionResult:
    """Anonymise everything personal of every campaign whose end date plus retention term has
    passed: its households and their records, and the campaign's other free text (visit notes
    and escalations without a household). Touches nothing else; every run looks at the whole
    campaign again, so nothing written after an earlier run survives the next."""
    today = today or timezone.localdate()
    expired = [
        c.pk
        for c in Campaign.objects.only("pk", "end_date", "retention_days")
        if c.end_date + dt.timedelta(days=c.retention_days) < today
    ]
    if not expired:
        return RetentionResult(campaigns=0, households=0)
    ids = _scrub(
        households=Household.objects.filter(campaign_id__in=expired),
        visits=VisitAttempt.objects.filter(campaign_id__in=expired),
        conversations=Conversation.objects.filter(campaign_id__in=expired),
        commitments=Commitment.objects.filter(campaign_id__in=expired),
        referrals=Referral.objects.filter(campaign_id__in=expired),
        escalations=Escalation.objects.filter(campaign_id__in=expired),
    )
    # Each entry in the programme of its household's campaign (one query for all of them).
    programme_of = dict(
        Household.objects.filter(campaign_id__in=expired).values_list(
            "pk", "campaign__programme_id"
        )
    )
    audit_record(
        user=None,
        action=AuditAction.ERASE,
        record_type="household",
        record_ids=ids,
        source="apply_retention",
        programme=[programme_of[pk] for pk in ids],
    )
    return RetentionResult(campaigns=len(expired), households=len(ids))
