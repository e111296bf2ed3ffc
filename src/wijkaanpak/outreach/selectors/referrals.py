"""Referrals the caller may see, with what their relation to it shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson
from django.db import connection
from django.db.models import Case, F, Q, QuerySet, When
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor
from wijkaanpak.core import db
from wijkaanpak.core.api_utils import page_bounds
from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.outreach.audit import audit_record
from wijkaanpak.outreach.models import (
    AuditAction,
    Campaign,
    ProgrammeServiceLevel,
    Referral,
    ReferralState,
    Theme,
)
from wijkaanpak.outreach.selectors.scope import (
    Page,
    _audit_one,
    _flag,
    _in,
    user_scope,
)

# --- referrals ---------------------------------------------------------------------------


def referral_visible(*, user: Actor) -> QuerySet[Referral]:
    """Annotated with the caller's relation: is_partner, is_worker, is_back_office."""
    scope = user_scope(user=user)
    # A partner sees a referral from the moment it is sent, not while it is only proposed
    # (nor after a withdrawal before sending).
    partner = _in("organisation_id", scope.organisations) & Q(sent_at__isnull=False)
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
    user: Actor,
    state: str | None = None,
    theme: int | None = None,
    organisation: int | None = None,
    campaign: int | None = None,
    overdue: bool | None = None,
    by_due: bool = False,
) -> QuerySet[Referral]:
    """`by_due`: the referrals waiting for a step first, the nearest due date first (the
    pages' work list); otherwise the newest first."""
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
    if by_due:
        return qs.annotate(
            due=Case(
                When(state=ReferralState.SENT, then=F("accept_due")),
                When(state=ReferralState.ACCEPTED, then=F("first_contact_due")),
                default=None,
            )
        ).order_by(F("due").asc(nulls_last=True), "-created_at", "-id")
    return qs.order_by("-created_at", "-id")


def programme_service_level(*, programme_id: int) -> ProgrammeServiceLevel:
    """The programme's service level in working days (the defaults when none was set)."""
    found = ProgrammeServiceLevel.objects.filter(programme_id=programme_id).first()
    return found or ProgrammeServiceLevel(programme_id=programme_id)


def overdue_q() -> Q:
    today = timezone.localdate()
    return Q(state=ReferralState.SENT, accept_due__lt=today) | Q(
        state=ReferralState.ACCEPTED, first_contact_due__lt=today
    )


def referral_is_overdue(referral: Referral, today: dt.date | None = None) -> bool:
    return row_is_overdue(
        state=referral.state,
        accept_due=referral.accept_due,
        first_contact_due=referral.first_contact_due,
        today=today or timezone.localdate(),
    )


def row_is_overdue(
    *, state: str, accept_due: dt.date | None, first_contact_due: dt.date | None, today: dt.date
) -> bool:
    if state == ReferralState.SENT and accept_due:
        return accept_due < today
    if state == ReferralState.ACCEPTED and first_contact_due:
        return first_contact_due < today
    return False


def referral_carries_personal_data(referral: Referral | dict[str, Any]) -> bool:
    """Back-office users only see states and dates; workers and partners see personal data."""
    if isinstance(referral, dict):
        return bool(referral["is_partner"] or referral["is_worker"])
    return bool(getattr(referral, "is_partner", False) or getattr(referral, "is_worker", False))


# The fields of a referral_page() row; the queryset form is referral_list().values(*REFERRAL_ROW).
REFERRAL_ROW = (
    "id",
    "state",
    "theme_id",
    "theme__name",
    "organisation_id",
    "organisation__name",
    "campaign_id",
    "household_id",
    "shared_data",
    "reason",
    "decline_reason",
    "created_at",
    "accept_due",
    "first_contact_due",
    "version",
    "is_partner",
    "is_worker",
)


