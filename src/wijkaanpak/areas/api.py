from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from wijkaanpak.areas import selectors
from wijkaanpak.areas.models import Area, AreaLevel
from wijkaanpak.core.api_utils import READ_ERRORS, Limit, Offset, paginate

router = Router(tags=["areas"])


class AreaOut(Schema):
    code: str
    name: str
    level: str
    parent: str | None
    division_year: int | None


class AreaList(Schema):
    count: int
    items: list[AreaOut]


def area_out(a: Area) -> dict[str, Any]:
    return {
        "code": a.code,
        "name": a.name,
        "level": a.level,
        "parent": a.parent.code if a.parent else None,
        "division_year": a.division_year,
    }


@router.get("/areas/", response={200: AreaList, **READ_ERRORS}, summary="Areas by CBS code")
def area_list(
    request: HttpRequest,
    level: AreaLevel | None = None,
    parent: str | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    return paginate(
        selectors.area_list(level=level, parent=parent),
        limit=limit,
        offset=offset,
        serialize=area_out,
    )


@router.get("/areas/{code}/", response={200: AreaOut, **READ_ERRORS}, summary="An area")
def area_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    return area_out(selectors.area_get(code=code))
