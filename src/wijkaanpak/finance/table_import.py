"""The steps of the budget table import (`finance.services.budget_import`): check the parsed
table, reconcile the printed total with the lines, match lines to organisations and kansen,
report, and write. The role check and the service itself stay in `finance.services`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from wijkaanpak.core.exceptions import Conflict, InvalidInput
from wijkaanpak.finance.importing import Row, Table, euros, explain_difference, normalise
from wijkaanpak.finance.models import Budget, BudgetLine, Realisation
from wijkaanpak.opportunities.models import Opportunity
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.programmes.models import Programme


@dataclass
class ImportLine:
    row: int
    subject: str
    amount: int
    status: str
    kind: str
    organisation: str | None = None
    opportunity: str | None = None
    organisation_id: int | None = None
    opportunity_id: int | None = None
    ambition_ids: list[int] = field(default_factory=list)


@dataclass
class ImportReport:
    """What an import found and (unless it was a dry run or needs a decision) wrote."""

    year: int
    unit: str
    lines: list[ImportLine]
    sum_of_lines: int
    printed_total: int | None
    difference: int
    explained_by: list[dict[str, Any]]
    total_means: str | None
    needs_decision: bool
    budget: int
    allocated: int
    unallocated: int
    unmatched: list[dict[str, Any]]
    warnings: list[dict[str, Any]]
    written: bool = False
    replaced: int = 0
    message: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def table_check(table: Table, *, year: int) -> None:
    """Refuse a table with problems, or one whose header names another year."""
    errors = list(table.errors)
    if table.header_year is not None and table.header_year != year:
        errors.append(
            {
                "row": table.header_row or 1,
                "column": 1,
                "message": _("The table is for %(header)s, not for %(year)s.")
                % {"header": table.header_year, "year": year},
            }
        )
    if errors:
        raise InvalidInput(
            _("The table cannot be imported: %(count)s problem(s).") % {"count": len(errors)},
            errors=errors,
        )


@dataclass
class _Reconciled:
    """The printed total against the sum of the lines."""

    sum_of_lines: int
    difference: int
    explaining: list[Row]
    needs_decision: bool
    budget: int


def _reconcile(table: Table, total_means: str | None) -> _Reconciled:
    """Which lines explain a difference, and what the budget is. With `total_means`
    'allocated' the explaining lines become the unallocated ones."""
    assert table.total is not None
    sum_of_lines = sum(r.amount for r in table.rows)
    difference = sum_of_lines - table.total
    result = _Reconciled(sum_of_lines, difference, [], False, sum_of_lines)
    if difference == 0:
        return result
    result.explaining = explain_difference(table.rows, abs(difference))
    if total_means is None:
        result.needs_decision = True
    elif total_means == "allocated":
        _total_is_allocated(table, result)
    else:
        _total_is_budget(table, result)
    return result


def _total_is_allocated(table: Table, result: _Reconciled) -> None:
    assert table.total is not None
    if result.difference < 0:
        raise InvalidInput(
            _(
                "The printed total %(total)s is more than the lines add up to "
                "(%(sum)s), so it cannot be the allocated part."
            )
            % {"total": euros(table.total), "sum": euros(result.sum_of_lines)},
            errors=[{"row": table.total_row, "column": 2, "message": _("too large")}],
        )
    if not result.explaining:
        raise InvalidInput(
            _(
                "No line explains the difference of %(diff)s between the lines "
                "(%(sum)s) and the printed total (%(total)s)."
            )
            % {
                "diff": euros(result.difference),
                "sum": euros(result.sum_of_lines),
                "total": euros(table.total),
            },
            errors=[{"row": table.total_row, "column": 2, "message": _("unexplained")}],
        )
    for r in table.rows:
        if r in result.explaining:
            r.status = "unallocated"
        elif r.status == "unallocated":
            r.status = "allocated"


def _total_is_budget(table: Table, result: _Reconciled) -> None:
    assert table.total is not None
    if result.difference > 0:
        raise InvalidInput(
            _(
                "The lines add up to %(sum)s, more than the budget of %(total)s "
                "printed in the total row."
            )
            % {"sum": euros(result.sum_of_lines), "total": euros(table.total)},
            errors=[{"row": table.total_row, "column": 2, "message": _("too small")}],
        )
    result.budget = table.total


def _match(subject: str, candidates: list[tuple[str, Any]]) -> Any | None:
    """The candidate whose normalised name contains, or is contained in, the subject.
    With several, the longest name wins (the most specific)."""
    key = normalise(subject)
    if len(key) < 3:
        return None
    hits = [
        (len(name), obj)
        for name, obj in candidates
        if len(name) >= 4 and (name in key or key in name)
    ]
    if not hits:
        return None
    return max(hits, key=lambda hit: hit[0])[1]


def _plan_lines(programme: Programme, rows: list[Row]) -> list[ImportLine]:
    organisations = [(normalise(o.name), o) for o in Organisation.objects.all()]
    kansen = [
        (normalise(k.title), k)
        for k in Opportunity.objects.filter(programme=programme).prefetch_related("ambitions")
    ]
    lines = []
    for r in rows:
        line = ImportLine(
            row=r.row, subject=r.subject, amount=r.amount, status=r.status, kind=r.kind
        )
        if r.status == "allocated" and r.kind == "regular":
            organisation = _match(r.subject, organisations)
            kans = _match(r.subject, kansen)
            if organisation is not None:
                line.organisation, line.organisation_id = organisation.name, organisation.pk
            if kans is not None:
                line.opportunity, line.opportunity_id = kans.title, kans.pk
                line.ambition_ids = [a.pk for a in kans.ambitions.all()]
        lines.append(line)
    return lines


def import_report(
    *, programme: Programme, year: int, table: Table, total_means: str | None
) -> ImportReport:
    """The report of a checked table: totals reconciled, lines matched, nothing written."""
    totals = _reconcile(table, total_means)
    lines = _plan_lines(programme, table.rows)
    unallocated = sum(line.amount for line in lines if line.status == "unallocated")
    report = ImportReport(
        year=year,
        unit=table.unit,
        lines=lines,
        sum_of_lines=totals.sum_of_lines,
        printed_total=table.total,
        difference=totals.difference,
        explained_by=[
            {"row": r.row, "subject": r.subject, "amount": r.amount} for r in totals.explaining
        ],
        total_means=total_means if totals.difference != 0 else (total_means or "budget"),
        needs_decision=totals.needs_decision,
        budget=totals.budget,
        allocated=totals.sum_of_lines - unallocated,
        unallocated=unallocated,
        unmatched=[
            {"row": line.row, "subject": line.subject}
            for line in lines
            if line.status == "allocated"
            and line.kind == "regular"
            and line.organisation is None
            and line.opportunity is None
        ],
        warnings=table.warnings,
    )
    report.message = _difference_message(report)
    return report


def _difference_message(report: ImportReport) -> str:
    if report.difference == 0:
        return _("The lines add up to the printed total of %(total)s.") % {
            "total": euros(report.printed_total)
        }
    explained = ", ".join(f"{e['subject']} {euros(e['amount'])}" for e in report.explained_by)
    message = _("The printed total is %(total)s but the lines add up to %(sum)s.") % {
        "total": euros(report.printed_total),
        "sum": euros(report.sum_of_lines),
    }
    if explained:
        message += " " + _("The difference of %(diff)s is explained by: %(lines)s.") % {
            "diff": euros(abs(report.difference)),
            "lines": explained,
        }
    if report.needs_decision:
        message += " " + _(
            "Say what the printed total means: the allocated part ('allocated') or the budget "
            "('budget')."
        )
    return message


@transaction.atomic
def import_write(*, programme: Programme, report: ImportReport) -> None:
    """Replace the year's lines by the report's (refused once money was spent on them)."""
    budget = Budget.objects.select_for_update().filter(programme=programme, year=report.year)
    existing = budget.first()
    if existing is not None:
        if Realisation.objects.filter(line__budget=existing).exists():
            raise Conflict(
                _(
                    "The lines of %(year)s have recorded spending; change them one by one "
                    "instead of importing the table again."
                )
                % {"year": report.year}
            )
        report.replaced = existing.lines.count()
        try:
            existing.lines.all().delete()
        except ProtectedError as exc:  # e.g. the line an initiative fund pays from
            used_by = sorted({str(obj) for obj in exc.protected_objects})
            raise Conflict(
                _(
                    "The lines of %(year)s are in use by %(used_by)s; change them one by one "
                    "instead of importing the table again."
                )
                % {"year": report.year, "used_by": ", ".join(used_by)}
            ) from exc
    target, _created = Budget.objects.update_or_create(
        programme=programme,
        year=report.year,
        defaults={
            "amount": report.budget,
            "printed_total": report.printed_total,
            "printed_total_means": report.total_means or "",
        },
    )
    ambitions = {a.pk: a for a in programme.ambitions.all()}
    for order, line in enumerate(report.lines, start=1):
        created = BudgetLine.objects.create(
            budget=target,
            subject=line.subject,
            amount=line.amount,
            kind=line.kind,
            status=line.status,
            organisation_id=line.organisation_id,
            opportunity_id=line.opportunity_id,
            order=order,
        )
        if line.ambition_ids:
            created.ambitions.set([ambitions[pk] for pk in line.ambition_ids if pk in ambitions])
    report.written = True
