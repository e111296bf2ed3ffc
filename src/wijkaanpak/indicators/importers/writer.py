"""Validate a whole file into a staging table, then merge it into the observations in one
transaction (merge.py). Memory stays bounded: values go to the database in batches, duplicates
and replacements are found with SQL. Well-formed long CSV files take a fast path (fastlong.py)."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user
from wijkaanpak.areas.services import area_country, areas_define, is_country_code, municipality_code
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.core.tabular import TooLarge
from wijkaanpak.indicators.importers import fastlong
from wijkaanpak.indicators.importers.base import Parser
from wijkaanpak.indicators.importers.common import TabularError, read_value
from wijkaanpak.indicators.importers.merge import STAGE, merge
from wijkaanpak.indicators.importers.ownership import check_ownership
from wijkaanpak.indicators.models import ImportRun, Indicator

BATCH = 20_000
#: The codes of created areas listed in an import report (all are counted).
AREAS_ADDED_LISTED = 500
COLUMNS = "row_no, indicator_id, area_id, period, reference_date, value, missing_reason, source"


class _DryRun(Exception):
    def __init__(self, report: dict[str, Any]) -> None:
        super().__init__("dry run")
        self.report = report


def _stage_create(cursor: Any) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {STAGE} (row_no integer, indicator_id integer, "
        "area_id integer, period integer, reference_date date, value double precision, "
        "missing_reason varchar(100), source varchar(300))"
    )


_NULL = "\\N"
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


@functools.lru_cache(maxsize=4096)
def _copy_escape(text: str) -> str:
    """A string for PostgreSQL's COPY text format (few distinct sources and reasons)."""
    return text.translate(_ESCAPES)


def _stage_insert(cursor: Any, batch: list[list[Any]]) -> None:
    if not batch:
        return
    if connection.vendor == "postgresql":
        # COPY text written in one piece: several times faster than write_row per value.
        text = "".join(
            f"{r[0]}\t{r[1]}\t{r[2]}\t{r[3]}\t{_NULL if r[4] is None else r[4]}\t"
            f"{_NULL if r[5] is None else repr(r[5])}\t{_copy_escape(r[6])}\t"
            f"{_copy_escape(r[7])}\n"
            for r in batch
        )
        with cursor.cursor.copy(f"COPY {STAGE} ({COLUMNS}) FROM STDIN") as copy:
            copy.write(text)
    else:
        cursor.executemany(
            f"INSERT INTO {STAGE} ({COLUMNS}) VALUES (%s,%s,%s,%s,%s,%s,%s,%s)", batch
        )


#: SQLite page cache while importing, in KiB. The default (2 MB) makes each insert into the
#: observation indexes of a national table read pages again: with 256 MB a national year into
#: 15 M observations took 20 s instead of 28 s. A fixed bound, restored afterwards.
SQLITE_IMPORT_CACHE_KIB = 262_144


@contextlib.contextmanager
def _sqlite_cache() -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def run_import(
    *,
    parser: Parser,
    fmt: str,
    file_name: str,
    source: str,
    dry_run: bool,
    by: Actor,
    progress: Callable[[int], None] | None = None,
    allow_empty: bool = False,
    keep_unchanged_run: bool = True,
    municipalities: set[int] | None = None,
) -> dict[str, Any]:
    """`keep_unchanged_run=False`: an import that changed nothing leaves no ImportRun (the
    demo and derived indicators, so that running them again changes nothing).
    `municipalities`: the only municipalities whose figures the file may touch (ownership.py);
    None for every one (data stewards, the system)."""
    problems = parser.problems
    try:
        with _sqlite_cache(), transaction.atomic():
            report = _run(
                parser, fmt, file_name, source, dry_run, by, progress, allow_empty, municipalities
            )
            if not keep_unchanged_run and not report["values_written"] and report["import_id"]:
                ImportRun.objects.filter(pk=report["import_id"]).delete()
                report["import_id"] = None
            if dry_run:
                raise _DryRun(report)
    except _DryRun as dry:
        return dry.report
    except TabularError as fatal:  # Fatal, or a limit of the tabular reader
        if isinstance(fatal, TooLarge):  # the limit first, whatever came before it
            problems.add(fatal.message, row=fatal.row, column=fatal.column, first=True)
        else:
            problems.add(fatal.message, row=fatal.row, column=fatal.column)
        raise InvalidInput(
            _("%(file)s: the file cannot be imported") % {"file": file_name},
            errors=problems.errors,
        ) from fatal
    return report


