from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

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
    CoalitionMember,
    CoalitionRole,
    MeasureValue,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    ProgressUpdate,
    RbaClass,
)
from wijkaanpak.programmes.models import Ambition
from wijkaanpak.programmes.selectors import programme_get

router = Router(tags=["kansen"])


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


# --- creating and editing kansen ----------------------------------------------------------

Text200 = Annotated[str, Field(max_length=200)]
LongText = Annotated[str, Field(max_length=10000)]
Code = Annotated[str, Field(min_length=1, max_length=80)]


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


# --- change history ---------------------------------------------------------------------


class ChangeOut(Schema):
    field: str
    label: str
    old: str | None
    new: str | None


class HistoryEntryOut(Schema):
    at: dt.datetime
    by: str | None
    object_type: str
    object: str
    action: str
    changes: list[ChangeOut]


class HistoryList(Schema):
    count: int
    items: list[HistoryEntryOut]


@router.get(
    "/opportunities/{int:opportunity_id}/history/",
    response={200: HistoryList, **WRITE_ERRORS},
    auth=logged_in,
    summary="Every change to a kans, its coalition, measures and progress (programme team)",
)
def opportunity_history(
    request: HttpRequest, opportunity_id: Id, limit: Limit = 100, offset: Offset = 0
) -> dict[str, Any]:
    o = selectors.opportunity_get(pk=opportunity_id)
    entries = selectors.opportunity_history_for(user=request.user, opportunity=o)
    return paginate(
        entries,
        limit=limit,
        offset=offset,
        serialize=lambda e: {
            "at": e.at,
            "by": e.by,
            "object_type": e.object_type,
            "object": e.object_label,
            "action": e.action,
            "changes": [vars(c) for c in e.changes],
        },
    )


# --- coalition ------------------------------------------------------------------------------


class CoalitionList(Schema):
    count: int
    items: list[CoalitionOut]


class CoalitionIn(Schema):
    organisation: Id
    role: CoalitionRole
    joined_on: Date | None = None
    contact_function: Text200 = Field("", description="A function, never a person's name")


class CoalitionPatch(Schema):
    version: Version
    role: CoalitionRole | None = None
    joined_on: Date | None = None
    left_on: Date | None = None
    contact_function: Text200 | None = None


class CoalitionEnd(Schema):
    version: Version
    left_on: Date | None = None


@router.get(
    "/opportunities/{int:opportunity_id}/coalition/",
    response={200: CoalitionList, **READ_ERRORS},
    summary="The kans's coalition, current and ended memberships",
)
def coalition_list(request: HttpRequest, opportunity_id: Id) -> dict[str, Any]:
    o = selectors.opportunity_get(pk=opportunity_id)
    items = selectors.coalition_list(opportunity=o)
    return {"count": len(items), "items": [coalition_out(m) for m in items]}


@router.post(
    "/opportunities/{int:opportunity_id}/coalition/",
    response={201: CoalitionOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Add an organisation to the coalition (editor); the first member is the lead",
)
def coalition_add(
    request: HttpRequest, opportunity_id: Id, payload: CoalitionIn
) -> Status[dict[str, Any]]:
    from wijkaanpak.organisations.selectors import organisation_get_by_id

    o = selectors.opportunity_get(pk=opportunity_id)
    if not selectors.user_may_edit(user=request.user, programme=o.programme):
        raise services.editor_required()
    member = services.coalition_member_add(
        opportunity=o,
        organisation=organisation_get_by_id(pk=payload.organisation),
        role=payload.role,
        joined_on=payload.joined_on,
        contact_function=payload.contact_function,
        by=request.user,
    )
    return Status(201, coalition_out(member))


@router.patch(
    "/opportunities/{int:opportunity_id}/coalition/{int:member_id}/",
    response={200: CoalitionOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Change a coalition membership (editor); a stale `version` answers 409",
)
def coalition_update(
    request: HttpRequest, opportunity_id: Id, member_id: Id, payload: CoalitionPatch
) -> dict[str, Any]:
    o = selectors.opportunity_get(pk=opportunity_id)
    member = selectors.coalition_member_get(opportunity=o, pk=member_id)
    fields = payload.dict(exclude_unset=True, exclude={"version"})
    member = services.coalition_member_update(
        member=member, version=payload.version, by=request.user, **fields
    )
    return coalition_out(member)


@router.post(
    "/opportunities/{int:opportunity_id}/coalition/{int:member_id}/end/",
    response={200: CoalitionOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="End a coalition membership on a date (editor); its history stays",
)
def coalition_end(
    request: HttpRequest, opportunity_id: Id, member_id: Id, payload: CoalitionEnd
) -> dict[str, Any]:
    o = selectors.opportunity_get(pk=opportunity_id)
    member = selectors.coalition_member_get(opportunity=o, pk=member_id)
    member = services.coalition_member_end(
        member=member,
        left_on=payload.left_on or timezone.localdate(),
        version=payload.version,
        by=request.user,
    )
    return coalition_out(member)


# --- measures -----------------------------------------------------------------------------


Amount14 = Annotated[
    Decimal, Field(max_digits=14, decimal_places=2, json_schema_extra=_document_as_number)
]


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


# --- progress updates: edit and delete (author or coordinator) ----------------------------


class ProgressPatch(Schema):
    version: Version
    date: Date | None = None
    text: Annotated[str, Field(min_length=1, max_length=10000)] | None = None
    next_steps: LongText | None = None


@router.patch(
    "/progress-updates/{int:update_id}/",
    response={200: ProgressOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Change a progress update (its author or a coordinator); stale `version`: 409",
)
def progress_update_update(
    request: HttpRequest, update_id: Id, payload: ProgressPatch
) -> dict[str, Any]:
    update = selectors.progress_update_get(pk=update_id)
    update = services.progress_update_update(
        update=update,
        version=payload.version,
        by=request.user,
        date=payload.date,
        text=payload.text,
        next_steps=payload.next_steps,
    )
    return progress_out(update)


@router.delete(
    "/progress-updates/{int:update_id}/",
    response={204: None, **WRITE_ERRORS},
    auth=logged_in,
    summary="Remove a progress update (its author or a coordinator); the history keeps it",
)
def progress_update_delete(request: HttpRequest, update_id: Id) -> Status[None]:
    update = selectors.progress_update_get(pk=update_id)
    services.progress_update_delete(update=update, by=request.user)
    return Status(204, None)
