"""The caller's roles as id sets (one query), paging with audit, and role checks."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
)

from wijkaanpak.accounts.actors import Actor, Viewer, acting_user
from wijkaanpak.accounts.models import OrganisationMembership, ProgrammeMembership
from wijkaanpak.core import db
from wijkaanpak.core.api_utils import page_bounds
from wijkaanpak.outreach.audit import audit_record
from wijkaanpak.outreach.models import (
    AuditAction,
    Campaign,
    CampaignWorker,
    Household,
    OutreachRole,
    OutreachRoleKind,
    Referral,
)


def _uid(user: Actor | None) -> int:
    """The user's id, or 0 (no such user) for anonymous callers and the system: their filters
    match nothing."""
    acting = acting_user(user) if user is not None else None
    return int(acting.pk) if acting is not None else 0


def _worker(user: Actor, campaign_ref: str = "campaign") -> Exists:
    return Exists(
        CampaignWorker.objects.filter(campaign=OuterRef(campaign_ref), user_id=_uid(user))
    )


def _member(user: Actor, programme_ref: str) -> Exists:
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


@functools.cache
def _scope_sql() -> str:
    """The UNION ALL over the role tables, as plain SQL: it runs on every request, and
    compiling the equivalent four ORM querysets cost more than executing it."""
    qn = connection.ops.quote_name

    def t(model: Any) -> str:
        return str(qn(model._meta.db_table))

    return (
        f"SELECT 'o', organisation_id FROM {t(OrganisationMembership)} WHERE user_id = %s"
        f" UNION ALL SELECT 'w', campaign_id FROM {t(CampaignWorker)} WHERE user_id = %s"
        f" UNION ALL SELECT 'b', c.id FROM {t(Campaign)} c WHERE c.programme_id IN"
        f" (SELECT programme_id FROM {t(OutreachRole)} WHERE user_id = %s AND role = %s)"
        f" UNION ALL SELECT 'c', id FROM {t(Household)} WHERE coach_id = %s"
    )


def user_scope(*, user: Actor) -> Scope:
    uid = _uid(user)
    if not uid:
        return Scope()
    ids: dict[str, set[int]] = {"o": set(), "w": set(), "b": set(), "c": set()}
    for kind, pk in db.fetch_all(
        _scope_sql(), [uid, uid, uid, str(OutreachRoleKind.BACK_OFFICE), uid]
    ):
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


# The name under which page_audited() reads each record's programme with the page.
AUDIT_PROGRAMME = "audit_programme_id"


@dataclass
class Page:
    count: int
    items: list[Any]


def page_audited(
    qs: QuerySet[Any],
    *,
    user: Actor,
    source: str,
    record_type: str,
    limit: int = 50,
    offset: int = 0,
    personal: Any = None,
    rows: Any = None,
) -> Page:
    """One COUNT, one SELECT, one INSERT into the audit log for the records on the page.

    `personal(item)` says whether an item carries personal data for this user (default: all do).
    `rows(qs)` turns the page's queryset into the one to fetch (e.g. household_rows); the COUNT
    is taken on `qs` itself, without the joins the rows need.
    """
    limit, offset = page_bounds(limit, offset)
    # Each record's programme (for the audit log) comes with the page: one join to the
    # campaign in the same SELECT.
    fetched = (rows(qs) if rows is not None else qs).annotate(
        **{AUDIT_PROGRAMME: F("campaign__programme_id")}
    )
    items = list(fetched[offset : offset + limit])
    count = len(items) if offset == 0 and len(items) < limit else qs.count()
    audited = [item for item in items if personal is None or personal(item)]
    audit_record(
        user=user,
        action=AuditAction.READ,
        record_type=record_type,
        record_ids=[item["id"] if isinstance(item, dict) else item.pk for item in audited],
        source=source,
        programme=[
            item[AUDIT_PROGRAMME] if isinstance(item, dict) else getattr(item, AUDIT_PROGRAMME)
            for item in audited
        ],
    )
    return Page(count=count, items=items)


def _audit_one(*, user: Actor, obj: Any, source: str, record_type: str) -> None:
    """One entry for a record read with its campaign (select_related)."""
    audit_record(
        user=user,
        action=AuditAction.READ,
        record_type=record_type,
        record_ids=[obj.pk],
        source=source,
        programme=obj.campaign.programme_id,
    )


def user_is_campaign_worker(*, user: Actor, campaign: Campaign) -> bool:
    return CampaignWorker.objects.filter(campaign=campaign, user_id=_uid(user)).exists()


def user_has_outreach_role(
    *, user: Actor, role: OutreachRoleKind | str, programme: Any = None
) -> bool:
    uid = _uid(user)
    if not uid:
        return False
    qs = OutreachRole.objects.filter(user_id=uid, role=role)
    if programme is not None:
        qs = qs.filter(programme=programme)
    return qs.exists()


def user_may_coach(*, user: Actor, campaign: Campaign) -> bool:
    """Whether the user may be made the coach of a household of this campaign: an active
    account with the coach role in the campaign's programme, or an outreach worker of the
    campaign (who sees its households anyway)."""
    uid = _uid(user)
    if not uid or not getattr(user, "is_active", False):
        return False
    return (
        OutreachRole.objects.filter(
            user_id=uid, programme_id=campaign.programme_id, role=OutreachRoleKind.COACH
        ).exists()
        or CampaignWorker.objects.filter(user_id=uid, campaign=campaign).exists()
    )


def user_sees_personal_data(user: Viewer) -> bool:
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
            or Referral.objects.filter(
                organisation__memberships__user_id=uid, sent_at__isnull=False
            ).exists()
        )
        vars(user)["_sees_personal_data"] = cached
    return bool(cached)
