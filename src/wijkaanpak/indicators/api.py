"""API of the indicator monitor: indicators, observations, area profiles and imports."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.areas.selectors import area_get
from wijkaanpak.core.api_utils import (
    READ_ERRORS,
    WRITE_ERRORS,
    Date,
    Id,
    Limit,
    Offset,
    Version,
    Year,
    paginate,
)
from wijkaanpak.core.exceptions import Forbidden, InvalidInput
from wijkaanpak.core.renderers import json_response
from wijkaanpak.indicators import selectors, services
from wijkaanpak.indicators.api_schemas import (
    ImportReport,
    IndicatorList,
    InterpretationList,
    InterpretationOut,
    ObservationList,
    ProfileOut,
    indicator_out,
    observation_out,
)
from wijkaanpak.indicators.importers import read_properties
from wijkaanpak.indicators.models import Indicator
from wijkaanpak.programmes.selectors import programme_get

router = Router(tags=["indicators"])


@router.get("/indicators/", response={200: IndicatorList, **READ_ERRORS}, summary="Indicators")
def indicator_list(
    request: HttpRequest,
    ambition: Id | None = None,
    q: str = "",
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    qs = selectors.indicator_list(ambition=ambition, q=q, user=request.user).select_related(
        "numerator", "denominator"
    )
    return paginate(qs, limit=limit, offset=offset, serialize=indicator_out)


@router.get(
    "/indicators/{code}/observations/",
    response={200: ObservationList, **READ_ERRORS},
    summary="Observations of an indicator (current values; history=true adds replaced releases)",
)
def observation_list(
    request: HttpRequest,
    code: str,
    area: str | None = None,
    history: bool = False,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    indicator = selectors.indicator_get(code=code, user=request.user)
    if area:
        area_get(code=area)  # 404 for an unknown area
    qs = selectors.observation_list(indicator=indicator, area=area, history=history)
    return paginate(
        qs, limit=limit, offset=offset, serialize=lambda o: observation_out(o, indicator.code)
    )


@router.get(
    "/indicators/interpretations/",
    response={200: InterpretationList, **READ_ERRORS},
    summary="Kenniskring interpretations (programme slug, year interpreted or met)",
)
def interpretation_list(
    request: HttpRequest,
    programme: str | None = None,
    year: Year | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    prog = programme_get(slug=programme) if programme else None
    items = selectors.interpretation_list(programme=prog, year=year)
    return paginate(
        items,
        limit=limit,
        offset=offset,
        serialize=lambda i: {
            "id": i.pk,
            "programme": i.programme.slug,
            "date": i.date.isoformat(),
            "title": i.title,
            "participants": i.participants,
            "text": i.text,
            "indicators": [x.code for x in i.indicators.all()],
            "areas": [a.code for a in i.areas.all()],
            "years": i.years,
        },
    )


@router.get(
    "/areas/{code}/profile/",
    response={200: ProfileOut, **READ_ERRORS},
    summary="Area profile: each indicator's latest value up to the year, against the city",
)
def area_profile(request: HttpRequest, code: str, year: Year | None = None) -> HttpResponse:
    area = selectors.area_for_profile(code=code)
    profile = selectors.area_profile(area=area, year=year, user=request.user)
    # Serialised directly (the schema above documents it): validating ~100 items per request
    # again would cost more than computing them.
    return json_response(
        {
            "area": area.code,
            "name": area.name,
            "year": profile.year,
            "count": len(profile.rows),
            "items": [row.as_api() for row in profile.rows],
            "continued": {r.indicator.code: r.continued for r in profile.rows if r.continued},
            "continuation": profile.continuation,
        }
    )


@router.post(
    "/indicators/imports",
    auth=logged_in,
    response={201: ImportReport, 200: ImportReport, **WRITE_ERRORS},
    summary="Import a file of figures (coordinators); 201 with the report, 400 with the errors",
)
def indicators_import(
    request: HttpRequest,
    file: File[UploadedFile],
    format: Form[str],  # checked by the service against ImportFormat (400)
    year: Form[Year | None] = None,
    source: str = Form("", max_length=300),  # type: ignore[type-arg]  # the column's length
    dry_run: Form[bool] = False,
    properties: File[UploadedFile | None] = None,  # a multipart file, not a query parameter
) -> Status[dict[str, Any]]:
    user = request.auth  # type: ignore[attr-defined]
    if not selectors.user_may_import(user=user):
        raise Forbidden(_("Only coordinators may import indicator files"))
    if not file.size:
        message = _("The file is empty; expected %(expected)s.") % {"expected": _("a file")}
        raise InvalidInput(
            message, errors=[{"file": file.name, "row": 1, "column": None, "message": message}]
        )
    props = read_properties(properties, properties.name or "properties") if properties else None
    report = services.indicators_import(
        user=user,
        stream=file.file,  # type: ignore[arg-type]
        file_name=file.name or "upload",
        fmt=format,
        year=year,
        source=source,
        dry_run=dry_run,
        properties=props,
    )
    return Status(200 if dry_run else 201, report)


# --- kenniskring interpretations and targets: written by the programme team --------------

Code = Annotated[str, Field(min_length=1, max_length=80)]


class InterpretationWriteOut(InterpretationOut):
    version: int


class InterpretationIn(Schema):
    date: Date
    title: str = Field(..., min_length=1, max_length=200)
    participants: str = Field(
        ..., min_length=1, max_length=5000, description="Who took part, as a description"
    )
    text: str = Field(..., min_length=1, max_length=20000)
    indicators: list[Code] = Field(default_factory=list, max_length=100)
    areas: list[Code] = Field(default_factory=list, max_length=100)
    years: list[Year] = Field(default_factory=list, max_length=50)


class InterpretationPatch(Schema):
    version: Version
    date: Date | None = None
    title: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    participants: Annotated[str, Field(min_length=1, max_length=5000)] | None = None
    text: Annotated[str, Field(min_length=1, max_length=20000)] | None = None
    indicators: Annotated[list[Code], Field(max_length=100)] | None = None
    areas: Annotated[list[Code], Field(max_length=100)] | None = None
    years: Annotated[list[Year], Field(max_length=50)] | None = None


def _interpretation_out(i: Any) -> dict[str, Any]:
    return {
        "id": i.pk,
        "programme": i.programme.slug,
        "date": i.date.isoformat(),
        "title": i.title,
        "participants": i.participants,
        "text": i.text,
        "indicators": sorted(x.code for x in i.indicators.all()),
        "areas": sorted(a.code for a in i.areas.all()),
        "years": i.years,
        "version": i.version,
    }


def _indicators(programme: Any, codes: list[str]) -> list[Indicator]:
    found = list(selectors.programme_indicators(programme=programme).filter(code__in=codes))
    missing = sorted(set(codes) - {i.code for i in found})
    if missing:
        raise InvalidInput(
            _("Unknown indicators for this programme: %s") % ", ".join(missing),
            errors=[{"field": "indicators", "message": ", ".join(missing)}],
        )
    return found


def _areas(programme: Any, codes: list[str]) -> list[Any]:
    found = list(selectors.programme_areas(programme=programme).filter(code__in=codes))
    missing = sorted(set(codes) - {a.code for a in found})
    if missing:
        raise InvalidInput(
            _("Unknown areas for this programme: %s") % ", ".join(missing),
            errors=[{"field": "areas", "message": ", ".join(missing)}],
        )
    return found


@router.post(
    "/programmes/{slug}/interpretations/",
    response={201: InterpretationWriteOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Record a kenniskring interpretation (editor)",
    tags=["indicators"],
)
def interpretation_create(
    request: HttpRequest, slug: str, payload: InterpretationIn
) -> Status[dict[str, Any]]:
    programme = programme_get(slug=slug)
    if not selectors.user_may_edit_interpretations(user=request.user, programme=programme):
        raise Forbidden(_("You need the editor role in this programme."))
    interpretation = services.interpretation_create(
        programme=programme,
        date=payload.date,
        title=payload.title,
        participants=payload.participants,
        text=payload.text,
        indicators=_indicators(programme, payload.indicators),
        areas=_areas(programme, payload.areas),
        years=payload.years,
        by=request.user,
    )
    return Status(201, _interpretation_out(selectors.interpretation_get(pk=interpretation.pk)))


@router.patch(
    "/indicators/interpretations/{int:interpretation_id}/",
    response={200: InterpretationWriteOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Change a kenniskring interpretation (editor); a stale `version` answers 409",
)
def interpretation_update(
    request: HttpRequest, interpretation_id: Id, payload: InterpretationPatch
) -> dict[str, Any]:
    interpretation = selectors.interpretation_get(pk=interpretation_id)
    programme = interpretation.programme
    if not selectors.user_may_edit_interpretations(user=request.user, programme=programme):
        raise Forbidden(_("You need the editor role in this programme."))
    fields = payload.dict(exclude_unset=True, exclude={"version", "indicators", "areas"})
    services.interpretation_update(
        interpretation=interpretation,
        version=payload.version,
        by=request.user,
        indicators=_indicators(programme, payload.indicators)
        if payload.indicators is not None
        else None,
        areas=_areas(programme, payload.areas) if payload.areas is not None else None,
        **fields,
    )
    return _interpretation_out(selectors.interpretation_get(pk=interpretation_id))


class TargetOut(Schema):
    id: int
    indicator: str
    area: str
    year: int
    value: float
    description: str
    version: int


class TargetList(Schema):
    count: int
    items: list[TargetOut]


class TargetIn(Schema):
    indicator: Code
    area: Code
    year: Year
    value: float = Field(..., ge=-1e12, le=1e12)
    description: str = Field("", max_length=300)


class TargetPatch(Schema):
    version: Version
    value: Annotated[float, Field(ge=-1e12, le=1e12)] | None = None
    description: Annotated[str, Field(max_length=300)] | None = None


def _target_out(t: Any) -> dict[str, Any]:
    return {
        "id": t.pk,
        "indicator": t.indicator.code,
        "area": t.area.code,
        "year": t.year,
        "value": t.value,
        "description": t.description,
        "version": t.version,
    }


@router.get(
    "/programmes/{slug}/targets/",
    response={200: TargetList, **READ_ERRORS},
    summary="Indicator targets for the programme's areas, per year",
    tags=["indicators"],
)
def target_list(request: HttpRequest, slug: str) -> dict[str, Any]:
    items = selectors.target_list(programme=programme_get(slug=slug))
    return {"count": len(items), "items": [_target_out(t) for t in items]}


@router.post(
    "/programmes/{slug}/targets/",
    response={201: TargetOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Set a target for an indicator in one of the programme's areas by a year (coordinator)",
    tags=["indicators"],
)
def target_create(request: HttpRequest, slug: str, payload: TargetIn) -> Status[dict[str, Any]]:
    programme = programme_get(slug=slug)
    if not selectors.user_may_set_targets(user=request.user, programme=programme):
        raise Forbidden(_("You need the coordinator role in this programme."))
    target = services.target_create(
        programme=programme,
        indicator=_indicators(programme, [payload.indicator])[0],
        area=_areas(programme, [payload.area])[0],
        year=payload.year,
        value=payload.value,
        description=payload.description,
        by=request.user,
    )
    return Status(201, _target_out(target))


@router.patch(
    "/programmes/{slug}/targets/{int:target_id}/",
    response={200: TargetOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Change a target (coordinator); a stale `version` answers 409",
    tags=["indicators"],
)
def target_update(
    request: HttpRequest, slug: str, target_id: Id, payload: TargetPatch
) -> dict[str, Any]:
    programme = programme_get(slug=slug)
    target = selectors.target_get(programme=programme, pk=target_id)
    if not selectors.user_may_set_targets(user=request.user, programme=programme):
        raise Forbidden(_("You need the coordinator role in this programme."))
    target = services.target_update(
        programme=programme,
        target=target,
        version=payload.version,
        value=payload.value,
        description=payload.description,
        by=request.user,
    )
    return _target_out(target)
