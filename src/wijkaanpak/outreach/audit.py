"""Writing the audit log: one entry per personal-data record read or written, in one INSERT."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
from django.utils import timezone

from wijkaanpak.accounts.actors import Actor
from wijkaanpak.core import db
from wijkaanpak.outreach.models import AuditAction, AuditLogEntry

_COLUMNS = (
    "at",
    "user_id",
    "username",
    "action",
    "record_type",
    "record_id",
    "source",
    "programme_id",
)

# The programme of every entry: one id for all of them (a household's page), or one per record
# (a page of referrals of several programmes), in the order of the records. Required: an entry
# that names no programme would be shown to no privacy officer, or to the wrong one.
Programmes = int | Sequence[int]


def _programme_ids(programme: Programmes, count: int) -> list[int]:
    """One programme id per record; fails closed on a missing or mismatched programme."""
    if isinstance(programme, bool) or programme is None:
        raise TypeError("audit_record needs the programme of the records")
    if isinstance(programme, int):
        return [programme] * count
    ids = [int(pk) for pk in programme]
    if len(ids) != count:
        raise ValueError(f"{len(ids)} programmes for {count} audited records")
    return ids


def _insert_sql(rows: int) -> str:
    qn = connection.ops.quote_name
    row = "(" + ", ".join(["%s"] * len(_COLUMNS)) + ")"
    return (
        f"INSERT INTO {qn(AuditLogEntry._meta.db_table)} "
        f"({', '.join(qn(c) for c in _COLUMNS)}) VALUES {', '.join([row] * rows)}"
    )


@functools.cache
def _unnest_sql() -> str:
    """One kind of record, one programme: the ids travel as one array."""
    qn = connection.ops.quote_name
    return (
        f"INSERT INTO {qn(AuditLogEntry._meta.db_table)} "
        f"({', '.join(qn(c) for c in _COLUMNS)}) "
        "SELECT %s, %s, %s, %s, %s, unnest(%s::bigint[]), %s, %s"
    )


@functools.cache
def _unnest_mixed_sql() -> str:
    """Records of several kinds or programmes: three arrays of the same length."""
    qn = connection.ops.quote_name
    return (
        f"INSERT INTO {qn(AuditLogEntry._meta.db_table)} "
        f"({', '.join(qn(c) for c in _COLUMNS)}) "
        "SELECT %s, %s, %s, %s, t.record_type, t.record_id, %s, t.programme_id"
        " FROM unnest(%s::varchar[], %s::bigint[], %s::bigint[])"
        " AS t(record_type, record_id, programme_id)"
    )


def _who(user: Actor | None) -> tuple[Any, str, int | None]:
    at = connection.ops.adapt_datetimefield_value(timezone.now())
    username = getattr(user, "username", "") or "system"
    user_id = getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None
    return at, username, user_id


def audit_records(
    *,
    user: Actor | None,
    action: AuditAction | str,
    records: Iterable[tuple[str, int]],
    source: str,
    programme: Programmes,
) -> int:
    """Append one entry per (record_type, record_id): what one page or answer showed, of
    several kinds (a household with its visits, conversations, agreements and referrals).
    `programme`: the records' programme, or one per record. One INSERT whatever the count,
    the kinds and the programmes, like audit_record()."""
    pairs = [(str(kind), int(pk)) for kind, pk in records]
    programmes = _programme_ids(programme, len(pairs))
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
            programme=programmes[0] if len(set(programmes)) == 1 else programmes,
        )
    return _write(user=user, action=action, pairs=pairs, programmes=programmes, source=source[:300])


def audit_record(
    *,
    user: Actor | None,
    action: AuditAction | str,
    record_type: str,
    record_ids: Iterable[int],
    source: str,
    programme: Programmes,
) -> int:
    """Append one entry per record; returns how many. One multi-row INSERT whatever the count,
    executed before the caller builds its response (in the caller's transaction if any).
    `programme`: the programme the records belong to (through their campaign), or one per
    record in the order of `record_ids`; required, so that no entry goes unassigned.

    A raw INSERT rather than bulk_create: building model instances and the ORM's per-object
    bookkeeping cost more than the write itself on a 50-item list page. Nothing here can
    update or delete an entry; the log stays append-only (AppendOnlyQuerySet guards the ORM).
    """
    ids = [int(pk) for pk in record_ids]
    programmes = _programme_ids(programme, len(ids))
    if not ids:
        return 0
    source = source[:300]
    if connection.vendor == "postgresql" and len(set(programmes)) == 1:
        # Eight parameters whatever the count: the ids travel as one array.
        at, username, user_id = _who(user)
        db.execute(
            _unnest_sql(),
            [at, user_id, username, str(action), record_type, ids, source, programmes[0]],
        )
        return len(ids)
    return _write(
        user=user,
        action=action,
        pairs=[(record_type, pk) for pk in ids],
        programmes=programmes,
        source=source,
    )


def _write(
    *,
    user: Actor | None,
    action: AuditAction | str,
    pairs: list[tuple[str, int]],
    programmes: list[int],
    source: str,
) -> int:
    """Records of several kinds or programmes: on PostgreSQL one INSERT from three arrays,
    on SQLite (which limits the parameters per statement) a multi-row INSERT in chunks."""
    at, username, user_id = _who(user)
    if connection.vendor == "postgresql":
        db.execute(
            _unnest_mixed_sql(),
            [
                at,
                user_id,
                username,
                str(action),
                source,
                [kind for kind, _pk in pairs],
                [pk for _kind, pk in pairs],
                programmes,
            ],
        )
        return len(pairs)
    params: list[Any] = []
    for (record_type, pk), programme_id in zip(pairs, programmes, strict=True):
        params.extend((at, user_id, username, str(action), record_type, pk, source, programme_id))
    chunk = max(1, (connection.features.max_query_params or len(params)) // len(_COLUMNS))
    with connection.cursor() as cursor:
        for start in range(0, len(pairs), chunk):
            n = min(chunk, len(pairs) - start)
            cursor.execute(
                _insert_sql(n),
                params[start * len(_COLUMNS) : (start + n) * len(_COLUMNS)],
            )
    return len(pairs)
