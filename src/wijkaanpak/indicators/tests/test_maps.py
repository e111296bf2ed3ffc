"""Choropleth maps (issue 18, docs/maps.md): the renderer, the cached map data and the API."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from wijkaanpak.indicators.maps import PALETTE, MapArea, choropleth_svg, class_breaks, class_of
from wijkaanpak.indicators.tests.boundaries import load_utrecht_wijken, square


@pytest.fixture(autouse=True)
def english() -> Any:
    """Direct calls in English (the pages and the API answer in Dutch, as a visitor gets)."""
    with translation.override("en"):
        yield


def _areas(values: list[float | None]) -> list[MapArea]:
    return [
        MapArea(f"BU0344000{i}", f"Buurt <{i}>", square(5.0 + 0.01 * i, 52.0), v, f"{v}")
        for i, v in enumerate(values)
    ]


def test_class_breaks_are_quantiles_with_five_classes() -> None:
    values = [float(v) for v in range(1, 101)]
    assert class_breaks(values) == [20.0, 40.0, 60.0, 80.0, 100.0]
    assert [class_of(v, class_breaks(values)) for v in (1, 20, 20.5, 100)] == [0, 0, 1, 4]
    # Few distinct values: fewer classes, none empty by construction.
    assert class_breaks([3.0, 3.0, 3.0, 7.0]) == [3.0, 7.0]
    assert class_breaks([]) == []


def test_svg_has_titles_focus_legend_hatch_and_no_scripts() -> None:
    with translation.override("nl"):
        svg = choropleth_svg(
            _areas([1.0, 2.0, 3.0, 4.0, 5.0, None]),
            title="Bijstand <test>",
            unit="percent",
            outline=["BU03440001", "BU03440002"],
        )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert (
        "<script" not in svg
        and "href" not in svg
        and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )
    # Every area: focusable, named, with a title (names are escaped).
    assert svg.count('tabindex="0"') == 6
    assert "<title>Buurt &lt;0&gt;: 1.0</title>" in svg
    assert 'aria-label="Buurt &lt;5&gt;: None"' in svg
    assert "Bijstand &lt;test&gt;" in svg
    # Five classes in five palette colours, the missing one hatched and in the legend.
    for colour in PALETTE:
        assert f'fill="{colour}"' in svg
    assert svg.count('fill="url(#map-nofig)"') == 2  # the area and its legend swatch
    assert (
        '<pattern id="map-nofig"' in svg and "geen cijfer (1)" in svg and "programmagebied" in svg
    )
    # Dutch number format in the legend, with the count per class.
    assert "1,0 % – 2,0 % (1)" in svg or "1 % – 2 % (1)" in svg
    # The programme area: one joint outline.
    assert svg.count('stroke="#d52b1e" stroke-width="3"') == 2  # the outline and its legend


def test_output_is_deterministic_and_independent_of_input_order() -> None:
    areas = _areas([5.0, None, 1.5, 2.5])
    assert choropleth_svg(areas, title="x") == choropleth_svg(areas[::-1], title="x")


def test_links_make_areas_links_with_escaped_codes() -> None:
    svg = choropleth_svg(_areas([1.0]), title="x", link="/indicators/gebied/CODE/")
    assert '<a href="/indicators/gebied/BU03440000/" aria-label="Buurt &lt;0&gt;: 1.0">' in svg


def test_simplification_keeps_the_file_small() -> None:
    """A circle of 20,000 points drawn 600 units wide keeps a few hundred (rounded) points."""
    import math

    ring = [
        [
            5.1 + 0.05 * math.cos(t / 20000 * 2 * math.pi),
            52.1 + 0.03 * math.sin(t / 20000 * 2 * math.pi),
        ]
        for t in range(20000)
    ]
    ring.append(ring[0])
    svg = choropleth_svg(
        [MapArea("GM0344", "Utrecht", {"type": "Polygon", "coordinates": [ring]}, 1.0, "1")],
        title="x",
    )
    path = re.search(r' d="([^"]+)"', svg)
    assert path is not None
    assert 20 < len(path.group(1).split()) < 1200
    assert len(svg) < 10_000


@pytest.fixture
def wijken(areas: Any, inhabitants: Any) -> Any:
    """Two wijken of Utrecht with hand-written squares and a figure for one of them."""
    from wijkaanpak.areas.services import area_boundary_set
    from wijkaanpak.indicators.services import observation_set

    area_boundary_set(area=areas["overvecht"], division_year=2023, geometry=square(5.1, 52.1))
    area_boundary_set(area=areas["west"], division_year=2023, geometry=square(5.08, 52.09))
    observation_set(
        indicator=inhabitants, area=areas["overvecht"], period=2023, value=34000, source="test"
    )
    cache.clear()
    return areas


def test_api_map_svg(wijken: Any) -> None:
    client = Client()
    response = client.get("/api/v1/indicators/a_inw/map.svg?within=GM0344&level=wijk")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert "Overvecht: 34.000" in svg and "West: geen cijfer" in svg
    assert "Aantal inwoners" in svg and "2023" in svg
    # Year without figures: all areas "no figure".
    svg_2020 = client.get("/api/v1/indicators/a_inw/map.svg?within=GM0344&level=wijk&year=2020")
    assert "Overvecht: geen cijfer" in svg_2020.content.decode()


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("within=GM9944&level=wijk", 404),  # unknown area
        ("within=GM0344&level=provincie", 400),
        ("within=GM0344&level=wijk&year=abc", 400),
        ("within=GM0344&level=wijk&year=0", 400),
        ("within=GM0344&level=buurt", 404),  # no buurt has a boundary
    ],
)
def test_api_map_svg_errors(wijken: Any, query: str, status: int) -> None:
    response = Client().get(f"/api/v1/indicators/a_inw/map.svg?{query}")
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/problem+json")


def test_api_map_svg_unknown_and_hidden_indicator(wijken: Any) -> None:
    from wijkaanpak.accounts.models import ApiToken, User
    from wijkaanpak.indicators.models import Indicator

    Indicator.objects.create(code="utrecht_eigen", name_nl="Eigen", municipality=wijken["gm"])
    url = "/api/v1/indicators/{}/map.svg?within=GM0344&level=wijk"
    assert Client().get(url.format("nope")).status_code == 404
    assert Client().get(url.format("utrecht_eigen")).status_code == 404  # hidden for a visitor
    steward = User.objects.create_user(
        username="steward", password="pw-1234567", is_data_steward=True
    )
    ApiToken.objects.create(user=steward, key_hash=ApiToken.hash("map-token"), two_factor=True)
    headers = {"Authorization": "Bearer map-token"}
    assert Client().get(url.format("utrecht_eigen"), headers=headers).status_code == 200


def test_map_cache_follows_new_figures(wijken: Any, inhabitants: Any) -> None:
    from wijkaanpak.indicators.map_data import indicator_map
    from wijkaanpak.indicators.services import observation_set

    first = indicator_map(indicator=inhabitants, within="GM0344", level="wijk")
    assert first is not None and "West: no figure" in first.svg
    again = indicator_map(indicator=inhabitants, within="GM0344", level="wijk")
    assert again is not None and again.svg == first.svg
    observation_set(
        indicator=inhabitants, area=wijken["west"], period=2023, value=12000, source="test"
    )
    after = indicator_map(indicator=inhabitants, within="GM0344", level="wijk")
    assert after is not None and "West: 12.000" in after.svg
    assert ("West", "WK034401", "12.000") in after.rows
    # A replaced boundary (same row, new outline) is drawn anew, not taken from the cache.
    from wijkaanpak.areas.services import area_boundary_set

    area_boundary_set(area=wijken["west"], division_year=2023, geometry=square(5.0, 52.0, 0.02))
    moved = indicator_map(indicator=inhabitants, within="GM0344", level="wijk")
    assert moved is not None and moved.svg != after.svg


def test_programme_area_is_outlined(wijken: Any, inhabitants: Any) -> None:
    from wijkaanpak.indicators.map_data import indicator_map

    result = indicator_map(
        indicator=inhabitants, within="GM0344", level="wijk", outline=wijken["overvecht"]
    )
    assert result is not None and "programme area" in result.svg


def test_real_wijken_of_utrecht(utrecht: Any, inhabitants: Any) -> None:
    """The shared CBS file (RD New) through pyproj: ten wijken, within the 1 MB and quickly."""
    from wijkaanpak.indicators.map_data import indicator_map

    assert load_utrecht_wijken() == 10
    cache.clear()
    start = time.perf_counter()
    result = indicator_map(indicator=inhabitants, within="GM0344", level="wijk")
    assert time.perf_counter() - start < 2
    assert result is not None
    assert result.svg.count("<path tabindex") == 10
    assert "Overvecht: no figure" in result.svg
    assert "CBS Wijk- en buurtkaart 2016" in result.svg
    assert re.search(r'viewBox="0 0 600 \d+"', result.svg)


def test_pages_show_the_map_where_boundaries_are_known(
    wijken: Any, inhabitants: Any, programme: Any
) -> None:
    """Indicator page, area profile and scorecard: the map (with its table) instead of the
    tile map; the programme area outlined; each area links to its profile."""
    inhabitants.ambitions.add(programme.ambitions.get(number=1))
    client = Client()
    page = client.get("/indicators/indicator/a_inw/?niveau=wijk").content.decode()
    assert 'class="app-map"' in page and 'class="app-tilemap"' not in page
    assert '<a href="/indicators/gebied/WK034403/" aria-label="Overvecht: 34.000">' in page
    assert "programmagebied" in page and "De kaart als tabel" in page
    profile = client.get("/indicators/gebied/WK034403/").content.decode()
    assert 'class="app-map"' in profile and 'aria-label="West: geen cijfer"' in profile
    scorecard = client.get(f"/indicators/programma/{programme.slug}/").content.decode()
    assert 'class="app-map"' in scorecard


def test_tile_map_stays_where_no_boundaries_are_known(
    areas: Any, inhabitants: Any, programme: Any
) -> None:
    from wijkaanpak.indicators.services import observation_set

    observation_set(indicator=inhabitants, area=areas["buurt"], period=2023, value=5, source="t")
    cache.clear()
    page = Client().get("/indicators/indicator/a_inw/").content.decode()
    assert 'class="app-tilemap"' in page and 'class="app-map"' not in page


def test_a_re_divided_area_is_drawn_in_the_division_of_the_figures_year(
    wijken: Any, inhabitants: Any
) -> None:
    """West becomes 'Nieuw-West' in 2025: the 2023 map draws West, the 2025 map its successor,
    never both outlines over each other."""
    from decimal import Decimal

    from wijkaanpak.areas.models import AreaSuccession
    from wijkaanpak.areas.services import area_boundary_set, area_create_or_update
    from wijkaanpak.indicators.map_data import indicator_map
    from wijkaanpak.indicators.services import observation_set

    west = wijken["west"]
    new = area_create_or_update(
        code="WK034499", name="Nieuw-West", level="wijk", parent=west.parent
    )
    AreaSuccession.objects.create(predecessor=west, successor=new, year=2025, share=Decimal(100))
    area_boundary_set(area=new, division_year=2025, geometry=square(5.08, 52.09))
    earlier = indicator_map(indicator=inhabitants, within="GM0344", level="wijk", year=2023)
    assert earlier is not None
    assert "West: no figure" in earlier.svg and "Nieuw-West" not in earlier.svg
    observation_set(indicator=inhabitants, area=new, period=2025, value=9000, source="test")
    later = indicator_map(indicator=inhabitants, within="GM0344", level="wijk")
    assert later is not None and later.year == 2025
    assert "Nieuw-West: 9.000" in later.svg and "<title>West:" not in later.svg
