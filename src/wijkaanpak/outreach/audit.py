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


@functools.cache
def _unnest_mixed_sql() -> str:
    qn = connection.ops.quote_name
    return (
        f"INSERT INTO {qn(AuditLogEntry._meta.db_table)} "
        f"({', '.join(qn(c) for c in _COLUMNS)}) "
        "SELECT %s, %s, %s, %s, t.record_type, t.record_id, %s"
        " FROM unnest(%s::varchar[], %s::bigint[]) AS t(record_type, record_id)"
    )


def audit_records(
    *,
    user: Actor,
    action: AuditAction | str,
    records: Iterable[tuple[str, int]],
    source: str,
) -> int:
    """Append one entry per (record_type, record_id): what one page or answer showed, of
    several kinds (a household with its visits, conversations, agreements and referrals).
    One INSERT whatever the count and the kinds, like audit_record()."""
    pairs = [(str(kind), int(pk)) for kind, pk in records]
    if not pairs:
        return 0
    kinds = {kind for kind, _pk in pairs}
    if len(kinds) == 1:
        return audit_record(
            user=user,
            action=action,
            record_type=kinds.pop(),
            record_ids=[pk for _kind, pk in pairs],
            source=source,
        )
    if connection.vendor == "postgresql":
        at = connection.ops.adapt_datetimefield_value(timezone.now())
        username = getattr(user, "username", "") or "system"
        user_id = user.pk if getattr(user, "is_authenticated", False) else None
        db.execute(
            _unnest_mixed_sql(),
            [
                at,
                user_id,
                username,
                str(action),
                source[:300],
                [kind for kind, _pk in pairs],
                [pk for _kind, pk in pairs],
            ],
        )
        return len(pairs)
    return _insert_rows(user=user, action=action, pairs=pairs, source=source)


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
    return _insert_rows(
        user=user, action=action, pairs=[(record_type, pk) for pk in ids], source=source
    )


def _insert_rows(
    *, user: Actor | None, action: AuditAction | str, pairs: list[tuple[str, int]], source: str
) -> int:
    """A multi-row INSERT (SQLite, which limits the parameters per statement: in chunks)."""
    at = connection.ops.adapt_datetimefield_value(timezone.now())
    username = getattr(user, "username", "") or "system"
    user_id = getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None
    source = source[:300]
    params: list[Any] = []
    for record_type, pk in pairs:
        params.extend((at, user_id, username, str(action), record_type, pk, source))
    chunk = max(1, (connection.features.max_query_params or len(params)) // len(_COLUMNS))
    with connection.cursor() as cursor:
        for start in range(0, len(pairs), chunk):
            n = min(chunk, len(pairs) - start)
            cursor.execute(
                _insert_sql(n),
                params[start * len(_COLUMNS) : (start + n) * len(_COLUMNS)],
            )
    return len(pairs)
