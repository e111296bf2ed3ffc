"""Schemas and output mappers of the indicator API (indicators, observations, profiles,
interpretations, import reports); the operations are in api.py."""

from __future__ import annotations

from typing import Any

from ninja import Schema

from wijkaanpak.indicators.models import Indicator, Observation


class IndicatorOut(Schema):
    code: str
    name: str
    name_en: str
    unit: str
    direction: str
    definition: str
    source: str
    ambitions: list[int]
    derived_from: list[str] | None


class IndicatorList(Schema):
    count: int
    items: list[IndicatorOut]


def indicator_out(i: Indicator) -> dict[str, Any]:
    return {
        "code": i.code,
        "name": i.name_nl,
        "name_en": i.name_en,
        "unit": i.unit,
        "direction": i.direction,
        "definition": i.definition,
        "source": i.source,
        "ambitions": [a.number for a in i.ambitions.all()],
        "derived_from": [i.numerator.code, i.denominator.code]  # type: ignore[union-attr]
        if i.is_derived
        else None,
    }


class ObservationOut(Schema):
    indicator: str
    area: str
    period: int
    reference_date: str | None
    value: float | None
    missing_reason: str | None
    source: str
    release: str
    status: str
    current: bool
    import_id: int | None


class ObservationList(Schema):
    count: int
    items: list[ObservationOut]


def observation_out(o: Observation, code: str) -> dict[str, Any]:
    return {
        "indicator": code,
        "area": o.area.code,
        "period": o.period,
        "reference_date": o.reference_date.isoformat() if o.reference_date else None,
        "value": o.value,
        "missing_reason": o.missing_reason or None,
        "source": o.source,
        "release": o.release,
        "status": o.status,
        "current": o.is_current,
        "import_id": o.import_run_id,
    }


class ProfileItem(Schema):
    indicator: str
    name: str
    unit: str
    period: int
    value: float
    source: str
    parent_value: float | None
    national_value: float | None
    index: float | None
    trend: float | None
    rank: int | None
    direction_ok: bool | None
    city_value: float | None
    difference: float | None
    ratio: float | None
    change: float | None
    rank_of: int | None
    gap_closes: int | None


class ProfileOut(Schema):
    area: str
    name: str
    year: int | None
    count: int
    items: list[ProfileItem]
    #: Series continued across a re-division: {indicator code: "2023–2024: voormalige buurt
    #: X, herberekend"}; with `continuation` (predecessors, indicators not carried across).
    continued: dict[str, str] = {}
    continuation: dict[str, Any] | None = None


class InterpretationOut(Schema):
    id: int
    programme: str
    date: str
    title: str
    participants: str
    text: str
    indicators: list[str]
    areas: list[str]
    years: list[int]


class InterpretationList(Schema):
    count: int
    items: list[InterpretationOut]


class SkippedOut(Schema):
    reason: str
    count: int
    rows: list[int]


class ImportReport(Schema):
    import_id: int | None
    file: str
    format: str
    source: str
    release: str
    year: int | None
    dry_run: bool
    rows_read: int
    values_written: int
    values_replaced: int
    values_unchanged: int
    rows_skipped: int
    skipped: list[SkippedOut]
    areas_created: int
    #: The codes of the areas the file defined and the registry did not hold (the first 500).
    areas_added: list[str] = []
    indicators_created: int
