"""Reading uploaded tables (CSV and XLSX) for every importer: bounded, streaming, with positions.

One set of rules for all imports (indicators, budget tables, address lists, ODK submissions):

- **limits** (`Limits`, from settings; docs/security.md "Upload limits"): the size of the file,
  the number of rows and columns, and for a workbook what it unpacks to. They are checked before
  reading where the file states them (its size; a workbook's parts and its sheet's declared
  dimension) and while streaming otherwise, so a file over a limit is refused at once;
- **encoding**: UTF-8 with or without a byte order mark, decoded line by line, lines bounded;
- **delimiter**: `;`, `,` or tab, whichever the header line has most of (`;` on a tie);
- **rows** stream from CSV (`csv_table`) and XLSX (`open_workbook` + `sheet_rows`, openpyxl's
  read-only mode), numbered as a spreadsheet shows them; nothing holds a whole sheet;
- **Dutch numbers**: `parse_number` (lenient: `18,2`, `1.234`, `34 910`) and `dutch_decimal`
  (strict: `1.250,5`; refuses `1.25`, which is not Dutch notation).

The importers keep their own wording for what is wrong in a file; the errors here
(`TabularError`) carry a user message and the row and column where known.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import math
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

#: A line of a CSV file longer than this is refused (the csv module's field limit is 128 KiB).
MAX_LINE_BYTES = 1_000_000
#: A part of a workbook that openpyxl reads whole (shared strings, styles, the workbook itself).
MAX_WORKBOOK_PART_BYTES = 16_000_000
#: Text between two XML tags of a sheet (one cell's value or attribute): longer is refused.
MAX_XML_TEXT_BYTES = 1_000_000
DELIMITERS = (";", ",", "\t")

_THOUSANDS_DOTS = re.compile(r"-?\d{1,3}(\.\d{3})+")
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN = re.compile(r"^\d+(,\d+)?$")
_DECIMAL_POINT = re.compile(r"^\d+\.(\d{1,2}|\d{4,})$")


class TabularError(Exception):
    """A file that cannot be read as a table; `message` is for the user."""

    def __init__(self, message: str, *, row: int | None = None, column: str | None = None):
        super().__init__(message)
        self.message = message
        self.row = row
        self.column = column


class TooLarge(TabularError):
    """The file exceeds a limit (size, rows, columns, line length, unpacked size)."""


class NotUtf8(TabularError):
    """A line that is not UTF-8; `byte` is the 1-based position of the first bad byte."""

    def __init__(self, *, row: int, byte: int) -> None:
        super().__init__(_("Line %(row)s is not UTF-8 text.") % {"row": row}, row=row)
        self.byte = byte


class EmptyFile(TabularError):
    """No line with anything on it."""

    def __init__(self) -> None:
        super().__init__(_("The file is empty."), row=1)


class NotDutchNotation(ValueError):
    """A number with a decimal point ('1.25') where Dutch notation has a comma."""


# --- limits ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int
    max_columns: int
    max_unzipped_bytes: int


def import_limits() -> Limits:
    """Address lists and ODK submissions (settings IMPORT_MAX_*)."""
    return Limits(
        max_bytes=settings.IMPORT_MAX_BYTES,
        max_rows=settings.IMPORT_MAX_ROWS,
        max_columns=settings.IMPORT_MAX_COLUMNS,
        max_unzipped_bytes=settings.IMPORT_MAX_UNZIPPED_BYTES,
    )


def budget_import_limits() -> Limits:
    """Budget tables: the import limits, with their own (smaller) size."""
    return Limits(
        max_bytes=settings.BUDGET_IMPORT_MAX_BYTES,
        max_rows=settings.IMPORT_MAX_ROWS,
        max_columns=settings.IMPORT_MAX_COLUMNS,
        max_unzipped_bytes=settings.IMPORT_MAX_UNZIPPED_BYTES,
    )


def indicator_import_limits() -> Limits:
    """Indicator files: national tables are large (settings INDICATOR_IMPORT_MAX_*)."""
    return Limits(
        max_bytes=settings.INDICATOR_IMPORT_MAX_BYTES,
        max_rows=settings.INDICATOR_IMPORT_MAX_ROWS,
        max_columns=settings.INDICATOR_IMPORT_MAX_COLUMNS,
        max_unzipped_bytes=settings.INDICATOR_IMPORT_MAX_UNZIPPED_BYTES,
    )


def size_text(n: int) -> str:
    """Bytes as the limits are written: '10 MB', '2 MB', '500 kB' (powers of 1,000)."""
    for unit, size in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n >= size:
            value = n / size
            return f"{value:g} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"


def too_large(limit: int) -> TooLarge:
    return TooLarge(_("The file is larger than %(limit)s.") % {"limit": size_text(limit)})


def too_many_rows(limit: int, *, row: int | None = None) -> TooLarge:
    return TooLarge(
        _("The file has more than %(limit)s rows, the limit for this import.")
        % {"limit": number_format(limit, force_grouping=True)},
        row=row,
    )


def too_many_columns(limit: int, *, row: int | None = None) -> TooLarge:
    return TooLarge(
        _("The file has more than %(limit)s columns, the limit for this import.")
        % {"limit": number_format(limit, force_grouping=True)},
        row=row,
    )


def as_stream(content: bytes | IO[bytes]) -> IO[bytes]:
    """Bytes or an open binary file (an upload, a path opened 'rb'), as a seekable stream."""
    if isinstance(content, bytes | bytearray):
        return io.BytesIO(content)
    return content


def stream_size(stream: IO[bytes]) -> int:
    """The size of a seekable stream from its current position, which it keeps."""
    size = getattr(stream, "size", None)
    if isinstance(size, int):
        return size
    here = stream.tell()
    end = stream.seek(0, io.SEEK_END)
    stream.seek(here)
    return int(end - here)


def check_size(stream: IO[bytes], limits: Limits) -> None:
    """Refuse a file over the size limit before reading any of it."""
    if stream_size(stream) > limits.max_bytes:
        raise too_large(limits.max_bytes)


# --- text and CSV --------------------------------------------------------------------------


def peek(stream: IO[bytes], n: int = 8) -> bytes:
    """The first `n` bytes; the stream stays where it was."""
    here = stream.tell()
    start = stream.read(n)
    stream.seek(here)
    return start


def is_zip(stream: IO[bytes]) -> bool:
    """XLSX files are zip archives."""
    return peek(stream, 4) == b"PK\x03\x04"


def strip_bom(data: bytes) -> bytes:
    return data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data


def byte_lines(stream: IO[bytes], *, max_line_bytes: int = MAX_LINE_BYTES) -> Iterator[bytes]:
    """The lines of a stream, each at most `max_line_bytes` long (TooLarge names the line)."""
    for lineno in itertools.count(1):
        raw = stream.readline(max_line_bytes + 1)
        if not raw:
            return
        if len(raw) > max_line_bytes:
            raise TooLarge(
                _("Line %(row)s is longer than %(limit)s.")
                % {"row": lineno, "limit": size_text(max_line_bytes)},
                row=lineno,
            )
        yield raw


def text_lines(stream: IO[bytes]) -> Iterator[str]:
    """Decode a stream line by line as UTF-8 (a byte order mark is dropped); NotUtf8 names the
    line and byte."""
    for lineno, raw in enumerate(byte_lines(stream), 1):
        if lineno == 1:
            raw = strip_bom(raw)
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise NotUtf8(row=lineno, byte=exc.start + 1) from exc


def decode_text(content: bytes, *, fallback: str | None = None) -> str:
    """A whole (small) file as text: UTF-8 with or without BOM, else `fallback` (e.g. cp1252,
    what Excel writes as 'CSV'), else NotUtf8."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if fallback is None:
            row = content.count(b"\n", 0, exc.start) + 1
            raise NotUtf8(row=row, byte=exc.start - content.rfind(b"\n", 0, exc.start)) from exc
        return content.decode(fallback, errors="replace")


