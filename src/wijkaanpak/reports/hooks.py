"""Hooks for the parts of the report and the dashboard that other apps fill.

The participation app (stories, activities) is built separately; until it is merged these
return nothing and the report and the dashboard say "no data". The lead points them at
`participation.selectors` after merging (docs/reports.md, "Hooks"). Each returns plain data
(no model instances), so the dashboard cache and the frozen report data can hold it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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
    return []


def residents_items(*, programme: Programme, start: dt.date, end: dt.date) -> list[ResidentsItem]:
    """What the participation data holds for report section 4 in the period."""
    return []
