"""A programme's ambitions, with `version` and history."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema, Status

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.core.api_utils import (
    READ_ERRORS,
    WRITE_ERRORS,
    Id,
)
from wijkaanpak.core.api_utils import Version as VersionField
from wijkaanpak.programmes import selectors as programme_selectors
from wijkaanpak.programmes.models import Ambition
from wijkaanpak.team import selectors, services
from wijkaanpak.team.api.common import _or, router
from wijkaanpak.team.api.history import HISTORY_ERRORS, SetupChangeList, changes_out

# --- ambitions and themes -------------------------------------------------------------------


class AmbitionIn(Schema):
    programme: str = Field(..., max_length=100, description="The programme's slug")
    short_name: str = Field(..., min_length=1, max_length=60)
    name: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=20000)
    desired_movement: str = Field("", max_length=20000)
    colour: str = Field("#24578f", max_length=7)


class AmbitionPatch(Schema):
    version: VersionField
    short_name: str | None = Field(None, min_length=1, max_length=60)
    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=20000)
    desired_movement: str | None = Field(None, max_length=20000)
    colour: str | None = Field(None, max_length=7)


class AmbitionDetail(Schema):
    id: int
    programme: str
    number: int
    short_name: str
    name: str
    description: str
    desired_movement: str
    colour: str
    version: int


def ambition_out(a: Ambition) -> dict[str, Any]:
    return {
        "id": a.pk,
        "programme": a.programme.slug,
        "number": a.number,
        "short_name": a.short_name,
        "name": a.name,
        "description": a.description,
        "desired_movement": a.desired_movement,
        "colour": a.colour,
        "version": a.version,
    }


@router.post(
    "/ambitions/",
    response={201: AmbitionDetail, **WRITE_ERRORS},
    auth=logged_in,
    summary="Add an ambition to a programme (coordinator, municipality administrator)",
    description="Numbered after the programme's last ambition. "
    "`GET /programmes/{slug}/ambitions/` lists them with their kansen.",
)
def ambition_create(request: HttpRequest, payload: AmbitionIn) -> Status[dict[str, Any]]:
    programme = programme_selectors.programme_get(slug=payload.programme)
    ambition = services.ambition_create(
        by=request.user,
        programme=programme,
        short_name=payload.short_name,
        name=payload.name,
        description=payload.description,
        desired_movement=payload.desired_movement,
        colour=payload.colour,
    )
    return Status(201, ambition_out(selectors.ambition_get(pk=ambition.pk)))


@router.get(
    "/ambitions/{ambition_id}/",
    response={200: AmbitionDetail, **READ_ERRORS},
    summary="An ambition",
)
def ambition_detail(request: HttpRequest, ambition_id: Id) -> dict[str, Any]:
    return ambition_out(selectors.ambition_get(pk=ambition_id))


@router.patch(
    "/ambitions/{ambition_id}/",
    response={200: AmbitionDetail, **WRITE_ERRORS},
    auth=logged_in,
    summary="Change an ambition (coordinator, municipality administrator)",
    description="Send the `version` you read; a stale one answers 409 and changes nothing.",
)
def ambition_update(
    request: HttpRequest, ambition_id: Id, payload: AmbitionPatch
) -> dict[str, Any]:
    ambition = selectors.ambition_get(pk=ambition_id)
    services.ambition_update(
        by=request.user,
        ambition=ambition,
        version=payload.version,
        short_name=payload.short_name or ambition.short_name,
        name=payload.name or ambition.name,
        description=_or(payload.description, ambition.description),
        desired_movement=_or(payload.desired_movement, ambition.desired_movement),
        colour=payload.colour or ambition.colour,
    )
    return ambition_out(selectors.ambition_get(pk=ambition_id))


@router.get(
    "/ambitions/{ambition_id}/history/",
    response={200: SetupChangeList, **HISTORY_ERRORS},
    auth=logged_in,
    summary="Changes to an ambition (members, administrators)",
)
def ambition_history(request: HttpRequest, ambition_id: Id) -> dict[str, Any]:
    ambition = selectors.ambition_get(pk=ambition_id)
    selectors.require_member(user=request.user, programme=ambition.programme)
    return changes_out(selectors.ambition_history(ambition=ambition))
