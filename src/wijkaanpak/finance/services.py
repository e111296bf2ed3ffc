"""Writes of the finance app: funding, budgets, lines, realisations and the table import.

Every write goes through one of these functions, whether it comes from a page, the API, a
command, the demo or a test. `by=SYSTEM` is a system write (demo, command); a user needs the
coordinator role in the programme.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import IO, Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user, is_system
from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.accounts.selectors import user_has_programme_role
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.core.history import changes_since, record_as
from wijkaanpak.finance.importing import TOTAL_MEANINGS, UNITS, euros, parse_table
from wijkaanpak.finance.models import (
    Budget,
    BudgetFunding,
    BudgetLine,
    FundingKind,
    FundingShare,
    FundingSource,
    LineKind,
    LineStatus,
    Realisation,
)
from wijkaanpak.finance.table_import import ImportLine as ImportLine  # re-exported
from wijkaanpak.finance.table_import import ImportReport as ImportReport  # re-exported
from wijkaanpak.finance.table_import import import_report, import_write, table_check
from wijkaanpak.opportunities.models import Opportunity
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.programmes.models import Ambition, Programme


def _require_coordinator(*, user: Actor, programme: Programme) -> None:
    if is_system(user):
        return
    if not user_has_programme_role(user=user, programme=programme, role=ProgrammeRole.COORDINATOR):
        raise Forbidden(_("You need the coordinator role in this programme."))


def year_check(*, programme: Programme, year: int) -> None:
    """A budget year must lie between the programme's start and ten years after today."""
    latest = timezone.now().year + 10
    if not programme.start_year <= year <= latest:
        raise InvalidInput(
            _("Unknown year %(year)s: this programme has budgets from %(start)s to %(end)s.")
            % {"year": year, "start": programme.start_year, "end": latest},
            errors=[{"field": "year", "message": _("unknown year")}],
        )


# --- funding ---------------------------------------------------------------------------


@transaction.atomic
def funding_source_create_or_update(
    *,
    name: str,
    kind: FundingKind | str,
    total_amount: int | None = None,
    description: str = "",
) -> FundingSource:
    if total_amount is not None and total_amount < 0:
        raise InvalidInput(
            _("An amount cannot be negative."),
            errors=[{"field": "total_amount", "message": _("must be 0 or more")}],
        )
    source, _created = FundingSource.objects.update_or_create(
        name=name,
        defaults={
            "slug": slugify(name)[:200] or "bron",
            "kind": kind,
            "total_amount": total_amount,
            "description": description,
        },
    )
    return source


@transaction.atomic
def funding_share_set(
    *,
    source: FundingSource,
    recipient: str,
    programme: Programme | None = None,
    amount: int | None = None,
    note: str = "",
) -> FundingShare:
    """Set one recipient's share of a source; the shares may not exceed the source's total."""
    if amount is not None:
        others = source.shares.exclude(recipient=recipient).aggregate(s=Sum("amount"))["s"] or 0
        if amount < 0 or (
            source.total_amount is not None and others + amount > source.total_amount
        ):
            raise InvalidInput(
                _("The shares of %(source)s would exceed its total.") % {"source": source.name},
                errors=[{"field": "amount", "message": _("too large")}],
            )
    share, _created = FundingShare.objects.update_or_create(
        source=source,
        recipient=recipient,
        defaults={"programme": programme, "amount": amount, "note": note},
    )
    return share


@transaction.atomic
def budget_funding_set(
    *, budget: Budget, source: FundingSource, amount: int, by: Actor
) -> BudgetFunding:
    _require_coordinator(user=by, programme=budget.programme)
    if amount < 0:
        raise InvalidInput(
            _("An amount cannot be negative."),
            errors=[{"field": "amount", "message": _("must be 0 or more")}],
        )
    contribution, _created = BudgetFunding.objects.update_or_create(
        budget=budget, source=source, defaults={"amount": amount}
    )
    return contribution


# --- budgets and lines -----------------------------------------------------------------


