"""Measures of a kans and their recorded values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Schema, Status

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.core.api_utils import (
    WRITE_ERRORS,
    Date,
    Id,
    Version,
)
from wijkaanpak.opportunities import selectors, services
from wijkaanpak.opportunities.api.common import Amount14, Code, _document_as_number, router
from wijkaanpak.opportunities.api.schemas import MeasureOut, opportunity_out
from wijkaanpak.opportunities.models import (
    MeasureValue,
    Opportunity,
    RbaClass,
)


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


class MeasureIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    unit: Annotated[str, Field(max_length=40)] = "aantal"
    rba_class: RbaClass
    target: Amount14 | None = None
    target_is_minimum: bool = True
    target_date: Date | None = None
    funnel_order: Annotated[int, Field(ge=1, le=100)] | None = None
    indicators: list[Code] = Field(default_factory=list, max_length=100)


class MeasurePatch(Schema):
    version: Version
    name: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    unit: Annotated[str, Field(max_length=40)] | None = None
    rba_class: RbaClass | None = None
    target: Amount14 | None = None
    target_is_minimum: bool | None = None
    target_date: Date | None = None
    funnel_order: Annotated[int, Field(ge=1, le=100)] | None = None
    indicators: Annotated[list[Code], Field(max_length=100)] | None = None


def _measure_out(o: Opportunity, measure_id: int) -> dict[str, Any]:
    fresh = selectors.opportunity_get(pk=o.pk)
    return next(m for m in opportunity_out(fresh)["measures"] if m["id"] == measure_id)


@router.post(
    "/opportunities/{int:opportunity_id}/measures/",
    response={201: MeasureOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Add a measure (planned result) to a kans (editor)",
)
def measure_create(
    request: HttpRequest, opportunity_id: Id, payload: MeasureIn
) -> Status[dict[str, Any]]:
    o = selectors.opportunity_get(pk=opportunity_id)
    if not selectors.user_may_edit(user=request.user, programme=o.programme):
        raise services.editor_required()
    measure = services.measure_create(
        opportunity=o,
        name=payload.name,
        unit=payload.unit,
        rba_class=payload.rba_class,
        target=payload.target,
        target_is_minimum=payload.target_is_minimum,
        target_date=payload.target_date,
        funnel_order=payload.funnel_order,
        indicators=selectors.indicators_by_code(programme=o.programme, codes=payload.indicators),
        by=request.user,
    )
    return Status(201, _measure_out(o, measure.pk))


@router.patch(
    "/measures/{int:measure_id}/",
    response={200: MeasureOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Change a measure (editor); a stale `version` answers 409",
)
def measure_update(request: HttpRequest, measure_id: Id, payload: MeasurePatch) -> dict[str, Any]:
    measure = selectors.measure_get(pk=measure_id)
    o = measure.opportunity
    if not selectors.user_may_edit(user=request.user, programme=o.programme):
        raise services.editor_required()
    fields = payload.dict(exclude_unset=True, exclude={"version", "indicators"})
    services.measure_update(
        measure=measure,
        version=payload.version,
        by=request.user,
        indicators=selectors.indicators_by_code(programme=o.programme, codes=payload.indicators)
        if payload.indicators is not None
        else None,
        **fields,
    )
    return _measure_out(o, measure.pk)
