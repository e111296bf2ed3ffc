"""Visit attempts."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Schema, Status

from wijkaanpak.core.api_utils import READ_ERRORS, WRITE_ERRORS, Date, Id, Limit, Offset
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.outreach import selectors, services
from wijkaanpak.outreach.api.base import Out, choice, router, text
from wijkaanpak.outreach.models import VisitAttempt, VisitOutcome


class VisitOut(Out):
    id: int
    campaign: int
    address: str
    household: int | None
    date: dt.date
    outcome: str
    worker: str | None


class VisitList(Out):
    count: int
    items: list[VisitOut]


def _visit_out(v: VisitAttempt) -> dict[str, Any]:
    return {
        "id": v.pk,
        "campaign": v.campaign_id,
        "address": str(v.address),
        "household": v.household_id,
        "date": v.date,
        "outcome": v.outcome,
        "worker": v.worker.username if v.worker else None,
    }


@router.get("/visits/", response={200: VisitList, **READ_ERRORS})
def visits(
    request: HttpRequest,
    campaign: Id | None = None,
    household: Id | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    page = selectors.page_audited(
        selectors.visit_list(user=request.user, campaign=campaign, household=household),
        user=request.user,
        source=request.path,
        record_type="visit",
        limit=limit,
        offset=offset,
    )
    return {"count": page.count, "items": [_visit_out(v) for v in page.items]}


class VisitIn(Schema):
    campaign: Id
    address: Id
    household: Id | None = None
    date: Date
    outcome: Annotated[str, choice(VisitOutcome)]
    note: Annotated[str, text()] = ""


@router.post("/visits/", response={201: VisitOut, **WRITE_ERRORS})
def visit_create(request: HttpRequest, payload: VisitIn) -> Status[dict[str, Any]]:
    c = selectors.campaign_get(user=request.user, pk=payload.campaign)
    address = selectors.address_find(campaign=c, pk=payload.address)
    if address is None:
        raise InvalidInput(
            "Unknown address", errors=[{"field": "address", "message": "not in campaign"}]
        )
    h = None
    if payload.household is not None:
        h = selectors.household_get(
            user=request.user, pk=payload.household, source=request.path, audit=False, erased=True
        )
    v = services.visit_record(
        campaign=c,
        address=address,
        household=h,
        date=payload.date,
        outcome=payload.outcome,
        note=payload.note,
        by=request.user,
        source=request.path,
    )
    return Status(201, _visit_out(v))
