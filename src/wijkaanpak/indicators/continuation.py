"""An area's series continued across a re-division (issue 18): for a buurt that came from one
or more predecessors (areas.AreaSuccession), the periods before the change are recalculated
from the predecessors' figures and marked as such ("2023–2024: voormalige buurt X,
herberekend").

- counts (unit `count`) are re-apportioned by the recorded shares (a split: the share of each
  predecessor; a merge: the sum of the predecessors), rounded to whole numbers;
- indicators with a numerator and a denominator (numerator / denominator x factor) are
  recomputed from the re-apportioned numerator and denominator;
- all other indicators (percentages without their parts, means, grades) are not carried
  across: they are listed in `not_carried`.

A period is continued only where every predecessor has the figure, and only where the area has
no figure of its own. Without a recorded share a count is carried only for a plain re-coding
(one predecessor, one successor: 100 %).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from wijkaanpak.areas.models import Area, AreaSuccession
from wijkaanpak.indicators.models import Indicator, Observation, Unit


@dataclass
class Continuation:
    """The recalculated periods {indicator id: {period: (value, source)}} and the marks."""

    values: dict[int, dict[int, tuple[float, str]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    #: Per indicator id the mark shown with its series.
    marks: dict[int, str] = field(default_factory=dict)
    #: Codes of indicators the predecessors have figures for that are not carried across.
    not_carried: list[str] = field(default_factory=list)
    predecessors: list[dict[str, Any]] = field(default_factory=list)

    def as_api(self) -> dict[str, Any]:
        return {
            "predecessors": self.predecessors,
            "not_carried": self.not_carried,
            "marks": {str(k): v for k, v in self.marks.items()},
        }


def continued_series(area: Area) -> Continuation | None:
    """The continuation of the area's series from its predecessors, or None (no predecessors)."""
    links = list(AreaSuccession.objects.filter(successor=area).select_related("predecessor"))
    if not links:
        return None
    shares: dict[int, float | None] = {}
    for link in links:
        share = float(link.share) / 100 if link.share is not None else None
        if share is None and len(links) == 1:
            alone = AreaSuccession.objects.filter(predecessor=link.predecessor).count() == 1
            share = 1.0 if alone else None
        shares[link.predecessor_id] = share
    change = min(link.year for link in links)
    figures: dict[tuple[int, int], dict[int, float]] = defaultdict(dict)  # (ind, period)
    for area_id, ind_id, year, figure in Observation.objects.filter(
        area_id__in=list(shares), is_current=True, value__isnull=False, period__lt=change
    ).values_list("area_id", "indicator_id", "period", "value"):
        if figure is not None:
            figures[(ind_id, year)][area_id] = figure
    indicators = Indicator.objects.in_bulk({ind for ind, _ in figures})
    names = ", ".join(f"{link.predecessor.name} ({link.predecessor.code})" for link in links)
    out = Continuation(
        predecessors=[
            {
                "code": link.predecessor.code,
                "name": link.predecessor.name,
                "year": link.year,
                "share": float(link.share) if link.share is not None else None,
                "note": link.note,
            }
            for link in links
        ]
    )
    source = f"Herberekend uit {names} (herindeling {change})"

    def apportioned(ind_id: int, period: int) -> float | None:
        by_area = figures.get((ind_id, period), {})
        if set(by_area) != set(shares) or any(s is None for s in shares.values()):
            return None
        return sum(v * (shares[a] or 0) for a, v in by_area.items())

    carried: set[int] = set()
    for (ind_id, period), _ in sorted(figures.items()):
        ind = indicators[ind_id]
        value: float | None = None
        if ind.unit == Unit.COUNT:
            count = apportioned(ind_id, period)
            value = round(count) if count is not None else None
        elif ind.numerator_id and ind.denominator_id:
            num = apportioned(ind.numerator_id, period)
            den = apportioned(ind.denominator_id, period)
            value = num / den * ind.factor if num is not None and den else None
        elif ind.code not in out.not_carried:
            out.not_carried.append(ind.code)
        if value is not None:
            out.values[ind_id][period] = (float(value), source)
            carried.add(ind_id)
    kind = "buurt" if len(links) == 1 else "buurten"
    for ind_id in carried:
        periods = sorted(out.values[ind_id])
        span = f"{periods[0]}–{periods[-1]}" if len(periods) > 1 else f"{periods[0]}"
        out.marks[ind_id] = f"{span}: voormalige {kind} {names}, herberekend"
    # derived indicators whose parts the predecessors have are carried even without figures of
    # their own
    for ind in Indicator.objects.filter(numerator__isnull=False, denominator__isnull=False).exclude(
        pk__in=carried
    ):
        for period in sorted({p for (i, p) in figures if i == ind.numerator_id}):
            num = apportioned(ind.numerator_id or 0, period)
            den = apportioned(ind.denominator_id or 0, period)
            if num is not None and den:
                out.values[ind.pk][period] = (num / den * ind.factor, source)
        if ind.pk in out.values:
            got = sorted(out.values[ind.pk])
            span = f"{got[0]}–{got[-1]}" if len(got) > 1 else f"{got[0]}"
            out.marks[ind.pk] = f"{span}: voormalige {kind} {names}, herberekend"
    out.not_carried.sort()
    return out
