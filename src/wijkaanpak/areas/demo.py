"""Demo areas: gemeente Utrecht, its 10 wijken and its 111 buurten with their CBS names
(demo_data/utrecht_buurten_2023.csv).

Source: CBS Kerncijfers wijken en buurten 2023 (area division 2023). Bron: CBS.
"""

from __future__ import annotations

from pathlib import Path

from wijkaanpak.areas.models import AreaLevel
from wijkaanpak.areas.services import area_create_or_update
from wijkaanpak.core.tabular import import_limits, open_csv

BUURTEN = Path(__file__).parent / "demo_data" / "utrecht_buurten_2023.csv"

DIVISION_YEAR = 2023

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


def utrecht_buurten() -> list[tuple[str, str, str]]:
    """(code, CBS name, wijk code) of Utrecht's 111 buurten, division 2023."""
    with BUURTEN.open("rb") as stream:
        table = open_csv(stream, limits=import_limits())
        assert table.header == ["code", "name", "parent"], table.header
        return [(code, name, parent) for code, name, parent in table.rows]
