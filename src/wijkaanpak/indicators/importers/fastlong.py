"""A fast path for the common case of the long CSV format: plain, well-formed text.

The exact path (LongParser.items() and the writer's loop) handles one value at a time in
Python. Here the file is read in blocks of lines; each block is split into columns with
string operations, and codes, periods, sources and values are translated through small
tables built from their distinct values. The staging table receives each block in one piece
(COPY on PostgreSQL, executemany on SQLite).

Anything unusual (quotes, a row of another width, an unknown code, a value that is not a plain
number, a percentage out of range, an undecodable byte ...) stops the fast path: the caller
empties the staging table, rewinds the file and runs the exact path, which finds and words the
errors. So every message and every refusal stays exactly as the exact path makes it, and a
well-formed file is staged with the same values, row numbers, counts and skipped rows.
"""

from __future__ import annotations

import codecs
import math
from collections.abc import Callable, Iterator
from itertools import compress, repeat
from operator import itemgetter
from typing import IO, Any

from django.db import connection

from wijkaanpak.indicators.importers.common import TabularError, clean_code, is_zip, read_value
from wijkaanpak.indicators.importers.monitor import LONG_COLUMNS, LongParser, parse_period

#: Bytes read per block (whole lines): bounded memory, few round trips.
BLOCK_BYTES = 1 << 20
#: The csv module's default field size limit: longer lines go the exact way.
_MAX_LINE = 131_072
_NULL = "\\N"
#: Distinct cells kept per column (the exact path's memo bounds): a file with more (a source per
#: row, say) goes the exact way, so that memory stays bounded.
MAX_DISTINCT = {"indicator": 100_000, "area": 200_000, "period": 10_000, "source": 10_000}


class Unusual(Exception):
    """The file needs the exact path."""


def eligible(parser: Any) -> bool:
    stream = parser.stream
    return type(parser) is LongParser and hasattr(stream, "seekable") and stream.seekable()


def stage(
    parser: LongParser,
    cursor: Any,
    *,
    table: str,
    columns: str,
    indicators: dict[str, tuple[int, str]],
    areas: dict[str, int],
    escape: Callable[[str], str],
    progress: Callable[[int], None] | None = None,
) -> int | None:
    """Stage the whole file and return the number of empty value cells (skipped), or None when
    the file needs the exact path; then the staging table is empty and the stream and the
    parser are as before."""
    stream = parser.stream
    start = stream.tell()
    try:
        return _stage(parser, cursor, table, columns, indicators, areas, escape, progress)
    except (Unusual, TabularError):
        cursor.execute(f"DELETE FROM {table}")
        stream.seek(start)
        parser.rows_read = 0
        parser.dutch = False
        parser.skipped.clear()
        parser.skipped_examples.clear()
        return None


def _header(parser: LongParser) -> tuple[str, list[str]]:
    if is_zip(parser.stream):
        raise Unusual
    first = parser.stream.readline(_MAX_LINE)
    if len(first) >= _MAX_LINE:
        raise Unusual
    if first.startswith(codecs.BOM_UTF8):
        first = first[len(codecs.BOM_UTF8) :]
    try:
        line = first.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Unusual from exc
    if not line.strip() or '"' in line or "\r" in line.rstrip("\r\n") or "\x00" in line:
        raise Unusual
    delimiter = max([";", ",", "\t"], key=line.count)
    if line.count(delimiter) == 0:
        raise Unusual
    return delimiter, [h.strip() for h in line.rstrip("\r\n").split(delimiter)]


