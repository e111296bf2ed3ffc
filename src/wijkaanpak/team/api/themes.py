"""A programme's cross-cutting themes, with `version`."""

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
from wijkaanpak.programmes.models import Theme
from wijkaanpak.team import selectors, services
from wijkaanpak.team.api.common import _or, router


class ThemeIn(Schema):
    programme: str = Field(..., max_length=100, description="The programme's slug")
    name: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=20000)


class ThemePatch(Schema):
    version: VersionField
    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=20000)


class ThemeOut(Schema):
    id: int
    programme: str
    name: str
    description: str
    version: int


class ThemeList(Schema):
    count: int
    items: list[ThemeOut]


def theme_out(t: Theme) -> dict[str, Any]:
    return {
        "id": t.pk,
        "programme": t.programme.slug,
        "name": t.name,
        "description": t.description,
        "version": t.version,
    }


@router.get(
    "/programmes/{slug}/themes/",
    response={200: ThemeList, **READ_ERRORS},
    summary="A programme's cross-cutting themes",
)
def theme_list(request: HttpRequest, slug: str) -> dict[str, Any]:
    programme = programme_selectors.programme_get(slug=slug)
    items = [theme_out(t) for t in selectors.themes_of(programme=programme)]
    return {"count": len(items), "items": items}


@router.post(
    "/themes/",
    response={201: ThemeOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Add a cross-cutting theme (coordinator, municipality administrator)",
)
def theme_create(request: HttpRequest, payload: ThemeIn) -> Status[dict[str, Any]]:
    programme = programme_selectors.programme_get(slug=payload.programme)
    theme = services.theme_create(
        by=request.user, programme=programme, name=payload.name, description=payload.description
    )
    return Status(201, theme_out(selectors.theme_get(pk=theme.pk)))


@router.patch(
    "/themes/{theme_id}/",
    response={200: ThemeOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Change a cross-cutting theme (coordinator, municipality administrator)",
    description="Send the `version` you read; a stale one answers 409 and changes nothing.",
)
def theme_update(request: HttpRequest, theme_id: Id, payload: ThemePatch) -> dict[str, Any]:
    theme = selectors.theme_get(pk=theme_id)
    services.theme_update(
        by=request.user,
        theme=theme,
        version=payload.version,
        name=payload.name or theme.name,
        description=_or(payload.description, theme.description),
    )
    return theme_out(selectors.theme_get(pk=theme_id))
