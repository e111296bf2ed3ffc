"""Response schemas of a kans and its parts, with their output mappers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from wijkaanpak.core.api_utils import (
    Ref,
)
from wijkaanpak.opportunities import selectors
from wijkaanpak.opportunities.api.common import _num
from wijkaanpak.opportunities.models import (
    CoalitionMember,
    Opportunity,
    ProgressUpdate,
)


class AmbitionRef(Schema):
    id: int
    number: int
    short_name: str


class CoalitionOut(Schema):
    id: int
    organisation: Ref
    role: str
    joined_on: dt.date | None
    left_on: dt.date | None
    contact_function: str
    version: int


class MeasureOut(Schema):
    id: int
    name: str
    unit: str
    rba_class: str
    target: float | None
    target_is_minimum: bool
    funnel_order: int | None
    target_date: dt.date | None
    indicators: list[str]
    actual: float | None
    actual_date: dt.date | None
    version: int


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
    version: int


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
        "coalition": [coalition_out(m) for m in o.coalition.all()],
        "measures": [
            {
                "id": s.measure.pk,
                "name": s.measure.name,
                "unit": s.measure.unit,
                "rba_class": s.measure.rba_class,
                "target": _num(s.measure.target),
                "target_is_minimum": s.measure.target_is_minimum,
                "funnel_order": s.measure.funnel_order,
                "target_date": s.measure.target_date,
                "indicators": [i.code for i in s.measure.indicators.all()],
                "actual": _num(s.actual),
                "actual_date": s.actual_date,
                "version": s.measure.version,
            }
            for s in selectors.measure_summaries(opportunity=o)
        ],
        "version": o.version,
    }


def coalition_out(m: CoalitionMember) -> dict[str, Any]:
    return {
        "id": m.pk,
        "organisation": {"id": m.organisation.pk, "name": m.organisation.name},
        "role": m.role,
        "joined_on": m.joined_on,
        "left_on": m.left_on,
        "contact_function": m.contact_function,
        "version": m.version,
    }


def progress_out(p: ProgressUpdate) -> dict[str, Any]:
    return {
        "id": p.pk,
        "date": p.date,
        "text": p.text,
        "next_steps": p.next_steps,
        "version": p.version,
    }