def _stage(
    parser: LongParser,
    cursor: Any,
    table: str,
    columns: str,
    indicators: dict[str, tuple[int, str]],
    areas: dict[str, int],
    escape: Callable[[str], str],
    progress: Callable[[int], None] | None,
) -> int:
    delimiter, header = _header(parser)
    lower = [h.lower() for h in header]
    if any(c not in lower for c in LONG_COLUMNS):
        raise Unusual
    i_ind, i_area, i_per, i_val, i_src = (lower.index(c) for c in LONG_COLUMNS)
    n = len(header)
    dutch = parser.dutch = delimiter == ";"
    postgres = connection.vendor == "postgresql"
    default_source = parser.source
    # Translations of distinct raw cells, kept across blocks (bounded as in the exact path).
    ind_ids: dict[str, Any] = {}
    ind_percent: dict[str, bool] = {}
    area_ids: dict[str, Any] = {}
    periods: dict[str, tuple[Any, Any, str]] = {}
    sources: dict[str, str] = {}
    row_no = 2
    skipped_values = 0
    max_rows = parser.limits.max_rows
    for block in _blocks(parser.stream):
        try:
            text = block.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Unusual from exc
        if "\r" in text:
            text = text.replace("\r\n", "\n")
        if '"' in text or "\r" in text or "\x00" in text:
            raise Unusual
        rows = text.split("\n")
        if rows[-1] == "":
            rows.pop()
        if max(map(len, rows)) >= _MAX_LINE:
            raise Unusual
        numbers = list(range(row_no, row_no + len(rows)))
        row_no += len(rows)
        parser.rows_read += len(rows)
        if row_no - 1 > max_rows:
            raise Unusual  # the exact path words the refusal
        if set(map(str.count, rows, repeat(delimiter))) != {n - 1}:
            keep = []
            for number, row in zip(numbers, rows, strict=True):
                if row.count(delimiter) == n - 1:
                    keep.append(True)
                elif not row.strip():  # the exact path skips a blank line as an empty row
                    parser.skip("empty row", number)
                    keep.append(False)
                else:
                    raise Unusual
            rows = list(compress(rows, keep))
            numbers = list(compress(numbers, keep))
            if not rows:
                continue
        fields = delimiter.join(rows).split(delimiter)
        ind_col, area_col = fields[i_ind::n], fields[i_area::n]
        per_col, val_col, src_col = fields[i_per::n], fields[i_val::n], fields[i_src::n]
        del fields
        for raw in set(ind_col).difference(ind_ids):
            ind = indicators.get(raw.strip())
            if ind is None:
                raise Unusual
            ind_ids[raw] = str(ind[0]) if postgres else ind[0]
            ind_percent[raw] = ind[1] == "percent"
        for raw in set(area_col).difference(area_ids):
            area = areas.get(clean_code(raw))
            if area is None:
                raise Unusual
            area_ids[raw] = str(area) if postgres else area
        for raw in set(per_col).difference(periods):
            text = raw.strip()
            text = text[:-2] if text.endswith(".0") else text
            try:
                period, ref = parse_period(text)
            except ValueError as exc:
                raise Unusual from exc
            periods[raw] = (period, ref, f"{period}\t{_NULL if ref is None else ref}")
        for raw in set(src_col).difference(sources):
            source = (raw.strip() or default_source)[:300]
            sources[raw] = escape(source) if postgres else source
        values, missing, keep_mask = _values(val_col, dutch=dutch)
        # Percentages from 0 to 100 (missing values aside).
        pct = list(map(ind_percent.__getitem__, ind_col))
        if any(pct):
            chosen = [v for v in compress(values, pct) if v is not None]
            if chosen and (min(chosen) < 0 or max(chosen) > 100):
                raise Unusual
        if keep_mask is not None:
            skipped_values += keep_mask.count(False)
            numbers = list(compress(numbers, keep_mask))
            ind_col, area_col, per_col, src_col = (
                list(compress(col, keep_mask)) for col in (ind_col, area_col, per_col, src_col)
            )
            values = list(compress(values, keep_mask))
            missing = list(compress(missing or [], keep_mask))
        if not numbers:
            continue
        _write(
            cursor,
            table,
            columns,
            postgres=postgres,
            numbers=numbers,
            indicators=list(map(ind_ids.__getitem__, ind_col)),
            areas=list(map(area_ids.__getitem__, area_col)),
            periods=list(map(periods.__getitem__, per_col)),
            values=values,
            missing=missing,
            sources=list(map(sources.__getitem__, src_col)),
            escape=escape,
        )
        for name, seen in (
            ("indicator", ind_ids),
            ("area", area_ids),
            ("period", periods),
            ("source", sources),
        ):
            if len(seen) > MAX_DISTINCT[name]:
                raise Unusual
        if progress:
            progress(parser.rows_read)
    if parser.rows_read == 0:
        raise Unusual  # the exact path words the refusal of a file without rows
    return skipped_values


def _blocks(stream: IO[bytes]) -> Iterator[bytes]:
    """Whole lines, about BLOCK_BYTES at a time, read with bounded memory: a line of _MAX_LINE
    bytes or more stops the fast path (the exact path refuses one too long)."""
    carry = b""
    while chunk := stream.read(BLOCK_BYTES):
        data = carry + chunk if carry else chunk
        cut = data.rfind(b"\n") + 1
        carry = data[cut:]
        if len(carry) >= _MAX_LINE:
            raise Unusual
        if cut:
            yield data[:cut]
    if carry:
        yield carry


def _values(
    cells: list[str], *, dutch: bool
) -> tuple[list[float | None], list[str] | None, list[bool] | None]:
    """(values, missing reasons or None when none, keep mask or None when all are kept)."""
    try:
        values: list[float | None] = list(map(float, cells))
    except ValueError:
        pass
    else:
        joined = "".join(cells)
        if "_" not in joined and not (dutch and "." in joined) and all(map(math.isfinite, values)):  # type: ignore[arg-type]
            return values, None, None
    # Some cell is not a plain number: translate each distinct cell as the exact path does.
    table: dict[str, tuple[float | None, str]] = {}
    for raw in set(cells):
        try:
            table[raw] = read_value(raw, dutch=dutch)
        except ValueError as exc:
            raise Unusual from exc
    pairs = list(map(table.__getitem__, cells))
    values = [v for v, _ in pairs]
    missing = [m for _, m in pairs]
    keep = [v is not None or bool(m) for v, m in pairs]
    return values, missing, (None if all(keep) else keep)


def _write(
    cursor: Any,
    table: str,
    columns: str,
    *,
    postgres: bool,
    numbers: list[int],
    indicators: list[Any],
    areas: list[Any],
    periods: list[tuple[Any, Any, str]],
    values: list[float | None],
    missing: list[str] | None,
    sources: list[str],
    escape: Callable[[str], str],
) -> None:
    count = len(numbers)
    reasons: list[str] = missing if missing is not None else [""] * count
    if postgres:
        value_text = (
            ["\\N" if v is None else repr(v) for v in values]
            if missing
            else list(map(repr, values))
        )
        text = "\n".join(
            map(
                "\t".join,
                zip(
                    map(str, numbers),
                    indicators,
                    areas,
                    map(itemgetter(2), periods),
                    value_text,
                    map(escape, reasons) if missing else repeat("", count),
                    sources,
                    strict=False,
                ),
            )
        )
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            copy.write(text + "\n")
        return
    marks = ", ".join(["?"] * 8)
    connection.connection.executemany(
        f"INSERT INTO {table} ({columns}) VALUES ({marks})",
        list(
            zip(
                numbers,
                indicators,
                areas,
                map(itemgetter(0), periods),
                map(itemgetter(1), periods),
                values,
                reasons,
                sources,
                strict=False,
            )
        ),
    )
