"""Programmes: the public list and detail, creating and changing a programme."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema, Status

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.core.api_utils import (
    READ_ERRORS,
    WRITE_ERRORS,
    Limit,
    Offset,
    paginate,
)
from wijkaanpak.core.api_utils import Version as VersionField
from wijkaanpak.programmes import selectors as programme_selectors
from wijkaanpak.programmes.models import Programme
from wijkaanpak.team import selectors, services
from wijkaanpak.team.api.common import router


class AreaRef(Schema):
    code: str
    name: str


class ProgrammeOut(Schema):
    slug: str
    name: str
    municipality: AreaRef
    area: AreaRef
    start_year: int
    end_year: int | None = None
    description: str
    version: int


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
        "end_year": p.end_year,
        "description": p.description,
        "version": p.version,
    }


@router.get(
    "/programmes/",
    response={200: ProgrammeList, **READ_ERRORS},
    summary="Programmes",
    operation_id="wijkaanpak_programmes_api_programme_list",
)
def programme_list(request: HttpRequest, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return paginate(
        programme_selectors.programme_list(), limit=limit, offset=offset, serialize=programme_out
    )


@router.get(
    "/programmes/{slug}/",
    response={200: ProgrammeOut, **READ_ERRORS},
    summary="A programme",
    operation_id="wijkaanpak_programmes_api_programme_detail",
)
def programme_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    return programme_out(programme_selectors.programme_get(slug=slug))


class ProgrammeIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    municipality: str = Field(..., max_length=20, description="CBS code of the municipality")
    area: str = Field(..., max_length=20, description="CBS code of the target area")
    start_year: int = Field(..., ge=1, le=9999)
    end_year: int | None = Field(None, ge=1, le=9999)
    description: str = Field("", max_length=20000)


@router.post(
    "/programmes/",
    response={201: ProgrammeOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Create a programme (municipality administrator)",
    description=(
        "The municipality's administrators (and installation admins) create its programmes. "
        "Areas by CBS code; the target area must lie in the municipality. The creator becomes "
        "the programme's first coordinator."
    ),
)
def programme_create(request: HttpRequest, payload: ProgrammeIn) -> Status[dict[str, Any]]:
    programme = services.programme_create(
        by=request.user,
        name=payload.name,
        municipality=selectors.area_by_code(code=payload.municipality, field="municipality"),
        area=selectors.area_by_code(code=payload.area, field="area"),
        start_year=payload.start_year,
        end_year=payload.end_year,
        description=payload.description,
    )
    return Status(201, programme_out(programme_selectors.programme_get(slug=programme.slug)))


class ProgrammePatch(Schema):
    version: VersionField
    name: str | None = Field(None, min_length=1, max_length=200)
    area: str | None = Field(None, max_length=20)
    start_year: int | None = Field(None, ge=1, le=9999)
    end_year: int | None = Field(None, ge=1, le=9999)
    description: str | None = Field(None, max_length=20000)


@router.patch(
    "/programmes/{slug}/",
    response={200: ProgrammeOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Change a programme (coordinator, municipality administrator)",
    description="Send the `version` you read; a stale one answers 409 and changes nothing.",
)
def programme_update(request: HttpRequest, slug: str, payload: ProgrammePatch) -> dict[str, Any]:
    programme = programme_selectors.programme_get(slug=slug)
    given = payload.model_dump(exclude_unset=True)
    services.programme_update(
        by=request.user,
        programme=programme,
        version=payload.version,
        name=given.get("name") or programme.name,
        area=(
            selectors.area_by_code(code=payload.area, field="area")
            if payload.area
            else programme.area
        ),
        start_year=payload.start_year or programme.start_year,
        end_year=given.get("end_year", programme.end_year),
        description=(
            payload.description if payload.description is not None else programme.description
        ),
    )
    return programme_out(programme_selectors.programme_get(slug=slug))
