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

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

import orjson
from django.db import connection
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.models import OrganisationMembership, ProgrammeMembership
from wijkaanpak.core import db
from wijkaanpak.core.api_utils import MAX_OFFSET
from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.organisations.models import Organisation
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
    Theme,
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


def user_scope(*, user: Any) -> Scope:
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


@dataclass
class Page:
    count: int
    items: list[Any]


def page_bounds(limit: int, offset: int) -> tuple[int, int]:
    """The limit and offset a list accepts (huge offsets overflowed SQLite: API fuzzing)."""
    return max(1, min(limit, MAX_LIMIT)), max(0, min(offset, MAX_OFFSET))


def page_audited(
    qs: QuerySet[Any],
    *,
    user: Any,
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
    items = list((rows(qs) if rows is not None else qs)[offset : offset + limit])
    count = len(items) if offset == 0 and len(items) < limit else qs.count()
    ids = [
        item["id"] if isinstance(item, dict) else item.pk
        for item in items
        if personal is None or personal(item)
    ]
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


def _campaign_sql() -> tuple[str, str]:
    """campaign_visible()'s condition and the is_worker flag as SQL on the campaign row: the
    same four EXISTS, but compiling them through the ORM cost more than the query on every
    funnel request."""
    qn = connection.ops.quote_name

    def t(model: Any) -> str:
        return str(qn(model._meta.db_table))

    c = t(Campaign)
    worker = f"EXISTS (SELECT 1 FROM {t(CampaignWorker)} w WHERE w.campaign_id = {c}.id AND w.user_id = %s)"
    visible = (
        f"({worker}"
        f" OR EXISTS (SELECT 1 FROM {t(ProgrammeMembership)} m"
        f" WHERE m.programme_id = {c}.programme_id AND m.user_id = %s)"
        f" OR EXISTS (SELECT 1 FROM {t(OutreachRole)} r"
        f" WHERE r.programme_id = {c}.programme_id AND r.user_id = %s)"
        f" OR EXISTS (SELECT 1 FROM {t(Household)} h"
        f" WHERE h.campaign_id = {c}.id AND h.coach_id = %s))"
    )
    return visible, worker


def campaign_get(*, user: Any, pk: int) -> Campaign:
    uid = _uid(user)
    visible, worker = _campaign_sql()
    qs = Campaign.objects.select_related("programme", "area").annotate(
        is_worker=RawSQL(worker, [uid], output_field=BooleanField())
    )
    if not user.is_superuser:
        qs = qs.filter(RawSQL(visible, [uid] * 4, output_field=BooleanField()))
    campaign = qs.filter(pk=pk).first()
    if campaign is None:
        raise NotFound(_("No campaign with id %s") % pk)
    return campaign


def user_is_campaign_worker(*, user: Any, campaign: Campaign) -> bool:
    return CampaignWorker.objects.filter(campaign=campaign, user_id=_uid(user)).exists()


def user_has_outreach_role(
    *, user: Any, role: OutreachRoleKind | str, programme: Any = None
) -> bool:
    if user is None or not user.is_authenticated:
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


HOUSEHOLD_ROW = (
    "id",
    "campaign_id",
    "address_id",
    "address__street",
    "address__house_number",
    "address__addition",
    "address__postcode",
    "display_name",
    "composition",
    "contact_preference",
    "contact",
    "legal_basis",
    "consent_date",
    "consent_purpose",
    "shared_fields",
    "coach__username",
    "version",
)


def household_rows(qs: QuerySet[Household]) -> QuerySet[Any]:
    """A household_list() as plain dicts (HOUSEHOLD_ROW), for the API's list."""
    rows: QuerySet[Any] = qs.values(*HOUSEHOLD_ROW)
    return rows


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


def referral_page(
    *,
    user: Any,
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

    partner = f"r.organisation_id IN ({ids(scope.organisations)})" if scope.organisations else ""
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
        f" (SELECT COUNT(*) FROM {referral} r WHERE {condition})"
        " FROM (SELECT r.id, r.state, r.theme_id, r.organisation_id, r.campaign_id,"
        " r.household_id, r.shared_data, r.reason, r.decline_reason, r.created_at,"
        f" {created_at} AS created_utc, r.accept_due, r.first_contact_due, r.version,"
        f" {partner or 'FALSE'} AS is_partner, {worker or 'FALSE'} AS is_worker"
        f" FROM {referral} r WHERE {condition}"
        " ORDER BY r.created_at DESC, r.id DESC LIMIT %s OFFSET %s) p"
        f" JOIN {qn(Theme._meta.db_table)} t ON t.id = p.theme_id"
        f" JOIN {qn(Organisation._meta.db_table)} o ON o.id = p.organisation_id"
        " ORDER BY p.created_at DESC, p.id DESC"
    )
    rows = db.fetch_all(sql, [*params, *params, limit, offset])
    if rows:
        count = rows[0][-1]
    else:
        count = db.fetch_all(f"SELECT COUNT(*) FROM {referral} r WHERE {condition}", params)[0][0]
    items = [_referral_row(row) for row in rows]
    audit_record(
        user=user,
        action=AuditAction.READ,
        record_type="referral",
        record_ids=[item["id"] for item in items if item["is_partner"] or item["is_worker"]],
        source=source,
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