def sniff_delimiter(line: str) -> str:
    """';', ',' or tab: whichever the (header) line has most of; ';' wins a tie."""
    return max(DELIMITERS, key=line.count)


@dataclass
class CsvTable:
    """An open CSV file: its header (row `header_row`, as read and as cells), its delimiter and
    the rows after it."""

    header: list[str]
    delimiter: str
    header_row: int
    header_line: str
    rows: Iterator[list[str]]


def csv_table(lines: Iterator[str], *, limits: Limits) -> CsvTable:
    """Skip blank lines up to the header, sniff the delimiter, and stream the rows after it,
    refusing more rows or columns than the limits allow (TooLarge names the row)."""
    first = next(lines, None)
    header_row = 1
    while first is not None and not first.strip():
        first, header_row = next(lines, None), header_row + 1
    if first is None:
        raise EmptyFile
    delimiter = sniff_delimiter(first)
    reader = csv.reader(itertools.chain((first,), lines), delimiter=delimiter)
    header = [h.strip() for h in next(reader)]
    if len(header) > limits.max_columns:
        raise too_many_columns(limits.max_columns, row=header_row)
    return CsvTable(header, delimiter, header_row, first, _bounded(reader, limits, header_row))


def _bounded(reader: Iterator[list[str]], limits: Limits, header_row: int) -> Iterator[list[str]]:
    max_rows, max_columns = limits.max_rows, limits.max_columns
    row_no = header_row
    try:
        for row in reader:
            row_no += 1
            if row_no > max_rows:
                raise too_many_rows(max_rows, row=row_no)
            if len(row) > max_columns:
                raise too_many_columns(max_columns, row=row_no)
            yield row
    except csv.Error as exc:
        raise TabularError(
            _("Row %(row)s cannot be read as CSV (%(error)s).") % {"row": row_no, "error": exc},
            row=row_no,
        ) from exc


