"""The audit log (privacy officer)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest

from wijkaanpak.core.api_utils import READ_ERRORS, Id, Limit, Offset, Problem, paginate
from wijkaanpak.outreach import selectors
from wijkaanpak.outreach.api.base import Out, router


class AuditOut(Out):
    id: int
    at: dt.datetime
    username: str
    action: str
    record_type: str
    record_id: int
    source: str
    programme: int | None


class AuditList(Out):
    count: int
    items: list[AuditOut]


@router.get("/audit-log/", response={200: AuditList, 400: Problem, **READ_ERRORS})
def audit_log(
    request: HttpRequest,
    record_type: str | None = None,
    username: str | None = None,
    record_id: Id | None = None,
    household: Id | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The audit log of the programmes the caller is privacy officer of (others get 404). One
    entry per object a page or answer showed, with its programme's id; `record_type` with `record_id` answers who saw one record, `household`
    who saw anything of one household."""
    qs = selectors.audit_log_list(
        user=request.user,
        record_type=record_type,
        username=username,
        record_id=record_id,
        household=household,
    )
    fields = ("id", "at", "username", "action", "record_type", "record_id", "source", "programme")
    return paginate(qs.values(*fields), limit=limit, offset=offset, serialize=dict)
