"""Demo areas: gemeente Utrecht, its 10 wijken and its 111 buurten with their CBS names
(demo_data/utrecht_buurten_2023.csv) and outlines (demo_data/utrecht_boundaries.json), and one
invented re-division of an Overvecht buurt in 2025 (an example, so the crosswalk is visible).

Sources: CBS Kerncijfers wijken en buurten 2023 (area division 2023), Bron: CBS; outlines:
gemeente Utrecht, wijk- en buurtgrenzen 2013, simplified (see demo_data/README.md).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape

from wijkaanpak.areas.crosswalk import Succession, successions_set
from wijkaanpak.areas.models import Area, AreaBoundary, AreaLevel
from wijkaanpak.areas.services import area_create_or_update
from wijkaanpak.core.tabular import import_limits, open_csv

BUURTEN = Path(__file__).parent / "demo_data" / "utrecht_buurten_2023.csv"

DIVISION_YEAR = 2023
BOUNDARIES = Path(__file__).parent / "demo_data" / "utrecht_boundaries.json"
BOUNDARY_SOURCE = (
    "Gemeente Utrecht, wijk- en buurtgrenzen 2013 (vereenvoudigd); codes als CBS-indeling 2023"
)

#: The invented re-division (an example, not CBS's): in the 2025 division BU03440311 is split
#: into two buurten along an east-west line, 55 % and 45 % of its inhabitants.
EXAMPLE_YEAR = 2025
EXAMPLE_SPLIT = "BU03440311"
EXAMPLE_SUCCESSORS = [
    ("BU03440315", "Taagdreef en omgeving (voorbeeld)", Decimal(55)),
    ("BU03440316", "Rubicondreef en omgeving (voorbeeld)", Decimal(45)),
]
EXAMPLE_NOTE = "Voorbeeld: verzonnen herindeling voor de demo, geen CBS-indeling"
EXAMPLE_SOURCE = "Voorbeeld (verzonnen herindeling), afgeleid van " + BOUNDARY_SOURCE

WIJKEN = [
    ("WK034401", "West"),
    ("WK034402", "Noordwest"),
    ("WK034403", "Overvecht"),
    ("WK034404", "Noordoost"),
    ("WK034405", "Oost"),
    ("WK034406", "Binnenstad"),
    ("WK034407", "Zuid"),
    ("WK034408", "Zuidwest"),
    ("WK034409", "Leidsche Rijn"),
    ("WK034410", "Vleuten-De Meern"),
]


def load() -> None:
    nl = area_create_or_update(code="NL00", name="Nederland", level=AreaLevel.COUNTRY)
    gm = area_create_or_update(
        code="GM0344",
        name="Utrecht",
        level=AreaLevel.MUNICIPALITY,
        parent=nl,
        division_year=DIVISION_YEAR,
    )
    wijken = {
        code: area_create_or_update(
            code=code, name=name, level=AreaLevel.DISTRICT, parent=gm, division_year=DIVISION_YEAR
        )
        for code, name in WIJKEN
    }
    for code, name, parent in utrecht_buurten():
        area_create_or_update(
            code=code,
            name=name,
            level=AreaLevel.NEIGHBOURHOOD,
            parent=wijken[parent],
            division_year=DIVISION_YEAR,
        )
    boundaries_load()
    example_redivision_load()


def boundaries_load() -> None:
    """The outlines of the gemeente, its wijken and its buurten, division 2023."""
    outlines: dict[str, Any] = json.loads(BOUNDARIES.read_text())
    ids = dict(Area.objects.filter(code__in=list(outlines)).values_list("code", "id"))
    AreaBoundary.objects.filter(area_id__in=ids.values(), division_year=DIVISION_YEAR).delete()
    AreaBoundary.objects.bulk_create(
        AreaBoundary(
            area_id=ids[code], division_year=DIVISION_YEAR, geometry=g, source=BOUNDARY_SOURCE
        )
        for code, g in outlines.items()
        if code in ids
    )


def example_redivision_load() -> None:
    """Utrecht's division continues to 2025 (an example); BU03440311 ends in 2024 and is split
    into two new buurten, recorded in the crosswalk with their shares and outlines."""
    utrecht = Area.objects.filter(code__regex=r"^(GM0344|WK0344..|BU0344....)$")
    utrecht.exclude(code__in=[EXAMPLE_SPLIT] + [c for c, _, _ in EXAMPLE_SUCCESSORS]).update(
        division_year=EXAMPLE_YEAR
    )
    old = Area.objects.get(code=EXAMPLE_SPLIT)
    old.division_year = EXAMPLE_YEAR - 1
    old.save(update_fields=["division_year"])
    outline = AreaBoundary.objects.filter(area=old, division_year=DIVISION_YEAR).first()
    halves = _split(outline.geometry) if outline else []
    for i, (code, name, _) in enumerate(EXAMPLE_SUCCESSORS):
        area = area_create_or_update(
            code=code,
            name=name,
            level=AreaLevel.NEIGHBOURHOOD,
            parent=old.parent,
            division_year=EXAMPLE_YEAR,
        )
        if i < len(halves):
            AreaBoundary.objects.update_or_create(
                area=area,
                division_year=EXAMPLE_YEAR,
                defaults={"geometry": halves[i], "source": EXAMPLE_SOURCE},
            )
    successions_set(
        [
            Succession(EXAMPLE_SPLIT, code, EXAMPLE_YEAR, share, "inwoners", EXAMPLE_NOTE)
            for code, _, share in EXAMPLE_SUCCESSORS
        ]
    )


def _split(geometry: dict[str, Any]) -> list[dict[str, Any]]:
    """The north and the south part of an outline, cut at its centroid's latitude."""
    geom = shape(geometry)
    x0, y0, x1, y1 = geom.bounds
    mid = geom.centroid.y
    parts = [
        shapely.clip_by_rect(geom, x0, mid, x1, y1),
        shapely.clip_by_rect(geom, x0, y0, x1, mid),
    ]
    out = []
    for part in parts:
        m = mapping(shapely.set_precision(part, 1e-5))
        out.append({"type": m["type"], "coordinates": json.loads(json.dumps(m["coordinates"]))})
    return out


def utrecht_buurten() -> list[tuple[str, str, str]]:
    """(code, CBS name, wijk code) of Utrecht's 111 buurten, division 2023."""
    with BUURTEN.open("rb") as stream:
        table = open_csv(stream, limits=import_limits())
        assert table.header == ["code", "name", "parent"], table.header
        return [(code, name, parent) for code, name, parent in table.rows]
