"""Writing the audit log: one entry per personal-data record read or written, in one INSERT."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.utils import timezone

from wijkaanpak.accounts.actors import Actor
from wijkaanpak.core import db
from wijkaanpak.outreach.models import AuditAction, AuditLogEntry

_COLUMNS = ("at", "user_id", "username", "action", "record_type", "record_id", "source")


def _insert_sql(rows: int) -> str:
    qn = connection.ops.quote_name
    row = "(" + ", ".join(["%s"] * len(_COLUMNS)) + ")"
    return (
        f"INSERT INTO {qn(AuditLogEntry._meta.db_table)} "
        f"({', '.join(qn(c) for c in _COLUMNS)}) VALUES {', '.join([row] * rows)}"
    )


@functools.cache
def _unnest_sql() -> str:
    qn = connection.ops.quote_name
    return (
        f"INSERT INTO {qn(AuditLogEntry._meta.db_table)} "
        f"({', '.join(qn(c) for c in _COLUMNS)}) "
        "SELECT %s, %s, %s, %s, %s, unnest(%s::bigint[]), %s"
    )


def audit_record(
    *,
    user: Actor | None,
    action: AuditAction | str,
    record_type: str,
    record_ids: Iterable[int],
    source: str,
) -> int:
    """Append one entry per record; returns how many. One multi-row INSERT whatever the count,
    executed before the caller builds its response (in the caller's transaction if any).

    A raw INSERT rather than bulk_create: building model instances and the ORM's per-object
    bookkeeping cost more than the write itself on a 50-item list page. Nothing here can
    update or delete an entry; the log stays append-only (AppendOnlyQuerySet guards the ORM).
    """
    ids = [int(pk) for pk in record_ids]
    if not ids:
        return 0
    at = connection.ops.adapt_datetimefield_value(timezone.now())
    username = getattr(user, "username", "") or "system"
    user_id = getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None
    row = (at, user_id, username, str(action), record_type)
    source = source[:300]
    if connection.vendor == "postgresql":
        # Seven parameters whatever the count: the ids travel as one array.
        db.execute(_unnest_sql(), [*row, ids, source])
        return len(ids)
    params: list[Any] = []
    for pk in ids:
        params.extend(row)
        params.append(pk)
        params.append(source)
    # One statement on PostgreSQL; SQLite limits the parameters per statement.
    chunk = max(1, (connection.features.max_query_params or len(params)) // len(_COLUMNS))
    with connection.cursor() as cursor:
        for start in range(0, len(ids), chunk):
            n = min(chunk, len(ids) - start)
            cursor.execute(
                _insert_sql(n),
                params[start * len(_COLUMNS) : (start + n) * len(_COLUMNS)],
            )
    return len(ids)