@transaction.atomic
def budget_set(
    *,
    programme: Programme,
    year: int,
    amount: int,
    note: str | None = None,
    printed_total: int | None = None,
    printed_total_means: str | None = None,
    by: Actor,
) -> Budget:
    """Create the year's budget or change its amount. `printed_total` records the total the
    report prints and `printed_total_means` what it is ('allocated' or 'budget')."""
    _require_coordinator(user=by, programme=programme)
    year_check(programme=programme, year=year)
    if amount < 0:
        raise InvalidInput(
            _("A budget cannot be negative."),
            errors=[{"field": "amount", "message": _("must be 0 or more")}],
        )
    if printed_total_means not in (None, "", *TOTAL_MEANINGS):
        raise InvalidInput(
            _("Unknown meaning of the total."),
            errors=[{"field": "printed_total_means", "message": " | ".join(TOTAL_MEANINGS)}],
        )
    defaults: dict[str, Any] = {"amount": amount}
    if note is not None:
        defaults["note"] = note
    if printed_total is not None:
        defaults["printed_total"] = printed_total
    if printed_total_means is not None:
        defaults["printed_total_means"] = printed_total_means
    budget, _created = Budget.objects.update_or_create(
        programme=programme, year=year, defaults=defaults
    )
    return budget


def _line_errors(
    *,
    budget: Budget,
    subject: str,
    amount: int,
    kind: str,
    status: str,
    opportunity: Opportunity | None,
    ambitions: list[Ambition],
    exclude_pk: int | None = None,
) -> list[dict[str, Any]]:
    errors: list[dict[str, Any]] = []
    if not subject.strip():
        errors.append({"field": "subject", "message": _("required")})
    elif (
        BudgetLine.objects.filter(budget=budget, subject=subject.strip())
        .exclude(pk=exclude_pk or 0)
        .exists()
    ):
        errors.append({"field": "subject", "message": _("This year already has that line.")})
    if amount < 0:
        errors.append({"field": "amount", "message": _("must be 0 or more")})
    if kind not in LineKind.values:
        errors.append({"field": "kind", "message": _("unknown kind")})
    if status not in LineStatus.values:
        errors.append({"field": "status", "message": _("unknown status")})
    if opportunity is not None and opportunity.programme_id != budget.programme_id:
        errors.append({"field": "opportunity", "message": _("not a kans of this programme")})
    if any(a.programme_id != budget.programme_id for a in ambitions):
        errors.append({"field": "ambitions", "message": _("not an ambition of this programme")})
    return errors


@transaction.atomic
def budget_line_create(
    *,
    budget: Budget,
    subject: str,
    amount: int,
    kind: LineKind | str = LineKind.REGULAR,
    status: LineStatus | str = LineStatus.ALLOCATED,
    organisation: Organisation | None = None,
    opportunity: Opportunity | None = None,
    ambitions: Iterable[Ambition] = (),
    overrun: bool = False,
    note: str = "",
    order: int | None = None,
    by: Actor,
) -> BudgetLine:
    _require_coordinator(user=by, programme=budget.programme)
    ambitions = list(ambitions)
    errors = _line_errors(
        budget=budget,
        subject=subject,
        amount=amount,
        kind=str(kind),
        status=str(status),
        opportunity=opportunity,
        ambitions=ambitions,
    )
    if errors:
        raise InvalidInput(_("The budget line is not valid."), errors=errors)
    if order is None:
        order = budget.lines.count() + 1
    line = BudgetLine(
        budget=budget,
        subject=subject.strip(),
        amount=amount,
        kind=kind,
        status=status,
        organisation=organisation,
        opportunity=opportunity,
        overrun=overrun,
        note=note,
        order=order,
    )
    record_as(line, acting_user(by)).save()
    line.ambitions.set(ambitions)
    return line


_UNSET: Any = object()


@transaction.atomic
def budget_line_update(
    *,
    line: BudgetLine,
    subject: str = _UNSET,
    amount: int = _UNSET,
    kind: LineKind | str = _UNSET,
    status: LineStatus | str = _UNSET,
    organisation: Organisation | None = _UNSET,
    opportunity: Opportunity | None = _UNSET,
    ambitions: Iterable[Ambition] = _UNSET,
    overrun: bool = _UNSET,
    note: str = _UNSET,
    version: int | None = None,
    by: Actor,
) -> BudgetLine:
    """Change the given fields of a line; the others stay as they are. With `version` (the
    one read), a line changed by someone else meanwhile is a Conflict (409) naming the changes."""
    budget = line.budget
    _require_coordinator(user=by, programme=budget.programme)
    current = BudgetLine.objects.select_for_update().get(pk=line.pk)
    if version is not None and current.version != version:
        raise Conflict(
            _("Someone else changed this budget line in the meantime; check and try again."),
            errors=[
                {"field": "version", "message": _("stale version")},
                *(
                    {
                        "field": c.field,
                        "message": _("Changed in the meantime: %(old)s → %(new)s")
                        % {"old": c.old or "–", "new": c.new or "–"},
                        "old": c.old,
                        "new": c.new,
                    }
                    for c in changes_since(instance=current, version=version)
                ),
            ],
        )
    new: dict[str, Any] = {
        "subject": line.subject if subject is _UNSET else subject.strip(),
        "amount": line.amount if amount is _UNSET else amount,
        "kind": line.kind if kind is _UNSET else str(kind),
        "status": line.status if status is _UNSET else str(status),
        "organisation": line.organisation if organisation is _UNSET else organisation,
        "opportunity": line.opportunity if opportunity is _UNSET else opportunity,
        "overrun": line.overrun if overrun is _UNSET else overrun,
        "note": line.note if note is _UNSET else note,
    }
    new_ambitions = list(line.ambitions.all() if ambitions is _UNSET else ambitions)
    errors = _line_errors(
        budget=budget,
        subject=new["subject"],
        amount=new["amount"],
        kind=new["kind"],
        status=new["status"],
        opportunity=new["opportunity"],
        ambitions=new_ambitions,
        exclude_pk=line.pk,
    )
    if errors:
        raise InvalidInput(_("The budget line is not valid."), errors=errors)
    for name, value in new.items():
        setattr(line, name, value)
    line.version = current.version + 1
    record_as(line, acting_user(by)).save()
    if ambitions is not _UNSET:
        line.ambitions.set(new_ambitions)
    return line


