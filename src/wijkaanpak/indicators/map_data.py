"""Choropleth maps of an indicator from the stored boundaries (docs/maps.md): the data behind
`indicators.maps.choropleth_svg`, and the rendered map cached per indicator, year, area,
level, outline, language and data version. Called by the indicator page, the area profile,
the ambition scorecard, the API (`map.svg`) and the report (`indicator_map`)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import orjson
from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wijkaanpak.areas.models import Area, AreaBoundary, AreaLevel, AreaSuccession
from wijkaanpak.areas.selectors import area_get
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.indicators.charts import fmt
from wijkaanpak.indicators.maps import MapArea, MapShapes, choropleth_svg, map_shapes
from wijkaanpak.indicators.models import Indicator, Observation

#: Levels a map can show (the areas that CBS draws boundaries for).
MAP_LEVELS = (AreaLevel.MUNICIPALITY, AreaLevel.DISTRICT, AreaLevel.NEIGHBOURHOOD)
#: Bumped (in the cache) whenever an area, boundary or observation is saved or deleted through
#: the ORM; together with the counts and highest ids it makes up the data version.
VERSION_KEY = "indicators:map-version"
CACHE_SECONDS = 24 * 3600


@dataclass
class IndicatorMap:
    """A rendered map and its table alternative (`rows`: name, code, value as text)."""

    svg: str
    year: int | None
    within: Area
    level: str
    rows: list[tuple[str, str, str]] = field(default_factory=list)
    source: str = ""

    @property
    def level_label(self) -> str:
        return str(AreaLevel(self.level).label)


def map_version_bump(**kwargs: Any) -> None:
    """Signal receiver (indicators.apps): a saved area, boundary or observation changes maps."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def map_data_version(indicator: Indicator) -> str:
    """Changes whenever the figures of the indicator, an area or a boundary change: the
    counter above, and count and highest id of the observations and boundaries (imports write
    observations in bulk, without signals; a new release is a new row)."""
    obs = Observation.objects.filter(indicator=indicator).aggregate(n=Count("id"), m=Max("id"))
    bounds = AreaBoundary.objects.aggregate(n=Count("id"), m=Max("id"))
    counter = cache.get(VERSION_KEY, 0)
    return f"{counter}.{obs['n']}.{obs['m']}.{bounds['n']}.{bounds['m']}"


def map_level(level: str | None) -> str:
    """The level to draw, or InvalidInput (400)."""
    if level not in MAP_LEVELS:
        raise InvalidInput(
            f"Unknown map level {level!r}: use one of {', '.join(MAP_LEVELS)}.",
            errors=[{"field": "level", "message": "Use gemeente, wijk or buurt."}],
        )
    return str(level)


def indicator_map(
    *,
    indicator: Indicator,
    within: str,
    level: str,
    year: int | None = None,
    outline: Area | None = None,
    link: str = "",
    width: int = 600,
) -> IndicatorMap | None:
    """The choropleth map of `indicator` for the areas of `level` within the area `within`
    (a gemeente's buurten or wijken, the country's wijken), or None when none of them has a
    boundary (then the caller shows what it showed before: the tile map, or nothing).
    `year`: the figures' year (None: the latest with figures for these areas). `outline`:
    an area drawn thick (the programme area; itself or the areas within it). `link`: a URL
    with CODE in it, to make each area a link. Raises NotFound for an unknown `within`,
    InvalidInput for a bad level. The result is cached (see the module text)."""
    level = map_level(level)
    area = area_get(code=within)
    key = "|".join(
        [
            "map",
            indicator.code,
            str(year),
            area.code,
            level,
            outline.code if outline else "",
            link,
            str(width),
            get_language() or "",
            map_data_version(indicator),
        ]
    )
    cache_key = "indicators:map:" + hashlib.sha256(key.encode()).hexdigest()
    found = cache.get(cache_key)
    if found is not None:
        return found if isinstance(found, IndicatorMap) else None
    result = _build(
        indicator=indicator,
        area=area,
        level=level,
        year=year,
        outline=outline,
        link=link,
        width=width,
        prefix="m" + hashlib.sha256(key.encode()).hexdigest()[:8],
    )
    cache.set(cache_key, result if result is not None else "none", CACHE_SECONDS)
    return result


def _inside(area: Area, outline: Area) -> bool:
    """Whether the area is the outline area or lies within it (two parent levels; the
    parent comes with the area, the grandparent's id with the parent)."""
    parent = area.parent if area.parent_id else None
    return outline.pk in (area.pk, area.parent_id, parent.parent_id if parent else None)


def _areas_within(area: Area, level: str) -> QuerySet[Area]:
    """The areas of `level` below `area` (up to four parent steps), in one query."""
    below = Q(parent_id=area.pk)
    step = "parent"
    for _step in range(3):
        step += "__parent"
        below |= Q(**{f"{step}_id": area.pk})
    return Area.objects.filter(below, level=level)


