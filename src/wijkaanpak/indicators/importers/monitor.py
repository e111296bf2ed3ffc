"""The city monitor's CSV exports (Utrecht in Cijfers) and the plain long format."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from wijkaanpak.core.tabular import TabularError, open_workbook, sheet_rows
from wijkaanpak.indicators.importers.base import Item, Parser
from wijkaanpak.indicators.importers.common import (
    Fatal,
    IndicatorSpec,
    clean_code,
    csv_rows,
    is_zip,
    slug_code,
)

LONG_COLUMNS = ["indicator", "area", "period", "value", "source"]
_YEAR = re.compile(r"^\d{4}$")


class CityMonitorParser(Parser):
    """`;`-separated export: first column the area name ("Niveau"), then one column per
    indicator as "label|year" or "label|category|year"; "." = no figure."""

    creates_indicators = True
    expected = _lazy(
        "a city monitor CSV export: first column 'Niveau' with area names, then columns "
        "like 'cultuurdeelname|2023'"
    )

    def __init__(self, *args: Any, names: dict[str, str], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.names = {k.strip().lower(): v for k, v in names.items()}

    def default_source(self) -> str:
        return self.source or "Gemeente Utrecht, Utrecht in Cijfers"

    def _columns(self, header: list[str], source: str) -> list[tuple[int, str, int]]:
        columns = []
        for i, col in enumerate(header[1:], 1):
            parts = [p.strip() for p in col.split("|")]
            year = self.year
            if len(parts) > 1 and _YEAR.match(parts[-1]):
                year = int(parts.pop())
            if year is None or not parts[0]:
                raise Fatal(
                    _(
                        "Column '%(column)s' does not name a year; expected 'label|year', or give the year."
                    )
                    % {"column": col},
                    row=1,
                    column=col,
                )
            label = " — ".join(parts)
            code = slug_code(label, prefix="mon_")
            unit = "percent" if label.startswith("%") else "number"
            self.specs[code] = IndicatorSpec(
                code=code, name=label.lstrip("% ").strip() or label, unit=unit, source=source
            )
            columns.append((i, code, year))
        return columns

    def items(self) -> Iterator[Item]:
        header, rows, delimiter = csv_rows(self.stream, expected=self.expected, limits=self.limits)
        self.dutch = True
        if len(header) < 2 or header[0].strip('"').lower() not in {"niveau", "gebied", "wijk"}:
            raise Fatal(
                _("The first column is '%(column)s', not 'Niveau'; expected %(expected)s.")
                % {"column": header[0], "expected": self.expected},
                row=1,
                column=header[0] if header else None,
            )
        source = self.default_source()
        columns = self._columns(header, source)
        for row_no, row in enumerate(rows, 2):
            self.rows_read += 1
            if not row or not any(c.strip() for c in row):
                self.skip("empty row", row_no)
                continue
            name = row[0].strip()
            code = self.names.get(name.lower())
            if code is None:
                self.problems.add(
                    _(
                        "Area '%(name)s' is not in the mapping of area names to area codes; "
                        "expected a mapped name (add it to the mapping table)"
                    )
                    % {"name": name},
                    row=row_no,
                    column=header[0],
                )
                continue
            if len(row) != len(header):
                self.problems.add(
                    _("The row has %(n)s columns; expected %(m)s like the header")
                    % {"n": len(row), "m": len(header)},
                    row=row_no,
                )
                continue
            for i, code_, year in columns:
                yield row_no, header[i], code_, code, year, None, row[i], source


def parse_period(raw: str) -> tuple[int, str | None]:
    text = raw.strip()
    if _YEAR.match(text):
        return int(text), None
    match = re.fullmatch(r"(\d{4})JJ00", text)
    if match:
        return int(match.group(1)), None
    date = dt.date.fromisoformat(text)  # ValueError when not a date
    return date.year, date.isoformat()


class LongParser(Parser):
    """Plain long format: indicator, area, period, value, source (CSV or XLSX)."""

    expected = _lazy("a table with the columns indicator, area, period, value, source")

    def default_source(self) -> str:
        return self.source

    def _rows(self) -> tuple[list[str], Iterator[list[Any]]]:
        if is_zip(self.stream):
            try:
                wb = open_workbook(self.stream, limits=self.limits)
            except TabularError:
                raise
            except Exception as exc:  # any unreadable workbook
                raise Fatal(
                    _("The workbook cannot be read (%(error)s); expected %(expected)s.")
                    % {"error": exc, "expected": self.expected}
                ) from exc
            it = sheet_rows(wb.worksheets[0], limits=self.limits)
            first = next(it, None)
            if first is None:
                raise Fatal(
                    _("The sheet is empty; expected %(expected)s.") % {"expected": self.expected},
                    row=1,
                )
            self.dutch = False
            return [str(h or "").strip() for h in first], (list(r) for r in it)
        header, rows, delimiter = csv_rows(self.stream, expected=self.expected, limits=self.limits)
        self.dutch = delimiter == ";"
        return header, rows

    def items(self) -> Iterator[Item]:
        header, rows = self._rows()
        lower = [h.strip().lower() for h in header]
        missing = [c for c in LONG_COLUMNS if c not in lower]
        if missing:
            raise Fatal(
                _(
                    "Column(s) %(missing)s missing in the header (%(header)s); expected %(expected)s."
                )
                % {
                    "missing": ", ".join(missing),
                    "header": ", ".join(header[:6]),
                    "expected": self.expected,
                },
                row=1,
                column=missing[0],
            )
        i_ind, i_area, i_per, i_val, i_src = (lower.index(c) for c in LONG_COLUMNS)
        width = max(i_ind, i_area, i_per, i_val, i_src) + 1
        default_source = self.source
        periods: dict[str, tuple[int, str | None]] = {}  # memo: few distinct periods
        codes: dict[Any, str] = {}  # memo: bounded by the number of areas
        sources: dict[Any, str] = {}  # memos as above (few distinct values, bounded)
        indicators: dict[Any, str] = {}
        value_column = header[i_val]
        n_columns = len(header)
        for row_no, row in enumerate(rows, 2):
            self.rows_read += 1
            if len(row) != n_columns:
                if not any(str(c or "").strip() for c in row):
                    self.skip("empty row", row_no)
                    continue
                if len(row) < width or any(str(c or "").strip() for c in row[len(header) :]):
                    self.problems.add(
                        _(
                            "The row has %(n)s columns; expected %(m)s like the header "
                            "(a decimal comma in a comma-separated file must be quoted)"
                        )
                        % {"n": len(row), "m": len(header)},
                        row=row_no,
                    )
                    continue
            raw_period = row[i_per]
            known = periods.get(raw_period)
            if known is None:
                text = str(raw_period or "").strip()
                text = text[:-2] if text.endswith(".0") else text
                try:
                    known = parse_period(text)
                except ValueError:
                    self.problems.add(
                        _(
                            "'%(period)s' is not a period; expected a year (2023) or a date (2023-01-01)"
                        )
                        % {"period": text},
                        row=row_no,
                        column=header[i_per],
                    )
                    continue
                if len(periods) < 10_000:
                    periods[raw_period] = known
            period, ref = known
            raw_area = row[i_area]
            area = codes.get(raw_area)
            if area is None:
                area = clean_code(raw_area)
                if len(codes) < 200_000:
                    codes[raw_area] = area
            raw_source = row[i_src]
            source = sources.get(raw_source)
            if source is None:
                source = str(raw_source or "").strip() or default_source
                if len(sources) < 10_000:
                    sources[raw_source] = source
            raw_ind = row[i_ind]
            indicator = indicators.get(raw_ind)
            if indicator is None:
                indicator = str(raw_ind or "").strip()
                if len(indicators) < 100_000:
                    indicators[raw_ind] = indicator
            yield row_no, value_column, indicator, area, period, ref, row[i_val], source
