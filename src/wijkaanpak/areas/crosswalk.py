"""The crosswalk between division years (writes): which areas a buurt became when it was split,
merged or re-coded, with the share of its inhabitants or addresses that went to each.

CSV format (`;` or `,`): `predecessor,successor,year,share,basis,note`; `share` in percent
(Dutch or English decimals, empty: not known), `basis` `inwoners` or `adressen`. A file replaces
the recorded successors of every predecessor it names. Refused whole, nothing written, with the
row named: unknown codes, codes of another division year (the predecessor must end before the
year of change, the successor must be in that year's division), shares of one predecessor that
do not add up to 100 %.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO

from django.db import transaction

from wijkaanpak.areas.models import Area, AreaSuccession, ShareBasis
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.core.tabular import TabularError, import_limits, open_csv

COLUMNS = ["predecessor", "successor", "year", "share", "basis", "note"]
#: Shares are rounded in the files (one decimal); a sum within this of 100 counts as 100.
SHARE_TOLERANCE = Decimal("0.5")


@dataclass
class Succession:
    predecessor: str
    successor: str
    year: int
    share: Decimal | None = None
    basis: str = ""
    note: str = ""
    #: The row in the file (for messages); None for rows from code.
    row: int | None = None


def _where(s: Succession) -> str:
    return f"row {s.row}: " if s.row else ""


def successions_set(rows: list[Succession], *, file_name: str = "") -> int:
    """Record the successions (replacing those of each predecessor named); returns the number
    stored. Raises InvalidInput naming every problem; nothing is written then."""
    codes = {s.predecessor for s in rows} | {s.successor for s in rows}
    areas = {a.code: a for a in Area.objects.filter(code__in=codes)}
    errors: list[dict[str, object]] = []

    def fail(s: Succession, message: str, code: str | None = None) -> None:
        errors.append({"row": s.row, "code": code, "message": _where(s) + message})

    for s in rows:
        for code in (s.predecessor, s.successor):
            if code not in areas:
                fail(s, f"unknown area code '{code}': it is not in the area registry", code)
        if s.predecessor == s.successor:
            fail(s, f"'{s.predecessor}' cannot succeed itself", s.predecessor)
        if s.share is not None and not Decimal(0) < s.share <= Decimal(100):
            fail(s, f"share {s.share} is not a percentage above 0 and at most 100")
        if s.basis and s.basis not in ShareBasis.values:
            fail(s, f"basis '{s.basis}' is not one of {', '.join(ShareBasis.values)}")
        pred, succ = areas.get(s.predecessor), areas.get(s.successor)
        if pred and pred.division_year is not None and pred.division_year >= s.year:
            fail(
                s,
                f"'{pred.code}' is in the division of {pred.first_division_year}–"
                f"{pred.division_year}, which does not end before {s.year}: a code of another "
                "division year (a predecessor must end before the year of change)",
                pred.code,
            )
        first, last = (succ.first_division_year, succ.division_year) if succ else (None, None)
        if first is not None and last is not None and not first <= s.year <= last and succ:
            fail(
                s,
                f"'{succ.code}' is in the division of {succ.first_division_year}–"
                f"{succ.division_year}, not in the {s.year} division: a code of another "
                "division year",
                succ.code,
            )
    by_predecessor: dict[str, list[Succession]] = defaultdict(list)
    for s in rows:
        by_predecessor[s.predecessor].append(s)
    for code, group in sorted(by_predecessor.items()):
        head = group[0]
        if len({s.year for s in group}) > 1:
            fail(head, f"'{code}' is given more than one year of change", code)
        shares = [s.share for s in group if s.share is not None]
        if shares and len(shares) != len(group):
            fail(head, f"'{code}': give a share for every successor or for none", code)
        elif shares and abs(sum(shares, Decimal(0)) - 100) > SHARE_TOLERANCE:
            total = f"{sum(shares, Decimal(0)):g}".replace(".", ",")
            fail(
                head,
                f"the shares of the successors of '{code}' add up to {total} %, not 100 % "
                f"({', '.join(s.successor for s in group)})",
                code,
            )
    if errors:
        name = f"{file_name}: " if file_name else ""
        raise InvalidInput(
            f"{name}{len(errors)} problem(s) in the crosswalk; nothing was imported. "
            f"{errors[0]['message']}",
            errors=errors[:100],
        )
    with transaction.atomic():
        AreaSuccession.objects.filter(predecessor__code__in=list(by_predecessor)).delete()
        AreaSuccession.objects.bulk_create(
            AreaSuccession(
                predecessor=areas[s.predecessor],
                successor=areas[s.successor],
                year=s.year,
                share=s.share,
                basis=s.basis,
                note=s.note[:200],
            )
            for s in rows
        )
    return len(rows)


def successions_import(stream: IO[bytes], *, file_name: str) -> int:
    """Read a crosswalk CSV and record it (successions_set)."""
    try:
        table = open_csv(stream, limits=import_limits())
        header = [h.lower() for h in table.header]
        missing = [c for c in COLUMNS[:3] if c not in header]
        if missing:
            raise InvalidInput(
                f"{file_name}: missing column(s) {', '.join(missing)}; expected "
                f"{','.join(COLUMNS)}.",
                errors=[{"column": c} for c in missing],
            )
        col = {c: header.index(c) for c in COLUMNS if c in header}
        rows: list[Succession] = []
        errors: list[dict[str, object]] = []
        for n, raw in enumerate(table.rows, start=table.header_row + 1):
            if not any(cell.strip() for cell in raw):
                continue
            cells = {c: (raw[i].strip() if i < len(raw) else "") for c, i in col.items()}
            try:
                year = int(cells["year"])
            except ValueError:
                errors.append({"row": n, "column": "year", "message": f"row {n}: year "
                               f"'{cells['year']}' is not a year"})  # fmt: skip
                continue
            share = None
            if cells.get("share"):
                try:
                    share = Decimal(cells["share"].replace("%", "").replace(",", ".").strip())
                except InvalidOperation:
                    errors.append({"row": n, "column": "share", "message": f"row {n}: share "
                                   f"'{cells['share']}' is not a number"})  # fmt: skip
                    continue
            rows.append(
                Succession(
                    predecessor=cells["predecessor"].upper(),
                    successor=cells["successor"].upper(),
                    year=year,
                    share=share,
                    basis=cells.get("basis", "").lower(),
                    note=cells.get("note", ""),
                    row=n,
                )
            )
    except TabularError as exc:
        raise InvalidInput(f"{file_name}: {exc.message}") from exc
    if errors:
        raise InvalidInput(
            f"{file_name}: {len(errors)} problem(s); nothing was imported. {errors[0]['message']}",
            errors=errors,
        )
    if not rows:
        raise InvalidInput(f"{file_name}: no rows.")
    return successions_set(rows, file_name=file_name)