def _run(
    parser: Parser,
    fmt: str,
    file_name: str,
    source: str,
    dry_run: bool,
    by: Actor,
    progress: Callable[[int], None] | None,
    allow_empty: bool = False,
    municipalities: set[int] | None = None,
) -> dict[str, Any]:
    """Stage the file, refuse it with every problem, or merge it and record the run."""
    from wijkaanpak.areas.models import Area

    run = ImportRun.objects.create(
        format=fmt,
        file_name=file_name[:300],
        source=source[:300],
        release="",
        year=parser.year,
        started_at=timezone.now(),
        by=acting_user(by),
    )
    with connection.cursor() as cursor:
        staging = _Staging(
            parser=parser,
            cursor=cursor,
            progress=progress,
            indicators={
                code: (pk, unit)
                for code, pk, unit in Indicator.objects.values_list("code", "id", "unit")
            },
            areas=dict(Area.objects.values_list("code", "id")),
        )
        _stage_create(cursor)
        staging.stage()
        _refuse_problems(parser, file_name=file_name, allow_empty=allow_empty)
        staging.flush()
        if municipalities is not None:
            check_ownership(
                cursor, parser=parser, file_name=file_name, municipalities=municipalities
            )
        if parser.defines_areas:
            staging.areas_define_all()
        else:
            _check_division_years(cursor, parser=parser, file_name=file_name)
        counts = _merge(cursor, run=run, parser=parser, source=source, file_name=file_name)
    _run_finish(run, staging=staging, counts=counts)
    report = import_report(run, dry_run=dry_run)
    report["areas_added"] = staging.areas_added[:AREAS_ADDED_LISTED]
    return report


