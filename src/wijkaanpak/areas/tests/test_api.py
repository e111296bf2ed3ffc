"""The areas API: search by name or code, an area with its parent and division years, and the
areas within an area."""

from __future__ import annotations

from typing import Any

import pytest

from wijkaanpak.areas.models import AreaLevel
from wijkaanpak.areas.services import area_create_or_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def division(db: Any) -> None:
    nl = area_create_or_update(code="NL00", name="Nederland", level=AreaLevel.COUNTRY)
    gm = area_create_or_update(
        code="GM0344", name="Utrecht", level=AreaLevel.MUNICIPALITY, parent=nl, division_year=2023
    )
    other = area_create_or_update(
        code="GM0363", name="Amsterdam", level=AreaLevel.MUNICIPALITY, parent=nl
    )
    west = area_create_or_update(
        code="WK034401", name="Wijk 01 West", level="wijk", parent=gm, division_year=2023
    )
    overvecht = area_create_or_update(
        code="WK034403", name="Wijk 03 Overvecht", level="wijk", parent=gm, division_year=2023
    )
    for code, name, parent in [
        ("BU03440111", "Welgelegen, Den Hommel", west),
        ("BU03440311", "Taag- en Rubicondreef en omgeving", overvecht),
        ("BU03440312", "Wolga- en Donaudreef en omgeving", overvecht),
    ]:
        area_create_or_update(
            code=code, name=name, level="buurt", parent=parent, division_year=2023
        )
    area_create_or_update(code="WK036300", name="Burgwallen-Oude Zijde", level="wijk", parent=other)
    area_create_or_update(code="GM0345", name="Veenendaal", level="gemeente", parent=nl)


def codes(answer: Any) -> list[str]:
    return [a["code"] for a in answer.json()["items"]]


def test_search_finds_by_a_part_of_the_name_case_insensitive(api: Any, division: None) -> None:
    r = api().get("/areas/", search="dreef")
    assert r.status_code == 200
    assert codes(r) == ["BU03440311", "BU03440312"] and r.json()["count"] == 2
    assert codes(api().get("/areas/", search="OVERVECHT")) == ["WK034403"]
    # a name that starts with the term comes before one that only contains it
    assert codes(api().get("/areas/", search="wijk 0"))[:2] == ["WK034401", "WK034403"]
    assert codes(api().get("/areas/", search="utrecht")) == ["GM0344"]


def test_search_finds_by_code_and_pages(api: Any, division: None) -> None:
    assert codes(api().get("/areas/", search="bu0344")) == [
        "BU03440111",
        "BU03440311",
        "BU03440312",
    ]
    page = api().get("/areas/", search="GM03", limit=1, offset=1).json()
    assert page["count"] == 3 and [a["code"] for a in page["items"]] == ["GM0345"]
    # the term and the level together; nothing found is an empty page
    assert codes(api().get("/areas/", search="03", level="gemeente")) == [
        "GM0344",
        "GM0345",
        "GM0363",
    ]
    assert api().get("/areas/", search="Atlantis").json() == {"count": 0, "items": []}
    assert api().get("/areas/", search="x" * 201).status_code == 422


def test_an_area_with_its_level_parent_and_division_year(api: Any, division: None) -> None:
    r = api().get("/areas/bu03440311/")
    assert r.status_code == 200
    assert r.json() == {
        "code": "BU03440311",
        "name": "Taag- en Rubicondreef en omgeving",
        "level": "buurt",
        "parent": "WK034403",
        "parent_name": "Wijk 03 Overvecht",
        "division_year": 2023,
        "first_division_year": 2023,
        "valid_from": 2023,
        "valid_to": None,
        "successors": [],
        "predecessors": [],
    }
    assert api().get("/areas/BU99440311/").status_code == 404


def test_the_buurten_of_a_gemeente_and_the_children_of_a_wijk(api: Any, division: None) -> None:
    r = api().get("/areas/GM0344/children/", level="buurt")
    assert r.status_code == 200
    assert codes(r) == ["BU03440111", "BU03440311", "BU03440312"]
    assert codes(api().get("/areas/GM0344/children/")) == ["WK034401", "WK034403"]
    assert codes(api().get("/areas/WK034403/children/")) == ["BU03440311", "BU03440312"]
    assert codes(api().get("/areas/NL00/children/", level="wijk")) == [
        "WK034401", "WK034403", "WK036300"
    ]  # fmt: skip
    assert api().get("/areas/GM0344/children/", level="buurt", limit=1).json()["count"] == 3
    assert api().get("/areas/GM9944/children/").status_code == 404
    assert api().get("/areas/GM0344/children/", level="street").status_code == 422
