"""The change history of a programme's set-up (programme, ambitions, themes, roles)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.core.api_utils import (
    READ_ERRORS,
    Problem,
)
from wijkaanpak.programmes import selectors as programme_selectors
from wijkaanpak.team import selectors
from wijkaanpak.team.api.common import router
from wijkaanpak.team.selectors import Change

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
