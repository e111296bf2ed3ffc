from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.core.api_utils import (
    READ_ERRORS,
    WRITE_ERRORS,
    Date,
    Id,
    Limit,
    Offset,
    Ref,
    Version,
    paginate,
)
from wijkaanpak.opportunities import selectors, services
from wijkaanpak.opportunities.models import (
    MeasureValue,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    ProgressUpdate,
)
from wijkaanpak.programmes.models import Ambition
from wijkaanpak.programmes.selectors import programme_get

router = Router(tags=["kansen"])


class AmbitionRef(Schema):
    id: int
    number: int
    short_name: str


class CoalitionOut(Schema):
    organisation: Ref
    role: str


class MeasureOut(Schema):
    id: int
    name: str
    unit: str
    rba_class: str
    target: float | None
    target_is_minimum: bool
    funnel_order: int | None
    actual: float | None
    actual_date: dt.date | None


class StatusChangeOut(Schema):
    from_status: str
    status: str
    kind: str
    effective_date: dt.date
    reason: str
    merged_into: int | None


class ProgressOut(Schema):
    id: int
    date: dt.date
    text: str
    next_steps: str


class OpportunityOut(Schema):
    id: int
    slug: str
    kind: str
    title: str
    status: str
    status_on: str | None = Field(None, description="The status on `active_on`, when asked")
    description: str
    goal: str
    next_steps: str
    location: str
    area: str | None
    ambitions: list[AmbitionRef]
    coalition: list[CoalitionOut]
    measures: list[MeasureOut]
    version: int


class OpportunityDetailOut(OpportunityOut):
    history: list[StatusChangeOut]
    progress_updates: list[ProgressOut]


class OpportunityList(Schema):
    count: int
    items: list[OpportunityOut]


def _num(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def opportunity_out(o: Opportunity) -> dict[str, Any]:
    return {
        "id": o.pk,
        "slug": o.slug,
        "kind": o.kind,
        "title": o.title,
        "status": o.status,
        "status_on": getattr(o, "status_on", None),
        "description": o.description,
        "goal": o.goal,
        "next_steps": o.next_steps,
        "location": o.location,
        "area": o.area.code if o.area else None,
        "ambitions": [
            {"id": a.pk, "number": a.number, "short_name": a.short_name} for a in o.ambitions.all()
        ],
        "coalition": [
            {"organisation": {"id": m.organisation.pk, "name": m.organisation.name}, "role": m.role}
            for m in o.coalition.all()
        ],
        "measures": [
            {
                "id": s.measure.pk,
                "name": s.measure.name,
                "unit": s.measure.unit,
                "rba_class": s.measure.rba_class,
                "target": _num(s.measure.target),
                "target_is_minimum": s.measure.target_is_minimum,
                "funnel_order": s.measure.funnel_order,
                "actual": _num(s.actual),
                "actual_date": s.actual_date,
            }
            for s in selectors.measure_summaries(opportunity=o)
        ],
        "version": o.version,
    }


def progress_out(p: ProgressUpdate) -> dict[str, Any]:
    return {"id": p.pk, "date": p.date, "text": p.text, "next_steps": p.next_steps}


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


class ProgressIn(Schema):
    date: Date | None = None
    text: str = Field(..., min_length=1, max_length=10000)
    next_steps: str = Field("", max_length=10000)


@router.post(
    "/opportunities/{int:opportunity_id}/progress-updates/",
    response={201: ProgressOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Add a progress update (editor)",
)
def progress_update_create(
    request: HttpRequest, opportunity_id: Id, payload: ProgressIn
) -> Status[dict[str, Any]]:
    opportunity = selectors.opportunity_get(pk=opportunity_id)
    update = services.progress_update_create(
        opportunity=opportunity,
        date=payload.date or timezone.localdate(),
        text=payload.text,
        next_steps=payload.next_steps,
        by=request.user,
    )
    return Status(201, progress_out(update))


def _document_as_number(schema: dict[str, Any]) -> None:
    """Pydantic documents Decimal as number-or-any-string; the API fuzzing sent "" and got 422."""
    schema.pop("anyOf", None)
    schema.update(type="number", minimum=0, maximum=999_999_999_999.99, multipleOf=0.01)


class MeasureValueIn(Schema):
    date: Date | None = None
    value: Decimal = Field(
        ..., max_digits=14, decimal_places=2, json_schema_extra=_document_as_number
    )
    note: str = Field("", max_length=500)


class MeasureValueOut(Schema):
    id: int
    measure: int
    date: dt.date
    value: float
    note: str


def measure_value_out(v: MeasureValue) -> dict[str, Any]:
    return {
        "id": v.pk,
        "measure": v.measure_id,
        "date": v.date,
        "value": float(v.value),
        "note": v.note,
    }


@router.post(
    "/measures/{int:measure_id}/values/",
    response={201: MeasureValueOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Record an actual value of a measure (editor)",
)
def measure_value_create(
    request: HttpRequest, measure_id: Id, payload: MeasureValueIn
) -> Status[dict[str, Any]]:
    measure = selectors.measure_get(pk=measure_id)
    value = services.measure_value_record(
        measure=measure,
        date=payload.date or timezone.localdate(),
        value=payload.value,
        note=payload.note,
        by=request.user,
    )
    return Status(201, measure_value_out(value))


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


# --- a programme's ambitions with their kansen (served under /programmes/) ---------------


class AmbitionOut(Schema):
    id: int
    number: int
    short_name: str
    name: str
    description: str
    desired_movement: str
    icon: str
    colour: str
    opportunities: list[int]


class AmbitionList(Schema):
    count: int
    items: list[AmbitionOut]


def ambition_out(a: Ambition) -> dict[str, Any]:
    return {
        "id": a.pk,
        "number": a.number,
        "short_name": a.short_name,
        "name": a.name,
        "description": a.description,
        "desired_movement": a.desired_movement,
        "icon": a.icon,
        "colour": a.colour,
        "opportunities": [o.pk for o in a.opportunities.all()],
    }


@router.get(
    "/programmes/{slug}/ambitions/",
    response={200: AmbitionList, **READ_ERRORS},
    summary="A programme's ambitions",
    tags=["programmes"],
    operation_id="wijkaanpak_programmes_api_ambition_list",
)
def ambition_list(request: HttpRequest, slug: str) -> dict[str, Any]:
    programme = programme_get(slug=slug)
    items = list(selectors.ambition_list(programme=programme))
    return {"count": len(items), "items": [ambition_out(a) for a in items]}
