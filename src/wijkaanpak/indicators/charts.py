"""Server-side inline SVG charts: sparklines, comparison bars and a tile map. Accessible:
each SVG has role="img", a <title> and the figures are in a table beside it.

Names and codes come from imported files: every text drawn here goes through `escape` (or
`format_html`), in titles, labels and links alike; only numbers are interpolated as they are."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

AREA_COLOUR = "#24578f"
CITY_COLOUR = "#9a9a9a"
SCALE = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    if abs(value - round(value)) < 1e-9 and abs(value) >= 1:
        text = f"{round(value):,}".replace(",", ".")
    else:
        text = f"{value:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return text + (" %" if unit == "percent" else "")


def sparkline(
    series: Sequence[tuple[int, float]],
    city: Sequence[tuple[int, float]] = (),
    *,
    label: str,
    width: int = 120,
    height: int = 32,
) -> SafeString:
    city = city if len(city) > 1 else ()  # a single city point is no line either
    points = list(series) + list(city)
    if len(series) < 2:  # one point is no line; the value and the bars say it all
        return mark_safe("")
    years = [p for p, _ in points]
    values = [v for _, v in points]
    x0, x1 = min(years), max(years)
    y0, y1 = min(values), max(values)
    pad = 3

    def xy(p: int, v: float) -> str:
        x = pad + (width - 2 * pad) * ((p - x0) / (x1 - x0) if x1 != x0 else 0.5)
        y = height - pad - (height - 2 * pad) * ((v - y0) / (y1 - y0) if y1 != y0 else 0.5)
        return f"{x:.1f},{y:.1f}"

    def line(data: Sequence[tuple[int, float]], colour: str, dash: str) -> str:
        if not data:
            return ""
        pts = " ".join(xy(p, v) for p, v in data)
        dots = "".join(
            f'<circle cx="{xy(p, v).split(",")[0]}" cy="{xy(p, v).split(",")[1]}" r="2" '
            f'fill="{colour}"/>'
            for p, v in data
        )
        return (
            f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="1.5"'
            f"{dash}/>{dots}"
        )

    title = escape(label + ": " + ", ".join(f"{p}: {fmt(v)}" for p, v in series))
    body = line(city, CITY_COLOUR, ' stroke-dasharray="3 2"') + line(series, AREA_COLOUR, "")
    return mark_safe(
        f'<svg class="app-sparkline" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{title}</title>{body}</svg>'
    )


def comparison_bars(
    bars: Sequence[tuple[str, float | None]], *, unit: str, label: str, width: int = 190
) -> SafeString:
    present = [(n, v) for n, v in bars if v is not None]
    if not present:
        return mark_safe("")
    top = max(abs(v) for _, v in present) or 1.0
    row_h, label_w = 16, 80
    height = row_h * len(present) + 2
    parts = []
    colours = [AREA_COLOUR, CITY_COLOUR, "#c8c8c8", "#c8c8c8"]
    for i, (name, value) in enumerate(present):
        w = (width - label_w - 50) * abs(value) / top
        y = i * row_h + 1
        parts.append(
            f'<text x="0" y="{y + 11}" font-size="11">{escape(name)}</text>'
            f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row_h - 5}" '
            f'fill="{colours[min(i, 3)]}"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 11}" font-size="11">'
            f"{escape(fmt(value, unit))}</text>"
        )
    title = escape(label + ": " + ", ".join(f"{n} {fmt(v, unit)}" for n, v in present))
    return mark_safe(
        f'<svg class="app-bars" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{title}</title>{"".join(parts)}</svg>'
    )


def tile_map(
    tiles: Sequence[tuple[str, str, float | None]], *, unit: str, label: str, link: str = ""
) -> SafeString:
    """Buurten as equal square tiles; position from the CBS code (sub-area digit = row,
    buurt digit = column), colour by value in five equal classes."""
    if not tiles:
        return mark_safe("")
    size, gap = 70, 6
    values = [v for _, _, v in tiles if v is not None]
    lo, hi = (min(values), max(values)) if values else (0.0, 0.0)
    cells = []
    rows = sorted({code[-2] for code, _, _ in tiles})
    for code, name, value in tiles:
        r, c = rows.index(code[-2]), int(code[-1]) if code[-1].isdigit() else 0
        x, y = (c - 1) * (size + gap) + 1, r * (size + gap) + 1
        if value is None:
            fill = "#f0f0f0"
        else:
            k = 0 if hi == lo else min(4, int((value - lo) / (hi - lo) * 5))
            fill = SCALE[k]
        text_colour = "#fff" if value is not None and fill in SCALE[3:] else "#000"
        short = escape(name[:12])
        cell = (
            f"<g><title>{escape(name)} ({escape(code)}): {escape(fmt(value, unit))}</title>"
            f'<rect x="{x}" y="{y}" width="{size}" height="{size}" fill="{fill}" '
            f'stroke="#555"/><text x="{x + 4}" y="{y + 16}" font-size="10" '
            f'fill="{text_colour}">{short}</text><text x="{x + 4}" y="{y + 40}" '
            f'font-size="13" font-weight="bold" fill="{text_colour}">'
            f"{escape(fmt(value, unit))}</text></g>"
        )
        if link:
            cell = f'<a href="{escape(link.replace("CODE", quote(code, safe="")))}">{cell}</a>'
        cells.append(cell)
    cols = max(int(code[-1]) if code[-1].isdigit() else 1 for code, _, _ in tiles)
    width = cols * (size + gap) + 2
    height = len(rows) * (size + gap) + 2
    return format_html(
        '<svg class="app-tilemap" role="group" width="{}" height="{}" viewBox="0 0 {} {}">'
        "<title>{}</title>{}</svg>",
        width,
        height,
        width,
        height,
        label,
        mark_safe("".join(cells)),
    )