@dataclass
class _Staging:
    """Validates the parser's items into the staging table, in batches: indicators the file
    defines are created, areas it defines are created when a batch is flushed."""

    parser: Parser
    cursor: Any
    progress: Callable[[int], None] | None
    indicators: dict[str, tuple[int, str]]
    areas: dict[str, int]
    batch: list[list[Any]] = field(default_factory=list)
    pending: set[str] = field(default_factory=set)
    indicators_created: int = 0
    areas_created: int = 0
    areas_added: list[str] = field(default_factory=list)
    skipped_values: int = 0

    def stage(self) -> None:
        """The fast path for a plain long CSV file, else one item at a time."""
        if fastlong.eligible(self.parser):
            skipped = fastlong.stage(
                self.parser,  # type: ignore[arg-type]
                self.cursor,
                table=STAGE,
                columns=COLUMNS,
                indicators=self.indicators,
                areas=self.areas,
                escape=_copy_escape,
                progress=self.progress,
            )
            if skipped is not None:
                self.skipped_values = skipped
                return
        self.stage_items()

    def stage_items(self) -> None:
        # The loop runs once per value: lookups and the plain-number case stay inline, the
        # rare cases (a new indicator or area, Dutch notation, a problem) are methods.
        parser, batch = self.parser, self.batch
        indicators, areas = self.indicators, self.areas
        for row, column, ind_code, area_code, period, ref, raw, src in parser.items():
            dutch = parser.dutch
            ind = indicators.get(ind_code) or self.indicator_new(ind_code, row)
            if ind is None:
                continue
            area_id: int | str | None = areas.get(area_code) or self.area_new(area_code, row)
            if area_id is None:
                continue
            # Plain numbers (most values) go through float(), which ignores surrounding blanks
            # as read_value does; `v - v == 0` is false for inf and nan.
            plain = type(raw) is str and not (dutch and "." in raw) and "_" not in raw
            try:
                value = float(raw) if plain else None  # type: ignore[arg-type]
            except ValueError:
                value = None
            missing = ""
            if value is None or value - value != 0:
                read = self.value_read(raw, row=row, column=column, dutch=dutch)
                if read is None:
                    continue
                value, missing = read
            if value is not None and ind[1] == "percent" and not 0 <= value <= 100:
                self.not_a_percentage(value, row=row, column=column)
                continue
            batch.append([row, ind[0], area_id, period, ref, value, missing, src[:300]])
            if len(batch) >= BATCH:
                self.batch_full()

    def indicator_new(self, code: str, row: int) -> tuple[int, str] | None:
        """An indicator the file defines (created), or a problem."""
        spec = self.parser.specs.get(code) if self.parser.creates_indicators else None
        if spec is None:
            self.parser.problems.add(
                _("Unknown indicator '%(code)s'; expected the code of an existing indicator")
                % {"code": code},
                row=row,
                column="indicator",
            )
            return None
        created = Indicator.objects.create(
            code=spec.code,
            name_nl=spec.name[:300],
            unit=spec.unit,
            direction=spec.direction,
            source=spec.source[:300],
            definition=spec.definition,
            created_by_import=True,
        )
        self.indicators_created += 1
        ind = self.indicators[code] = (created.pk, created.unit)
        return ind

    def area_new(self, code: str, row: int) -> int | str | None:
        """The country (NL00, NL01: always known), an area the file defines (created when
        the batch is flushed), or a problem: other files are checked against the registry."""
        if is_country_code(code):
            area_id = self.areas[code] = self.areas.get("NL00") or area_country().pk
            return area_id
        if not self.parser.defines_areas:
            self.parser.problems.add(
                _(
                    "Unknown area code '%(code)s': it is not in the area registry; expected "
                    "the code of an existing area (e.g. WK034403), or import the CBS file "
                    "that defines it first (Kerncijfers wijken en buurten)"
                )
                % {"code": code},
                row=row,
                column=self.parser.area_column,
            )
            return None
        self.pending.add(code)
        return code

    def division_year(self) -> int | None:
        return self.parser.division_year or self.parser.year

    def areas_define_all(self) -> None:
        """Record the division year of every area the file defines (new ones were created
        when their batch was flushed)."""
        parser = self.parser
        self.areas_added.extend(
            areas_define(
                codes=parser.area_codes,
                names=parser.area_names,
                year=self.division_year(),
                known=self.areas,
            )
        )
        self.areas_created = len(self.areas_added)

    def value_read(
        self, raw: Any, *, row: int, column: str, dutch: bool
    ) -> tuple[float | None, str] | None:
        """(value, missing reason) of a cell that is not a plain number; None for an empty
        cell (counted as skipped) or a problem."""
        try:
            value, missing = read_value(raw, dutch=dutch)
        except ValueError:
            self.parser.problems.add(
                _(
                    "'%(value)s' is not a number; expected a number such as 18,2 or 18.2, "
                    "or '.' for no figure"
                )
                % {"value": raw},
                row=row,
                column=column,
            )
            return None
        if value is None and not missing:
            self.skipped_values += 1
            return None
        return value, missing

    def not_a_percentage(self, value: float, *, row: int, column: str) -> None:
        self.parser.problems.add(
            _("%(value)s is not a percentage; expected a number from 0 to 100")
            % {"value": f"{value:g}"},
            row=row,
            column=column,
        )

    def batch_full(self) -> None:
        if self.parser.problems.total:
            self.batch.clear()  # keep validating, but stop staging: it will be refused
            self.pending.clear()
        else:
            self.flush()

    def flush(self) -> None:
        """Create the pending areas, then stage the batch."""
        if self.pending:
            self.areas_added.extend(
                areas_define(
                    codes=self.pending,
                    names=self.parser.area_names,
                    year=self.division_year(),
                    known=self.areas,
                )
            )
            self.areas_created = len(self.areas_added)
            for item in self.batch:
                if isinstance(item[2], str):
                    item[2] = self.areas[item[2]]
            self.pending.clear()
        _stage_insert(self.cursor, self.batch)
        self.batch.clear()
        if self.progress:
            self.progress(self.parser.rows_read)


