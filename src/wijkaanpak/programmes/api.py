from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from wijkaanpak.core.api_utils import READ_ERRORS, Limit, Offset, paginate
from wijkaanpak.programmes import selectors
from wijkaanpak.programmes.models import Ambition, Programme

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


def programme_out(p: Programme) -> dict[str, Any]:
    return {
        "slug": p.slug,
        "name": p.name,
        "municipality": {"code": p.municipality.code, "name": p.municipality.name},
        "area": {"code": p.area.code, "name": p.area.name},
        "start_year": p.start_year,
        "description": p.description,
    }


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


@router.get("/programmes/", response={200: ProgrammeList, **READ_ERRORS}, summary="Programmes")
def programme_list(request: HttpRequest, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return paginate(selectors.programme_list(), limit=limit, offset=offset, serialize=programme_out)


@router.get(
    "/programmes/{slug}/", response={200: ProgrammeOut, **READ_ERRORS}, summary="A programme"
)
def programme_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    return programme_out(selectors.programme_get(slug=slug))


@router.get(
    "/programmes/{slug}/ambitions/",
    response={200: AmbitionList, **READ_ERRORS},
    summary="A programme's ambitions",
)
def ambition_list(request: HttpRequest, slug: str) -> dict[str, Any]:
    programme = selectors.programme_get(slug=slug)
    items = list(selectors.ambition_list(programme=programme))
    return {"count": len(items), "items": [ambition_out(a) for a in items]}
