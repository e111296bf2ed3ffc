"""A plain outline of an area and its children as inline SVG (the area page): no tiles, no
scripts, no inline styles (the CSP stays as it is). The choropleth maps are the indicator
side's (issue 18, maps)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from wijkaanpak.areas.models import Area


def _rings(geometry: dict[str, Any]) -> Iterator[list[list[float]]]:
    polygons = geometry["coordinates"]
    if geometry.get("type") == "Polygon":
        polygons = [polygons]
    for polygon in polygons:
        yield from polygon


def outline_svg(
    outlines: list[tuple[Area, dict[str, Any]]],
    *,
    focus: tuple[Area, dict[str, Any]] | None = None,
    title: str,
    width: int = 640,
    link: str = "/areas/{code}/",
) -> SafeString:
    """The outlines (children, each a link named by its area) and, drawn on top, the focus
    area's outline; an equirectangular projection scaled by cos(latitude). Empty without
    outlines."""
    shapes = list(outlines) + ([focus] if focus else [])
    if not shapes:
        return mark_safe("")  # noqa: S308 - a constant
    xs = [x for _, g in shapes for ring in _rings(g) for x, _y in ring]
    ys = [y for _, g in shapes for ring in _rings(g) for _x, y in ring]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    k = math.cos(math.radians((y0 + y1) / 2))
    w, h = max((x1 - x0) * k, 1e-9), max(y1 - y0, 1e-9)
    scale = (width - 8) / w
    height = max(int(h * scale) + 8, 40)

    def path(geometry: dict[str, Any]) -> str:
        parts = []
        for ring in _rings(geometry):
            pts = " ".join(
                f"{(x - x0) * k * scale + 4:.1f},{(y1 - y) * scale + 4:.1f}" for x, y in ring
            )
            parts.append(f"M{pts}Z")
        return "".join(parts)

    body = []
    for area, geometry in outlines:
        body.append(
            format_html(
                '<a href="{}" aria-label="{}"><path d="{}" fill="#e8eef5" stroke="#3a5a80" '
                'stroke-width="1"><title>{}</title></path></a>',
                link.format(code=area.code),
                f"{area.name} ({area.code})",
                path(geometry),
                f"{area.name} ({area.code})",
            )
        )
    if focus:
        body.append(
            format_html(
                '<path d="{}" fill="{}" stroke="#1b2d45" stroke-width="2.5"><title>{}</title>'
                "</path>",
                path(focus[1]),
                "none" if outlines else "#c9d8ea",
                f"{focus[0].name} ({focus[0].code})",
            )
        )
    return mark_safe(  # noqa: S308 - every value above is escaped by format_html
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        # With links to the areas inside, a group of links (an image holds no controls).
        f'class="app-outline" role="{"group" if outlines else "img"}" '
        f'aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )
