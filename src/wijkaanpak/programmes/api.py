from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from wijkaanpak.core.api_utils import READ_ERRORS, Limit, Offset, paginate
from wijkaanpak.programmes import selectors
from wijkaanpak.programmes.models import Programme

router = Router(tags=["programmes"])


class AreaRef(Schema):
    code: str
    name: str


class ProgrammeOut(Schema):
    slug: str
    name: str
    municipality: AreaRef
    area: AreaRef
    start_year: int
    description: str


class ProgrammeList(Schema):
    count: int
    items: list[ProgrammeOut]


def programme_out(p: Programme) -> dict[str, Any]:
    return {
        "slug": p.slug,
        "name": p.name,
        "municipality": {"code": p.municipality.code, "name": p.municipality.name},
        "area": {"code": p.area.code, "name": p.area.name},
        "start_year": p.start_year,
        "description": p.description,
    }


@router.get("/programmes/", response={200: ProgrammeList, **READ_ERRORS}, summary="Programmes")
def programme_list(request: HttpRequest, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return paginate(selectors.programme_list(), limit=limit, offset=offset, serialize=programme_out)


@router.get(
    "/programmes/{slug}/", response={200: ProgrammeOut, **READ_ERRORS}, summary="A programme"
)
def programme_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    return programme_out(selectors.programme_get(slug=slug))
