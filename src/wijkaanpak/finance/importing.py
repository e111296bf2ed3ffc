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

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations
from typing import Any

from django.utils.translation import gettext as _

UNITS = ("thousands", "euros")
TOTAL_MEANINGS = ("allocated", "budget")
MAX_FILE_BYTES = 2_000_000

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


_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN = re.compile(r"^\d+(,\d+)?$")


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
        if _GROUPED.match(text):
            text = text.replace(".", "")
        elif not _PLAIN.match(text):
            if re.match(r"^\d+\.\d{1,2}$", text) or re.match(r"^\d+\.\d{4,}$", text):
                raise ValueError(
                    _(
                        "'%(value)s' is not Dutch notation: use a comma for decimals "
                        "and a point for thousands"
                    )
                    % {"value": raw}
                )
            raise ValueError(_("'%(value)s' is not an amount") % {"value": raw})
        value = Decimal(text.replace(",", "."))
    if value < 0:
        raise ValueError(_("the amount is negative (%(value)s)") % {"value": raw})
    euros = value * factor
    if euros != euros.to_integral_value():
        raise ValueError(
            _("%(value)s does not come to whole euros") % {"value": raw},
        )
    return int(euros)


def _read_rows(content: bytes, filename: str) -> list[list[Any]]:
    if filename.lower().endswith((".xlsx", ".xlsm")):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise ValueError(_("This is not a readable XLSX file.")) from exc
        sheet = workbook.worksheets[0]
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if ";" in first else ("\t" if "\t" in first else ",")
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _cell(values: list[Any], index: int) -> Any:
    if index >= len(values):
        return None
    value = values[index]
    return value.strip() if isinstance(value, str) else value


def parse_table(*, content: bytes, filename: str, unit: str | None) -> Table:
    """Read the file. `unit` None: take it from the header ('x 1.000 euro' = thousands)."""
    table = Table()
    if len(content) > MAX_FILE_BYTES:
        table.errors.append({"file": filename, "message": _("The file is larger than 2 MB.")})
        return table
    try:
        raw_rows = _read_rows(content, filename)
    except ValueError as exc:
        table.errors.append({"file": filename, "message": str(exc)})
        return table
    seen: dict[str, int] = {}
    for number, values in enumerate(raw_rows, start=1):
        subject_cell = _cell(values, 0)
        amount_cell = _cell(values, 1)
        subject = str(subject_cell).strip() if subject_cell is not None else ""
        if not subject and amount_cell in (None, ""):
            continue
        if table.header_row is None:
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
                                "The header says %(header)s but you chose %(unit)s; "
                                "your choice is used."
                            )
                            % {"header": header_unit, "unit": unit},
                        }
                    )
            elif re.fullmatch(r"(19|20)\d{2}:?", subject):
                table.header_year = int(subject[:4])
            else:
                table.warnings.append(
                    {"row": number, "message": _("Skipped: before the header row.")}
                )
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
    return table


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
