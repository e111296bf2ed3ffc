"""Reads of the finance app. The budget is public (the council report is public).

`budget_summary` is the one object the API, the finance page and reports render, so that the
figures agree everywhere.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet, Sum
from django.utils.translation import gettext as _

from wijkaanpak.core.exceptions import InvalidInput, NotFound
from wijkaanpak.core.history import HistoryEntry, history_entries
from wijkaanpak.finance.importing import euros
from wijkaanpak.finance.models import (
    ALLOCATED_STATUSES,
    Budget,
    BudgetFunding,
    BudgetLine,
    FundingShare,
    FundingSource,
    LineStatus,
)
from wijkaanpak.opportunities.models import Opportunity, OpportunityStatus
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.programmes.models import Ambition, Programme


def budget_list(*, programme: Programme) -> QuerySet[Budget]:
    return Budget.objects.filter(programme=programme).order_by("year")


def budget_get(*, programme: Programme, year: int, with_lines: bool = True) -> Budget:
    """The year's budget; with its lines (what was spent on each) and funding unless
    `with_lines` is false (a form for one line needs neither)."""
    qs = Budget.objects.filter(programme=programme, year=year).select_related("programme")
    if with_lines:
        qs = qs.prefetch_related(
            Prefetch(
                "lines",
                queryset=BudgetLine.objects.select_related("organisation", "opportunity")
                .prefetch_related("ambitions")
                .annotate(spent=Sum("realisations__amount"))
                .order_by("order", "id"),
            ),
            Prefetch("funding", queryset=BudgetFunding.objects.select_related("source")),
        )
    budget = qs.first()
    if budget is None:
        raise NotFound(_("No budget for %(year)s.") % {"year": year})
    return budget


def budget_line_get(*, budget: Budget, pk: int) -> BudgetLine:
    line = BudgetLine.objects.filter(budget=budget, pk=pk).select_related("budget").first()
    if line is None:
        raise NotFound(
            _("No budget line with id %(pk)s in %(year)s.") % {"pk": pk, "year": budget.year}
        )
    return line


def funding_sources_by_slug() -> dict[str, FundingSource]:
    return {s.slug: s for s in FundingSource.objects.all()}


def budget_line_refs(*, programme: Programme, data: dict[str, Any]) -> dict[str, Any]:
    """Turn the ids and ambition numbers of a budget line's input into objects (the programme's
    own kansen and ambitions), naming the bad ones (InvalidInput)."""
    out: dict[str, Any] = {}
    errors = []
    if "organisation_id" in data:
        pk = data.pop("organisation_id")
        out["organisation"] = Organisation.objects.filter(pk=pk).first() if pk else None
        if pk and out["organisation"] is None:
            errors.append({"field": "organisation_id", "message": _("unknown organisation")})
    if "opportunity_id" in data:
        pk = data.pop("opportunity_id")
        out["opportunity"] = (
            Opportunity.objects.filter(pk=pk, programme=programme).first() if pk else None
        )
        if pk and out["opportunity"] is None:
            errors.append({"field": "opportunity_id", "message": _("unknown kans")})
    if "ambitions" in data:
        numbers = data.pop("ambitions")
        found = list(Ambition.objects.filter(programme=programme, number__in=numbers))
        if len(found) != len(set(numbers)):
            errors.append({"field": "ambitions", "message": _("unknown ambition number")})
        out["ambitions"] = found
    if errors:
        raise InvalidInput(_("The budget line is not valid."), errors=errors)
    return {**data, **out}


def funding_source_list() -> QuerySet[FundingSource]:
    return FundingSource.objects.prefetch_related("shares__programme").order_by("name")


@dataclass
class Check:
    rule: str
    ok: bool
    message: str
    lines: list[str] = field(default_factory=list)


@dataclass
class BudgetSummary:
    programme: Programme
    year: int
    budget: int
    allocated: int
    unallocated: int
    spent: int
    not_spent: int
    process_costs: int
    printed_total: int | None
    printed_total_means: str
    lines: list[dict[str, Any]]
    by_ambition: list[dict[str, Any]]
    by_organisation: list[dict[str, Any]]
    by_opportunity: list[dict[str, Any]]
    by_funding_source: list[dict[str, Any]]
    checks: list[Check]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


def _line_out(line: BudgetLine) -> dict[str, Any]:
    return {
        "id": line.pk,
        "subject": line.subject,
        "amount": line.amount,
        "kind": line.kind,
        "status": line.status,
        "status_label": line.get_status_display(),
        "spent": int(getattr(line, "spent", None) or 0),
        "overrun": line.overrun,
        "organisation": line.organisation.name if line.organisation else None,
        "organisation_slug": line.organisation.slug if line.organisation else None,
        "opportunity": line.opportunity.title if line.opportunity else None,
        "opportunity_id": line.opportunity_id,
        "opportunity_status": line.opportunity.status if line.opportunity else None,
        "ambitions": sorted(a.number for a in line.ambitions.all()),
        "version": line.version,
    }


def _split(amount: int, parts: int) -> list[int]:
    """Split whole euros over `parts` shares that add up exactly."""
    base, rest = divmod(amount, parts)
    return [base + (1 if i < rest else 0) for i in range(parts)]


def _by_ambition(programme: Programme, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Allocated money per ambition. A line serving several ambitions is split evenly over
    them, so the roll-up adds up to the allocated total; lines without ambition (process
    costs, not spent) get their own row."""
    rows: dict[int | None, dict[str, Any]] = {
        a.number: {
            "number": a.number,
            "name": a.name,
            "short_name": a.short_name,
            "colour": a.colour,
            "amount": 0,
            "spent": 0,
            "lines": 0,
        }
        for a in programme.ambitions.order_by("number")
    }
    rows[None] = {
        "number": None,
        "name": _("No ambition (process costs, not spent, unlinked)"),
        "short_name": _("none"),
        "colour": "#767676",
        "amount": 0,
        "spent": 0,
        "lines": 0,
    }
    for line in lines:
        if line["status"] not in ALLOCATED_STATUSES:
            continue
        numbers = [n for n in line["ambitions"] if n in rows] or [None]
        for number, amount, spent in zip(
            numbers,
            _split(line["amount"], len(numbers)),
            _split(line["spent"], len(numbers)),
            strict=True,
        ):
            rows[number]["amount"] += amount
            rows[number]["spent"] += spent
            rows[number]["lines"] += 1
    return [r for r in rows.values() if r["number"] is not None or r["lines"]]


