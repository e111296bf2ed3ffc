"""Demo areas: gemeente Utrecht, its 10 wijken and the 10 buurten of Overvecht.

Source: CBS Kerncijfers wijken en buurten 2023 (area division 2023). Bron: CBS.
"""

from __future__ import annotations

from wijkaanpak.areas.models import AreaLevel
from wijkaanpak.areas.services import area_create_or_update

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

OVERVECHT_BUURTEN = [
    ("BU03440311", "Taag- en Rubicondreef en omgeving"),
    ("BU03440312", "Wolga- en Donaudreef en omgeving"),
    ("BU03440321", "Zamenhofdreef en omgeving"),
    ("BU03440322", "Neckardreef en omgeving"),
    ("BU03440331", "Vechtzoom-zuid"),
    ("BU03440332", "Vechtzoom-noord, Klopvaart"),
    ("BU03440333", "Bedrijventerrein en omgeving"),
    ("BU03440341", "Zambesidreef en omgeving"),
    ("BU03440342", "Tigrisdreef en omgeving"),
    ("BU03440343", "Poldergebied Overvecht"),
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
    for code, name in OVERVECHT_BUURTEN:
        area_create_or_update(
            code=code,
            name=name,
            level=AreaLevel.NEIGHBOURHOOD,
            parent=wijken["WK034403"],
            division_year=DIVISION_YEAR,
        )
