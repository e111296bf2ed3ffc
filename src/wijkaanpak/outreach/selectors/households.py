"""Households and their records: visits, conversations, agreements."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor
from wijkaanpak.accounts.models import User
from wijkaanpak.areas.models import Area
from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.outreach.models import (
    HOUSEHOLD_FIELDS,
    Commitment,
    Conversation,
    Household,
    OutreachRole,
    OutreachRoleKind,
    VisitAttempt,
)
from wijkaanpak.outreach.selectors.lookups import address_query
from wijkaanpak.outreach.selectors.scope import _audit_one, _in, _uid, user_scope

# --- households and their records --------------------------------------------------------


def household_visible(*, user: Actor) -> QuerySet[Household]:
    scope = user_scope(user=user)
    return Household.objects.filter(
        _in("campaign_id", scope.worker_campaigns) | _in("id", scope.coached_households)
    )


#: The household list's visit-status filter: name -> condition on the household's address.
VISIT_STATUS = {
    "interviewed": Q(address__interviewed=True),
    "reached": Q(address__reached=True, address__interviewed=False),
}


def household_list(
    *,
    user: Actor,
    campaign: int | None = None,
    coached: bool = False,
    q: str = "",
    status: str = "",
    coach: str = "",
    buurt: int | None = None,
) -> QuerySet[Household]:
    """The households the caller may see. `q`: a name or (part of) an address, typed as
    people type it (lookups.address_query); `status`: a key of VISIT_STATUS; `coach`:
    "me" (coached by the caller), "none" (no coach yet) or a user id; `buurt`: the id of the
    buurt (areas.Area) the address lies in."""
    qs = (
        household_visible(user=user)
        .filter(anonymised_at__isnull=True)
        .select_related("address", "address__buurt", "coach")
        .order_by("id")
    )
    if campaign is not None:
        qs = qs.filter(campaign_id=campaign)
    if coached or coach == "me":
        qs = qs.filter(coach_id=_uid(user))
    elif coach == "none":
        qs = qs.filter(coach__isnull=True)
    elif coach.isascii() and coach.isdigit() and len(coach) < 19:
        qs = qs.filter(coach_id=int(coach))
    if buurt is not None:
        qs = qs.filter(address__buurt_id=buurt)
    if status in VISIT_STATUS:
        qs = qs.filter(VISIT_STATUS[status])
    if q.strip():
        qs = qs.filter(_household_search(q))
    return qs


def _household_search(q: str) -> Q:
    parts = address_query(q)
    cond = Q()
    for word in parts.get("street", "").split():
        cond &= Q(address__street__icontains=word) | Q(display_name__icontains=word)
    if "house_number" in parts:
        cond &= Q(address__house_number=int(parts["house_number"]))
    if "addition" in parts:
        cond &= Q(address__addition__iexact=parts["addition"])
    if "postcode" in parts:
        cond &= Q(address__postcode=parts["postcode"])
    return cond | Q(display_name__icontains=q.strip())


HOUSEHOLD_ROW = (
    "id",
    "campaign_id",
    "address_id",
    "address__street",
    "address__house_number",
    "address__addition",
    "address__postcode",
    *HOUSEHOLD_FIELDS,
    "coach__username",
    "version",
)


def household_rows(qs: QuerySet[Household]) -> QuerySet[Any]:
    """A household_list() as plain dicts (HOUSEHOLD_ROW), for the API's list."""
    rows: QuerySet[Any] = qs.values(*HOUSEHOLD_ROW)
    return rows


def household_get(
    *, user: Actor, pk: int, source: str, audit: bool = True, erased: bool = False
) -> Household:
    """The household, or NotFound. An erased (anonymised) household is not found either,
    unless `erased` is set: writes fetch it so that the service refuses it with a clear 409."""
    qs = household_visible(user=user).select_related("address", "coach", "campaign")
    if not erased:
        qs = qs.filter(anonymised_at__isnull=True)
    household = qs.filter(pk=pk).first()
    if household is None:
        raise NotFound(_("No household with id %s") % pk)
    if audit:
        _audit_one(user=user, obj=household, source=source, record_type="household")
    return household


def household_get_for_privacy_officer(*, user: Actor, pk: int) -> Household:
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
    *, user: Actor, campaign: int | None = None, household: int | None = None
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
    *, user: Actor, campaign: int | None = None, household: int | None = None
) -> QuerySet[Conversation]:
    scope = user_scope(user=user)
    qs = Conversation.objects.filter(
        _in("campaign_id", scope.worker_campaigns) | _in("household_id", scope.coached_households)
    )
    if campaign is not None:
        qs = qs.filter(campaign_id=campaign)
    if household is not None:
        qs = qs.filter(household_id=household)
    # An erased household's conversations keep their closed answers for the aggregates only.
    qs = qs.filter(household__anonymised_at__isnull=True)
    return (
        qs.select_related("worker")
        .prefetch_related("answers__question", "themes")
        .order_by("-date", "-id")
    )


def commitment_list(*, user: Actor, household: int | None = None) -> QuerySet[Commitment]:
    scope = user_scope(user=user)
    qs = Commitment.objects.filter(
        _in("campaign_id", scope.worker_campaigns) | _in("household_id", scope.coached_households)
    )
    if household is not None:
        qs = qs.filter(household_id=household)
    qs = qs.filter(household__anonymised_at__isnull=True)
    return qs.select_related("theme", "organisation").order_by("-id")


def commitment_get(*, user: Actor, pk: int) -> Commitment:
    commitment = commitment_list(user=user).filter(pk=pk).first()
    if commitment is None:
        raise NotFound("No agreement with this id")
    return commitment


def household_filter_choices(*, user: Actor) -> dict[str, list[tuple[int, str]]]:
    """The buurten and coaches the household list can be filtered by: those of the households
    the caller may see (two queries), with people's names rather than usernames."""
    visible = household_visible(user=user).filter(anonymised_at__isnull=True)
    buurten = Area.objects.filter(
        pk__in=visible.filter(address__buurt__isnull=False).values("address__buurt_id")
    ).order_by("name")
    coaches = User.objects.filter(
        pk__in=visible.filter(coach__isnull=False).values("coach_id")
    ).order_by("first_name", "last_name", "username")
    return {
        "buurten": [(a.pk, a.name) for a in buurten.only("pk", "name")],
        "coaches": [
            (u.pk, u.get_full_name() or u.username)
            for u in coaches.only("pk", "first_name", "last_name", "username")
        ],
    }