def referral_as_row(referral: Referral) -> dict[str, Any]:
    """A referral from referral_get() as a REFERRAL_ROW dict, with the caller's role flags."""
    return {
        "id": referral.pk,
        "state": referral.state,
        "theme_id": referral.theme_id,
        "theme__name": referral.theme.name,
        "organisation_id": referral.organisation_id,
        "organisation__name": referral.organisation.name,
        "campaign_id": referral.campaign_id,
        "household_id": referral.household_id,
        "shared_data": referral.shared_data,
        "reason": referral.reason,
        "decline_reason": referral.decline_reason,
        "created_at": referral.created_at,
        "accept_due": referral.accept_due,
        "first_contact_due": referral.first_contact_due,
        "version": referral.version,
        "is_partner": bool(getattr(referral, "is_partner", False)),
        "is_worker": bool(getattr(referral, "is_worker", False)),
    }


def referral_shown(row: dict[str, Any]) -> dict[str, Any]:
    """A REFERRAL_ROW dict as the caller may see it: the one place the masking is written.

    The household is shown to its workers and coach only; the shared data and the reason to
    them and to the receiving partner (referral_carries_personal_data); the back office sees
    states and dates."""
    personal = referral_carries_personal_data(row)
    return {
        **row,
        "household_id": row["household_id"] if row["is_worker"] else None,
        "shared_data": row["shared_data"] if personal else None,
        "reason": row["reason"] if personal else None,
    }


def referral_history(
    *, user: Actor, pk: int, source: str, referral: Referral | None = None
) -> list[dict[str, Any]]:
    """The referral's transitions, oldest first; the notes only for who sees personal data.
    `referral`: the one the caller already read with referral_get() (not read again)."""
    if referral is None or referral.pk != pk:
        referral = referral_get(user=user, pk=pk, source=source)
    personal = referral_carries_personal_data(referral)
    return [
        {
            "from_state": t.from_state,
            "to_state": t.to_state,
            "note": t.note if personal else "",
            "at": t.at,
            "by": t.by.username if t.by else None,
            "by_name": (t.by.get_full_name() or t.by.username) if t.by else None,
        }
        for t in referral.transitions.select_related("by")
    ]