@transaction.atomic
def realisation_record(
    *, line: BudgetLine, date: dt.date, amount: int, note: str = "", by: Actor
) -> Realisation:
    """Record money spent on a line. Spending beyond the line's amount needs the line to be
    marked as overrun; a line whose realisations reach its amount becomes 'spent'."""
    _require_coordinator(user=by, programme=line.budget.programme)
    locked = BudgetLine.objects.select_for_update().get(pk=line.pk)
    errors: list[dict[str, Any]] = []
    if amount <= 0:
        errors.append({"field": "amount", "message": _("must be more than 0")})
    if locked.status not in (LineStatus.ALLOCATED, LineStatus.SPENT):
        errors.append(
            {
                "field": "line",
                "message": _("Only allocated money can be spent; this line is '%(status)s'.")
                % {"status": locked.get_status_display()},
            }
        )
    if errors:
        raise InvalidInput(_("The realisation is not valid."), errors=errors)
    spent = locked.realisations.aggregate(s=Sum("amount"))["s"] or 0
    if spent + amount > locked.amount and not locked.overrun:
        raise InvalidInput(
            _(
                "This would spend %(total)s on a line of %(amount)s; mark the line as overrun "
                "first if that is intended."
            )
            % {"total": euros(spent + amount), "amount": euros(locked.amount)},
            errors=[{"field": "amount", "message": _("more than the line's amount")}],
        )
    realisation = Realisation.objects.create(
        line=locked, date=date, amount=amount, note=note, by=acting_user(by)
    )
    if spent + amount >= locked.amount and locked.status == LineStatus.ALLOCATED:
        locked.status, locked.version = LineStatus.SPENT, locked.version + 1
        record_as(locked, acting_user(by)).save(update_fields=["status", "version"])
        line.status, line.version = LineStatus.SPENT, locked.version
    return realisation


# --- import of a printed table (the steps: finance/table_import.py) ----------------------


def budget_import(
    *,
    programme: Programme,
    year: int,
    content: bytes | IO[bytes],
    filename: str,
    unit: str | None = None,
    total_means: str | None = None,
    dry_run: bool = False,
    by: Actor,
) -> ImportReport:
    """Import a budget table for one year: validate everything first, then write it in one
    transaction, replacing that year's lines. Errors raise InvalidInput naming the rows.
    `content`: the file's bytes or an open binary file (an upload).

    When the printed total differs from the sum of the lines, `total_means` must say what the
    printed total is ('allocated': the allocated part, the rest is not yet allocated;
    'budget': the year's budget). Without it the report asks (`needs_decision`) and nothing
    is written.
    """
    _require_coordinator(user=by, programme=programme)
    year_check(programme=programme, year=year)
    if unit is not None and unit not in UNITS:
        raise InvalidInput(
            _("Unknown unit."), errors=[{"field": "unit", "message": " | ".join(UNITS)}]
        )
    if total_means is not None and total_means not in TOTAL_MEANINGS:
        raise InvalidInput(
            _("Unknown meaning of the total."),
            errors=[{"field": "total_means", "message": " | ".join(TOTAL_MEANINGS)}],
        )
    table = parse_table(content=content, filename=filename, unit=unit)
    table_check(table, year=year)
    report = import_report(programme=programme, year=year, table=table, total_means=total_means)
    if not (report.needs_decision or dry_run):
        import_write(programme=programme, report=report)
    return report