def open_csv(stream: IO[bytes], *, limits: Limits) -> CsvTable:
    """`csv_table` of a byte stream decoded as UTF-8."""
    return csv_table(text_lines(stream), limits=limits)


# --- XLSX ----------------------------------------------------------------------------------


def check_workbook(stream: IO[bytes], limits: Limits) -> None:
    """Refuse a workbook that would unpack to more than the limits allow (a zip bomb), before
    openpyxl opens it: sheets together at most `max_unzipped_bytes`, other parts (which
    openpyxl reads whole, such as the shared strings) at most MAX_WORKBOOK_PART_BYTES each, and
    no run of text in a sheet longer than MAX_XML_TEXT_BYTES. A broken archive raises
    zipfile.BadZipFile for the caller to word."""
    here = stream.tell()
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            sheets = [i for i in infos if i.filename.startswith("xl/worksheets/")]
            if len(infos) > 10_000 or sum(i.file_size for i in sheets) > limits.max_unzipped_bytes:
                raise _unpacks_too_large(limits.max_unzipped_bytes)
            for info in infos:
                if info not in sheets and info.file_size > MAX_WORKBOOK_PART_BYTES:
                    raise _unpacks_too_large(MAX_WORKBOOK_PART_BYTES)
            for info in sheets:
                _check_xml_text_runs(archive, info)
    finally:
        stream.seek(here)


def _unpacks_too_large(limit: int) -> TooLarge:
    return TooLarge(_("The workbook unpacks to more than %(limit)s.") % {"limit": size_text(limit)})


def _check_xml_text_runs(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """One cell of hundreds of megabytes would be held whole by the XML parser. Read in chunks
    of MAX_XML_TEXT_BYTES, a longer run of text has to span a chunk boundary."""
    run = 0  # bytes since the last '<'
    with archive.open(info) as part:
        while chunk := part.read(MAX_XML_TEXT_BYTES):
            first = chunk.find(b"<")
            if first == -1:
                run += len(chunk)
            else:
                run += first
                if run <= MAX_XML_TEXT_BYTES:
                    run = len(chunk) - chunk.rfind(b"<") - 1
            if run > MAX_XML_TEXT_BYTES:
                raise TooLarge(
                    _("A cell of the workbook holds more than %(limit)s.")
                    % {"limit": size_text(MAX_XML_TEXT_BYTES)}
                )


def open_workbook(stream: IO[bytes], *, limits: Limits) -> Any:
    """An openpyxl read-only workbook (values, not formulas) after `check_workbook`. Errors of
    a broken file (zipfile.BadZipFile, KeyError, ValueError ...) are for the caller to word;
    TooLarge is not one of them."""
    from openpyxl import load_workbook

    check_workbook(stream, limits)
    return load_workbook(stream, read_only=True, data_only=True)


def check_sheet(sheet: Any, limits: Limits) -> None:
    """Refuse a sheet whose declared dimension (`<dimension ref="A1:XFD20000"/>`) exceeds the
    limits, before reading a row: openpyxl pads every row to the declared width."""
    if (sheet.max_column or 0) > limits.max_columns:
        raise too_many_columns(limits.max_columns)
    if (sheet.max_row or 0) > limits.max_rows:
        raise too_many_rows(limits.max_rows)


def sheet_rows(sheet: Any, *, limits: Limits, min_row: int = 1) -> Iterator[tuple[Any, ...]]:
    """The rows of a read-only sheet from `min_row` on, as tuples of values, one at a time;
    the declared dimension is checked first, and rows and columns are counted while reading
    (a sheet may declare no dimension)."""
    check_sheet(sheet, limits)
    max_rows, max_columns = limits.max_rows, limits.max_columns
    for row_no, row in enumerate(sheet.iter_rows(min_row=min_row, values_only=True), min_row):
        if row_no > max_rows:
            raise too_many_rows(max_rows, row=row_no)
        if len(row) > max_columns:
            raise too_many_columns(max_columns, row=row_no)
        yield row


# --- numbers -------------------------------------------------------------------------------


def parse_number(raw: str, *, dutch: bool) -> float:
    """Read '18,2', '1.234' (Dutch thousands), '34 910', '8090.0'. Raises ValueError."""
    s = raw.strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif "," in s:
        s = s.replace(",", "") if s.count(",") > 1 else s.replace(",", ".")
    elif dutch and _THOUSANDS_DOTS.fullmatch(s):
        s = s.replace(".", "")
    value = float(s)
    if not math.isfinite(value):
        raise ValueError(raw)
    return value


def dutch_decimal(text: str) -> Decimal:
    """Strict Dutch notation of a non-negative number: '1.250' = 1250, '2,5', '1.250,75'.
    Raises NotDutchNotation for '1.25' or '1.2500' (a decimal point), ValueError otherwise."""
    if _GROUPED.match(text):
        text = text.replace(".", "")
    elif not _PLAIN.match(text):
        if _DECIMAL_POINT.match(text):
            raise NotDutchNotation(text)
        raise ValueError(text)
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the patterns admit digits only
        raise ValueError(text) from exc
