"""Shared pieces of the importers: errors, values, and the indicator wording of the tabular
reader's rules (core/tabular.py: encoding, delimiter, limits, Dutch numbers)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from wijkaanpak.core import tabular
from wijkaanpak.core.tabular import Limits, TabularError, is_zip, parse_number, peek

__all__ = ["Fatal", "Problems", "TabularError", "is_zip", "parse_number", "peek", "read_value"]

MAX_ERRORS = 100
MISSING_MARKERS = {".": "secret or not available", "x": "secret or not available"}
_CODE = re.compile(r"^(NL\d{2}|GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$")


class Fatal(TabularError):
    """An error that stops reading the file (wrong header, undecodable, empty ...). The tabular
    reader's own errors (a limit exceeded) stop it the same way."""


@dataclass
class Problems:
    """Collects errors per file, row and column; keeps the first MAX_ERRORS, counts all."""

    file_name: str
    errors: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0

    def add(
        self,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
        first: bool = False,
    ) -> None:
        """`first`: before the others (a limit that stopped the reading)."""
        self.total += 1
        error = {"file": self.file_name, "row": row, "column": column, "message": message}
        if first:
            self.errors = [error, *self.errors[: MAX_ERRORS - 1]]
        elif len(self.errors) < MAX_ERRORS:
            self.errors.append(error)


@dataclass(frozen=True)
class IndicatorSpec:
    """What an importer knows about an indicator it may create (CBS / city monitor)."""

    code: str
    name: str
    unit: str = "number"
    direction: str = "neutral"
    source: str = ""
    definition: str = ""


def is_cbs_code(code: str) -> bool:
    return bool(_CODE.match(code))


def read_value(raw: Any, *, dutch: bool) -> tuple[float | None, str]:
    """A cell → (value, missing_reason). Raises ValueError for a non-numeric cell.
    Returns (None, "") for an empty cell (skipped by the caller)."""
    if raw is None:
        return None, ""
    if isinstance(raw, bool):
        raise ValueError(str(raw))
    if isinstance(raw, int | float):
        if not math.isfinite(raw):
            raise ValueError(str(raw))
        return float(raw), ""
    text = str(raw).strip()
    if not text:
        return None, ""
    if not dutch or "." not in text:
        try:  # fast path: plain numbers such as 18.2 or 34910
            value = float(text)
        except ValueError:
            pass
        else:
            if math.isfinite(value) and "_" not in text:
                return value, ""
    if text.lower() in MISSING_MARKERS:
        return None, MISSING_MARKERS[text.lower()]
    return parse_number(text, dutch=dutch), ""


def text_lines(stream: IO[bytes]) -> Iterator[str]:
    """Decode a byte stream line by line as UTF-8 (a BOM is dropped); Fatal names the line."""
    try:
        yield from tabular.text_lines(stream)
    except tabular.NotUtf8 as exc:
        raise Fatal(
            _(
                "The file is not UTF-8 text (byte %(byte)s of this line cannot be read); "
                "expected UTF-8: save it as CSV UTF-8."
            )
            % {"byte": exc.byte},
            row=exc.row,
        ) from exc


def csv_rows(
    stream: IO[bytes], *, expected: str | Promise, limits: Limits
) -> tuple[list[str], Iterator[list[str]], str]:
    """Open a CSV stream: (header, rows, delimiter). Sniffs ';', ',' or tab from the header."""
    if is_zip(stream):
        raise Fatal(
            _("This is an Excel or zip file, not CSV text; expected %(expected)s.")
            % {"expected": expected},
            row=1,
        )
    try:
        table = tabular.csv_table(text_lines(stream), limits=limits)
    except tabular.EmptyFile:
        raise Fatal(
            _("The file is empty; expected %(expected)s.") % {"expected": expected}, row=1
        ) from None
    if table.header_line.count(table.delimiter) == 0:
        raise Fatal(
            _("The first line is not a header with columns; expected %(expected)s.")
            % {"expected": expected},
            row=1,
        )
    return table.header, table.rows, table.delimiter


def clean_code(raw: Any) -> str:
    return str(raw or "").strip().upper()


def slug_code(text: str, *, prefix: str = "") -> str:
    s = re.sub(r"[^a-z0-9]+", "_", text.lower().replace("%", "pct")).strip("_")
    return (prefix + s)[:80]


def first(items: Iterable[Any]) -> Any:
    for item in items:
        return item
    return None
