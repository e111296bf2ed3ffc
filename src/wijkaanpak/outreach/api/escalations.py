"""Escalations to the back office."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema, Status

from wijkaanpak.core.api_utils import READ_ERRORS, WRITE_ERRORS, Id, Limit, Offset
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.outreach import selectors, services
from wijkaanpak.outreach.api.base import Out, choice, router, text
from wijkaanpak.outreach.models import Escalation, EscalationCategory


class EscalationOut(Out):
    id: int
    campaign: int
    category: str
    needed: str
    resolution: str
    raised_on: dt.date
    resolved_on: dt.date | None
    assignee: int | None


class EscalationList(Out):
    count: int
    items: list[EscalationOut]


def _escalation_out(e: Escalation) -> dict[str, Any]:
    return {
        "id": e.pk,
        "campaign": e.campaign_id,
        "category": e.category,
        "needed": e.needed,
        "resolution": e.resolution,
        "raised_on": e.raised_on,
        "resolved_on": e.resolved_on,
        "assignee": e.assignee_id,
    }


@router.get("/escalations/", response={200: EscalationList, **READ_ERRORS})
def escalations(
    request: HttpRequest, open: bool = False, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    page = selectors.page_audited(
        selectors.escalation_list(user=request.user, open_only=open),
        user=request.user,
        source=request.path,
        record_type="escalation",
        limit=limit,
        offset=offset,
    )
    return {"count": page.count, "items": [_escalation_out(e) for e in page.items]}


class EscalationIn(Schema):
    campaign: Id
    category: Annotated[str, choice(EscalationCategory)]
    needed: Annotated[str, text()]
    household: Id | None = None


@router.post("/escalations/", response={201: EscalationOut, **WRITE_ERRORS})
def escalation_create(request: HttpRequest, payload: EscalationIn) -> Status[dict[str, Any]]:
    c = selectors.campaign_get(user=request.user, pk=payload.campaign)
    h = None
    if payload.household is not None:
        h = selectors.household_get(
            user=request.user, pk=payload.household, source=request.path, audit=False, erased=True
        )
    e = services.escalation_create(
        campaign=c,
        category=payload.category,
        needed=payload.needed,
        household=h,
        by=request.user,
        source=request.path,
    )
    return Status(201, _escalation_out(e))


class ResolveIn(Schema):
    resolution: Annotated[str, text()]


@router.post("/escalations/{escalation_id}/resolve/", response={200: EscalationOut, **WRITE_ERRORS})
def escalation_resolve(
    request: HttpRequest, escalation_id: Id, payload: ResolveIn
) -> dict[str, Any]:
    e = selectors.escalation_get(user=request.user, pk=escalation_id)
    e = services.escalation_resolve(
        escalation=e, resolution=payload.resolution, by=request.user, source=request.path
    )
    return _escalation_out(e)


class AssignIn(Schema):
    assignee: Id | None = None


@router.post("/escalations/{escalation_id}/assign/", response={200: EscalationOut, **WRITE_ERRORS})
def escalation_assign(request: HttpRequest, escalation_id: Id, payload: AssignIn) -> dict[str, Any]:
    """Assign an open escalation to someone of the programme's back office (null: nobody).
    The back office and the programme's coordinators assign; the assignee is notified."""
    e = selectors.escalation_get(user=request.user, pk=escalation_id)
    assignee = None
    if payload.assignee is not None:
        programme_id = e.campaign.programme_id
        candidates = selectors.escalation_assignees(programme_ids={programme_id})[programme_id]
        assignee = next((u for u in candidates if u.pk == payload.assignee), None)
        if assignee is None:
            raise InvalidInput(
                _("Assign the escalation to someone of the back office."),
                errors=[{"field": "assignee", "message": _("not in the back office")}],
            )
    e = services.escalation_assign(
        escalation=e, assignee=assignee, by=request.user, source=request.path
    )
    return _escalation_out(e)
