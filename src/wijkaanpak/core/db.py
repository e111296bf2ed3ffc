"""Plain SQL for the few statements every API request runs (docs/adr/0006).

On PostgreSQL they run as prepared statements: the server parses and plans each statement once
per connection instead of on every request, which took a third of its CPU for the referral
list. Elsewhere (SQLite, or DATABASE_PREPARED_STATEMENTS=false for a PgBouncer in transaction
mode before 1.21) they run through Django's cursor. Either way errors arrive as Django's
database errors and the statements show up in Django's query log (and so in the tests' query
counts).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import connection


def fetch_all(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    return _run(sql, params, fetch=True)


def execute(sql: str, params: Sequence[Any]) -> None:
    _run(sql, params, fetch=False)


def _run(sql: str, params: Sequence[Any], *, fetch: bool) -> list[tuple[Any, ...]]:
    if connection.vendor != "postgresql" or not settings.DATABASE_PREPARED_STATEMENTS:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall()) if fetch else []
    import psycopg

    connection.ensure_connection()
    connection.validate_no_broken_transaction()
    start = time.monotonic()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params, prepare=True)
        rows = list(cursor.fetchall()) if fetch else []
    if connection.queries_logged:
        connection.queries_log.append(
            {
                "sql": f"{sql} /* prepared; parameters {list(params)!r} */",
                "time": f"{time.monotonic() - start:.3f}",
            }
        )
    return rows
