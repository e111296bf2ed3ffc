"""API of the choropleth maps (docs/maps.md): `GET /api/v1/indicators/{code}/map.svg`."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router

from wijkaanpak.core.api_utils import READ_ERRORS, Problem
from wijkaanpak.core.exceptions import InvalidInput, NotFound
from wijkaanpak.indicators import selectors
from wijkaanpak.indicators.map_data import indicator_map

router = Router(tags=["indicators"])


def _year(raw: str | None) -> int | None:
    if raw is None or raw == "":
        return None
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= 9999:
        raise InvalidInput(
            f"Invalid year {raw!r}: a year between 1 and 9999.",
            errors=[{"field": "year", "message": "A year between 1 and 9999."}],
        )
    return int(raw)


@router.get(
    "/indicators/{code}/map.svg",
    response={200: None, 400: Problem, **READ_ERRORS},
    summary="Choropleth map (SVG) of an indicator for the areas of a level within an area",
    description=(
        "`within`: the area (default `NL00`, the country); `level`: `gemeente`, `wijk` "
        "(default) or `buurt`; `year`: the figures' year (default: the latest with figures). "
        "An `image/svg+xml` image without scripts or external resources. 404 for an unknown "
        "indicator or area, or when none of the areas has a stored boundary; 400 for a bad "
        "level or year."
    ),
    openapi_extra={
        "responses": {200: {"description": "The map", "content": {"image/svg+xml": {"schema": {}}}}}
    },
)
def indicator_map_svg(
    request: HttpRequest,
    code: str,
    within: str = "NL00",
    level: str = "wijk",
    year: str | None = None,
) -> HttpResponse:
    indicator = selectors.indicator_get(code=code, user=request.user)
    result = indicator_map(indicator=indicator, within=within, level=level, year=_year(year))
    if result is None:
        raise NotFound(f"No boundaries for the {level} areas within {within.strip().upper()}")
    response = HttpResponse(result.svg, content_type="image/svg+xml; charset=utf-8")
    return response
