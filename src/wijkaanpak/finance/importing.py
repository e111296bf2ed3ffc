"""Reading a budget table as the progress report prints it (CSV or XLSX).

    2020: Onderwerp ; Bedrag (x 1.000 euro)
    DOCK            ; 220
    ...
    Nog in te vullen; 386
    Totaal          ; 2.614

Nothing here touches the database: `parse_table` turns the file into rows and collects every
problem with its row number, so that the service can validate everything before it writes.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain, combinations
from typing import IO, Any

from django.utils.translation import gettext as _

from wijkaanpak.core.tabular import (
    EmptyFile,
    Limits,
    NotDutchNotation,
    TabularError,
    as_stream,
    budget_import_limits,
    check_size,
    csv_table,
    decode_text,
    dutch_decimal,
    open_workbook,
    sheet_rows,
)

UNITS = ("thousands", "euros")
TOTAL_MEANINGS = ("allocated", "budget")

# Subjects that are not money for someone but a state of the money.
UNALLOCATED_WORDS = ("nog in te vullen", "nog niet toegewezen", "nog te bestemmen", "onverdeeld")
NOT_SPENT_WORDS = ("niet besteed", "onderbesteding")
PROCESS_WORDS = ("proceskosten", "programmamanagement")


@dataclass
class Row:
    """One budget line of the file: its row number (1-based, as a spreadsheet shows it)."""

    row: int
    subject: str
    amount: int
    status: str = "allocated"
    kind: str = "regular"


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    total: int | None = None
    total_row: int | None = None
    header_year: int | None = None
    header_row: int | None = None
    unit: str = "thousands"
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)


def euros(amount: int | None) -> str:
    """Whole euros the Dutch way: 2614000 -> '€ 2.614.000'."""
    if amount is None:
        return "–"
    sign = "-" if amount < 0 else ""
    return f"{sign}€ {abs(amount):,}".replace(",", ".")


def normalise(text: str) -> str:
    """Lower case, no accents, letters and digits only: 'DOK 030' and 'DOK030' compare equal."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text.lower())


def classify(subject: str) -> tuple[str, str]:
    """(status, kind) suggested by the subject's words."""
    low = subject.lower()
    status, kind = "allocated", "regular"
    if any(w in low for w in UNALLOCATED_WORDS):
        status = "unallocated"
    elif any(w in low for w in NOT_SPENT_WORDS):
        status = "not_spent"
    if any(w in low for w in PROCESS_WORDS):
        kind = "process"
    return status, kind


def parse_amount(raw: Any, *, unit: str) -> int:
    """An amount in Dutch notation ('1.250' = 1250, '2,5' = 2.5) to integer euros.

    Raises ValueError with a message for the user.
    """
    factor = 1000 if unit == "thousands" else 1
    if isinstance(raw, bool):
        raise ValueError(_("not an amount"))
    if isinstance(raw, int | float | Decimal):
        value = Decimal(str(raw))
    else:
        text = str(raw or "").strip()
        text = text.replace("€", "").replace("\u00a0", "").replace(" ", "")
        if not text:
            raise ValueError(_("the amount is empty"))
        negative = text.startswith(("-", "−")) or (text.startswith("(") and text.endswith(")"))
        if negative:
            raise ValueError(_("the amount is negative (%(value)s)") % {"value": raw})
        try:
            value = dutch_decimal(text)
        except NotDutchNotation:
            raise ValueError(
                _(
                    "'%(value)s' is not Dutch notation: use a comma for decimals "
                    "and a point for thousands"
                )
                % {"value": raw}
            ) from None
        except ValueError:
            raise ValueError(_("'%(value)s' is not an amount") % {"value": raw}) from None
    if value < 0:
        raise ValueError(_("the amount is negative (%(value)s)") % {"value": raw})
    euros = value * factor
    if euros != euros.to_integral_value():
        raise ValueError(
            _("%(value)s does not come to whole euros") % {"value": raw},
        )
    return int(euros)


def _read_rows(stream: IO[bytes], filename: str, limits: Limits) -> Iterator[tuple[int, list[Any]]]:
    """(row number, cells) of the first sheet or of the CSV text (UTF-8, else cp1252 as Excel
    writes it), streamed and bounded by the limits (TabularError)."""
    if filename.lower().endswith((".xlsx", ".xlsm")):
        try:
            workbook = open_workbook(stream, limits=limits)
        except TabularError:
            raise
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise ValueError(_("This is not a readable XLSX file.")) from exc
        return enumerate((list(r) for r in sheet_rows(workbook.worksheets[0], limits=limits)), 1)
    text = decode_text(stream.read(), fallback="cp1252")  # small: the size is checked first
    try:
        table = csv_table(io.StringIO(text), limits=limits)
    except EmptyFile:
        return iter(())
    return chain(
        [(table.header_row, table.header)], enumerate(table.rows, start=table.header_row + 1)
    )


