"""Hooks for the parts of the report and the dashboard that other apps fill.

Stories come from `participation.selectors.public_stories`; section 4 from
`participation.selectors.report_section` and `residents.selectors.report_summary`
(docs/reports.md, "Hooks"). Each returns plain data (no model instances, no personal data), so
the dashboard cache and the frozen report data can hold it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from wijkaanpak.finance.importing import euros
from wijkaanpak.programmes.models import Programme


@dataclass(frozen=True)
class Story:
    """A positive result or story to show and celebrate (seed 004): public, no personal data."""

    title: str
    text: str
    date: dt.date | None = None
    url: str = ""


@dataclass(frozen=True)
class ResidentsItem:
    """One line of report section 4 (residents and communication): an activity, a meeting,
    a newsletter... with a count where there is one (already aggregated, no names)."""

    title: str
    date: dt.date | None = None
    detail: str = ""
    count: int | None = None


def stories(*, programme: Programme, limit: int = 6) -> list[Story]:
    """The programme's published positive results and stories, newest first (dashboard)."""
    from wijkaanpak.participation.selectors import public_stories

    return [
        Story(title=s["title"], text=s["text"], date=s["published_on"], url=s["url"])
        for s in public_stories(programme=programme, limit=limit)
    ]


def residents_items(*, programme: Programme, start: dt.date, end: dt.date) -> list[ResidentsItem]:
    """What the participation and residents data hold for report section 4 in the period:
    public meetings with their attendance, communication made against planned per channel,
    ambassadors, signals and the initiative fund (aggregates and public items only)."""
    from wijkaanpak.participation.models import ChannelKind
    from wijkaanpak.participation.selectors import report_section
    from wijkaanpak.residents.selectors import report_summary

    items: list[ResidentsItem] = []
    for year in range(start.year, end.year + 1):
        section = report_section(programme=programme, year=year)
        for m in section["meetings"]:
            day = m["date"].date() if isinstance(m["date"], dt.datetime) else m["date"]
            if start <= day <= end:
                where = f" · {m['place']}" if m.get("place") else ""
                items.append(
                    ResidentsItem(
                        title=m["title"],
                        date=day,
                        detail=f"{m['kind_label']}{where}",
                        count=m["actual_attendance"],
                    )
                )
        for c in section["communication"]:
            kind = ChannelKind(c["kind"]).label if c["kind"] in ChannelKind.values else c["kind"]
            items.append(
                ResidentsItem(
                    title=f"{c['channel']} ({kind}, {year})",
                    detail=_("%(made)d made of %(planned)d planned")
                    % {"made": c["made"], "planned": c["planned"]},
                    count=c["made"],
                )
            )
        summary = report_summary(programme, year)
        if summary["ambassadors"]:
            items.append(
                ResidentsItem(
                    title=_("Neighbourhood ambassadors (%(year)d)") % {"year": year},
                    count=summary["ambassadors"],
                )
            )
        signals = summary["signals"]
        if signals["total"]:
            items.append(
                ResidentsItem(
                    title=_("Signals from residents and ambassadors (%(year)d)") % {"year": year},
                    detail=_("%(handled)d handled, %(overdue)d past their service level")
                    % {
                        "handled": signals["by_state"].get("handled", 0),
                        "overdue": signals["overdue"],
                    },
                    count=signals["total"],
                )
            )
        fund = summary["fund"]
        if fund is not None:
            items.append(
                ResidentsItem(
                    title=fund["name"],
                    detail=_("%(granted)s granted of %(budget)s; %(n)d applications")
                    % {
                        "granted": euros(fund["granted"]),
                        "budget": euros(fund["budget"]),
                        "n": fund["applications"],
                    },
                    count=len(summary["initiatives"]),
                )
            )
    return items
