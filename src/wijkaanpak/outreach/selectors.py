"""Reads of outreach data with authorisation: every list filters what the user may see in ONE
query (Exists subqueries on the role tables), and every read of personal data is audited.

Roles (see docs/adr/0004-outreach-roles.md):
- outreach worker: CampaignWorker → the households, visits, conversations and referrals of the campaign;
- coach: Household.coach → that household and its records;
- partner user: OrganisationMembership → referrals addressed to the organisation, shared fields only;
- back office: OutreachRole(back_office) in the programme → escalations, referral states (no personal data);
- programme member (coordinator, editor, viewer): aggregates only;
- privacy officer: OutreachRole(privacy_officer) → the audit log, access export and erasure.
Everyone else gets 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.models import OrganisationMembership, ProgrammeMembership
from wijkaanpak.core.api_utils import MAX_OFFSET
from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.outreach.audit import audit_record
from wijkaanpak.outreach.models import (
    AuditAction,
    AuditLogEntry,
    Campaign,
    CampaignWorker,
    Commitment,
    Conversation,
    Escalation,
    Household,
    OutreachRole,
    OutreachRoleKind,
    Referral,
    ReferralState,
    VisitAttempt,
)

MAX_LIMIT = 500


def _uid(user: Any) -> int:
    """The user's id, or 0 (no such user) for anonymous callers: their filters match nothing."""
    return int(user.pk) if user is not None and user.is_authenticated else 0


def _worker(user: Any, campaign_ref: str = "campaign") -> Exists:
    return Exists(
        CampaignWorker.objects.filter(campaign=OuterRef(campaign_ref), user_id=_uid(user))
    )


def _member(user: Any, programme_ref: str) -> Exists:
    return Exists(
        ProgrammeMembership.objects.filter(programme=OuterRef(programme_ref), user_id=_uid(user))
    )


@dataclass(frozen=True)
class Scope:
    """The ids the caller's roles reach, loaded in ONE query (a UNION ALL over the role tables).

    List selectors filter with these as literal id lists, so PostgreSQL plans each branch with
    the table statistics and an index (an organisation's 2,500 referrals out of 100,000 are
    read through the organisation index, not by scanning the table).
    """

    organisations: frozenset[int] = frozenset()
    worker_campaigns: frozenset[int] = frozenset()
    back_office_campaigns: frozenset[int] = frozenset()
    coached_households: frozenset[int] = frozenset()


def user_scope(*, user: Any) -> Scope:
    uid = _uid(user)
    if not uid:
        return Scope()
    back_office = OutreachRole.objects.filter(user_id=uid, role=OutreachRoleKind.BACK_OFFICE)
    parts = [
        OrganisationMembership.objects.filter(user_id=uid)
        .annotate(k=Value("o"))
        .values_list("k", "organisation_id"),
        CampaignWorker.objects.filter(user_id=uid)
        .annotate(k=Value("w"))
        .values_list("k", "campaign_id"),
        Campaign.objects.filter(programme_id__in=back_office.values("programme_id"))
        .annotate(k=Value("b"))
        .values_list("k", "id"),
        Household.objects.filter(coach_id=uid).annotate(k=Value("c")).values_list("k", "id"),
    ]
    ids: dict[str, set[int]] = {"o": set(), "w": set(), "b": set(), "c": set()}
    parts = [part.order_by() for part in parts]
    for kind, pk in parts[0].union(*parts[1:], all=True):
        ids[kind].add(pk)
    return Scope(
        organisations=frozenset(ids["o"]),
        worker_campaigns=frozenset(ids["w"]),
        back_office_campaigns=frozenset(ids["b"]),
        coached_households=frozenset(ids["c"]),
    )


def _in(field: str, ids: frozenset[int]) -> Q:
    """`field IN (…)`, or a condition that is never true for an empty set."""
    return Q(**{f"{field}__in": sorted(ids)}) if ids else Q(pk__in=[])


def _flag(q: Q, ids_present: bool) -> Any:
    return ExpressionWrapper(q, output_field=BooleanField()) if ids_present else Value(False)


@dataclass
class Page:
    count: int
    items: list[Any]


def page_audited(
    qs: QuerySet[Any],
    *,
    user: Any,
    source: str,
    record_type: str,
    limit: int = 50,
    offset: int = 0,
    personal: Any = None,
) -> Page:
    """One COUNT, one SELECT, one INSERT into the audit log for the records on the page.

    `personal(item)` says whether an item carries personal data for this user (default: all do).
    """
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, min(offset, MAX_OFFSET))  # huge offsets overflowed SQLite (API fuzzing)
    items = list(qs[offset : offset + limit])
    count = len(items) if offset == 0 and len(items) < limit else qs.count()
    ids = [item.pk for item in items if personal is None or personal(item)]
    audit_record(
        user=user, action=AuditAction.READ, record_type=record_type, record_ids=ids, source=source
    )
    return Page(count=count, items=items)