def _mapped_areas(area: Area, level: str, year: int | None) -> list[Area]:
    """The areas of `level` within `area` that have a boundary, by code, as divided in `year`
    (None: the latest division): a buurt re-divided by then is left out for its successors,
    and a successor that did not exist yet is left out for the buurt it came from, so no
    outline is drawn over another."""
    within = _areas_within(area, level)
    with_boundary = AreaBoundary.objects.filter(area__in=within).values("area_id")
    qs = within.filter(pk__in=with_boundary)
    if year is None:
        qs = qs.exclude(pk__in=AreaSuccession.objects.values("predecessor_id"))
    else:
        superseded = AreaSuccession.objects.filter(year__lte=year).values("predecessor_id")
        not_yet = AreaSuccession.objects.filter(year__gt=year).values("successor_id")
        qs = qs.exclude(pk__in=superseded).exclude(pk__in=not_yet)
    return list(qs.select_related("parent").order_by("code"))


def _geometries(area: Area, level: str, areas: list[Area]) -> list[tuple[str, dict[str, Any]]]:
    """Each area's latest outline (as `areas.selectors.area_boundaries` with year None), read
    as text and parsed with orjson (the json module took longer than drawing)."""
    codes = {a.pk: a.code for a in areas}
    rows = (
        AreaBoundary.objects.filter(area__in=_areas_within(area, level))
        .order_by("area_id", "-division_year")
        .annotate(text=Cast("geometry", output_field=TextField()))
        .values_list("area_id", "text")
    )
    found: dict[int, dict[str, Any]] = {}
    for area_id, text in rows:
        if area_id not in found and area_id in codes:
            found[area_id] = orjson.loads(text)
    return [(codes[i], g) for i, g in found.items()]


def _shapes(area: Area, level: str, areas: list[Area], codes: list[str], width: int) -> MapShapes:
    """The drawn outlines, cached apart from the figures (another indicator or year of the
    same areas reuses them): keyed on the areas, outline, width and the boundaries' version."""
    bounds = AreaBoundary.objects.aggregate(n=Count("id"), m=Max("id"))
    version = f"{cache.get(VERSION_KEY, 0)}.{bounds['n']}.{bounds['m']}"
    key = "|".join(["shapes", area.code, level, str(width), ",".join(codes), version])
    cache_key = "indicators:map-shapes:" + hashlib.sha256(key.encode()).hexdigest()
    shapes = cache.get(cache_key)
    if not isinstance(shapes, MapShapes):
        shapes = map_shapes(_geometries(area, level, areas), outline=codes, width=width)
        cache.set(cache_key, shapes, CACHE_SECONDS)
    return shapes


def _build(
    *,
    indicator: Indicator,
    area: Area,
    level: str,
    year: int | None,
    outline: Area | None,
    link: str,
    width: int,
    prefix: str,
) -> IndicatorMap | None:
    obs = Observation.objects.filter(
        indicator=indicator, is_current=True, area__in=_areas_within(area, level)
    )
    if year is None:
        year = obs.aggregate(m=Max("period"))["m"]
    areas = _mapped_areas(area, level, year)
    if not areas:
        return None
    values: dict[int, tuple[float | None, str]] = {}
    if year is not None:
        for area_id, value, reason in obs.filter(period=year).values_list(
            "area_id", "value", "missing_reason"
        ):
            values[area_id] = (value, reason)
    no_figure = _("no figure")
    items: list[MapArea] = []
    rows: list[tuple[str, str, str]] = []
    for a in areas:
        value, reason = values.get(a.pk, (None, ""))
        text = fmt(value, indicator.unit) if value is not None else (reason or no_figure)
        items.append(MapArea(a.code, a.name, {}, value, text))
        rows.append((a.name, a.code, text))
    boundary_sources = AreaBoundary.objects.filter(area__in=_areas_within(area, level))
    sources = boundary_sources.exclude(source="").values_list("source", flat=True).distinct()
    source = "; ".join(sorted(set(sources)))
    name = indicator.display_name(get_language())
    title = _("%(indicator)s by %(level)s, %(area)s %(year)s") % {
        "indicator": name,
        "level": str(AreaLevel(level).label),
        "area": area.name,
        "year": year if year is not None else "",
    }
    codes = [a.code for a in areas if outline is not None and _inside(a, outline)]
    svg = choropleth_svg(
        items,
        title=title.strip(),
        unit=indicator.unit,
        outline=codes,
        width=width,
        link=link,
        id_prefix=prefix,
        source=source,
        shapes=_shapes(area, level, areas, codes, width),
    )
    return IndicatorMap(svg=svg, year=year, within=area, level=level, rows=rows, source=source)
