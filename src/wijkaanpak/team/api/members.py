"""A programme's team: members, their roles and role history, deactivating a user."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Schema, Status

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.accounts.models import ProgrammeMembership, ProgrammeRole
from wijkaanpak.core.api_utils import (
    WRITE_ERRORS,
    Id,
    Limit,
    Offset,
    paginate,
)
from wijkaanpak.programmes import selectors as programme_selectors
from wijkaanpak.team import selectors, services
from wijkaanpak.team.api.common import router
from wijkaanpak.team.api.history import HISTORY_ERRORS, SetupChangeList, changes_out

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
