"""The annual progress report of a programme, built from the data (seed 001's structure).

Every figure comes from the other apps' selectors and carries its source; the team's texts and
the sign-off status come from this app's models. A section without data is empty, never an error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.finance import selectors as finance_selectors
from wijkaanpak.finance.selectors import BudgetSummary
from wijkaanpak.indicators.selectors import area_profile
from wijkaanpak.opportunities import selectors as kans_selectors
from wijkaanpak.opportunities.models import OpportunityKind, OpportunityStatus
from wijkaanpak.outreach import aggregates
from wijkaanpak.outreach.models import BoundAggregate, Campaign
from wijkaanpak.programmes.models import Programme
from wijkaanpak.reports import hooks
from wijkaanpak.reports.hooks import ResidentsItem
from wijkaanpak.reports.models import AnnualReport, Narrative, ReportStatus


@dataclass(frozen=True)
class IndicatorFigure:
    code: str
    name: str
    unit: str
    period: int
    value: float
    city_value: float | None
    national_value: float | None
    source: str


@dataclass(frozen=True)
class AmbitionMonitoring:
    number: int
    name: str
    figures: list[IndicatorFigure]
    missing: list[str]  # indicators of the ambition without a value up to the year


@dataclass(frozen=True)
class MeasureFigure:
    name: str
    unit: str
    target: Decimal | None
    actual: Decimal | None
    actual_date: dt.date | None
    funnel_order: int | None


@dataclass(frozen=True)
class KansReport:
    pk: int
    title: str
    description: str
    status_label: str
    ambitions: list[str]
    coalition: list[tuple[str, list[str]]]  # (role label, organisations)
    progress: list[tuple[dt.date, str]]
    measures: list[MeasureFigure]
    narrative: str = ""

    @property
    def key(self) -> str:
        return f"kans-{self.pk}"


@dataclass(frozen=True)
class ReviewItem:
    title: str
    date: dt.date
    reason: str
    merged_into: str = ""


@dataclass(frozen=True)
class Review:
    added: list[ReviewItem]
    merged: list[ReviewItem]
    moved: list[ReviewItem]  # to long-running work
    stopped: list[ReviewItem]

    @property
    def empty(self) -> bool:
        return not (self.added or self.merged or self.moved or self.stopped)


@dataclass(frozen=True)
class FinanceSection:
    summary: BudgetSummary
    previous_year: int | None
    comparison: list[dict[str, Any]]  # per organisation: name, previous, current, change


@dataclass(frozen=True)
class OutreachCampaign:
    name: str
    start: dt.date
    end: dt.date
    steps: list[tuple[str, str]]  # (step, count or the suppression mark)


@dataclass(frozen=True)
class Glance:
    ambitions: list[tuple[int, str]]
    kansen: list[str]
    long_running: int
    partners: list[str]
    budget: int | None
    allocated: int | None
    unallocated: int | None
    spent: int | None


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    items: list[str] = field(default_factory=list)
    explanation: str = ""  # the team's text "check-<rule>", kept with the report

    @property
    def key(self) -> str:
        return f"check-{self.rule}"


@dataclass
class Report:
    programme: Programme
    year: int
    as_of: dt.date
    glance: Glance
    monitoring: list[AmbitionMonitoring]
    kansen: list[KansReport]
    review: Review
    long_running: list[KansReport]
    finance: FinanceSection | None
    outreach: list[OutreachCampaign]
    sources: dict[str, list[str]]
    #: Section 4 from the participation and residents apps (reports/hooks.py).
    residents: list[ResidentsItem] = field(default_factory=list)
    checks: list[Finding] = field(default_factory=list)
    narratives: dict[str, str] = field(default_factory=dict)  # section key -> the team's text
    status: str = "draft"
    status_label: str = ""
    published_number: int | None = None  # set when rendering a version to freeze


def indicator_shown(indicator: Any, programme: Programme) -> bool:
    """National indicators and the programme's own municipality's; never another municipality's
    (docs/adr/0010), even when one is linked to an ambition by mistake."""
    return indicator.municipality_id in (None, programme.municipality_id)


def report_years(*, programme: Programme) -> list[int]:
    """The years a report can be made for: from the programme's first data to this year."""
    years = set(finance_selectors.budget_list(programme=programme).values_list("year", flat=True))
    for o in kans_selectors.opportunity_list(programme=programme).prefetch_related(
        "status_changes"
    ):
        years.update(c.effective_date.year for c in o.status_changes.all())
    if not years:
        return []
    return list(range(min(years), max(max(years), dt.date.today().year) + 1))


