"""The change history of a kans."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Schema

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.core.api_utils import (
    WRITE_ERRORS,
    Id,
    Limit,
    Offset,
    paginate,
)
from wijkaanpak.opportunities import selectors
from wijkaanpak.opportunities.api.common import router

# --- change history ---------------------------------------------------------------------


class ChangeOut(Schema):
    field: str
    label: str
    old: str | None
    new: str | None


class HistoryEntryOut(Schema):
    at: dt.datetime
    by: str | None
    object_type: str
    object: str
    action: str
    changes: list[ChangeOut]


class HistoryList(Schema):
    count: int
    items: list[HistoryEntryOut]


@router.get(
    "/opportunities/{int:opportunity_id}/history/",
    response={200: HistoryList, **WRITE_ERRORS},
    auth=logged_in,
    summary="Every change to a kans, its coalition, measures and progress (programme team)",
)
def opportunity_history(
    request: HttpRequest, opportunity_id: Id, limit: Limit = 100, offset: Offset = 0
) -> dict[str, Any]:
    o = selectors.opportunity_get(pk=opportunity_id)
    entries = selectors.opportunity_history_for(user=request.user, opportunity=o)
    return paginate(
        entries,
        limit=limit,
        offset=offset,
        serialize=lambda e: {
            "at": e.at,
            "by": e.by,
            "object_type": e.object_type,
            "object": e.object_label,
            "action": e.action,
            "changes": [vars(c) for c in e.changes],
        },
    )
