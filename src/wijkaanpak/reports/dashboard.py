"""The public dashboard of a programme (`/programmas/<slug>/dashboard/`): what residents and
partners are sent to. Public data only: the programme's ambitions with indicator tiles against
the city, the running kansen with their latest progress and results, money by ambition, stories
(reports/hooks.py), outreach as suppressed aggregates, the published reports and the open data.

The page's content is rendered once per data version and language and kept in the cache
(`dashboard_fragment`); the data version changes on every save that could change it
(reports/signals.py), so a change shows at once in every server process.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wijkaanpak.finance import charts as finance_charts
from wijkaanpak.finance import selectors as finance_selectors
from wijkaanpak.indicators import charts as indicator_charts
from wijkaanpak.indicators import selectors as indicator_selectors
from wijkaanpak.opportunities import selectors as kans_selectors
from wijkaanpak.opportunities.models import OpportunityKind
from wijkaanpak.outreach import aggregates
from wijkaanpak.outreach.models import BoundAggregate, Campaign
from wijkaanpak.programmes.models import Programme
from wijkaanpak.reports import hooks
from wijkaanpak.reports import selectors as report_selectors
from wijkaanpak.reports.builder import indicator_shown
from wijkaanpak.reports.models import DataVersion

CACHE_SECONDS = 3600  # a fallback only: the data version changes the key on every change
CACHE_PREFIX = "wk:dashboard:v1"


def data_version() -> str:
    """The current data version token (one query)."""
    return DataVersion.objects.filter(pk=1).values_list("token", flat=True).first() or "0"


visible_indicator = indicator_shown


def _ambitions(programme: Programme) -> list[dict[str, Any]]:
    cards = indicator_selectors.ambition_scorecard(programme=programme)
    result = []
    for card in cards:
        tiles = []
        for item in card["items"]:
            ind, row = item["indicator"], item["row"]
            if not visible_indicator(ind, programme):
                continue
            label = ind.display_name("nl")
            tile: dict[str, Any] = {"code": ind.code, "label": label, "row": row}
            if row is not None:
                tile["bars"] = indicator_charts.comparison_bars(
                    [
                        (programme.area.name[:14], row.value),
                        (programme.municipality.name[:14], row.city_value),
                    ],
                    unit=ind.unit,
                    label=label,
                )
                tile["value"] = indicator_charts.fmt(row.value, ind.unit)
                tile["city"] = indicator_charts.fmt(row.city_value, ind.unit)
                source = row.source or ind.source
                tile["source"] = source.removeprefix("Bron:").strip()
            tiles.append(tile)
        result.append({"ambition": card["ambition"], "tiles": tiles})
    return result


def _kansen(programme: Programme, today: dt.date) -> list[dict[str, Any]]:
    overview = kans_selectors.programme_overview(programme=programme, active_on=today)
    running = {
        k.opportunity.pk: k.status_label
        for k in [k for a in overview.ambitions for k in a.kansen] + overview.without_ambition
    }
    result = []
    qs = kans_selectors.opportunity_list(
        programme=programme, kind=OpportunityKind.KANS
    ).prefetch_related("progress_updates")
    for o in qs:
        if o.pk not in running:
            continue
        updates = sorted(o.progress_updates.all(), key=lambda p: (p.date, p.pk))
        results = []
        for m in o.measures.all():
            values = [v for v in m.values.all() if v.date <= today]
            if values:
                results.append(
                    {
                        "name": m.name,
                        "unit": m.unit,
                        "value": values[-1].value,
                        "date": values[-1].date,
                        "target": m.target,
                    }
                )
        result.append(
            {
                "title": o.title,
                "status": running[o.pk],
                "ambitions": [a.number for a in o.ambitions.all()],
                "latest": updates[-1] if updates else None,
                "results": results,
            }
        )
    return result


def _money(programme: Programme, today: dt.date) -> dict[str, Any] | None:
    years = [
        y
        for y in finance_selectors.budget_list(programme=programme).values_list("year", flat=True)
        if y <= today.year
    ]
    if not years:
        return None
    summary = finance_selectors.budget_summary(programme=programme, year=max(years))
    rows = [r for r in summary.by_ambition if r["amount"]]
    return {
        "year": summary.year,
        "budget": summary.budget,
        "allocated": summary.allocated,
        "rows": rows,
        "chart": finance_charts.bar_chart(
            rows, title=_("Money by ambition %(year)s") % {"year": summary.year}, colour="colour"
        ),
    }


def _outreach(programme: Programme) -> list[dict[str, Any]]:
    result = []
    for c in Campaign.objects.filter(programme=programme).order_by("-start_date", "name")[:5]:
        f = aggregates.funnel(campaign=c)
        result.append(
            {
                "name": c.name,
                "start": c.start_date,
                "end": c.end_date,
                "steps": [
                    (str(BoundAggregate(s["step"]).label), str(s["count"])) for s in f["steps"]
                ],
            }
        )
    return result


def dashboard_context(*, programme: Programme, today: dt.date | None = None) -> dict[str, Any]:
    today = today or dt.date.today()
    versions = list(report_selectors.published_list(programme=programme))
    latest: dict[int, Any] = {}
    for v in versions:
        latest[v.report.year] = v
    return {
        "programme": programme,
        "today": today,
        "ambitions": _ambitions(programme),
        "kansen": _kansen(programme, today),
        "money": _money(programme, today),
        "stories": hooks.stories(programme=programme),
        "outreach": _outreach(programme),
        "reports": [latest[y] for y in sorted(latest, reverse=True)],
    }


def dashboard_fragment(*, programme: Programme) -> SafeString:
    """The dashboard's content, from the cache while the data version stands."""
    key = f"{CACHE_PREFIX}:{programme.pk}:{get_language() or 'nl'}:{data_version()}"
    html: str | None = cache.get(key)
    if html is None:
        html = render_to_string("reports/_dashboard.html", dashboard_context(programme=programme))
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 — rendered by our own autoescaping template