def _kans(
    o: Any, status: str, start: dt.date, end: dt.date, narratives: dict[str, str]
) -> KansReport:
    return KansReport(
        narrative=narratives.get(f"kans-{o.pk}", ""),
        pk=o.pk,
        title=o.title,
        description=o.description,
        status_label=str(OpportunityStatus(status).label),
        ambitions=[f"{a.number}. {a.short_name or a.name}" for a in o.ambitions.all()],
        coalition=[
            (label, [m.organisation.name for m in members])
            for _role, label, members in kans_selectors.coalition_by_role(opportunity=o)
        ],
        progress=sorted(
            ((p.date, p.text) for p in o.progress_updates.all() if start <= p.date <= end),
            key=lambda p: p[0],
        ),
        measures=[
            MeasureFigure(
                name=m.name,
                unit=m.unit,
                target=m.target,
                actual=v[-1].value if (v := [x for x in m.values.all() if x.date <= end]) else None,
                actual_date=v[-1].date if v else None,
                funnel_order=m.funnel_order,
            )
            for m in o.measures.all()
        ],
    )


def _review(programme: Programme, start: dt.date, end: dt.date) -> Review:
    added, merged, moved, stopped = [], [], [], []
    items = kans_selectors.opportunity_list(programme=programme).prefetch_related(
        "status_changes__merged_into"
    )
    for o in items:
        for c in o.status_changes.all():
            if not start <= c.effective_date <= end:
                continue
            item = ReviewItem(
                o.title,
                c.effective_date,
                c.reason,
                c.merged_into.title if c.merged_into else "",
            )
            if c.merged_into_id:
                merged.append(item)
            elif not c.from_status and c.kind == OpportunityKind.KANS:
                added.append(item)
            elif c.from_status and c.kind == OpportunityKind.LONG_RUNNING:
                moved.append(item)
            elif c.status == OpportunityStatus.STOPPED:
                stopped.append(item)
    key = lambda i: (i.date, i.title)  # noqa: E731
    return Review(
        sorted(added, key=key),
        sorted(merged, key=key),
        sorted(moved, key=key),
        sorted(stopped, key=key),
    )


def _finance(programme: Programme, year: int) -> FinanceSection | None:
    try:
        summary = finance_selectors.budget_summary(programme=programme, year=year)
    except NotFound:
        return None
    comparison = finance_selectors.organisation_year_comparison(programme=programme)
    years: list[int] = comparison["years"]
    previous = max((y for y in years if y < year), default=None)
    rows = []
    if previous is not None:
        i, j = years.index(previous), years.index(year)
        for r in comparison["rows"]:
            before, now = r["amounts"][i], r["amounts"][j]
            if before or now:
                rows.append(
                    {
                        "name": r["organisation"],
                        "previous": before,
                        "current": now,
                        "change": now - before,
                    }
                )
    return FinanceSection(summary=summary, previous_year=previous, comparison=rows)


def _outreach(programme: Programme, start: dt.date, end: dt.date) -> list[OutreachCampaign]:
    campaigns = Campaign.objects.filter(
        programme=programme, start_date__lte=end, end_date__gte=start
    ).order_by("start_date", "name")
    result = []
    for c in campaigns:
        f = aggregates.funnel(campaign=c)
        result.append(
            OutreachCampaign(
                c.name,
                c.start_date,
                c.end_date,
                [(str(BoundAggregate(s["step"]).label), str(s["count"])) for s in f["steps"]],
            )
        )
    return result


