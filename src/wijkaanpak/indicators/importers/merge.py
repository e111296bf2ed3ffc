"""Merging the staging table into the observations with set-based SQL: duplicates refused,
unchanged values counted, replaced values kept as history, new values inserted."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.indicators.models import ImportRun

STAGE = "indicators_import_stage"


def _duplicates(cursor: Any, file_name: str) -> list[dict[str, Any]]:
    # Group by ids (codes are unique per id) and look up the codes of the few duplicates only.
    cursor.execute(
        "SELECT i.code, a.code, d.period, d.first_row, d.last_row, d.n FROM ("
        "SELECT indicator_id, area_id, period, MIN(row_no) AS first_row, MAX(row_no) AS last_row, "
        f"COUNT(*) AS n FROM {STAGE} GROUP BY indicator_id, area_id, period HAVING COUNT(*) > 1 "
        "ORDER BY MIN(row_no) LIMIT 100) d "
        "JOIN indicators_indicator i ON i.id = d.indicator_id "
        "JOIN areas_area a ON a.id = d.area_id ORDER BY d.first_row"
    )
    return [
        {
            "file": file_name,
            "row": last,
            "column": None,
            "message": _(
                "Duplicate: indicator %(indicator)s, area %(area)s, period %(period)s also in row "
                "%(first)s (%(count)s rows in all); expected one value per indicator, area and "
                "period"
            )
            % {"indicator": ind, "area": area, "period": period, "first": first, "count": count},
        }
        for ind, area, period, first, last, count in cursor.fetchall()
    ]


PROVISIONAL_WORDS = ("voorlopig", "provisional", "eerste publicatie", "first release")


def release_status(release: str) -> str:
    """A release named provisional or first (CBS publishes KWB figures in stages) gives
    provisional observations; anything else final."""
    text = release.lower()
    return "provisional" if any(w in text for w in PROVISIONAL_WORDS) else "final"


def merge(cursor: Any, *, run: ImportRun, file_name: str) -> tuple[int, int, int]:
    """Returns (written, replaced, unchanged); refuses duplicate rows with InvalidInput."""
    unchanged = replaced = 0
    if _any_current(cursor):
        _refuse_duplicates(cursor, file_name)
        unchanged, replaced = _unchanged_and_replaced(cursor, run=run)
    # Otherwise every staged value is inserted as current, and the unique index of the current
    # observations finds duplicates while inserting: no grouping of the whole file first.
    try:
        with transaction.atomic():
            cursor.execute(
                "INSERT INTO indicators_observation (indicator_id, area_id, period, "
                "reference_date, value, missing_reason, source, release, status, "
                "import_run_id, is_current) SELECT indicator_id, area_id, period, "
                "reference_date, value, missing_reason, source, "
                f"%s, %s, %s, %s FROM {STAGE}",
                [run.release, release_status(run.release), run.pk, True],
            )
    except IntegrityError:
        _refuse_duplicates(cursor, file_name)
        raise
    written = max(cursor.rowcount, 0)
    return written, replaced, unchanged


def _refuse_duplicates(cursor: Any, file_name: str) -> None:
    duplicates = _duplicates(cursor, file_name)
    if duplicates:
        raise InvalidInput(
            _("%(file)s: duplicate rows; nothing was imported") % {"file": file_name},
            errors=duplicates,
        )


def _any_current(cursor: Any) -> bool:
    """Is there a current observation for any staged area and period? Mostly not when a new
    year comes in: one index lookup per area and period instead of one per value."""
    cursor.execute(
        f"SELECT 1 FROM (SELECT DISTINCT area_id, period FROM {STAGE}) k "
        "WHERE EXISTS (SELECT 1 FROM indicators_observation o WHERE o.area_id = k.area_id "
        "AND o.period = k.period AND o.is_current) LIMIT 1"
    )
    return cursor.fetchone() is not None


def _unchanged_and_replaced(cursor: Any, *, run: ImportRun) -> tuple[int, int]:
    """Drops the staged values that equal the current ones (same release), then makes the
    current observations of the other staged values history."""
    same = "IS NOT DISTINCT FROM" if connection.vendor == "postgresql" else "IS"
    cursor.execute(
        f"DELETE FROM {STAGE} WHERE EXISTS (SELECT 1 FROM indicators_observation o "
        f"WHERE o.is_current AND o.indicator_id = {STAGE}.indicator_id "
        f"AND o.area_id = {STAGE}.area_id AND o.period = {STAGE}.period "
        f"AND o.value {same} {STAGE}.value AND o.missing_reason = {STAGE}.missing_reason "
        f"AND o.source = {STAGE}.source AND o.release = %s)",
        [run.release],
    )
    unchanged = max(cursor.rowcount, 0)
    cursor.execute(
        "UPDATE indicators_observation SET is_current = %s WHERE id IN ("
        f"SELECT o.id FROM {STAGE} s JOIN indicators_observation o "
        "ON o.indicator_id = s.indicator_id AND o.area_id = s.area_id AND o.period = s.period "
        "WHERE o.is_current)",
        [False],
    )
    replaced = max(cursor.rowcount, 0)
    return unchanged, replaced
