"""Programmes in the API: the public list and detail (moved here from the programmes app, so
that `POST /programmes/` can share their path), creating and changing a programme, its ambitions
and cross-cutting themes (with `version` and history), and its team: members, invitations,
roles, deactivation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.accounts.models import Invitation, ProgrammeMembership, ProgrammeRole
from wijkaanpak.core.api_utils import (
    READ_ERRORS,
    WRITE_ERRORS,
    Id,
    Limit,
    Offset,
    Problem,
    paginate,
)
from wijkaanpak.core.api_utils import Version as VersionField
from wijkaanpak.programmes import selectors as programme_selectors
from wijkaanpak.programmes.models import Ambition, Programme, Theme
from wijkaanpak.team import selectors, services
from wijkaanpak.team.selectors import Change

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


# --- history ----------------------------------------------------------------------------


class SetupChangeOut(Schema):
    at: dt.datetime
    by: str | None
    kind: str = Field(..., description="created, changed or removed")
    subject: str
    changes: list[dict[str, Any]]


class SetupChangeList(Schema):
    count: int
    items: list[SetupChangeOut]


KINDS = {"+": "created", "~": "changed", "-": "removed"}


def _json(value: Any) -> Any:
    return value if value is None or isinstance(value, int | str | float | bool) else str(value)


def changes_out(changes: list[Change]) -> dict[str, Any]:
    return {
        "count": len(changes),
        "items": [
            {
                "at": c.at,
                "by": c.by or None,
                "kind": KINDS.get(c.kind, c.kind),
                "subject": c.subject,
                "changes": [
                    {
                        "field": d["field"],
                        "before": _json(d["before"]),
                        "after": _json(d["after"]),
                    }
                    for d in c.changes
                ],
            }
            for c in changes
        ],
    }


HISTORY_ERRORS: dict[int, Any] = {401: Problem, 403: Problem, **READ_ERRORS}


@router.get(
    "/programmes/{slug}/history/",
    response={200: SetupChangeList, **HISTORY_ERRORS},
    auth=logged_in,
    summary="Changes to a programme, its ambitions and themes (members, administrators)",
)
def programme_history(request: HttpRequest, slug: str) -> dict[str, Any]:
    programme = programme_selectors.programme_get(slug=slug)
    selectors.require_member(user=request.user, programme=programme)
    return changes_out(selectors.setup_history(programme=programme))


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


def _or(value: str | None, current: str) -> str:
    return current if value is None else value


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


# --- the team -------------------------------------------------------------------------------


class MemberOut(Schema):
    user_id: int
    username: str
    name: str
    email: str
    role: ProgrammeRole
    active: bool


class MemberList(Schema):
    count: int
    items: list[MemberOut]


def member_out(m: ProgrammeMembership) -> dict[str, Any]:
    return {
        "user_id": m.user_id,
        "username": m.user.username,
        "name": m.user.get_full_name(),
        "email": m.user.email,
        "role": m.role,
        "active": m.user.is_active,
    }


@router.get(
    "/programmes/{slug}/members/",
    response={200: MemberList, **HISTORY_ERRORS},
    auth=logged_in,
    summary="Who has access to the programme (coordinator, municipality administrator)",
)
def member_list(
    request: HttpRequest, slug: str, limit: Limit = 100, offset: Offset = 0
) -> dict[str, Any]:
    programme = programme_selectors.programme_get(slug=slug)
    selectors.require_manager(user=request.user, programme=programme)
    return paginate(
        selectors.members_of(programme=programme),
        limit=limit,
        offset=offset,
        serialize=member_out,
    )


class RoleIn(Schema):
    role: ProgrammeRole


@router.put(
    "/programmes/{slug}/members/{user_id}/",
    response={200: MemberOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Give a member another role (coordinator, municipality administrator)",
    description="A programme keeps at least one coordinator (409). New members come in "
    "through an invitation.",
)
def member_role_set(
    request: HttpRequest, slug: str, user_id: Id, payload: RoleIn
) -> dict[str, Any]:
    programme = programme_selectors.programme_get(slug=slug)
    selectors.require_manager(user=request.user, programme=programme)
    user = selectors.member_get(programme=programme, user_id=user_id)
    membership = services.membership_set(
        by=request.user, programme=programme, user=user, role=payload.role
    )
    return member_out(membership)


@router.delete(
    "/programmes/{slug}/members/{user_id}/",
    response={204: None, **WRITE_ERRORS},
    auth=logged_in,
    summary="Take a member's role in the programme (coordinator, municipality administrator)",
)
def member_remove(request: HttpRequest, slug: str, user_id: Id) -> Status[None]:
    programme = programme_selectors.programme_get(slug=slug)
    selectors.require_manager(user=request.user, programme=programme)
    user = selectors.member_get(programme=programme, user_id=user_id)
    services.membership_remove(by=request.user, programme=programme, user=user)
    return Status(204, None)


@router.get(
    "/programmes/{slug}/role-history/",
    response={200: SetupChangeList, **HISTORY_ERRORS},
    auth=logged_in,
    summary="Who gave or took which role, when (coordinator, municipality administrator)",
)
def role_history(request: HttpRequest, slug: str) -> dict[str, Any]:
    programme = programme_selectors.programme_get(slug=slug)
    selectors.require_manager(user=request.user, programme=programme)
    return changes_out(selectors.role_history(programme=programme))


class InvitationIn(Schema):
    email: str = Field(..., min_length=3, max_length=254)
    role: ProgrammeRole


class InvitationOut(Schema):
    id: int
    email: str
    role: ProgrammeRole
    created_at: dt.datetime
    expires_at: dt.datetime
    accepted_at: dt.datetime | None


class InvitationList(Schema):
    count: int
    items: list[InvitationOut]


def invitation_out(i: Invitation) -> dict[str, Any]:
    return {
        "id": i.pk,
        "email": i.email,
        "role": i.role,
        "created_at": i.created_at,
        "expires_at": i.expires_at,
        "accepted_at": i.accepted_at,
    }


@router.post(
    "/programmes/{slug}/invitations/",
    response={201: InvitationOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Invite someone by e-mail (coordinator, municipality administrator)",
    description=(
        "Mails a single-use link that ends after `INVITATION_LIFETIME_DAYS` (7 unless "
        "configured otherwise). Someone with this e-mail address who is already a member "
        "answers 409; a new invitation to the same address replaces the open one."
    ),
)
def invitation_create(
    request: HttpRequest, slug: str, payload: InvitationIn
) -> Status[dict[str, Any]]:
    programme = programme_selectors.programme_get(slug=slug)
    invitation = services.invitation_create(
        by=request.user, programme=programme, email=payload.email, role=payload.role
    )
    return Status(201, invitation_out(invitation))


@router.get(
    "/programmes/{slug}/invitations/",
    response={200: InvitationList, **HISTORY_ERRORS},
    auth=logged_in,
    summary="Open invitations (coordinator, municipality administrator)",
)
def invitation_list(request: HttpRequest, slug: str) -> dict[str, Any]:
    programme = programme_selectors.programme_get(slug=slug)
    selectors.require_manager(user=request.user, programme=programme)
    items = [invitation_out(i) for i in selectors.open_invitations_of(programme=programme)]
    return {"count": len(items), "items": items}


@router.delete(
    "/programmes/{slug}/invitations/{invitation_id}/",
    response={204: None, **WRITE_ERRORS},
    auth=logged_in,
    summary="Withdraw an invitation (coordinator, municipality administrator)",
)
def invitation_withdraw(request: HttpRequest, slug: str, invitation_id: Id) -> Status[None]:
    programme = programme_selectors.programme_get(slug=slug)
    selectors.require_manager(user=request.user, programme=programme)
    invitation = selectors.invitation_get(programme=programme, pk=invitation_id)
    services.invitation_withdraw(by=request.user, invitation=invitation)
    return Status(204, None)


class UserOut(Schema):
    id: int
    username: str
    active: bool


@router.post(
    "/users/{user_id}/deactivate/",
    response={200: UserOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Deactivate a user (municipality administrator, installation admin)",
    description=(
        "A municipality administrator deactivates users whose every role lies in their "
        "municipality. Their sessions and API tokens stop working at once."
    ),
)
def user_deactivate(request: HttpRequest, user_id: Id) -> dict[str, Any]:
    user = selectors.deactivatable_user_get(user=request.user, user_id=user_id)
    services.user_deactivate(by=request.user, user=user)
    return {"id": user.pk, "username": user.username, "active": user.is_active}
