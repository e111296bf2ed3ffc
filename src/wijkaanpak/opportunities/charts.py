"""Server-side chart geometry for the kans page (rendered as inline SVG by a template)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from wijkaanpak.opportunities.selectors import MeasureSummary

WIDTH = 400
ROW = 54
BAR = 26
TOP = 8
#: Characters of a step's label that fit the chart's width at the label's 13px (average glyph
#: width ~6.5px); a longer step name is shortened with an ellipsis, the full label is the
#: text's tooltip (and in the table and the chart's description).
LABEL_CHARS = 58


def _fmt(value: Decimal | None) -> str:
    if value is None:
        return "–"
    return f"{value.normalize():f}"


def _label(name: str, actual: str, target: str, share: int | None) -> tuple[str, str]:
    """(label as drawn, full label)."""
    figures = f": {actual} / {target}"
    if share is not None:
        figures += " (" + _("%(share)s%% of previous step") % {"share": share} + ")"
    full = name + figures
    if len(full) <= LABEL_CHARS:
        return full, full
    room = max(LABEL_CHARS - len(figures) - 1, 8)
    return name[:room].rstrip() + "…" + figures, full


@dataclass(frozen=True)
class FunnelBar:
    name: str
    label: str
    label_full: str
    target: str
    actual: str
    label_y: int
    bar_y: int
    target_x: float
    target_width: float
    actual_x: float
    actual_width: float
    share_of_previous: int | None  # % of the previous step's actual value


@dataclass(frozen=True)
class FunnelChart:
    width: int
    height: int
    bars: list[FunnelBar]
    description: str


def funnel_chart(steps: list[MeasureSummary]) -> FunnelChart | None:
    """A centred bar per funnel step: the target as an outline, the actual value filled."""
    if not steps:
        return None
    largest = max(
        [s.measure.target or Decimal(0) for s in steps] + [s.actual or Decimal(0) for s in steps]
    )
    scale = (WIDTH - 4) / float(largest) if largest else 0.0
    bars, parts = [], []
    previous: Decimal | None = None
    for i, step in enumerate(steps):
        target_w = float(step.measure.target or 0) * scale
        actual_w = float(step.actual or 0) * scale
        share = None
        if previous and step.actual is not None:
            share = round(float(step.actual / previous) * 100)
        label, label_full = _label(
            step.measure.name, _fmt(step.actual), _fmt(step.measure.target), share
        )
        bars.append(
            FunnelBar(
                name=step.measure.name,
                label=label,
                label_full=label_full,
                target=_fmt(step.measure.target),
                actual=_fmt(step.actual),
                label_y=TOP + i * ROW + 14,
                bar_y=TOP + i * ROW + 22,
                target_x=(WIDTH - target_w) / 2,
                target_width=target_w,
                actual_x=(WIDTH - actual_w) / 2,
                actual_width=actual_w,
                share_of_previous=share,
            )
        )
        parts.append(
            _("%(name)s: target %(target)s, actual %(actual)s")
            % {
                "name": step.measure.name,
                "target": _fmt(step.measure.target),
                "actual": _fmt(step.actual),
            }
        )
        previous = step.actual
    return FunnelChart(
        width=WIDTH, height=TOP + len(steps) * ROW, bars=bars, description="; ".join(parts) + "."
    )
