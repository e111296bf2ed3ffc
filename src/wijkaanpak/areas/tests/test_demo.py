"""The demo's area division: every Utrecht buurt with its CBS name."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import F

from wijkaanpak.areas import demo, selectors
from wijkaanpak.areas.models import Area, AreaSuccession

pytestmark = pytest.mark.django_db


def test_the_demo_names_all_111_buurten_of_utrecht(api: Any) -> None:
    demo.load()
    demo.load()  # again: nothing new
    buurten = Area.objects.filter(
        level="buurt", parent__parent__code="GM0344", first_division_year=2023
    )
    assert buurten.count() == 111
    assert not Area.objects.filter(name=F("code")).exists()
    # the demo's example division continues to 2025, without BU03440311 (split in 2025)
    assert set(buurten.values_list("division_year", flat=True)) == {2024, 2025}
    assert Area.objects.get(code="BU03440111").name == "Welgelegen, Den Hommel"
    assert Area.objects.get(code="BU03440343").name == "Poldergebied Overvecht"
    found = api().get("/areas/", search="lombok").json()
    assert [a["code"] for a in found["items"]] == ["BU03440121", "BU03440123"]
    west = api().get("/areas/WK034401/children/").json()
    assert west["count"] == 11 and west["items"][0]["name"] == "Welgelegen, Den Hommel"


def test_the_demo_has_outlines_and_an_example_redivision_in_the_crosswalk(api: Any) -> None:
    demo.load()
    demo.load()  # idempotent
    assert len(selectors.area_boundaries(within="GM0344", level="buurt", year=2023)) == 111
    assert len(selectors.area_boundaries(within="GM0344", level="wijk", year=2023)) == 10
    # the latest division: 110 buurten of 2023 and the two successors of BU03440311
    latest = [a.code for a, g, y in selectors.area_boundaries(within="GM0344", level="buurt")]
    assert len(latest) == 112 and "BU03440311" not in latest
    assert {"BU03440315", "BU03440316"} <= set(latest)
    old = api().get("/areas/BU03440311/").json()
    assert (old["valid_from"], old["valid_to"]) == (2023, 2024)
    assert [(s["code"], s["year"], s["share"]) for s in old["successors"]] == [
        ("BU03440315", 2025, 55.0),
        ("BU03440316", 2025, 45.0),
    ]
    assert old["successors"][0]["note"].startswith("Voorbeeld")
    assert AreaSuccession.objects.count() == 2
    size = demo.BOUNDARIES.stat().st_size
    assert size < 200_000  # well under 1 MB
