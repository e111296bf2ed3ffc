from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from wijkaanpak.areas import selectors
from wijkaanpak.areas.models import Area, AreaLevel
from wijkaanpak.core.api_utils import READ_ERRORS, Limit, Offset, paginate

router = Router(tags=["areas"])

#: A search term: a part of an area's name or code.
SearchText = Annotated[str, Field(max_length=200)]


class AreaOut(Schema):
    code: str
    name: str
    level: str
    parent: str | None
    parent_name: str | None
    division_year: int | None
    first_division_year: int | None


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


@router.get("/areas/{code}/", response={200: AreaOut, **READ_ERRORS}, summary="An area")
def area_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    return area_out(selectors.area_get(code=code))


@router.get(
    "/areas/{code}/children/",
    response={200: AreaList, **READ_ERRORS},
    summary="The areas within an area",
)
def area_children(
    request: HttpRequest,
    code: str,
    level: AreaLevel | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Without `level` the areas directly below it; with `level` all areas of that level
    within it (`?level=buurt` of a gemeente: its buurten)."""
    return paginate(
        selectors.area_children(code=code, level=level),
        limit=limit,
        offset=offset,
        serialize=area_out,
    )
