"""The Overvecht demo, loaded once per test run and copied into each test that needs it.

Loading the demo (`load_demo`) takes 15–25 seconds; about fifty tests and module worlds need it.
The first caller runs the real `load_demo` inside a savepoint, reads every row it wrote, and rolls
it back. `demo_restore()` then writes those rows again in well under a second: on SQLite with
`executemany`, on PostgreSQL with `COPY` and the identity sequences moved past the copied ids.
The copy is exact (the raw values of every column, primary keys included), so a test sees what
`load_demo` makes. Because the copy is plain inserts in the current transaction, it is rolled
back with the test (or the module's world) like any other data.

Tests that are about the loader itself (loading twice changes nothing, loading into a database
that already has data) still call `load_demo` for the second load.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model
from django.test import override_settings


@dataclass
class _Table:
    model: type[Model]
    name: str
    columns: list[str]
    # SQLite: the rows as raw storage values; PostgreSQL: the COPY text.
    rows: list[tuple[object, ...]]
    copy_text: bytes


_snapshot: list[_Table] | None = None


def _models() -> list[type[Model]]:
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    ]


def _qn(name: str) -> str:
    return str(connection.ops.quote_name(name))


def _read(model: type[Model]) -> tuple[list[str], list[tuple[object, ...]], bytes]:
    table = model._meta.db_table
    columns = [f.column for f in model._meta.local_concrete_fields]
    # In primary key order, so that two reads of the same rows compare equal.
    order = _qn(model._meta.pk.column)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.BytesIO()
            select = f"SELECT {', '.join(map(_qn, columns))} FROM {_qn(table)} ORDER BY {order}"
            sql = f"COPY ({select}) TO STDOUT"
            with cursor.cursor.copy(sql) as copy:
                for chunk in copy:
                    buffer.write(chunk)
            return columns, [], buffer.getvalue()
        # `+column` is an expression: SQLite gives its stored value without Django's converters.
        cursor.execute(
            f"SELECT {', '.join('+' + _qn(c) for c in columns)} FROM {_qn(table)} ORDER BY {order}"
        )
        return columns, [tuple(row) for row in cursor.fetchall()], b""


def _count(model: type[Model]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {_qn(model._meta.db_table)}")
        return int(cursor.fetchone()[0])


def demo_snapshot() -> list[_Table]:
    """The rows `load_demo` writes into a freshly migrated database (made on first use)."""
    global _snapshot
    if _snapshot is not None:
        return _snapshot
    models = _models()
    before = {m: _read(m) for m in models}
    tables = []
    with transaction.atomic():
        with override_settings(DEBUG=True):  # the demo users are only made with DEBUG on
            call_command("load_demo", stdout=io.StringIO())
        for model in models:
            columns, rows, text = _read(model)
            if (rows, text) == before[model][1:]:
                continue
            if before[model][1] or before[model][2]:
                raise AssertionError(
                    f"load_demo changed {model._meta.db_table}, which has rows before the demo "
                    "is loaded: tests/demo_db.py copies only tables that start empty"
                )
            tables.append(_Table(model, model._meta.db_table, columns, rows, text))
        transaction.set_rollback(True)
    _snapshot = tables
    return tables


def demo_restore() -> None:
    """Write the demo into the (migrated, empty) test database, as `load_demo` would."""
    tables = demo_snapshot()
    with transaction.atomic():
        for table in tables:
            if _count(table.model):
                raise AssertionError(
                    f"{table.name} is not empty: copy the demo into an empty database only "
                    "(call load_demo to load it over existing data)"
                )
        with connection.cursor() as cursor:
            for table in tables:
                columns = ", ".join(map(_qn, table.columns))
                if connection.vendor == "postgresql":
                    sql = f"COPY {_qn(table.name)} ({columns}) FROM STDIN"
                    with cursor.cursor.copy(sql) as copy:
                        copy.write(table.copy_text)
                else:
                    marks = ", ".join(["%s"] * len(table.columns))
                    cursor.executemany(
                        f"INSERT INTO {_qn(table.name)} ({columns}) VALUES ({marks})", table.rows
                    )
            for sql in connection.ops.sequence_reset_sql(no_style(), [t.model for t in tables]):
                cursor.execute(sql)