def _audit_one(*, user: Any, obj: Any, source: str, record_type: str) -> None:
    audit_record(
        user=user,
        action=AuditAction.READ,
        record_type=record_type,
        record_ids=[obj.pk],
        source=source,
    )


# --- campaigns ---------------------------------------------------------------------------


def campaign_visible(*, user: Any) -> QuerySet[Campaign]:
    if user.is_superuser:
        return Campaign.objects.all()
    return Campaign.objects.filter(
        _worker(user, "pk")
        | _member(user, "programme")
        | Exists(OutreachRole.objects.filter(programme=OuterRef("programme"), user_id=_uid(user)))
        | Exists(Household.objects.filter(campaign=OuterRef("pk"), coach_id=_uid(user)))
    )


def campaign_list(*, user: Any) -> QuerySet[Campaign]:
    return (
        campaign_visible(user=user)
        .select_related("programme", "area")
        .order_by("-start_date", "id")
    )


def campaign_get(*, user: Any, pk: int) -> Campaign:
    campaign = (
        campaign_visible(user=user)
        .select_related("programme", "area")
        .annotate(is_worker=_worker(user, "pk"))
        .filter(pk=pk)
        .first()
    )
    if campaign is None:
        raise NotFound(_("No campaign with id %s") % pk)
    return campaign


def user_is_campaign_worker(*, user: Any, campaign: Campaign) -> bool:
    return CampaignWorker.objects.filter(campaign=campaign, user_id=_uid(user)).exists()


def user_has_outreach_role(
    *, user: Any, role: OutreachRoleKind | str, programme: Any = None
) -> bool:
    if not user.is_authenticated:
        return False
    qs = OutreachRole.objects.filter(user=user, role=role)
    if programme is not None:
        qs = qs.filter(programme=programme)
    return qs.exists()


# --- households and their records --------------------------------------------------------


def household_visible(*, user: Any) -> QuerySet[Household]:
    scope = user_scope(user=user)
    return Household.objects.filter(
        _in("campaign_id", scope.worker_campaigns) | _in("id", scope.coached_households)
    )


def household_list(
    *, user: Any, campaign: int | None = None, coached: bool = False
) -> QuerySet[Household]:
    qs = household_visible(user=user).select_related("address", "coach").order_by("id")
    if campaign is not None:
        qs = qs.filter(campaign_id=campaign)
    if coached:
        qs = qs.filter(coach_id=_uid(user))
    return qs


def household_get(*, user: Any, pk: int, source: str, audit: bool = True) -> Household:
    household = (
        household_visible(user=user)
        .select_related("address", "coach", "campaign")
        .filter(pk=pk)
        .first()
    )
    if household is None:
        raise NotFound(_("No household with id %s") % pk)
    if audit:
        _audit_one(user=user, obj=household, source=source, record_type="household")
    return household


def household_get_for_privacy_officer(*, user: Any, pk: int) -> Household:
    household = (
        Household.objects.select_related("campaign")
        .filter(pk=pk)
        .filter(
            Exists(
                OutreachRole.objects.filter(
                    programme=OuterRef("campaign__programme"),
                    user_id=_uid(user),
                    role=OutreachRoleKind.PRIVACY_OFFICER,
                )
            )
        )
        .first()
    )
    if household is None:
        raise NotFound(_("No household with id %s") % pk)
    return household


def visit_list(
    *, user: Any, campaign: int | None = None, household: int | None = None
) -> QuerySet[VisitAttempt]:
    scope = user_scope(user=user)
    qs = VisitAttempt.objects.filter(
        _in("campaign_id", scope.worker_campaigns) | _in("household_id", scope.coached_households)
    )
    if campaign is not None:
        qs = qs.filter(campaign_id=campaign)
    if household is not None:
        qs = qs.filter(household_id=household)
    return qs.select_related("address", "worker").order_by("-date", "-id")


def conversation_list(
    *, user: Any, campaign: int | None = None, household: int | None = None
) -> QuerySet[Conversation]:
    scope = user_scope(user=user)
    qs = Conversation.objects.filter(
        _in("campaign_id", scope.worker_campaigns) | _in("household_id", scope.coached_households)
    )
    if campaign is not None:
        qs = qs.filter(campaign_id=campaign)
    if household is not None:
        qs = qs.filter(household_id=household)
    return (
        qs.select_related("worker")
        .prefetch_related("answers__question", "themes")
        .order_by("-date", "-id")
    )


def commitment_list(*, user: Any, household: int | None = None) -> QuerySet[Commitment]:
    scope = user_scope(user=user)
    qs = Commitment.objects.filter(
        _in("campaign_id", scope.worker_campaigns) | _in("household_id", scope.coached_households)
    )
    if household is not None:
        qs = qs.filter(household_id=household)
    return qs.select_related("theme", "organisation").order_by("-id")