def report_build(*, programme: Programme, year: int, as_of: dt.date | None = None) -> Report:
    """The report of `programme` for `year`, with the data as it stood on `as_of` (default: the
    end of the year). Raises NotFound for a year outside the programme's years."""
    if year not in report_years(programme=programme):
        raise NotFound(f"No report for {year}")
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    as_of = as_of or end
    end = min(end, as_of)
    stored = AnnualReport.objects.filter(programme=programme, year=year).first()
    status = stored.status if stored else ReportStatus.DRAFT
    narratives = (
        {n.section: n.text for n in Narrative.objects.filter(report=stored).exclude(text="")}
        if stored
        else {}
    )

    overview = kans_selectors.programme_overview(programme=programme, active_on=end)
    active = [k for a in overview.ambitions for k in a.kansen] + overview.without_ambition
    active_ids = sorted({k.opportunity.pk for k in active})
    status_of = {k.opportunity.pk: k.status for k in active + overview.long_running}
    detailed = {
        o.pk: o
        for o in kans_selectors.opportunity_list(programme=programme).prefetch_related(
            "progress_updates"
        )
    }
    kansen = sorted(
        (_kans(detailed[pk], status_of[pk], start, end, narratives) for pk in active_ids),
        key=lambda k: k.title,
    )
    long_running = [
        _kans(detailed[k.opportunity.pk], k.status, start, end, narratives)
        for k in overview.long_running
    ]
    partners = sorted(
        {m.organisation.name for pk in active_ids for m in detailed[pk].coalition.all()},
        key=str.lower,
    )

    # As a visitor sees it (the report is public once published): no hidden indicators.
    profile = area_profile(area=programme.area, user=None, year=year, with_context=False)
    rows = {r.indicator.pk: r for r in profile.rows}
    monitoring = []
    for ambition in programme.ambitions.prefetch_related("indicators").order_by("number"):
        figures, missing = [], []
        for ind in sorted(ambition.indicators.all(), key=lambda i: i.code):
            if not indicator_shown(ind, programme):
                continue
            row = rows.get(ind.pk)
            if row is None:
                missing.append(ind.name_nl)
                continue
            figures.append(
                IndicatorFigure(
                    code=ind.code,
                    name=ind.name_nl,
                    unit=ind.get_unit_display(),
                    period=row.period,
                    value=row.value,
                    city_value=row.city_value,
                    national_value=row.national_value,
                    source=row.source or ind.source,
                )
            )
        monitoring.append(AmbitionMonitoring(ambition.number, ambition.name, figures, missing))

    finance = _finance(programme, year)
    outreach = _outreach(programme, start, end)
    residents = hooks.residents_items(programme=programme, start=start, end=end)
    glance = Glance(
        ambitions=[(a.number, a.name) for a in programme.ambitions.order_by("number")],
        kansen=[k.title for k in kansen],
        long_running=len(long_running),
        partners=partners,
        budget=finance.summary.budget if finance else None,
        allocated=finance.summary.allocated if finance else None,
        unallocated=finance.summary.unallocated if finance else None,
        spent=finance.summary.spent if finance else None,
    )
    indicator_sources = sorted(
        {f"{f.source} ({f.period})" for a in monitoring for f in a.figures if f.source}
    )
    kans_source = _("Kansen register of the programme, status on %(date)s") % {
        "date": end.isoformat()
    }
    budget_source = _("Budget table %(year)s of the programme (finance module)") % {"year": year}
    sources = {
        "glance": [budget_source, kans_source] if finance else [kans_source],
        "monitoring": indicator_sources,
        "kansen": [
            kans_source,
            _("Progress updates and measure values up to %(date)s") % {"date": end.isoformat()},
        ],
        "finance": [budget_source] if finance else [],
        "outreach": [_("Outreach register, counts below the suppression threshold hidden")]
        if outreach
        else [],
        "residents": [
            _("Meetings, communication and stories of the programme (participation module)"),
            _("Ambassadors, signals and the initiative fund (residents module), counts only"),
        ]
        if residents
        else [],
    }
    report = Report(
        programme=programme,
        year=year,
        as_of=as_of,
        glance=glance,
        monitoring=monitoring,
        kansen=kansen,
        review=_review(programme, start, end),
        long_running=long_running,
        finance=finance,
        outreach=outreach,
        residents=residents,
        sources=sources,
        narratives=narratives,
        status=str(status),
        status_label=str(ReportStatus(status).label),
    )
    from wijkaanpak.reports.checks import run_checks

    report.checks = [replace(f, explanation=narratives.get(f.key, "")) for f in run_checks(report)]
    return report
