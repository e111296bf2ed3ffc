"""A programme's ambitions with their kansen (served under /programmes/)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Schema

from wijkaanpak.core.api_utils import (
    READ_ERRORS,
)
from wijkaanpak.opportunities import selectors
from wijkaanpak.opportunities.api.common import router
from wijkaanpak.programmes.models import Ambition
from wijkaanpak.programmes.selectors import programme_get

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