# --- referrals ---------------------------------------------------------------------------


def referral_visible(*, user: Any) -> QuerySet[Referral]:
    """Annotated with the caller's relation: is_partner, is_worker, is_back_office."""
    scope = user_scope(user=user)
    partner = _in("organisation_id", scope.organisations)
    worker = _in("campaign_id", scope.worker_campaigns) | _in(
        "household_id", scope.coached_households
    )
    back_office = _in("campaign_id", scope.back_office_campaigns)
    return Referral.objects.filter(partner | worker | back_office).annotate(
        is_partner=_flag(partner, bool(scope.organisations)),
        is_worker=_flag(worker, bool(scope.worker_campaigns or scope.coached_households)),
        is_back_office=_flag(back_office, bool(scope.back_office_campaigns)),
    )


def referral_list(
    *,
    user: Any,
    state: str | None = None,
    theme: int | None = None,
    organisation: int | None = None,
    campaign: int | None = None,
    overdue: bool | None = None,
) -> QuerySet[Referral]:
    qs = referral_visible(user=user).select_related("organisation", "theme")
    if state:
        qs = qs.filter(state=state)
    if theme is not None:
        qs = qs.filter(theme_id=theme)
    if organisation is not None:
        qs = qs.filter(organisation_id=organisation)
    if campaign is not None:
        qs = qs.filter(campaign_id=campaign)
    if overdue is not None:
        qs = qs.filter(overdue_q()) if overdue else qs.exclude(overdue_q())
    return qs.order_by("-created_at", "-id")


def overdue_q() -> Q:
    today = timezone.localdate()
    return Q(state=ReferralState.SENT, accept_due__lt=today) | Q(
        state=ReferralState.ACCEPTED, first_contact_due__lt=today
    )


def referral_is_overdue(referral: Referral) -> bool:
    today = timezone.localdate()
    if referral.state == ReferralState.SENT and referral.accept_due:
        return referral.accept_due < today
    if referral.state == ReferralState.ACCEPTED and referral.first_contact_due:
        return referral.first_contact_due < today
    return False


def referral_carries_personal_data(referral: Referral) -> bool:
    """Back-office users only see states and dates; workers and partners see personal data."""
    return bool(getattr(referral, "is_partner", False) or getattr(referral, "is_worker", False))


def referral_get(*, user: Any, pk: int, source: str, audit: bool = True) -> Referral:
    referral = (
        referral_visible(user=user)
        .select_related("organisation", "theme", "campaign__programme")
        .filter(pk=pk)
        .first()
    )
    if referral is None:
        raise NotFound(_("No referral with id %s") % pk)
    if audit and referral_carries_personal_data(referral):
        _audit_one(user=user, obj=referral, source=source, record_type="referral")
    return referral


# --- escalations and audit log -----------------------------------------------------------


def escalation_list(*, user: Any, open_only: bool = False) -> QuerySet[Escalation]:
    scope = user_scope(user=user)
    qs = Escalation.objects.filter(
        _in("campaign_id", scope.back_office_campaigns | scope.worker_campaigns)
    ).select_related("campaign", "raised_by")
    if open_only:
        qs = qs.filter(resolved_on__isnull=True)
    return qs.order_by("resolved_on", "-raised_on", "-id")


def escalation_get(*, user: Any, pk: int) -> Escalation:
    escalation = escalation_list(user=user).filter(pk=pk).first()
    if escalation is None:
        raise NotFound(_("No escalation with id %s") % pk)
    return escalation


def audit_log_list(
    *, user: Any, record_type: str | None = None, username: str | None = None
) -> QuerySet[AuditLogEntry]:
    if not user_has_outreach_role(user=user, role=OutreachRoleKind.PRIVACY_OFFICER):
        raise NotFound(_("Not found"))
    qs = AuditLogEntry.objects.all()
    if record_type:
        qs = qs.filter(record_type=record_type)
    if username:
        qs = qs.filter(username=username)
    return qs.order_by("-at", "-id")


def user_sees_personal_data(user: Any) -> bool:
    """Whether the user's outreach roles show residents' personal data (then two-factor
    authentication is required: registered in apps.py, see docs/security.md)."""
    cached = getattr(user, "_sees_personal_data", None)
    if cached is None:
        uid = _uid(user)
        cached = bool(uid) and (
            CampaignWorker.objects.filter(user_id=uid).exists()
            or Household.objects.filter(coach_id=uid).exists()
            or OutreachRole.objects.filter(
                user_id=uid, role=OutreachRoleKind.PRIVACY_OFFICER
            ).exists()
            or Referral.objects.filter(organisation__memberships__user_id=uid).exists()
        )
        user._sees_personal_data = cached
    return bool(cached)
