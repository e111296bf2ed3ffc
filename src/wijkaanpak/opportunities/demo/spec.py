"""The shape of the demo data and the dates it hangs on (see docs/demo.md for the choices)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from wijkaanpak.opportunities.models import CoalitionRole, OpportunityKind, RbaClass

# Ambitiedocument Samen voor Overvecht, July 2019 (seed 001, voorwoord): the ten kansen of
# 2019 and the long-running work already under way run from here. The seed gives the month only.
PROGRAMME_START = dt.date(2019, 7, 1)
# The yearly review reported in April 2020 (seed 001, section 2). "Sinds dit jaar benoemen we
# het Gezondheidscentrum Amazonedreef als kans": the changes take effect from 1 January 2020.
REVIEW = dt.date(2020, 1, 1)
# Facts that the April 2020 report states without a date are dated at the end of March 2020,
# when the report was written (it speaks of "eind maart" and "half april" as still to come).
REPORT = dt.date(2020, 3, 31)

LEAD, PARTNER, FUNDER = CoalitionRole.LEAD, CoalitionRole.PARTNER, CoalitionRole.FUNDER
HOW_MUCH, HOW_WELL, BETTER_OFF = RbaClass.HOW_MUCH, RbaClass.HOW_WELL, RbaClass.BETTER_OFF


@dataclass(frozen=True)
class MeasureSpec:
    name: str
    rba_class: RbaClass
    target: int | None = None
    target_is_minimum: bool = True
    unit: str = "aantal"
    funnel_order: int | None = None
    # (date, value, note): actual values, only where the seed gives them
    values: tuple[tuple[dt.date, int, str], ...] = ()


@dataclass(frozen=True)
class OpportunitySpec:
    title: str
    start: dt.date
    ambitions: tuple[int, ...]
    description: str
    goal: str
    next_steps: str
    coalition: tuple[tuple[str, CoalitionRole], ...]
    updates: tuple[tuple[dt.date, str], ...]
    measures: tuple[MeasureSpec, ...] = ()
    kind: OpportunityKind = OpportunityKind.KANS
    location: str = ""
    area: str = "WK034403"  # CBS code; Overvecht unless the seed points at one buurt
    themes: tuple[str, ...] = ()  # cross-cutting themes, e.g. "Armoede"
    source: str = field(default="", compare=False)  # where in the seeds it comes from
