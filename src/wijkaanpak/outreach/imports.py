"""Imports: a campaign's address list (CSV/XLSX) and ODK Central / KoboToolbox submissions.

Both validate the whole file first and then write everything in one transaction, so a bad
file writes nothing; errors name the file, row and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from wijkaanpak.core.actors import is_system
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.outreach import services
from wijkaanpak.outreach.models import (
    Address,
    Campaign,
    Household,
    Street,
    Theme,
    VisitOutcome,
)
from wijkaanpak.outreach.selectors import user_is_campaign_worker
from wijkaanpak.outreach.xlsform import field_name

POSTCODE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")
ADDRESS_COLUMNS = ("street", "house_number", "addition", "postcode")
MAX_ERRORS = 50


def normalise_postcode(raw: str) -> str:
    return re.sub(r"\s+", "", raw or "").upper()


def _read_rows(filename: str, content: bytes) -> list[dict[str, str]]:
    """Rows as dicts with lower-case headers; CSV (`,` or `;`, UTF-8 with or without BOM) or XLSX."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable file is bad input
            raise InvalidInput(
                _("%s is not a readable XLSX file.") % filename,
                errors=[{"file": filename, "message": str(exc)[:200]}],
            ) from None
        ws = wb.active
        assert ws is not None
        values = [
            ["" if v is None else str(v).strip() for v in row]
            for row in ws.iter_rows(values_only=True)
        ]
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInput(
                _("%s is not UTF-8 text.") % filename,
                errors=[{"file": filename, "message": _("not UTF-8")}],
            ) from None
        dialect = (
            ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
        )
        values = [
            [c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=dialect)
        ]
    if not values:
        raise InvalidInput(
            _("%s is empty.") % filename, errors=[{"file": filename, "message": _("empty")}]
        )
    header = [h.strip().lower() for h in values[0]]
    return [
        dict(zip(header, row + [""] * (len(header) - len(row)), strict=False))
        for row in values[1:]
        if any(row)
    ]


@transaction.atomic
def address_list_import(*, campaign: Campaign, filename: str, content: bytes, by: Any) -> int:
    """Import street, house_number, addition, postcode. Refuses missing or malformed postcodes,
    duplicates (in the file or already on the list) and streets unknown in the campaign's area."""
    if not is_system(by) and not user_is_campaign_worker(user=by, campaign=campaign):
        from wijkaanpak.accounts.models import ProgrammeRole
        from wijkaanpak.accounts.selectors import user_has_programme_role
        from wijkaanpak.core.exceptions import Forbidden

        if not user_has_programme_role(
            user=by, programme=campaign.programme, role=ProgrammeRole.COORDINATOR
        ):
            raise Forbidden(_("Only the coordinator or the campaign's workers import addresses."))
    rows = _read_rows(filename, content)
    header = set(rows[0]) if rows else set()
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
    streets = set(Street.objects.filter(area=campaign.area).values_list("name", flat=True))
    existing = set(
        Address.objects.filter(campaign=campaign).values_list(
            "postcode", "house_number", "addition"
        )
    )
    seen: dict[tuple[str, int, str], int] = {}
    errors: list[dict[str, Any]] = []
    new: list[Address] = []

    def err(row: int, column: str, message: str) -> None:
        errors.append({"file": filename, "row": row, "column": column, "message": message})

    for i, row in enumerate(rows, start=2):
        street = row.get("street", "").strip()
        postcode = normalise_postcode(row.get("postcode", ""))
        addition = row.get("addition", "").strip().upper()
        number_raw = row.get("house_number", "").strip()
        if not street:
            err(i, "street", _("missing"))
        elif street not in streets:
            err(i, "street", _("unknown street '%s' in this area") % street)
        if not postcode:
            err(i, "postcode", _("missing"))
        elif not POSTCODE.match(postcode):
            err(i, "postcode", _("malformed postcode '%s' (expected 1234AB)") % row.get("postcode"))
        try:
            number = int(float(number_raw)) if number_raw else 0
        except ValueError:
            number = 0
        if number <= 0:
            err(i, "house_number", _("missing or not a positive number: '%s'") % number_raw)
            continue
        key = (postcode, number, addition)
        if key in seen:
            err(i, "house_number", _("duplicate of row %s") % seen[key])
        elif key in existing:
            err(i, "house_number", _("already on the campaign's list"))
        seen.setdefault(key, i)
        new.append(
            Address(
                campaign=campaign,
                street=street,
                house_number=number,
                addition=addition,
                postcode=postcode,
            )
        )
    if errors:
        raise InvalidInput(
            _("%(n)s errors in %(file)s; nothing was imported.")
            % {"n": len(errors), "file": filename},
            errors=errors[:MAX_ERRORS],
        )
    Address.objects.bulk_create(new)
    return len(new)