def _refuse_problems(parser: Parser, *, file_name: str, allow_empty: bool) -> None:
    problems = parser.problems
    if problems.total == 0 and parser.rows_read == 0 and not allow_empty:
        problems.add(_("The file has a header but no rows; expected at least one row"), row=2)
    if problems.total:
        raise InvalidInput(
            _("%(file)s: %(n)s error(s); nothing was imported")
            % {"file": file_name, "n": problems.total},
            errors=problems.errors,
        )


def _check_division_years(cursor: Any, *, parser: Parser, file_name: str) -> None:
    """Refuse figures of an area for a year in which the registry knows its gemeente's
    division but not the area (a buurt that was re-divided, or that is newer): the area's
    division years must include the period. Where the registry knows no division of that
    year for the gemeente, the figures are accepted."""
    from wijkaanpak.areas.models import Area, AreaLevel

    municipalities = {
        code: (first or last, last)
        for code, first, last in Area.objects.filter(
            level=AreaLevel.MUNICIPALITY, division_year__isnull=False
        ).values_list("code", "first_division_year", "division_year")
    }
    if not municipalities:  # no division known: nothing to check (and no scan of the stage)
        return
    cursor.execute(f"SELECT area_id, period, MIN(row_no) FROM {STAGE} GROUP BY area_id, period")
    pairs = cursor.fetchall()
    ids = {a for a, _p, _r in pairs}
    ranges = {
        pk: (code, first or last, last)
        for pk, code, first, last in Area.objects.filter(
            pk__in=ids, division_year__isnull=False
        ).values_list("id", "code", "first_division_year", "division_year")
    }
    if not ranges:
        return
    problems = parser.problems
    for area_id, period, row in sorted(pairs, key=lambda p: p[2]):
        if area_id not in ranges:
            continue
        code, first, last = ranges[area_id]
        known = municipalities.get(municipality_code(code) or "")
        if known is None or not known[0] <= period <= known[1] or first <= period <= last:
            continue
        problems.add(
            _(
                "Area code '%(code)s' is not in the %(year)s division of the area registry "
                "(it is in the division of %(first)s–%(last)s); expected the code of an "
                "area of the %(year)s division"
            )
            % {"code": code, "year": period, "first": first, "last": last},
            row=row,
            column=parser.area_column,
        )
    _refuse_problems(parser, file_name=file_name, allow_empty=True)


def _merge(
    cursor: Any, *, run: ImportRun, parser: Parser, source: str, file_name: str
) -> tuple[int, int, int]:
    """Merge the staged values into the observations: (written, replaced, unchanged)."""
    if connection.vendor == "postgresql":
        # Row counts for the planner: without them the merge's joins may pick a nested loop.
        cursor.execute(f"ANALYZE {STAGE}")
    run.release = (source or parser.default_source() or file_name)[:300]
    run.year = parser.year
    run.source = run.source or parser.default_source()[:300]
    counts = merge(cursor, run=run, file_name=file_name)
    cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
    return counts


def _run_finish(run: ImportRun, *, staging: _Staging, counts: tuple[int, int, int]) -> None:
    parser = staging.parser
    skipped = [
        {"reason": reason, "count": count, "rows": parser.skipped_examples.get(reason, [])}
        for reason, count in parser.skipped.items()
    ]
    if staging.skipped_values:
        skipped.append(
            {"reason": "empty cell (no value)", "count": staging.skipped_values, "rows": []}
        )
    run.rows_read = parser.rows_read
    run.values_written, run.values_replaced, run.values_unchanged = counts
    run.rows_skipped = sum(parser.skipped.values())
    run.areas_created = staging.areas_created
    run.indicators_created = staging.indicators_created
    run.skipped = skipped
    run.finished_at = timezone.now()
    run.save()


def import_report(run: ImportRun, *, dry_run: bool = False) -> dict[str, Any]:
    return {
        "import_id": None if dry_run else run.pk,
        "file": run.file_name,
        "format": run.format,
        "source": run.source,
        "release": run.release,
        "year": run.year,
        "dry_run": dry_run,
        "rows_read": run.rows_read,
        "values_written": run.values_written,
        "values_replaced": run.values_replaced,
        "values_unchanged": run.values_unchanged,
        "rows_skipped": run.rows_skipped,
        "skipped": run.skipped,
        "areas_created": run.areas_created,
        "indicators_created": run.indicators_created,
    }
