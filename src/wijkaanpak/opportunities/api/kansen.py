"""Kansen: listing, reading, creating, editing and moving through the lifecycle."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Schema, Status

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.core.api_utils import (
    READ_ERRORS,
    WRITE_ERRORS,
    Date,
    Id,
    Limit,
    Offset,
    Version,
    paginate,
)
from wijkaanpak.opportunities import selectors, services
from wijkaanpak.opportunities.api.common import Code, LongText, Text200, router
from wijkaanpak.opportunities.api.schemas import (
    OpportunityDetailOut,
    OpportunityList,
    OpportunityOut,
    opportunity_out,
    progress_out,
)
from wijkaanpak.opportunities.models import (
    OpportunityKind,
    OpportunityStatus,
)
from wijkaanpak.programmes.selectors import programme_get


@router.get(
    "/programmes/{slug}/opportunities/",
    response={200: OpportunityList, **READ_ERRORS},
    summary="Kansen and long-running work of a programme",
)
def opportunity_list(
    request: HttpRequest,
    slug: str,
    kind: OpportunityKind | None = None,
    active_on: dt.date | None = None,
    ambition: Id | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    programme = programme_get(slug=slug)
    qs = selectors.opportunity_list(
        programme=programme, kind=kind, active_on=active_on, ambition=ambition
    )
    return paginate(qs, limit=limit, offset=offset, serialize=opportunity_out)


@router.get(
    "/opportunities/{int:opportunity_id}/",
    response={200: OpportunityDetailOut, **READ_ERRORS},
    summary="A kans with its history and progress",
)
def opportunity_detail(request: HttpRequest, opportunity_id: Id) -> dict[str, Any]:
    o = selectors.opportunity_get(pk=opportunity_id)
    data = opportunity_out(o)
    data["history"] = [
        {
            "from_status": c.from_status,
            "status": c.status,
            "kind": c.kind,
            "effective_date": c.effective_date,
            "reason": c.reason,
            "merged_into": c.merged_into_id,
        }
        for c in o.status_changes.all()
    ]
    data["progress_updates"] = [progress_out(p) for p in o.progress_updates.all()]
    return data


class TransitionIn(Schema):
    to: OpportunityStatus
    on: Date | None = None
    reason: str = Field("", max_length=5000)
    merged_into: Id | None = None
    version: Version | None = None


@router.post(
    "/opportunities/{int:opportunity_id}/transition/",
    response={200: OpportunityOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Change the status of a kans (editor)",
)
def opportunity_transition(
    request: HttpRequest, opportunity_id: Id, payload: TransitionIn
) -> dict[str, Any]:
    opportunity = selectors.opportunity_get(pk=opportunity_id)
    merged_into = selectors.opportunity_get(pk=payload.merged_into) if payload.merged_into else None
    services.opportunity_transition(
        opportunity=opportunity,
        to=payload.to,
        on=payload.on or timezone.localdate(),
        reason=payload.reason,
        merged_into=merged_into,
        by=request.user,
        version=payload.version,
    )
    return opportunity_out(selectors.opportunity_get(pk=opportunity_id))


class OpportunityIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    kind: OpportunityKind = OpportunityKind.KANS
    start_date: Date | None = Field(None, description="Start of its history (default: today)")
    description: LongText = ""
    goal: LongText = ""
    next_steps: LongText = ""
    location: Text200 = ""
    area: Code | None = Field(None, description="CBS code of the area")
    ambitions: list[Id] = Field(default_factory=list, max_length=100)
    themes: list[Id] = Field(default_factory=list, max_length=100)


class OpportunityPatch(Schema):
    version: Version
    title: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    description: LongText | None = None
    goal: LongText | None = None
    next_steps: LongText | None = None
    location: Text200 | None = None
    area: Code | None = None
    ambitions: Annotated[list[Id], Field(max_length=100)] | None = None
    themes: Annotated[list[Id], Field(max_length=100)] | None = None


def _area(code: str | None) -> Any:
    from wijkaanpak.areas.selectors import area_get

    return area_get(code=code) if code else None


@router.post(
    "/programmes/{slug}/opportunities/",
    response={201: OpportunityOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Create a kans or long-running work (editor)",
)
def opportunity_create(
    request: HttpRequest, slug: str, payload: OpportunityIn
) -> Status[dict[str, Any]]:
    programme = programme_get(slug=slug)
    if not selectors.user_may_edit(user=request.user, programme=programme):
        raise services.editor_required()
    o = services.opportunity_create(
        programme=programme,
        title=payload.title,
        kind=payload.kind,
        description=payload.description,
        goal=payload.goal,
        next_steps=payload.next_steps,
        location=payload.location,
        area=_area(payload.area),
        ambitions=selectors.programme_ambitions(programme=programme, ids=payload.ambitions),
        themes=selectors.programme_themes(programme=programme, ids=payload.themes),
        start_date=payload.start_date or timezone.localdate(),
        by=request.user,
    )
    return Status(201, opportunity_out(selectors.opportunity_get(pk=o.pk)))


@router.patch(
    "/opportunities/{int:opportunity_id}/",
    response={200: OpportunityOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Change a kans (editor); send the `version` you read, a stale one answers 409",
)
def opportunity_update(
    request: HttpRequest, opportunity_id: Id, payload: OpportunityPatch
) -> dict[str, Any]:
    o = selectors.opportunity_get(pk=opportunity_id)
    if not selectors.user_may_edit(user=request.user, programme=o.programme):
        raise services.editor_required()
    fields = payload.dict(exclude_unset=True, exclude={"version", "ambitions", "themes", "area"})
    if "area" in payload.model_fields_set:
        fields["area"] = _area(payload.area)
    services.opportunity_update(
        opportunity=o,
        version=payload.version,
        by=request.user,
        ambitions=selectors.programme_ambitions(programme=o.programme, ids=payload.ambitions)
        if payload.ambitions is not None
        else None,
        themes=selectors.programme_themes(programme=o.programme, ids=payload.themes)
        if payload.themes is not None
        else None,
        **fields,
    )
    return opportunity_out(selectors.opportunity_get(pk=opportunity_id))