def _group(lines: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    groups: dict[Any, dict[str, Any]] = {}
    for line in lines:
        if line["status"] not in ALLOCATED_STATUSES or line[key] is None:
            continue
        group = groups.setdefault(
            line[key], {"name": line[key], "amount": 0, "spent": 0, "lines": 0}
        )
        if key == "organisation":
            group["slug"] = line["organisation_slug"]
        if key == "opportunity":
            group["id"] = line["opportunity_id"]
        group["amount"] += line["amount"]
        group["spent"] += line["spent"]
        group["lines"] += 1
    return sorted(groups.values(), key=lambda g: (-g["amount"], g["name"]))


def _checks(
    budget: Budget,
    allocated: int,
    unallocated: int,
    lines: list[dict[str, Any]],
    funded: int | None,
) -> list[Check]:
    balance = allocated + unallocated == budget.amount
    checks = [
        Check(
            rule="balance",
            ok=balance,
            message=(
                _(
                    "Allocated %(allocated)s + not yet allocated %(unallocated)s = budget %(budget)s."
                )
                if balance
                else _(
                    "Allocated %(allocated)s + not yet allocated %(unallocated)s is not the "
                    "budget %(budget)s."
                )
            )
            % {
                "allocated": euros(allocated),
                "unallocated": euros(unallocated),
                "budget": euros(budget.amount),
            },
        )
    ]
    over = [
        line["subject"] for line in lines if line["spent"] > line["amount"] and not line["overrun"]
    ]
    checks.append(
        Check(
            rule="spent_within_line",
            ok=not over,
            message=_(
                "Spent is at most the allocated amount on every line, unless marked as overrun."
            )
            if not over
            else _("More was spent than allocated on lines not marked as overrun."),
            lines=over,
        )
    )
    stopped = [
        line["subject"] for line in lines if line["opportunity_status"] == OpportunityStatus.STOPPED
    ]
    checks.append(
        Check(
            rule="stopped_kans",
            ok=not stopped,
            message=_("No line pays for a kans that was stopped.")
            if not stopped
            else _("These lines pay for a kans that was stopped."),
            lines=stopped,
        )
    )
    if funded is not None:
        checks.append(
            Check(
                rule="funding",
                ok=funded == budget.amount,
                message=_("The funding contributions (%(funded)s) make up the budget (%(budget)s).")
                % {"funded": euros(funded), "budget": euros(budget.amount)}
                if funded == budget.amount
                else _(
                    "The funding contributions (%(funded)s) differ from the budget (%(budget)s)."
                )
                % {"funded": euros(funded), "budget": euros(budget.amount)},
            )
        )
    if budget.printed_total is not None:
        meaning = {"allocated": allocated, "budget": budget.amount}.get(budget.printed_total_means)
        checks.append(
            Check(
                rule="printed_total",
                ok=meaning == budget.printed_total,
                message=_("The report prints a total of %(total)s: %(means)s.")
                % {
                    "total": euros(budget.printed_total),
                    "means": budget.get_printed_total_means_display() or _("(not stated)"),
                }
                if meaning == budget.printed_total
                else _(
                    "The report prints a total of %(total)s, which matches neither figure as stated."
                )
                % {"total": euros(budget.printed_total)},
            )
        )
    return checks


def budget_summary(*, programme: Programme, year: int) -> BudgetSummary:
    budget = budget_get(programme=programme, year=year)
    lines = [_line_out(line) for line in budget.lines.all()]
    allocated = sum(line["amount"] for line in lines if line["status"] in ALLOCATED_STATUSES)
    unallocated = sum(line["amount"] for line in lines if line["status"] == LineStatus.UNALLOCATED)
    funding = list(budget.funding.all())
    return BudgetSummary(
        programme=programme,
        year=budget.year,
        budget=budget.amount,
        allocated=allocated,
        unallocated=unallocated,
        spent=sum(line["spent"] for line in lines),
        not_spent=sum(line["amount"] for line in lines if line["status"] == LineStatus.NOT_SPENT),
        process_costs=sum(
            line["amount"]
            for line in lines
            if line["kind"] == "process" and line["status"] in ALLOCATED_STATUSES
        ),
        printed_total=budget.printed_total,
        printed_total_means=budget.printed_total_means,
        lines=lines,
        by_ambition=_by_ambition(programme, lines),
        by_organisation=_group(lines, "organisation"),
        by_opportunity=_group(lines, "opportunity"),
        by_funding_source=[
            {"name": f.source.name, "kind": f.source.kind, "amount": f.amount} for f in funding
        ],
        checks=_checks(
            budget,
            allocated,
            unallocated,
            lines,
            sum(f.amount for f in funding) if funding else None,
        ),
    )


def organisation_year_comparison(*, programme: Programme) -> dict[str, Any]:
    """Allocated money per organisation per year, with the change against the year before."""
    years = list(budget_list(programme=programme).values_list("year", flat=True))
    rows = (
        BudgetLine.objects.filter(
            budget__programme=programme,
            organisation__isnull=False,
            status__in=ALLOCATED_STATUSES,
        )
        .values("organisation__name", "organisation__slug", "budget__year")
        .annotate(amount=Sum("amount"))
    )
    table: dict[str, dict[int, int]] = defaultdict(dict)
    slugs: dict[str, str] = {}
    for r in rows:
        table[r["organisation__name"]][r["budget__year"]] = int(r["amount"])
        slugs[r["organisation__name"]] = r["organisation__slug"]
    result = []
    for name in sorted(table, key=str.lower):
        amounts = [table[name].get(y, 0) for y in years]
        result.append(
            {
                "organisation": name,
                "slug": slugs[name],
                "amounts": amounts,
                "change": amounts[-1] - amounts[-2] if len(amounts) > 1 else None,
            }
        )
    return {"years": years, "rows": result}


def funding_share_list(*, programme: Programme) -> QuerySet[FundingShare]:
    """The shares of shared funding sources (such as the Regio Deal) that go to this programme."""
    return FundingShare.objects.filter(programme=programme).select_related("source")


def budget_line_history(*, line: BudgetLine) -> list[HistoryEntry]:
    """Who changed what on a budget line, newest first (django-simple-history)."""
    records = list(
        BudgetLine.history.filter(id=line.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    ids = {r.organisation_id for r in records if r.organisation_id}
    opportunity_ids = {r.opportunity_id for r in records if r.opportunity_id}
    names: dict[str, dict[Any, str]] = {
        "organisation": dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name")),
        "opportunity": dict(
            Opportunity.objects.filter(pk__in=opportunity_ids).values_list("pk", "title")
        ),
    }
    entries = history_entries(
        BudgetLine,
        records,
        object_type="budget_line",
        object_type_label=_("budget line"),
        label=lambda r: r.subject,
        names=names,
        hidden={"budget", "order"},
    )
    return sorted(entries, key=lambda e: e.at, reverse=True)
