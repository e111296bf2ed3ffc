"""Demo programme "Samen voor Overvecht" with its five ambitions (seed 001, voorwoord)
and poverty as a cross-cutting theme (seed 000)."""

from __future__ import annotations

from wijkaanpak.areas.models import Area
from wijkaanpak.programmes.services import (
    ambition_create_or_update,
    programme_create_or_update,
    theme_create_or_update,
)

SLUG = "samen-voor-overvecht"

AMBITIONS = [
    (
        1,
        "Wonen",
        "Plezierig wonen in een meer gemengde wijk",
        "home",
        "#00689e",
        "Meer variatie in woningen en bewoners; bewoners wonen er plezierig en blijven graag.",
    ),
    (
        2,
        "Jeugd",
        "Perspectief voor jeugd versterken",
        "child",
        "#e17000",
        "Meer jongeren halen een startkwalificatie en vinden werk; minder jongeren in beeld bij zorg.",
    ),
    (
        3,
        "Veiligheid",
        "Veilige buurten",
        "shield",
        "#c0392b",
        "Minder criminaliteit en overlast; bewoners voelen zich veiliger.",
    ),
    (
        4,
        "Zorg",
        "Zorg en ondersteuning dichtbij en op maat",
        "heart",
        "#39870c",
        "Hulp op tijd en dichtbij; minder mensen met een slechte ervaren gezondheid.",
    ),
    (
        5,
        "Meedoen",
        "Meedoen & Ondernemen",
        "briefcase",
        "#6b4c9a",
        "Minder huishoudens in de bijstand, meer mensen aan het werk en meer banen in de wijk.",
    ),
]


def load() -> None:
    programme = programme_create_or_update(
        slug=SLUG,
        name="Samen voor Overvecht",
        municipality=Area.objects.get(code="GM0344"),
        area=Area.objects.get(code="WK034403"),
        start_year=2019,
        description=(
            "Wijkaanpak van de gemeente Utrecht met bewoners en partners in Overvecht. "
            "Ambitiedocument juli 2019, actieprogramma december 2019. "
            "Motto: plek, kans, coalitie."
        ),
    )
    for number, short, name, icon, colour, movement in AMBITIONS:
        ambition_create_or_update(
            programme=programme,
            number=number,
            short_name=short,
            name=name,
            icon=icon,
            colour=colour,
            desired_movement=movement,
        )
    theme_create_or_update(
        programme=programme,
        name="Armoede",
        description="Armoede is een thema binnen alle ambities.",
    )
