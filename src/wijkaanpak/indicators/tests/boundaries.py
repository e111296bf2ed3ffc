"""Boundaries for the map tests and the benchmark (not a fixture of the app: helper areas18
writes the importers and the demo boundaries). Hand-written squares that always work, and the
shared CBS files (RD New transformed to WGS84 with pyproj), skipped when they are absent."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from shapely.geometry import mapping, shape

SHARED_DATA = Path(os.environ.get("WIJKAANPAK_SHARED_DATA") or "/work/shared/data")


def square(x: float, y: float, size: float = 0.01) -> dict[str, Any]:
    """A square Polygon in WGS84 with its south-west corner at (x, y) (longitude, latitude)."""
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def shared_file(name: str) -> Path:
    path = SHARED_DATA / name
    if not path.is_file():
        pytest.skip(f"shared data file {path} is not present (set WIJKAANPAK_SHARED_DATA)")
    return path


def _rd_to_wgs84(geometry: dict[str, Any]) -> dict[str, Any]:
    from pyproj import Transformer

    to_wgs84 = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)

    def transform(coords: Any) -> Any:
        lon, lat = to_wgs84.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])

    result: dict[str, Any] = json.loads(
        json.dumps(mapping(shapely.transform(shape(geometry), transform)))
    )
    return result


def load_geojson(
    name: str, *, code: Any, name_of: Any, parent_of: Any, level: str, year: int, source: str
) -> int:
    """Create the areas of a shared GeoJSON file (code, name and parent code from each
    feature's properties, through the callables) and store their boundaries; returns the
    number stored. RD New files (a `crs` naming 28992) are transformed to WGS84."""
    from wijkaanpak.areas.models import Area, AreaLevel
    from wijkaanpak.areas.services import area_boundary_set, area_create_or_update

    data = json.loads(shared_file(name).read_text())
    rd = "28992" in json.dumps(data.get("crs") or {})
    nl = area_create_or_update(code="NL00", name="Nederland", level=AreaLevel.COUNTRY)
    known = {a.code: a for a in Area.objects.all()}
    stored = 0
    for feature in data["features"]:
        props = feature["properties"]
        parent_code = parent_of(props)
        parent = known.get(parent_code)
        if parent is None:  # a gemeente (or wijk) the test database does not hold yet
            parent_level = AreaLevel.MUNICIPALITY if parent_code.startswith("GM") else "wijk"
            grand = nl
            if not parent_code.startswith("GM"):
                gm_code = f"GM{parent_code[2:6]}"
                grand = known.get(gm_code) or area_create_or_update(
                    code=gm_code, name=gm_code, level=AreaLevel.MUNICIPALITY, parent=nl
                )
                known[gm_code] = grand
            parent = area_create_or_update(
                code=parent_code, name=parent_code, level=parent_level, parent=grand
            )
            known[parent_code] = parent
        area = known.get(code(props))
        if area is None:
            area = area_create_or_update(
                code=code(props), name=name_of(props), level=level, parent=parent
            )
            known[area.code] = area
        geometry = _rd_to_wgs84(feature["geometry"]) if rd else feature["geometry"]
        area_boundary_set(area=area, division_year=year, geometry=geometry, source=source)
        stored += 1
    return stored


def load_utrecht_wijken() -> int:
    """Utrecht's 10 wijken, CBS Wijk- en buurtkaart 2016 (RD New)."""
    return load_geojson(
        "utrecht_wijken_2016_rd.geojson",
        code=lambda p: p["WKC"],
        name_of=lambda p: p["WKN"],
        parent_of=lambda p: p["GMC"],
        level="wijk",
        year=2016,
        source="CBS Wijk- en buurtkaart 2016",
    )


def load_national_wijken() -> int:
    """The 2,982 wijken of the Netherlands, CBS Wijk- en buurtkaart 2016 (RD New)."""
    return load_geojson(
        "wijk_2016_6.geojson",
        code=lambda p: p["WKC"],
        name_of=lambda p: p["WKN"],
        parent_of=lambda p: p["GMC"],
        level="wijk",
        year=2016,
        source="CBS Wijk- en buurtkaart 2016",
    )


def load_utrecht_buurten_2013() -> int:
    """Utrecht's 111 buurten of 2013 (WGS84), codes BU0344 + KODE under WK0344 + WIJKKODE."""
    return load_geojson(
        "utrecht_gemeente_buurten_2013_wgs84.geojson",
        code=lambda p: f"BU0344{p['KODE']}",
        name_of=lambda p: p["NAAM"],
        parent_of=lambda p: f"WK0344{p['WIJKKODE']}",
        level="buurt",
        year=2013,
        source="Gemeente Utrecht, buurtgrenzen 2013",
    )
