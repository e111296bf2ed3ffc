"""A kans' coalition: listing, adding, changing and ending members."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Schema, Status

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.core.api_utils import (
    READ_ERRORS,
    WRITE_ERRORS,
    Date,
    Id,
    Version,
)
from wijkaanpak.opportunities import selectors, services
from wijkaanpak.opportunities.api.common import Text200, router
from wijkaanpak.opportunities.api.schemas import CoalitionOut, coalition_out
from wijkaanpak.opportunities.models import (
    CoalitionRole,
)

# --- coalition ------------------------------------------------------------------------------


class CoalitionList(Schema):
    count: int
    items: list[CoalitionOut]


class CoalitionIn(Schema):
    organisation: Id
    role: CoalitionRole
    joined_on: Date | None = None
    contact_function: Text200 = Field("", description="A function, never a person's name")


class CoalitionPatch(Schema):
    version: Version
    role: CoalitionRole | None = None
    joined_on: Date | None = None
    left_on: Date | None = None
    contact_function: Text200 | None = None


class CoalitionEnd(Schema):
    version: Version
    left_on: Date | None = None


@router.get(
    "/opportunities/{int:opportunity_id}/coalition/",
    response={200: CoalitionList, **READ_ERRORS},
    summary="The kans's coalition, current and ended memberships",
)
def coalition_list(request: HttpRequest, opportunity_id: Id) -> dict[str, Any]:
    o = selectors.opportunity_get(pk=opportunity_id)
    items = selectors.coalition_list(opportunity=o)
    return {"count": len(items), "items": [coalition_out(m) for m in items]}


@router.post(
    "/opportunities/{int:opportunity_id}/coalition/",
    response={201: CoalitionOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Add an organisation to the coalition (editor); the first member is the lead",
)
def coalition_add(
    request: HttpRequest, opportunity_id: Id, payload: CoalitionIn
) -> Status[dict[str, Any]]:
    from wijkaanpak.organisations.selectors import organisation_get_by_id

    o = selectors.opportunity_get(pk=opportunity_id)
    if not selectors.user_may_edit(user=request.user, programme=o.programme):
        raise services.editor_required()
    member = services.coalition_member_add(
        opportunity=o,
        organisation=organisation_get_by_id(pk=payload.organisation),
        role=payload.role,
        joined_on=payload.joined_on,
        contact_function=payload.contact_function,
        by=request.user,
    )
    return Status(201, coalition_out(member))


@router.patch(
    "/opportunities/{int:opportunity_id}/coalition/{int:member_id}/",
    response={200: CoalitionOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Change a coalition membership (editor); a stale `version` answers 409",
)
def coalition_update(
    request: HttpRequest, opportunity_id: Id, member_id: Id, payload: CoalitionPatch
) -> dict[str, Any]:
    o = selectors.opportunity_get(pk=opportunity_id)
    member = selectors.coalition_member_get(opportunity=o, pk=member_id)
    fields = payload.dict(exclude_unset=True, exclude={"version"})
    member = services.coalition_member_update(
        member=member, version=payload.version, by=request.user, **fields
    )
    return coalition_out(member)


@router.post(
    "/opportunities/{int:opportunity_id}/coalition/{int:member_id}/end/",
    response={200: CoalitionOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="End a coalition membership on a date (editor); its history stays",
)
def coalition_end(
    request: HttpRequest, opportunity_id: Id, member_id: Id, payload: CoalitionEnd
) -> dict[str, Any]:
    o = selectors.opportunity_get(pk=opportunity_id)
    member = selectors.coalition_member_get(opportunity=o, pk=member_id)
    member = services.coalition_member_end(
        member=member,
        left_on=payload.left_on or timezone.localdate(),
        version=payload.version,
        by=request.user,
    )
    return coalition_out(member)