def _cell(values: list[Any], index: int) -> Any:
    if index >= len(values):
        return None
    value = values[index]
    return value.strip() if isinstance(value, str) else value


def parse_table(*, content: bytes | IO[bytes], filename: str, unit: str | None) -> Table:
    """Read the file. `unit` None: take it from the header ('x 1.000 euro' = thousands)."""
    table = Table()
    limits = budget_import_limits()
    stream = as_stream(content)
    try:
        check_size(stream, limits)
        _read_lines(table, _read_rows(stream, filename, limits), unit)
    except (ValueError, TabularError) as exc:
        table.errors.append({"file": filename, "message": str(exc)})
        return table
    _check_complete(table, filename)
    return table


def _before_header(
    table: Table, number: int, subject: str, amount_cell: Any, unit: str | None
) -> None:
    """A row before the lines: the header ('Onderwerp', with the year and the unit), a year
    on its own, or something skipped."""
    if "onderwerp" in subject.lower():
        table.header_row = number
        year = re.search(r"\b(19|20)\d{2}\b", subject)
        table.header_year = int(year.group(0)) if year else None
        header_unit = "thousands" if "1.000" in str(amount_cell or "") else "euros"
        if amount_cell in (None, ""):
            header_unit = "thousands"
        table.unit = unit or header_unit
        if unit and amount_cell and unit != header_unit:
            table.warnings.append(
                {
                    "row": number,
                    "column": 2,
                    "message": _(
                        "The header says %(header)s but you chose %(unit)s; your choice is used."
                    )
                    % {"header": header_unit, "unit": unit},
                }
            )
    elif re.fullmatch(r"(19|20)\d{2}:?", subject):
        table.header_year = int(subject[:4])
    else:
        table.warnings.append({"row": number, "message": _("Skipped: before the header row.")})


def _read_lines(table: Table, raw_rows: Iterator[tuple[int, list[Any]]], unit: str | None) -> None:
    """The header (its year and unit), the lines and the total row, with every problem."""
    seen: dict[str, int] = {}
    for number, values in raw_rows:
        subject_cell = _cell(values, 0)
        amount_cell = _cell(values, 1)
        subject = str(subject_cell).strip() if subject_cell is not None else ""
        if not subject and amount_cell in (None, ""):
            continue
        if table.header_row is None:
            _before_header(table, number, subject, amount_cell, unit)
            continue
        if table.total_row is not None:
            table.errors.append(
                {"row": number, "column": 1, "message": _("A row after the total row.")}
            )
            continue
        if not subject:
            table.errors.append({"row": number, "column": 1, "message": _("The subject is empty.")})
            continue
        is_total = subject.lower().startswith("totaal") or subject.lower() == "total"
        if not is_total:
            key = normalise(subject)
            if key in seen:
                table.errors.append(
                    {
                        "row": number,
                        "column": 1,
                        "message": _("'%(subject)s' appears twice (rows %(first)s and %(row)s).")
                        % {"subject": subject, "first": seen[key], "row": number},
                    }
                )
                continue
            seen[key] = number
        try:
            amount = parse_amount(amount_cell, unit=table.unit)
        except ValueError as exc:
            table.errors.append(
                {"row": number, "column": 2, "message": f"{subject}: {exc}"},
            )
            continue
        if is_total:
            table.total, table.total_row = amount, number
            continue
        status, kind = classify(subject)
        table.rows.append(Row(row=number, subject=subject, amount=amount, status=status, kind=kind))


def _check_complete(table: Table, filename: str) -> None:
    """A header, a total row and at least one line."""
    if table.header_row is None:
        table.errors.append(
            {
                "file": filename,
                "message": _(
                    "No header row: the table must start with 'Onderwerp' and "
                    "'Bedrag (x 1.000 euro)'."
                ),
            }
        )
    elif table.total_row is None:
        table.errors.append(
            {"file": filename, "message": _("The table has no 'Totaal' row at the end.")}
        )
    if table.header_row is not None and not table.rows and not table.errors:
        table.errors.append({"file": filename, "message": _("The table has no lines.")})


def explain_difference(rows: list[Row], difference: int) -> list[Row]:
    """The lines whose amounts make up `difference` (printed total vs sum of lines).

    Lines whose words say the money is not yet allocated come first; failing that, one line
    or a pair of lines with exactly that amount.
    """
    if difference <= 0:
        return []
    marked = [r for r in rows if r.status == "unallocated"]
    if marked and sum(r.amount for r in marked) == difference:
        return marked
    for size in (1, 2):
        for combo in combinations(rows, size):
            if sum(r.amount for r in combo) == difference:
                return list(combo)
    return []
