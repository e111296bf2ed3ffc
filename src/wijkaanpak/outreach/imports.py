"""Imports: a campaign's address list (CSV/XLSX) and ODK Central / KoboToolbox submissions.

Both validate the whole file first and then write everything in one transaction, so a bad
file writes nothing; errors name the file, row and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import IO, Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor
from wijkaanpak.areas.models import Area, AreaLevel
from wijkaanpak.core import tabular
from wijkaanpak.core.actors import is_system
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.outreach import services
from wijkaanpak.outreach.models import (
    Address,
    Campaign,
    Household,
    Question,
    Street,
    Theme,
    VisitOutcome,
)
from wijkaanpak.outreach.selectors import user_is_campaign_worker
from wijkaanpak.outreach.xlsform import field_name

POSTCODE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")
ADDRESS_COLUMNS = ("street", "house_number", "addition", "postcode")
MAX_ERRORS = 50
#: Addresses written per INSERT.
BULK_BATCH = 2000

Row = tuple[int, dict[str, str]]


def normalise_postcode(raw: str) -> str:
    return re.sub(r"\s+", "", raw or "").upper()


def _file_error(filename: str, exc: tabular.TabularError) -> InvalidInput:
    if isinstance(exc, tabular.NotUtf8):
        return InvalidInput(
            _("%s is not UTF-8 text.") % filename,
            errors=[{"file": filename, "message": _("not UTF-8")}],
        )
    return InvalidInput(
        f"{filename}: {exc.message}",
        errors=[{"file": filename, "row": exc.row, "message": exc.message}],
    )


def _cells(filename: str, stream: IO[bytes]) -> Iterator[list[str]]:
    """The rows of the file as stripped text: XLSX (first sheet) or CSV (`;`, `,` or tab;
    UTF-8 with or without BOM), streamed within the import limits."""
    limits = tabular.import_limits()
    if filename.lower().endswith(".xlsx"):
        try:
            wb = tabular.open_workbook(stream, limits=limits)
        except tabular.TabularError:
            raise
        except Exception as exc:  # noqa: BLE001 - any unreadable file is bad input
            raise InvalidInput(
                _("%s is not a readable XLSX file.") % filename,
                errors=[{"file": filename, "message": str(exc)[:200]}],
            ) from None
        ws = wb.active
        assert ws is not None
        for row in tabular.sheet_rows(ws, limits=limits):
            yield ["" if v is None else str(v).strip() for v in row]
        return
    try:
        table = tabular.open_csv(stream, limits=limits)
    except tabular.EmptyFile:
        return
    yield [h.strip() for h in table.header]
    for cells in table.rows:
        yield [c.strip() for c in cells]


def _read_rows(filename: str, content: bytes | IO[bytes]) -> tuple[list[str], Iterator[Row]]:
    """The lower-case header and the rows after it as (row number, cells by header), blank
    rows left out. Refuses a file over the size limit before reading it; a limit exceeded
    while reading raises InvalidInput from the iterator."""
    stream = tabular.as_stream(content)
    try:
        tabular.check_size(stream, tabular.import_limits())
        cells = _cells(filename, stream)
        first = next(cells, None)
    except tabular.TabularError as exc:
        raise _file_error(filename, exc) from None
    if first is None:
        raise InvalidInput(
            _("%s is empty.") % filename, errors=[{"file": filename, "message": _("empty")}]
        )
    header = [h.strip().lower() for h in first]

    def rows() -> Iterator[Row]:
        try:
            for number, row in enumerate(cells, start=2):
                if any(row):
                    padded = row + [""] * (len(header) - len(row))
                    yield number, dict(zip(header, padded, strict=False))
        except tabular.TabularError as exc:
            raise _file_error(filename, exc) from None

    return header, rows()


def _require_address_importer(*, campaign: Campaign, by: Actor) -> None:
    if not is_system(by) and not user_is_campaign_worker(user=by, campaign=campaign):
        from wijkaanpak.accounts.models import ProgrammeRole
        from wijkaanpak.accounts.selectors import user_has_programme_role
        from wijkaanpak.core.exceptions import Forbidden

        if not user_has_programme_role(
            user=by, programme=campaign.programme, role=ProgrammeRole.COORDINATOR
        ):
            raise Forbidden(_("Only the coordinator or the campaign's workers import addresses."))


def _refuse(errors: list[dict[str, Any]], filename: str) -> None:
    if errors:
        raise InvalidInput(
            _("%(n)s errors in %(file)s; nothing was imported.")
            % {"n": len(errors), "file": filename},
            errors=errors[:MAX_ERRORS],
        )


AddressKey = tuple[str, int, str]


@dataclass
class _AddressCheck:
    """What the rows of an address list are checked against, and what they found."""

    filename: str
    streets: set[str]
    existing: set[AddressKey]
    #: The buurten of the campaign's area by lower-case CBS code and name (optional column).
    buurten: dict[str, int] = field(default_factory=dict)
    seen: dict[AddressKey, int] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def err(self, row: int, column: str, message: str) -> None:
        self.errors.append(
            {"file": self.filename, "row": row, "column": column, "message": message}
        )

    def row(self, i: int, row: dict[str, str]) -> tuple[str, int, str, str, int | None] | None:
        """(street, house number, addition, postcode, buurt id) of a row; problems go to
        `errors`."""
        street = row.get("street", "").strip()
        buurt_raw = row.get("buurt", "").strip()
        buurt = self.buurten.get(buurt_raw.lower()) if buurt_raw else None
        if buurt_raw and buurt is None:
            self.err(i, "buurt", _("unknown buurt '%s' in this area") % buurt_raw)
        postcode = normalise_postcode(row.get("postcode", ""))
        addition = row.get("addition", "").strip().upper()
        number_raw = row.get("house_number", "").strip()
        if not street:
            self.err(i, "street", _("missing"))
        elif street not in self.streets:
            self.err(i, "street", _("unknown street '%s' in this area") % street)
        if not postcode:
            self.err(i, "postcode", _("missing"))
        elif not POSTCODE.match(postcode):
            self.err(
                i, "postcode", _("malformed postcode '%s' (expected 1234AB)") % row.get("postcode")
            )
        try:
            number = int(float(number_raw)) if number_raw else 0
        except ValueError:
            number = 0
        if number <= 0:
            self.err(i, "house_number", _("missing or not a positive number: '%s'") % number_raw)
            return None
        key = (postcode, number, addition)
        if key in self.seen:
            self.err(i, "house_number", _("duplicate of row %s") % self.seen[key])
        elif key in self.existing:
            self.err(i, "house_number", _("already on the campaign's list"))
        self.seen.setdefault(key, i)
        return street, number, addition, postcode, buurt


@transaction.atomic
def address_list_import(
    *, campaign: Campaign, filename: str, content: bytes | IO[bytes], by: Actor
) -> int:
    """Import street, house_number, addition, postcode and (optional) buurt, a CBS code or name
    of a buurt in the campaign's area. Refuses missing or malformed postcodes, duplicates (in the
    file or already on the list), and streets and buurten unknown in the campaign's area.
    `content`: the file's bytes or an open binary file (an upload)."""
    _require_address_importer(campaign=campaign, by=by)
    header, rows = _read_rows(filename, content)
    missing = [c for c in ("street", "house_number", "postcode") if c not in header]
    if missing:
        raise InvalidInput(
            _("%(file)s lacks the columns %(cols)s.")
            % {"file": filename, "cols": ", ".join(missing)},
            errors=[
                {"file": filename, "row": 1, "column": c, "message": _("missing column")}
                for c in missing
            ],
        )
    check = _AddressCheck(
        filename=filename,
        streets=set(Street.objects.filter(area=campaign.area).values_list("name", flat=True)),
        existing=set(
            Address.objects.filter(campaign=campaign).values_list(
                "postcode", "house_number", "addition"
            )
        ),
        buurten=_buurten_of(campaign.area_id),
    )
    new = [address for i, row in rows if (address := check.row(i, row)) is not None]
    _refuse(check.errors, filename)
    for start in range(0, len(new), BULK_BATCH):
        Address.objects.bulk_create(
            Address(campaign=campaign, street=s, house_number=n, addition=a, postcode=p, buurt_id=b)
            for s, n, a, p, b in new[start : start + BULK_BATCH]
        )
    return len(new)


