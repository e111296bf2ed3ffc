"""Invitations to a programme's team."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema, Status

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.accounts.models import Invitation, ProgrammeRole
from wijkaanpak.core.api_utils import (
    WRITE_ERRORS,
    Id,
)
from wijkaanpak.programmes import selectors as programme_selectors
from wijkaanpak.team import selectors, services
from wijkaanpak.team.api.common import router
from wijkaanpak.team.api.history import HISTORY_ERRORS


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
