"""Consistency rules over a report's data. Each rule is a small function returning findings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from wijkaanpak.finance.importing import euros

if TYPE_CHECKING:
    from wijkaanpak.reports.builder import Finding, Report


def _finding(rule: str, message: str, items: list[str] | None = None) -> Finding:
    from wijkaanpak.reports.builder import Finding

    return Finding(rule=rule, message=message, items=items or [])


def printed_total(report: Report) -> list[Finding]:
    """The printed "Totaal" of the budget table against the sum of its lines."""
    if report.finance is None:
        return []
    s = report.finance.summary
    if s.printed_total is None:
        return []
    lines = sum(line["amount"] for line in s.lines)
    if lines == s.printed_total:
        return []
    return [
        _finding(
            "printed_total",
            _(
                "The budget table prints a total of %(printed)s, but its lines add up to "
                "%(lines)s (allocated %(allocated)s, not yet allocated %(unallocated)s)."
            )
            % {
                "printed": euros(s.printed_total),
                "lines": euros(lines),
                "allocated": euros(s.allocated),
                "unallocated": euros(s.unallocated),
            },
        )
    ]


def budget_balance(report: Report) -> list[Finding]:
    """Allocated plus not yet allocated must be the budget."""
    if report.finance is None:
        return []
    s = report.finance.summary
    if s.allocated + s.unallocated == s.budget:
        return []
    return [
        _finding(
            "budget_balance",
            _("Allocated %(a)s plus not yet allocated %(u)s is not the budget %(b)s.")
            % {"a": euros(s.allocated), "u": euros(s.unallocated), "b": euros(s.budget)},
        )
    ]


def unlinked_lines(report: Report) -> list[Finding]:
    """Budget lines linked to no kans, no ambition and no organisation."""
    if report.finance is None:
        return []
    items = [
        f"{line['subject']} ({euros(line['amount'])})"
        for line in report.finance.summary.lines
        if line["kind"] != "process"
        and line["status"] != "unallocated"
        and not line["opportunity_id"]
        and not line["ambitions"]
        and not line["organisation"]
    ]
    if not items:
        return []
    return [_finding("unlinked_lines", _("Budget lines linked to nothing:"), items)]


def widening_funnels(report: Report) -> list[Finding]:
    """A funnel step may not count more than the step before it."""
    items = []
    for kans in report.kansen:
        steps = sorted(
            (m for m in kans.measures if m.funnel_order is not None and m.actual is not None),
            key=lambda m: m.funnel_order or 0,
        )
        for before, after in zip(steps, steps[1:], strict=False):
            if (
                after.actual is not None
                and before.actual is not None
                and after.actual > before.actual
            ):
                items.append(
                    f"{kans.title}: {after.name} ({after.actual:n}) > {before.name} ({before.actual:n})"
                )
    if not items:
        return []
    return [_finding("widening_funnel", _("Funnels that widen:"), items)]


def indicators_without_value(report: Report) -> list[Finding]:
    """Indicators of the programme's ambitions without a value for the report's year."""
    items = []
    latest = _("latest")
    for a in report.monitoring:
        items += [f"{a.number}. {name}" for name in a.missing]
        items += [
            f"{a.number}. {f.name} ({latest}: {f.period})"
            for f in a.figures
            if f.period != report.year
        ]
    if not items:
        return []
    return [
        _finding(
            "indicator_without_value",
            _("Indicators without a value for %(year)s:") % {"year": report.year},
            items,
        )
    ]


def kansen_without_progress(report: Report) -> list[Finding]:
    items = [k.title for k in report.kansen if not k.progress]
    if not items:
        return []
    return [
        _finding(
            "kans_without_progress",
            _("Kansen without a progress update in %(year)s:") % {"year": report.year},
            items,
        )
    ]


def measures_without_value(report: Report) -> list[Finding]:
    """Measures with a target but no value by the end of the period (measures have no target
    date yet: the end of the report's period stands in for it)."""
    items = [
        f"{k.title}: {m.name}"
        for k in report.kansen
        for m in k.measures
        if m.target is not None and m.actual is None
    ]
    if not items:
        return []
    return [_finding("measure_without_value", _("Measures with a target but no value:"), items)]


RULES: list[Callable[[Report], list[Finding]]] = [
    printed_total,
    budget_balance,
    unlinked_lines,
    widening_funnels,
    indicators_without_value,
    kansen_without_progress,
    measures_without_value,
]


def run_checks(report: Report) -> list[Finding]:
    return [finding for rule in RULES for finding in rule(report)]
