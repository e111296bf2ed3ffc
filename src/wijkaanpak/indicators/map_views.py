"""The map partial's context (`indicators/_map.html`) for the indicator page, the area profile
and the ambition scorecard: which indicator, area and level, with the fallback between
levels (buurten where their boundaries are known, else wijken)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language

from wijkaanpak.areas.models import Area, AreaLevel
from wijkaanpak.indicators.map_data import IndicatorMap, indicator_map
from wijkaanpak.indicators.models import Indicator

#: ?niveau= on the pages: the level of the areas on the map.
PAGE_LEVELS = (AreaLevel.NEIGHBOURHOOD, AreaLevel.DISTRICT)


def municipality_of(area: Area) -> Area | None:
    """The gemeente of an area (itself, or up its parent chain), None above or outside one."""
    node: Area | None = area
    for _step in range(4):
        if node is None:
            return None
        if node.level == AreaLevel.MUNICIPALITY:
            return node
        node = node.parent
    return None


def map_context(
    request: HttpRequest,
    *,
    indicator: Indicator | None,
    within: Area | None,
    outline: Area | None,
    year: int | None,
    choices: list[tuple[str, str]] | None = None,
) -> dict[str, Any]:
    """`map` (IndicatorMap or None), the level links and the indicator choices for the partial.
    The level asked for (?niveau=buurt|wijk, default buurt) falls back to the other one when
    none of its areas has a boundary."""
    if indicator is None or within is None:
        return {"map": None}
    asked = request.GET.get("niveau")
    levels: list[str] = [str(level) for level in PAGE_LEVELS]
    if asked in levels:
        levels.remove(asked)
        levels.insert(0, asked)
    link = reverse("indicators:profile", args=["CODE"])
    found: IndicatorMap | None = None
    for level in levels:
        found = indicator_map(
            indicator=indicator,
            within=within.code,
            level=level,
            year=year,
            outline=outline,
            link=link,
        )
        if found is not None:
            break
    query = request.GET.copy()
    level_links = []
    for level in PAGE_LEVELS:
        query["niveau"] = level
        level_links.append(
            (
                str(AreaLevel(level).label),
                "?" + query.urlencode(),
                found is not None and found.level == level,
            )
        )
    return {
        "map": found,
        "map_indicator": indicator,
        "map_indicator_name": indicator.display_name(get_language()),
        "map_choices": choices or [],
        "map_level_links": level_links,
        "map_year": year,
    }


def chosen_indicator(request: HttpRequest, indicators: list[Indicator]) -> Indicator | None:
    """The indicator of ?kaart= among `indicators`, else the first."""
    wanted = request.GET.get("kaart")
    for indicator in indicators:
        if indicator.code == wanted:
            return indicator
    return indicators[0] if indicators else None