def _buurten_of(area_id: int) -> dict[str, int]:
    """The buurten within an area (its children and grandchildren) by lower-case code and name."""
    found: dict[str, int] = {}
    for pk, code, name in Area.objects.filter(
        Q(parent_id=area_id) | Q(parent__parent_id=area_id), level=AreaLevel.NEIGHBOURHOOD
    ).values_list("pk", "code", "name"):
        found[code.lower()] = pk
        found.setdefault(name.lower(), pk)
    return found


def _column_map(header: list[str]) -> dict[str, str]:
    """ODK Central names columns `group-field`, Kobo `group/field`: key them by the field name."""
    out: dict[str, str] = {}
    for key in header:
        out.setdefault(re.split(r"[-/]", key)[-1].lower(), key)
    return out


def _parse_date(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        return None


@dataclass
class _Submissions:
    """An ODK export being checked against its campaign: what rows are looked up in, and the
    problems found."""

    campaign: Campaign
    filename: str
    cols: dict[str, str]
    addresses: dict[AddressKey, Address]
    questions: dict[str, Question]
    themes: dict[str, Theme]
    errors: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def load(cls, *, campaign: Campaign, filename: str, cols: dict[str, str]) -> _Submissions:
        return cls(
            campaign=campaign,
            filename=filename,
            cols=cols,
            addresses={
                (a.postcode, a.house_number, a.addition): a
                for a in Address.objects.filter(campaign=campaign)
            },
            questions={field_name(q): q for q in campaign.questions.all()},
            themes={t.code: t for t in Theme.objects.all()},
        )

    def check_answers(self, i: int, answers: dict[str, str]) -> None:
        """Answers to closed questions must be one of their options."""
        for name, value in answers.items():
            q = self.questions[name]
            if q.type in ("yes_no", "choice", "scale") and value not in {
                c["value"] for c in q.choices()
            }:
                self.errors.append(
                    {
                        "file": self.filename,
                        "row": i,
                        "column": self.cols.get(name, name),
                        "message": _("'%s' is not one of the options") % value,
                    }
                )

    def plan(self, i: int, row: dict[str, str]) -> dict[str, Any] | None:
        """What one submission writes (None when it is of another form version); the
        problems of the row go to `errors`."""

        def get(name: str) -> str:
            return row.get(self.cols.get(name.lower(), name.lower()), "").strip()

        def err(column: str, message: str) -> None:
            self.errors.append(
                {"file": self.filename, "row": i, "column": column, "message": message}
            )

        want = self.campaign.form_version
        if get("form_version") != want:
            err(
                "form_version",
                _("form version %(got)s, expected %(want)s")
                % {"got": get("form_version") or "-", "want": want},
            )
            return None
        postcode = normalise_postcode(get("postcode"))
        try:
            number = int(float(get("house_number") or "0"))
        except ValueError:
            number = 0
        address = self.addresses.get((postcode, number, get("addition").upper()))
        if address is None:
            err(
                "postcode",
                _("address %(p)s %(n)s is not on the campaign's list")
                % {"p": postcode, "n": get("house_number")},
            )
        date = _parse_date(get("visit_date"))
        if date is None:
            err("visit_date", _("not a date: '%s'") % get("visit_date"))
        outcome = get("outcome")
        if outcome not in VisitOutcome.values:
            err("outcome", _("unknown outcome '%s'") % outcome)
        answers = {name: get(name) for name in self.questions if get(name)}
        self.check_answers(i, answers)
        return {
            "address": address,
            "date": date,
            "outcome": outcome,
            "answers": {self.questions[name].code: value for name, value in answers.items()},
            "themes": [self.themes[t] for t in get("themes").split() if t in self.themes],
            "note": get("note"),
            "key": get("instanceID") or get("_uuid") or get("key"),
        }


def _submissions_write(
    *, campaign: Campaign, plan: list[dict[str, Any]], by: Actor, source: str
) -> tuple[int, int]:
    """Visits, households where an interview found none, and their conversations."""
    households = {
        h.address_id: h for h in Household.objects.filter(campaign=campaign, address__isnull=False)
    }
    visits = conversations = 0
    for item in plan:
        household = households.get(item["address"].pk)
        if item["outcome"] == VisitOutcome.INTERVIEWED and household is None:
            household = services.household_create(
                campaign=campaign, address=item["address"], by=by, source=source
            )
            households[item["address"].pk] = household
        visit = services.visit_record(
            campaign=campaign,
            address=item["address"],
            household=household,
            date=item["date"],
            outcome=item["outcome"],
            by=by,
            source=source,
            source_key=item["key"][:100],
        )
        visits += 1
        if item["outcome"] == VisitOutcome.INTERVIEWED and household is not None:
            services.conversation_record(
                household=household,
                date=item["date"],
                answers=item["answers"],
                themes=item["themes"],
                note=item["note"],
                visit=visit,
                by=by,
                source=source,
            )
            conversations += 1
    return visits, conversations


@transaction.atomic
def odk_submissions_import(
    *,
    campaign: Campaign,
    filename: str,
    content: bytes | IO[bytes],
    by: Actor,
    source: str = "import",
) -> tuple[int, int]:
    """Import submissions of this campaign's XLSForm as visits (and conversations for interviews).

    Refused as a whole when the export is of another form version or any row is invalid.
    `content`: the file's bytes or an open binary file (an upload). Returns (visits,
    conversations)."""
    # The role first: the authorisation matrix found that anyone who could see the campaign
    # got 200 for an empty export (the per-row checks never ran).
    services._require_worker(by=by, campaign=campaign)
    header, rows = _read_rows(filename, content)
    first = next(rows, None)
    if first is None:
        return (0, 0)
    cols = _column_map(header)
    if "form_version" not in cols:
        raise InvalidInput(
            _("%s is not an export of this campaign's form (no form_version column).") % filename,
            errors=[
                {
                    "file": filename,
                    "row": 1,
                    "column": "form_version",
                    "message": _("missing column"),
                }
            ],
        )
    check = _Submissions.load(campaign=campaign, filename=filename, cols=cols)
    plan = [item for i, row in chain([first], rows) if (item := check.plan(i, row)) is not None]
    _refuse(check.errors, filename)
    return _submissions_write(campaign=campaign, plan=plan, by=by, source=source)
