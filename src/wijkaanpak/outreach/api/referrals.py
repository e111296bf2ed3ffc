"""Referrals, their transitions and history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Schema, Status

from wijkaanpak.core.api_utils import READ_ERRORS, WRITE_ERRORS
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.core.renderers import json_response
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.outreach import selectors, services
from wijkaanpak.outreach.api.base import Out, Ref, router
from wijkaanpak.outreach.models import Referral, Theme


class ReferralOut(Out):
    id: int
    state: str
    theme: Ref
    organisation: Ref
    campaign: int
    household: int | None
    shared_data: dict[str, Any] | None
    reason: str | None
    decline_reason: str
    created_at: dt.datetime
    accept_due: dt.date | None
    first_contact_due: dt.date | None
    overdue: bool
    version: int


class ReferralList(Out):
    count: int
    items: list[ReferralOut]


def _referral_out(r: Referral) -> dict[str, Any]:
    worker = bool(getattr(r, "is_worker", False))
    personal = selectors.referral_carries_personal_data(r)
    return {
        "id": r.pk,
        "state": r.state,
        "theme": {"id": r.theme_id, "name": r.theme.name},
        "organisation": {"id": r.organisation_id, "name": r.organisation.name},
        "campaign": r.campaign_id,
        "household": r.household_id if worker else None,
        "shared_data": r.shared_data if personal else None,
        "reason": r.reason if personal else None,
        "decline_reason": r.decline_reason,
        "created_at": r.created_at,
        "accept_due": r.accept_due,
        "first_contact_due": r.first_contact_due,
        "overdue": selectors.referral_is_overdue(r),
        "version": r.version,
    }


@router.get("/referrals/", response={200: ReferralList, **READ_ERRORS})
def referrals(
    request: HttpRequest,
    state: str | None = None,
    theme: int | None = None,
    organisation: int | None = None,
    campaign: int | None = None,
    overdue: bool | None = None,
    limit: int = 50,
    offset: int = 0,
) -> HttpResponse:
    """Referrals the caller may see: partner users only those addressed to their organisation,
    with only the fields the household consented to share."""
    page = selectors.referral_page(
        user=request.user,
        source=request.path,
        state=state,
        theme=theme,
        organisation=organisation,
        campaign=campaign,
        overdue=overdue,
        limit=limit,
        offset=offset,
    )
    today = timezone.localdate()
    # Partners poll this list: it is answered as built, without django-ninja validating it
    # against ReferralList again (the OpenAPI schema still declares it; the tests check the
    # answer against that schema, see test_referral_list_matches_its_schema).
    return json_response(
        {"count": page.count, "items": [_referral_row_out(r, today) for r in page.items]}
    )


def _referral_row_out(r: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """_referral_out() for a selectors.REFERRAL_ROW dict."""
    personal = r["is_partner"] or r["is_worker"]
    return {
        "id": r["id"],
        "state": r["state"],
        "theme": {"id": r["theme_id"], "name": r["theme__name"]},
        "organisation": {"id": r["organisation_id"], "name": r["organisation__name"]},
        "campaign": r["campaign_id"],
        "household": r["household_id"] if r["is_worker"] else None,
        "shared_data": r["shared_data"] if personal else None,
        "reason": r["reason"] if personal else None,
        "decline_reason": r["decline_reason"],
        "created_at": r["created_at"],
        "accept_due": r["accept_due"],
        "first_contact_due": r["first_contact_due"],
        "overdue": selectors.row_is_overdue(
            state=r["state"],
            accept_due=r["accept_due"],
            first_contact_due=r["first_contact_due"],
            today=today,
        ),
        "version": r["version"],
    }


@router.get("/referrals/{referral_id}/", response={200: ReferralOut, **READ_ERRORS})
def referral(request: HttpRequest, referral_id: int) -> dict[str, Any]:
    return _referral_out(
        selectors.referral_get(user=request.user, pk=referral_id, source=request.path)
    )


class ReferralIn(Schema):
    household: int
    organisation: int
    theme: str
    reason: str = ""
    send: bool = False


@router.post("/referrals/", response={201: ReferralOut, **WRITE_ERRORS})
def referral_create(request: HttpRequest, payload: ReferralIn) -> Status[dict[str, Any]]:
    h = selectors.household_get(
        user=request.user, pk=payload.household, source=request.path, audit=False, erased=True
    )
    org = Organisation.objects.filter(pk=payload.organisation).first()
    theme = Theme.objects.filter(code=payload.theme).first()
    if org is None or theme is None:
        raise InvalidInput(
            "Unknown organisation or theme",
            errors=[{"field": "organisation" if org is None else "theme", "message": "unknown"}],
        )
    r = services.referral_create(
        household=h,
        organisation=org,
        theme=theme,
        reason=payload.reason,
        send=payload.send,
        by=request.user,
        source=request.path,
    )
    return Status(
        201,
        _referral_out(selectors.referral_get(user=request.user, pk=r.pk, source="", audit=False)),
    )


class ReferralTransitionIn(Schema):
    to: str
    note: str = ""
    version: int | None = None


@router.post("/referrals/{referral_id}/transition/", response={200: ReferralOut, **WRITE_ERRORS})
def referral_transition(
    request: HttpRequest, referral_id: int, payload: ReferralTransitionIn
) -> dict[str, Any]:
    """Move the referral along its state machine. 409: not allowed from the current state or a
    stale `version`; 403: your role may not make this transition."""
    r = selectors.referral_get(user=request.user, pk=referral_id, source=request.path, audit=False)
    services.referral_transition(
        referral=r,
        to=payload.to,
        note=payload.note,
        version=payload.version,
        by=request.user,
        source=request.path,
    )
    return _referral_out(
        selectors.referral_get(user=request.user, pk=referral_id, source="", audit=False)
    )


class TransitionOut(Out):
    from_state: str
    to_state: str
    note: str
    at: dt.datetime
    by: str | None


@router.get("/referrals/{referral_id}/history/", response={200: list[TransitionOut], **READ_ERRORS})
def referral_history(request: HttpRequest, referral_id: int) -> list[dict[str, Any]]:
    r = selectors.referral_get(user=request.user, pk=referral_id, source=request.path)
    return [
        {
            "from_state": t.from_state,
            "to_state": t.to_state,
            "note": t.note if selectors.referral_carries_personal_data(r) else "",
            "at": t.at,
            "by": t.by.username if t.by else None,
        }
        for t in r.transitions.select_related("by")
    ]
