"""Agreements (afspraken) and their status."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Schema, Status

from wijkaanpak.core.api_utils import READ_ERRORS, WRITE_ERRORS, Date, Id, Limit, Offset, Version
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.outreach import selectors, services
from wijkaanpak.outreach.api.base import Out, Ref, choice, router, text
from wijkaanpak.outreach.models import Commitment, CommitmentStatus


class CommitmentOut(Out):
    id: int
    household: int
    theme: str
    organisation: Ref | None
    description: str
    due_date: dt.date | None
    status: str
    version: int


class CommitmentList(Out):
    count: int
    items: list[CommitmentOut]


def _commitment_out(c: Commitment) -> dict[str, Any]:
    return {
        "id": c.pk,
        "household": c.household_id,
        "theme": c.theme.code,
        "organisation": {"id": c.organisation.pk, "name": c.organisation.name}
        if c.organisation
        else None,
        "description": c.description,
        "due_date": c.due_date,
        "status": c.status,
        "version": c.version,
    }


@router.get("/commitments/", response={200: CommitmentList, **READ_ERRORS})
def commitments(
    request: HttpRequest, household: Id | None = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    page = selectors.page_audited(
        selectors.commitment_list(user=request.user, household=household),
        user=request.user,
        source=request.path,
        record_type="commitment",
        limit=limit,
        offset=offset,
    )
    return {"count": page.count, "items": [_commitment_out(c) for c in page.items]}


class CommitmentIn(Schema):
    household: Id
    theme: str
    description: Annotated[str, text()]
    organisation: Id | None = None
    due_date: Date | None = None


@router.post("/commitments/", response={201: CommitmentOut, **WRITE_ERRORS})
def commitment_create(request: HttpRequest, payload: CommitmentIn) -> Status[dict[str, Any]]:
    h = selectors.household_get(
        user=request.user, pk=payload.household, source=request.path, audit=False, erased=True
    )
    theme = selectors.theme_find(code=payload.theme)
    org = (
        selectors.organisation_find(pk=payload.organisation)
        if payload.organisation is not None
        else None
    )
    if theme is None or (payload.organisation is not None and org is None):
        raise InvalidInput(
            "Unknown theme or organisation",
            errors=[{"field": "theme" if theme is None else "organisation", "message": "unknown"}],
        )
    c = services.commitment_create(
        household=h,
        theme=theme,
        organisation=org,
        description=payload.description,
        due_date=payload.due_date,
        by=request.user,
        source=request.path,
    )
    return Status(201, _commitment_out(c))


class StatusIn(Schema):
    status: Annotated[str, choice(CommitmentStatus)]
    version: Version


@router.post("/commitments/{commitment_id}/status/", response={200: CommitmentOut, **WRITE_ERRORS})
def commitment_status(request: HttpRequest, commitment_id: Id, payload: StatusIn) -> dict[str, Any]:
    """Mark an agreement done or cancelled (or open again)."""
    c = selectors.commitment_get(user=request.user, pk=commitment_id)
    c = services.commitment_status_set(
        commitment=c,
        status=payload.status,
        version=payload.version,
        by=request.user,
        source=request.path,
    )
    return _commitment_out(c)