def _column_map(row: dict[str, str]) -> dict[str, str]:
    """ODK Central names columns `group-field`, Kobo `group/field`: key them by the field name."""
    out: dict[str, str] = {}
    for key in row:
        out.setdefault(re.split(r"[-/]", key)[-1].lower(), key)
    return out


def _parse_date(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        return None


@transaction.atomic
def odk_submissions_import(
    *, campaign: Campaign, filename: str, content: bytes, by: Any, source: str = "import"
) -> tuple[int, int]:
    """Import submissions of this campaign's XLSForm as visits (and conversations for interviews).

    Refused as a whole when the export is of another form version or any row is invalid.
    Returns (visits, conversations)."""
    # The role first: the authorisation matrix found that anyone who could see the campaign
    # got 200 for an empty export (the per-row checks never ran).
    services._require_worker(by=by, campaign=campaign)
    rows = _read_rows(filename, content)
    if not rows:
        return (0, 0)
    cols = _column_map(rows[0])
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
    addresses = {
        (a.postcode, a.house_number, a.addition): a
        for a in Address.objects.filter(campaign=campaign)
    }
    households = {
        h.address_id: h for h in Household.objects.filter(campaign=campaign, address__isnull=False)
    }
    questions = {field_name(q): q for q in campaign.questions.all()}
    themes = {t.code: t for t in Theme.objects.all()}
    errors: list[dict[str, Any]] = []
    plan: list[dict[str, Any]] = []
    for i, row in enumerate(rows, start=2):

        def get(name: str, row: dict[str, str] = row) -> str:
            return row.get(cols.get(name.lower(), name.lower()), "").strip()

        def err(column: str, message: str, i: int = i) -> None:
            errors.append({"file": filename, "row": i, "column": column, "message": message})

        if get("form_version") != campaign.form_version:
            err(
                "form_version",
                _("form version %(got)s, expected %(want)s")
                % {"got": get("form_version") or "-", "want": campaign.form_version},
            )
            continue
        postcode = normalise_postcode(get("postcode"))
        try:
            number = int(float(get("house_number") or "0"))
        except ValueError:
            number = 0
        address = addresses.get((postcode, number, get("addition").upper()))
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
        answers = {questions[name].code: get(name) for name in questions if get(name)}
        for name, q in questions.items():
            value = get(name)
            if (
                value
                and q.type in ("yes_no", "choice", "scale")
                and value not in {c["value"] for c in q.choices()}
            ):
                err(cols.get(name, name), _("'%s' is not one of the options") % value)
        plan.append(
            {
                "address": address,
                "date": date,
                "outcome": outcome,
                "answers": answers,
                "themes": [themes[t] for t in get("themes").split() if t in themes],
                "note": get("note"),
                "key": get("instanceID") or get("_uuid") or get("key"),
            }
        )
    if errors:
        raise InvalidInput(
            _("%(n)s errors in %(file)s; nothing was imported.")
            % {"n": len(errors), "file": filename},
            errors=errors[:MAX_ERRORS],
        )
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