def referral_page(
    *,
    user: Actor,
    source: str,
    state: str | None = None,
    theme: int | None = None,
    organisation: int | None = None,
    campaign: int | None = None,
    overdue: bool | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """One page of referral_list() as REFERRAL_ROW dicts, with the total, audited like
    page_audited(): the API's referral list, the busiest personal-data read (partners poll it).

    Plain SQL in ONE statement (the total is a scalar subquery), built from the same Scope and
    the same conditions as referral_visible() and referral_list(): compiling those querysets
    took more CPU than PostgreSQL needed to answer them. outreach/tests/test_referral_page.py
    checks that both give the same rows for every role and filter.
    """
    limit, offset = page_bounds(limit, offset)
    scope = user_scope(user=user)

    def ids(values: frozenset[int]) -> str:
        return ", ".join(str(int(v)) for v in sorted(values))

    partner = (
        f"(r.organisation_id IN ({ids(scope.organisations)}) AND r.sent_at IS NOT NULL)"
        if scope.organisations
        else ""
    )
    worker = " OR ".join(
        part
        for part in (
            f"r.campaign_id IN ({ids(scope.worker_campaigns)})" if scope.worker_campaigns else "",
            f"r.household_id IN ({ids(scope.coached_households)})"
            if scope.coached_households
            else "",
        )
        if part
    )
    back_office = (
        f"r.campaign_id IN ({ids(scope.back_office_campaigns)})"
        if scope.back_office_campaigns
        else ""
    )
    visible = [f"({c})" for c in (partner, worker, back_office) if c]
    if not visible:
        return Page(count=0, items=[])
    where = ["(" + " OR ".join(visible) + ")"]
    params: list[Any] = []
    for column, value in (
        ("state", state or None),
        ("theme_id", theme),
        ("organisation_id", organisation),
        ("campaign_id", campaign),
    ):
        if value is not None:
            where.append(f"r.{column} = %s")
            params.append(value)
    if overdue is not None:
        today = timezone.localdate()
        late = (
            "((r.state = %s AND r.accept_due < %s) OR (r.state = %s AND r.first_contact_due < %s))"
        )
        where.append(late if overdue else f"NOT COALESCE({late}, FALSE)")
        params += [ReferralState.SENT, today, ReferralState.ACCEPTED, today]
    qn = connection.ops.quote_name
    referral = qn(Referral._meta.db_table)
    condition = " AND ".join(where)
    # As UTC without an offset (made aware in _referral_row): psycopg then reads it in C,
    # where Django's loader for timestamptz columns is Python code (a tenth of the request).
    created_at = (
        "r.created_at AT TIME ZONE 'UTC'" if connection.vendor == "postgresql" else "r.created_at"
    )
    # The page is cut first and only its rows are joined to their names: joining every
    # visible referral before the top-N sort cost 28 ms for the back office's 25,000.
    sql = (
        "SELECT p.id, p.state, p.theme_id, t.name, p.organisation_id, o.name, p.campaign_id,"
        " p.household_id, p.shared_data, p.reason, p.decline_reason, p.created_utc,"
        " p.accept_due, p.first_contact_due, p.version, p.is_partner, p.is_worker,"
        f" (SELECT COUNT(*) FROM {referral} r WHERE {condition}), c.programme_id"
        " FROM (SELECT r.id, r.state, r.theme_id, r.organisation_id, r.campaign_id,"
        " r.household_id, r.shared_data, r.reason, r.decline_reason, r.created_at,"
        f" {created_at} AS created_utc, r.accept_due, r.first_contact_due, r.version,"
        f" {partner or 'FALSE'} AS is_partner, {worker or 'FALSE'} AS is_worker"
        f" FROM {referral} r WHERE {condition}"
        " ORDER BY r.created_at DESC, r.id DESC LIMIT %s OFFSET %s) p"
        f" JOIN {qn(Theme._meta.db_table)} t ON t.id = p.theme_id"
        f" JOIN {qn(Organisation._meta.db_table)} o ON o.id = p.organisation_id"
        f" JOIN {qn(Campaign._meta.db_table)} c ON c.id = p.campaign_id"
        " ORDER BY p.created_at DESC, p.id DESC"
    )
    rows = db.fetch_all(sql, [*params, *params, limit, offset])
    # After the REFERRAL_ROW columns: the total, then the row's programme (for the audit log).
    if rows:
        count = rows[0][-2]
    else:
        count = db.fetch_all(f"SELECT COUNT(*) FROM {referral} r WHERE {condition}", params)[0][0]
    items = [_referral_row(row) for row in rows]
    audited = [
        (item["id"], row[-1])
        for item, row in zip(items, rows, strict=True)
        if item["is_partner"] or item["is_worker"]
    ]
    audit_record(
        user=user,
        action=AuditAction.READ,
        record_type="referral",
        record_ids=[pk for pk, _programme in audited],
        source=source,
        programme=[programme for _pk, programme in audited],
    )
    return Page(count=count, items=items)


def _referral_row(row: tuple[Any, ...]) -> dict[str, Any]:
    item = dict(zip(REFERRAL_ROW, row, strict=False))
    shared = item["shared_data"]
    item["shared_data"] = orjson.loads(shared) if isinstance(shared, str | bytes) else shared
    item["is_partner"] = bool(item["is_partner"])
    item["is_worker"] = bool(item["is_worker"])
    created = item["created_at"]
    if not isinstance(created, dt.datetime):  # SQLite: text
        created = dt.datetime.fromisoformat(created)
    if created.tzinfo is None:  # SQLite keeps UTC without an offset
        created = created.replace(tzinfo=dt.UTC)
    item["created_at"] = created
    for key in ("accept_due", "first_contact_due"):
        if isinstance(item[key], str):
            item[key] = dt.date.fromisoformat(item[key])
    return item


def referral_get(*, user: Actor, pk: int, source: str, audit: bool = True) -> Referral:
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
