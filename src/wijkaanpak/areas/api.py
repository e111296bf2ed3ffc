from __future__ import annotations

import json
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from pydantic import Field

from wijkaanpak.areas import selectors
from wijkaanpak.areas.models import Area, AreaLevel, AreaSuccession
from wijkaanpak.core.api_utils import READ_ERRORS, Limit, Offset, paginate

router = Router(tags=["areas"])

#: A search term: a part of an area's name or code.
SearchText = Annotated[str, Field(max_length=200)]
#: A CBS division year.
Year = Annotated[int, Field(ge=1900, le=2100)]


class AreaOut(Schema):
    code: str
    name: str
    level: str
    parent: str | None
    parent_name: str | None
    division_year: int | None
    first_division_year: int | None


class SuccessionOut(Schema):
    code: str
    name: str
    year: int
    share: float | None
    basis: str
    note: str


class AreaDetailOut(AreaOut):
    valid_from: int | None
    valid_to: int | None
    successors: list[SuccessionOut]
    predecessors: list[SuccessionOut]


class AreaList(Schema):
    count: int
    items: list[AreaOut]


def area_out(a: Area) -> dict[str, Any]:
    return {
        "code": a.code,
        "name": a.name,
        "level": a.level,
        "parent": a.parent.code if a.parent else None,
        "parent_name": a.parent.name if a.parent else None,
        "division_year": a.division_year,
        "first_division_year": a.first_division_year,
    }


@router.get("/areas/", response={200: AreaList, **READ_ERRORS}, summary="Areas by CBS code")
def area_list(
    request: HttpRequest,
    level: AreaLevel | None = None,
    parent: str | None = None,
    search: SearchText | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """`search` finds areas by a part of their name or code (case-insensitive); those that
    start with it first."""
    return paginate(
        selectors.area_list(level=level, parent=parent, search=search),
        limit=limit,
        offset=offset,
        serialize=area_out,
    )


def succession_out(other: Area, s: AreaSuccession) -> dict[str, Any]:
    return {
        "code": other.code,
        "name": other.name,
        "year": s.year,
        "share": float(s.share) if s.share is not None else None,
        "basis": s.basis,
        "note": s.note,
    }


@router.get("/areas/{code}/", response={200: AreaDetailOut, **READ_ERRORS}, summary="An area")
def area_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    """With its division history: `valid_from`/`valid_to` (division years; `valid_to` null
    while it is current), `successors` and `predecessors` from the crosswalk (year of change,
    share of inhabitants or addresses)."""
    area = selectors.area_get(code=code)
    successors = selectors.area_successors(area=area)
    valid_from, valid_to = selectors.area_validity(area=area, successors=successors)
    return {
        **area_out(area),
        "valid_from": valid_from,
        "valid_to": valid_to,
        "successors": [succession_out(s.successor, s) for s in successors],
        "predecessors": [
            succession_out(s.predecessor, s) for s in selectors.area_predecessors(area=area)
        ],
    }


@router.get(
    "/areas/{code}/children/",
    response={200: AreaList, **READ_ERRORS},
    summary="The areas within an area",
)
def area_children(
    request: HttpRequest,
    code: str,
    level: AreaLevel | None = None,
    year: Year | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Without `level` the areas directly below it; with `level` all areas of that level
    within it (`?level=buurt` of a gemeente: its buurten). `year`: of that division year."""
    return paginate(
        selectors.area_children(code=code, level=level, year=year),
        limit=limit,
        offset=offset,
        serialize=area_out,
    )


@router.get(
    "/areas/{code}/boundaries.geojson",
    response={200: None, **READ_ERRORS},
    summary="The outlines of the areas within an area (GeoJSON, WGS84)",
)
def area_boundaries_geojson(
    request: HttpRequest,
    code: str,
    level: AreaLevel = AreaLevel.NEIGHBOURHOOD,
    year: Year | None = None,
) -> HttpResponse:
    """A GeoJSON FeatureCollection (WGS84, longitude/latitude) of the outlines of the areas of
    `level` within the area (`?level=buurt` of GM0344: Utrecht's buurten); `year`: of that
    division year, otherwise each area's latest outline. Properties: `code`, `name`, `level`,
    `division_year`, `source`."""
    features = [
        {
            "type": "Feature",
            "id": area.code,
            "properties": {
                "code": area.code,
                "name": area.name,
                "level": area.level,
                "division_year": division_year,
                "source": source,
            },
            "geometry": geometry,
        }
        for area, geometry, division_year, source in selectors.area_boundary_features(
            within=code, level=level, year=year
        )
    ]
    body = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    return HttpResponse(body, content_type="application/geo+json")
