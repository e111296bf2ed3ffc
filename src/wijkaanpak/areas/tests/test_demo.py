"""The demo's area division: every Utrecht buurt with its CBS name."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import F

from wijkaanpak.areas import demo
from wijkaanpak.areas.models import Area

pytestmark = pytest.mark.django_db


def test_the_demo_names_all_111_buurten_of_utrecht(api: Any) -> None:
    demo.load()
    demo.load()  # again: nothing new
    buurten = Area.objects.filter(level="buurt", parent__parent__code="GM0344")
    assert buurten.count() == 111 == Area.objects.filter(level="buurt").count()
    assert not Area.objects.filter(name=F("code")).exists()
    assert set(buurten.values_list("division_year", flat=True)) == {2023}
    assert Area.objects.get(code="BU03440111").name == "Welgelegen, Den Hommel"
    assert Area.objects.get(code="BU03440343").name == "Poldergebied Overvecht"
    found = api().get("/areas/", search="lombok").json()
    assert [a["code"] for a in found["items"]] == ["BU03440121", "BU03440123"]
    west = api().get("/areas/WK034401/children/").json()
    assert west["count"] == 11 and west["items"][0]["name"] == "Welgelegen, Den Hommel"
