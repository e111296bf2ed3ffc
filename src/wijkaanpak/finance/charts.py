"""Server-side inline SVG charts for the finance page. No JavaScript; every chart has a
<title> and <desc>, and the page shows the same figures in a table beside it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from wijkaanpak.finance.importing import euros
from wijkaanpak.finance.selectors import BudgetSummary

WIDTH = 720
LABEL_W = 260
BAR_H = 22
GAP = 8
PALETTE = ["#00689e", "#e17000", "#39870c", "#6b4c9a", "#c0392b", "#767676"]


def _svg(title: str, desc: str, height: int, body: str) -> SafeString:
    return mark_safe(  # noqa: S308 — every text is escaped below
        f'<svg class="app-chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>{body}</svg>"
    )


def bar_chart(
    rows: Sequence[dict[str, Any]],
    *,
    title: str,
    label: str = "name",
    value: str = "amount",
    colour: str | None = None,
) -> SafeString:
    """Horizontal bars, one per row, labelled with the amount in euros."""
    top = max((int(r[value]) for r in rows), default=0) or 1
    plot = WIDTH - LABEL_W - 110
    parts = []
    for i, row in enumerate(rows):
        y = i * (BAR_H + GAP)
        width = round(plot * int(row[value]) / top)
        fill = row.get(colour) if colour else None
        fill = fill or PALETTE[i % len(PALETTE)]
        text = str(row[label])
        name = escape(text if len(text) <= 38 else text[:37] + "…")
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y + 16}" text-anchor="end" font-size="13">{name}</text>'
            f'<rect x="{LABEL_W}" y="{y}" width="{width}" height="{BAR_H}" fill="{escape(fill)}"/>'
            f'<text x="{LABEL_W + width + 6}" y="{y + 16}" font-size="13">'
            f"{escape(euros(int(row[value])))}</text>"
        )
    desc = "; ".join(f"{r[label]}: {euros(int(r[value]))}" for r in rows)
    return _svg(title, desc, max(len(rows), 1) * (BAR_H + GAP), "".join(parts))


def budget_chart(summary: BudgetSummary) -> SafeString:
    """One bar for the whole budget: spent, committed, not spent and not yet allocated."""
    total = max(summary.budget, summary.allocated + summary.unallocated, 1)
    committed = max(summary.allocated - summary.spent - summary.not_spent, 0)
    segments = [
        (_("spent"), min(summary.spent, summary.allocated), "#39870c"),
        (_("committed"), committed, "#00689e"),
        (_("not spent"), summary.not_spent, "#e17000"),
        (_("not yet allocated"), summary.unallocated, "#bdbdbd"),
    ]
    parts, x = [], 0.0
    for name, amount, fill in segments:
        width = (WIDTH - 2) * amount / total
        if width > 0:
            parts.append(
                f'<rect x="{x:.1f}" y="0" width="{width:.1f}" height="32" fill="{fill}">'
                f"<title>{escape(name)}: {escape(euros(amount))}</title></rect>"
            )
        x += width
    legend_x = 0
    for name, amount, fill in segments:
        parts.append(
            f'<rect x="{legend_x}" y="44" width="12" height="12" fill="{fill}"/>'
            f'<text x="{legend_x + 16}" y="55" font-size="12">{escape(name)} '
            f"{escape(euros(amount))}</text>"
        )
        legend_x += 180
    desc = ", ".join(f"{name} {euros(amount)}" for name, amount, _fill in segments)
    return _svg(
        _("Budget %(year)s: %(budget)s") % {"year": summary.year, "budget": euros(summary.budget)},
        desc,
        64,
        "".join(parts),
    )


def comparison_chart(comparison: dict[str, Any]) -> SafeString:
    """Paired bars per organisation, one per year."""
    years = comparison["years"]
    rows = comparison["rows"]
    top = max((a for r in rows for a in r["amounts"]), default=0) or 1
    plot = WIDTH - LABEL_W - 110
    bar = 10
    group = bar * max(len(years), 1) + GAP
    parts = []
    for i, row in enumerate(rows):
        y0 = i * group
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y0 + bar + 2}" text-anchor="end" font-size="12">'
            f"{escape(row['organisation'])}</text>"
        )
        for j, amount in enumerate(row["amounts"]):
            width = round(plot * amount / top)
            parts.append(
                f'<rect x="{LABEL_W}" y="{y0 + j * bar}" width="{width}" height="{bar - 1}" '
                f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(years[j])}: '
                f"{escape(euros(amount))}</title></rect>"
            )
    legend_y = len(rows) * group + 6
    for j, year in enumerate(years):
        parts.append(
            f'<rect x="{LABEL_W + j * 90}" y="{legend_y}" width="12" height="12" '
            f'fill="{PALETTE[j % len(PALETTE)]}"/>'
            f'<text x="{LABEL_W + j * 90 + 16}" y="{legend_y + 11}" font-size="12">{escape(year)}</text>'
        )
    desc = "; ".join(
        f"{r['organisation']}: "
        + ", ".join(f"{y} {euros(a)}" for y, a in zip(years, r["amounts"], strict=True))
        for r in rows
    )
    return _svg(_("Allocated per organisation per year"), desc, legend_y + 20, "".join(parts))
