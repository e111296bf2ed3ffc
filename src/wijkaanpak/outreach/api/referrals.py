"""Referrals, their transitions and history."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Schema, Status

from wijkaanpak.core.api_utils import READ_ERRORS, WRITE_ERRORS, Id, Limit, Offset, Version
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.core.renderers import json_response
from wijkaanpak.outreach import selectors, services
from wijkaanpak.outreach.api.base import Out, Ref, choice, router, text
from wijkaanpak.outreach.models import ReferralState


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


def _referral_out(row: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """A REFERRAL_ROW dict, already masked by selectors.referral_shown(), as a ReferralOut."""
    return {
        "id": row["id"],
        "state": row["state"],
        "theme": {"id": row["theme_id"], "name": row["theme__name"]},
        "organisation": {"id": row["organisation_id"], "name": row["organisation__name"]},
        "campaign": row["campaign_id"],
        "household": row["household_id"],
        "shared_data": row["shared_data"],
        "reason": row["reason"],
        "decline_reason": row["decline_reason"],
        "created_at": row["created_at"],
        "accept_due": row["accept_due"],
        "first_contact_due": row["first_contact_due"],
        "overdue": selectors.row_is_overdue(
            state=row["state"],
            accept_due=row["accept_due"],
            first_contact_due=row["first_contact_due"],
            today=today,
        ),
        "version": row["version"],
    }


def _referral_detail(request: HttpRequest, pk: int, *, audit: bool = False) -> dict[str, Any]:
    """The referral as the caller sees it (after a write: not audited again)."""
    r = selectors.referral_get(user=request.user, pk=pk, source=request.path, audit=audit)
    return _referral_out(
        selectors.referral_shown(selectors.referral_as_row(r)), timezone.localdate()
    )


@router.get("/referrals/", response={200: ReferralList, **READ_ERRORS})
def referrals(
    request: HttpRequest,
    state: str | None = None,
    theme: Id | None = None,
    organisation: Id | None = None,
    campaign: Id | None = None,
    overdue: bool | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
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
        {
            "count": page.count,
            "items": [_referral_out(selectors.referral_shown(r), today) for r in page.items],
        }
    )


@router.get("/referrals/{referral_id}/", response={200: ReferralOut, **READ_ERRORS})
def referral(request: HttpRequest, referral_id: Id) -> dict[str, Any]:
    return _referral_detail(request, referral_id, audit=True)


class ReferralIn(Schema):
    household: Id
    organisation: Id
    theme: str
    reason: Annotated[str, text()] = ""
    send: bool = False


@router.post("/referrals/", response={201: ReferralOut, **WRITE_ERRORS})
def referral_create(request: HttpRequest, payload: ReferralIn) -> Status[dict[str, Any]]:
    h = selectors.household_get(
        user=request.user, pk=payload.household, source=request.path, audit=False, erased=True
    )
    org = selectors.organisation_find(pk=payload.organisation)
    theme = selectors.theme_find(code=payload.theme)
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
    return Status(201, _referral_detail(request, r.pk))


class ReferralTransitionIn(Schema):
    to: Annotated[str, choice(ReferralState)]
    note: Annotated[str, text()] = ""
    version: Version


@router.post("/referrals/{referral_id}/transition/", response={200: ReferralOut, **WRITE_ERRORS})
def referral_transition(
    request: HttpRequest, referral_id: Id, payload: ReferralTransitionIn
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
    return _referral_detail(request, referral_id)


class TransitionOut(Out):
    from_state: str
    to_state: str
    note: str
    at: dt.datetime
    by: str | None


@router.get("/referrals/{referral_id}/history/", response={200: list[TransitionOut], **READ_ERRORS})
def referral_history(request: HttpRequest, referral_id: Id) -> list[dict[str, Any]]:
    return selectors.referral_history(user=request.user, pk=referral_id, source=request.path)
