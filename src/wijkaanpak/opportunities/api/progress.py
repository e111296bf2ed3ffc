"""Progress updates on a kans: written, edited and deleted (author or coordinator)."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Schema, Status

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.core.api_utils import (
    WRITE_ERRORS,
    Date,
    Id,
    Version,
)
from wijkaanpak.opportunities import selectors, services
from wijkaanpak.opportunities.api.common import LongText, router
from wijkaanpak.opportunities.api.schemas import ProgressOut, progress_out


class ProgressIn(Schema):
    date: Date | None = None
    text: str = Field(..., min_length=1, max_length=10000)
    next_steps: str = Field("", max_length=10000)


@router.post(
    "/opportunities/{int:opportunity_id}/progress-updates/",
    response={201: ProgressOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Add a progress update (editor)",
)
def progress_update_create(
    request: HttpRequest, opportunity_id: Id, payload: ProgressIn
) -> Status[dict[str, Any]]:
    opportunity = selectors.opportunity_get(pk=opportunity_id)
    update = services.progress_update_create(
        opportunity=opportunity,
        date=payload.date or timezone.localdate(),
        text=payload.text,
        next_steps=payload.next_steps,
        by=request.user,
    )
    return Status(201, progress_out(update))


# --- progress updates: edit and delete (author or coordinator) ----------------------------


class ProgressPatch(Schema):
    version: Version
    date: Date | None = None
    text: Annotated[str, Field(min_length=1, max_length=10000)] | None = None
    next_steps: LongText | None = None


@router.patch(
    "/progress-updates/{int:update_id}/",
    response={200: ProgressOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Change a progress update (its author or a coordinator); stale `version`: 409",
)
def progress_update_update(
    request: HttpRequest, update_id: Id, payload: ProgressPatch
) -> dict[str, Any]:
    update = selectors.progress_update_get(pk=update_id)
    update = services.progress_update_update(
        update=update,
        version=payload.version,
        by=request.user,
        date=payload.date,
        text=payload.text,
        next_steps=payload.next_steps,
    )
    return progress_out(update)


@router.delete(
    "/progress-updates/{int:update_id}/",
    response={204: None, **WRITE_ERRORS},
    auth=logged_in,
    summary="Remove a progress update (its author or a coordinator); the history keeps it",
)
def progress_update_delete(request: HttpRequest, update_id: Id) -> Status[None]:
    update = selectors.progress_update_get(pk=update_id)
    services.progress_update_delete(update=update, by=request.user)
    return Status(204, None)
