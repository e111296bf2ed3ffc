"""Choropleth maps as server-side SVG: no scripts, no external tiles (the CSP stays as it is).

`choropleth_svg` is a pure function: areas (code, name, WGS84 GeoJSON geometry, value, value
as text) and options in, an SVG string out, the same string for the same input. Steps:

- projection: equirectangular with the cos(latitude) correction at the map's centre, which is
  within a few tenths of a percent of RD New over the Netherlands and needs no transformation
  library at render time;
- simplification per zoom level: Shapely's `simplify(preserve_topology=True)` with a tolerance
  of half a unit of the SVG's coordinate space (so the extent of the map sets it), and
  coordinates rounded to whole units, written as relative path steps to keep the file small;
- classes: five quantile classes (fewer when there are fewer distinct values), a colour-blind
  safe sequential palette (ColorBrewer YlGnBu), "no figure" hatched, all in the legend with
  Dutch number formats;
- each area is focusable (`tabindex="0"`, `role="img"`, `aria-label`) and has a `<title>`
  (name and value) for hover; `link` makes each area a link instead (e.g. to its profile);
- `outline`: codes of areas whose joint outline is drawn thick (the programme area).

Names come from imported files: every text goes through `escape`.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any, NamedTuple
from urllib.parse import quote

import numpy as np
import shapely
from django.utils.html import escape
from django.utils.translation import gettext as _

from wijkaanpak.indicators.charts import fmt

#: ColorBrewer YlGnBu, 5 classes (colour-blind safe, readable in greyscale), light to dark.
PALETTE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
NO_FIGURE_STROKE = "#8c8c8c"
NO_FIGURE_BACKGROUND = "#f4f4f4"
OUTLINE_COLOUR = "#d52b1e"


class MapArea(NamedTuple):
    code: str
    name: str
    geometry: dict[str, Any]
    value: float | None
    formatted: str


def class_breaks(values: Sequence[float], classes: int = 5) -> list[float]:
    """Upper bounds of quantile classes (the last is the maximum), distinct and ascending."""
    data = sorted(values)
    if not data:
        return []
    n = len(data)
    breaks: list[float] = []
    for i in range(1, classes):
        value = data[min(n - 1, math.ceil(i * n / classes) - 1)]
        if value not in breaks and value < data[-1]:
            breaks.append(value)
    breaks.append(data[-1])
    return breaks


def class_of(value: float, breaks: Sequence[float]) -> int:
    """The class of a value: the first class whose upper bound is at least the value."""
    return min(len(breaks) - 1, bisect_right(breaks, value - 1e-12))


def _palette(count: int) -> list[str]:
    """`count` colours spread over the palette (3 classes: light, middle, dark)."""
    if count >= len(PALETTE):
        return list(PALETTE)
    if count == 1:
        return [PALETTE[2]]
    step = (len(PALETTE) - 1) / (count - 1)
    return [PALETTE[round(i * step)] for i in range(count)]


def _geometries(items: Sequence[MapArea], width: int) -> tuple[Any, int]:
    """Shapely geometries of the areas, projected (equirectangular with cos(lat) at the
    centre, scaled to `width`, y downwards). Built from flat coordinate arrays in one go:
    constructing 3,000 geometries one by one from GeoJSON would take most of the time."""
    points: list[Any] = []
    ring_sizes: list[int] = []
    ring_polygon: list[int] = []
    polygon_area: list[int] = []
    for index, area in enumerate(items):
        geometry = area.geometry
        coordinates = geometry.get("coordinates") or []
        polygons = coordinates if geometry.get("type") == "MultiPolygon" else [coordinates]
        for polygon in polygons:
            rings = [ring for ring in polygon if len(ring) >= 4]
            if not rings:
                continue
            number = len(polygon_area)
            polygon_area.append(index)
            for ring in rings:
                points.extend(ring)
                ring_sizes.append(len(ring))
                ring_polygon.append(number)
    try:
        coords = np.array(points, dtype=float).reshape(-1, 2)
    except ValueError:  # some positions carry a height: keep longitude and latitude
        coords = np.array([p[:2] for p in points], dtype=float).reshape(-1, 2)
    if not len(coords):
        return np.array([None] * len(items), dtype=object), 1
    minx, miny = coords.min(axis=0)
    maxx, maxy = coords.max(axis=0)
    k = math.cos(math.radians((miny + maxy) / 2))
    scale = width / max((maxx - minx) * k, 1e-9)
    height = max(1, round((maxy - miny) * scale))
    coords[:, 0] = (coords[:, 0] - minx) * k * scale
    coords[:, 1] = (maxy - coords[:, 1]) * scale
    ring_of = np.repeat(np.arange(len(ring_sizes)), ring_sizes)
    keep = _thin(coords, ring_of, np.array(ring_sizes))
    rings = shapely.linearrings(coords[keep], indices=ring_of[keep])
    polygons = shapely.polygons(rings, indices=np.array(ring_polygon))
    present, dense = np.unique(np.array(polygon_area), return_inverse=True)
    full = np.array([None] * len(items), dtype=object)
    full[present] = shapely.multipolygons(polygons, indices=dense)
    return full, height


def _thin(coords: Any, ring_of: Any, sizes: Any) -> Any:
    """Which points to keep before simplifying: a point that rounds to the same whole unit as
    the one before it in its ring adds nothing at this zoom level (a ring keeps its first and
    last point, and all of them when fewer than four would remain)."""
    cells = np.rint(coords)
    keep = np.ones(len(coords), dtype=bool)
    keep[1:] = (cells[1:] != cells[:-1]).any(axis=1) | (ring_of[1:] != ring_of[:-1])
    ends = np.cumsum(sizes) - 1
    keep[ends] = True
    kept = np.bincount(ring_of[keep], minlength=len(sizes))
    small = kept < 4
    if small.any():
        keep |= small[ring_of]
    return keep


def _paths(geoms: Any) -> list[str]:
    """Path data per geometry: rings rounded to whole units, relative steps, degenerate rings
    (fewer than three distinct points after rounding) dropped."""
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    rings, ring_of = shapely.get_rings(parts, return_index=True)
    coords, coord_of = shapely.get_coordinates(rings, return_index=True)
    coords = np.rint(coords).astype(np.int64)
    starts = np.searchsorted(coord_of, np.arange(len(rings)))
    ends = np.append(starts[1:], len(coords))
    out: list[list[str]] = [[] for _ in range(len(geoms))]
    for r in range(len(rings)):
        ring = coords[starts[r] : ends[r]]
        if len(ring) < 4:
            continue
        steps = np.diff(ring[:-1], axis=0)
        steps = steps[(steps != 0).any(axis=1)]
        if len(steps) < 2:
            continue
        x, y = ring[0]
        flat = " ".join(map(str, steps.ravel().tolist()))
        out[part_of[ring_of[r]]].append(f"M{x} {y}l{flat}z")
    return ["".join(p) for p in out]


def _legend(
    breaks: Sequence[float],
    colours: Sequence[str],
    counts: Sequence[int],
    missing: int,
    *,
    unit: str,
    top: int,
    font: int,
    pattern: str,
    low: float,
) -> tuple[str, int]:
    rows: list[tuple[str, str]] = []
    lower = low
    for i, upper in enumerate(breaks):
        span = f"{fmt(lower, unit)} – {fmt(upper, unit)}"
        text = fmt(upper, unit) if lower == upper else span
        rows.append((colours[i], f"{text} ({counts[i]})"))
        lower = upper
    if missing:
        rows.append((f"url(#{pattern})", f"{_('no figure')} ({missing})"))
    line = round(font * 1.5)
    parts = [f'<g font-size="{font}" font-family="sans-serif" fill="#000">']
    for i, (fill, text) in enumerate(rows):
        y = top + i * line
        parts.append(
            f'<rect x="0" y="{y}" width="{font * 2}" height="{font}" fill="{fill}" '
            f'stroke="#555"/><text x="{font * 2 + 8}" y="{y + font - 2}">{escape(text)}</text>'
        )
    parts.append("</g>")
    return "".join(parts), len(rows) * line


class MapShapes(NamedTuple):
    """The drawn shapes of a map, independent of the figures (cacheable per area set):
    path data per area code (sorted), the map's height and the outline's path data."""

    codes: tuple[str, ...]
    paths: tuple[str, ...]
    height: int
    outline: str


PAD = 4


def map_shapes(
    geometries: Sequence[tuple[str, dict[str, Any]]],
    *,
    outline: Sequence[str] = (),
    width: int = 600,
) -> MapShapes:
    """Project, simplify and write the outlines of the areas (code, WGS84 GeoJSON geometry)."""
    items = sorted(
        (MapArea(code, "", geometry, None, "") for code, geometry in geometries),
        key=lambda a: a.code,
    )
    if not items:
        return MapShapes((), (), 0, "")
    projected, map_h = _geometries(items, width - 2 * PAD)
    projected = shapely.transform(projected, lambda c: c + PAD)
    tolerance = 0.5  # half a unit of the SVG's coordinate space at this extent
    simplified = shapely.simplify(projected, tolerance, preserve_topology=True)
    paths = _paths(simplified)
    outline_d = ""
    wanted = set(outline)
    chosen = [g for a, g in zip(items, projected, strict=True) if a.code in wanted and g]
    if chosen:
        joined = shapely.simplify(
            shapely.union_all(np.array(chosen, dtype=object), grid_size=0.01),
            tolerance,
            preserve_topology=True,
        )
        outline_d = _paths(np.array([joined], dtype=object))[0]
    return MapShapes(tuple(a.code for a in items), tuple(paths), map_h, outline_d)


def choropleth_svg(
    areas: Sequence[MapArea | tuple[str, str, dict[str, Any], float | None, str]],
    *,
    title: str,
    unit: str = "",
    outline: Sequence[str] = (),
    width: int = 600,
    link: str = "",
    id_prefix: str = "map",
    source: str = "",
    shapes: MapShapes | None = None,
) -> str:
    """The SVG of a choropleth map of `areas` (see the module text). `link`: a URL with CODE
    in it, to make every area a link; `id_prefix`: unique per page for the hatch pattern.
    `shapes`: the areas' `map_shapes` made before (same outline and width; then the
    geometries in `areas` are not read)."""
    items = sorted((MapArea(*a) for a in areas), key=lambda a: a.code)
    font = max(12, round(width / 30))
    pad = PAD
    if not items:
        return ""
    if shapes is None:
        shapes = map_shapes([(a.code, a.geometry) for a in items], outline=outline, width=width)
    drawn = dict(zip(shapes.codes, shapes.paths, strict=True))
    paths = [drawn.get(a.code, "") for a in items]
    map_h = shapes.height

    values = [a.value for a in items if a.value is not None]
    breaks = class_breaks(values)
    colours = _palette(len(breaks))
    counts = [0] * len(breaks)
    pattern = f"{id_prefix}-nofig"
    body: list[str] = []
    for area, d in zip(items, paths, strict=True):
        if not d:
            continue
        if area.value is None:
            fill = f"url(#{pattern})"
        else:
            k = class_of(area.value, breaks)
            counts[k] += 1
            fill = colours[k]
        label = escape(f"{area.name}: {area.formatted}")
        if link:
            href = escape(link.replace("CODE", quote(area.code, safe="")))
            body.append(
                f'<a href="{href}" aria-label="{label}"><path fill="{fill}" d="{d}">'
                f"<title>{label}</title></path></a>"
            )
        else:
            body.append(
                f'<path tabindex="0" role="img" aria-label="{label}" fill="{fill}" d="{d}">'
                f"<title>{label}</title></path>"
            )
    missing = sum(1 for a in items if a.value is None)

    outline_svg = ""
    if shapes.outline:
        outline_svg = (
            f'<path d="{shapes.outline}" fill="none" stroke="{OUTLINE_COLOUR}" stroke-width="3" '
            'stroke-linejoin="round" pointer-events="none"/>'
        )

    low = min(values) if values else 0.0
    legend_top = map_h + 2 * pad + font
    title_y = legend_top
    legend, legend_h = _legend(
        breaks,
        colours,
        counts,
        missing,
        unit=unit,
        top=legend_top + round(font * 0.6),
        font=font,
        pattern=pattern,
        low=low,
    )
    notes: list[str] = []
    note_y = legend_top + round(font * 0.6) + legend_h + font
    if outline_svg:
        notes.append(
            f'<path d="M0 {note_y - font // 2}h{font * 2}" stroke="{OUTLINE_COLOUR}" '
            f'stroke-width="3"/><text x="{font * 2 + 8}" y="{note_y}">'
            f"{escape(_('programme area'))}</text>"
        )
        note_y += round(font * 1.5)
    if source:
        notes.append(f'<text x="0" y="{note_y}">{escape(_("Boundaries"))}: {escape(source)}</text>')
        note_y += round(font * 1.5)
    height = note_y
    line = round(font * 0.4)
    hatch = (
        f'<pattern id="{pattern}" patternUnits="userSpaceOnUse" width="{line * 2}" '
        f'height="{line * 2}" patternTransform="rotate(45)"><rect width="{line * 2}" '
        f'height="{line * 2}" fill="{NO_FIGURE_BACKGROUND}"/><line x1="0" y1="0" x2="0" y2="{line * 2}" '
        f'stroke="{NO_FIGURE_STROKE}" stroke-width="{max(1, line // 3)}"/></pattern>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-map" role="group" '
        f'aria-label="{escape(title)}" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}"><title>{escape(title)}</title><defs>{hatch}</defs>'
        f'<g stroke="#8a8a8a" stroke-width="0.6" stroke-linejoin="round" fill-rule="evenodd">'
        f"{''.join(body)}</g>{outline_svg}"
        f'<text x="0" y="{title_y}" font-size="{font}" font-family="sans-serif" '
        f'font-weight="bold">{escape(_("Legend"))}</text>{legend}'
        f'<g font-family="sans-serif" font-size="{font}">{"".join(notes)}</g></svg>'
    )
