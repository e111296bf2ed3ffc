"""The crosswalk between division years: a buurt split in 2025, shares that must add up to
100 %, codes of another division year, and the API's history and year filter."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest

from wijkaanpak.areas.crosswalk import Succession, successions_import, successions_set
from wijkaanpak.areas.models import AreaLevel, AreaSuccession
from wijkaanpak.areas.services import area_create_or_update
from wijkaanpak.core.exceptions import InvalidInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def redivision(db: Any) -> None:
    """BU03440311 exists in 2023–2024; in 2025 it is split into BU03440315 and BU03440316."""
    gm = area_create_or_update(code="GM0344", name="Utrecht", level="gemeente", division_year=2023)
    area_create_or_update(code="GM0344", name="Utrecht", level="gemeente", division_year=2025)
    wk = area_create_or_update(code="WK034403", name="Overvecht", level="wijk", parent=gm)
    for year in (2023, 2024):
        area_create_or_update(
            code="BU03440311", name="Taagdreef", level="buurt", parent=wk, division_year=year
        )
    for code, name in (("BU03440315", "Taagdreef-noord"), ("BU03440316", "Rubicondreef")):
        area_create_or_update(
            code=code, name=name, level=AreaLevel.NEIGHBOURHOOD, parent=wk, division_year=2025
        )


def csv(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode())


def test_a_split_is_recorded_from_csv_and_shown_in_the_api(api: Any, redivision: None) -> None:
    n = successions_import(
        csv(
            "predecessor;successor;year;share;basis;note\n"
            "BU03440311;BU03440315;2025;60,5;inwoners;Voorbeeld\n"
            "BU03440311;BU03440316;2025;39,5;inwoners;Voorbeeld\n"
        ),
        file_name="crosswalk.csv",
    )
    assert n == 2
    old = api().get("/areas/BU03440311/").json()
    assert (old["valid_from"], old["valid_to"]) == (2023, 2024)
    assert [(s["code"], s["year"], s["share"]) for s in old["successors"]] == [
        ("BU03440315", 2025, 60.5),
        ("BU03440316", 2025, 39.5),
    ]
    new = api().get("/areas/BU03440316/").json()
    assert (new["valid_from"], new["valid_to"]) == (2025, None)
    assert [(p["code"], p["basis"], p["note"]) for p in new["predecessors"]] == [
        ("BU03440311", "inwoners", "Voorbeeld")
    ]
    by_year = api().get("/areas/GM0344/children/", level="buurt", year=2024).json()["items"]
    assert [a["code"] for a in by_year] == ["BU03440311"]
    by_year = api().get("/areas/GM0344/children/", level="buurt", year=2025).json()["items"]
    assert [a["code"] for a in by_year] == ["BU03440315", "BU03440316"]


def test_shares_that_do_not_add_up_to_100_are_refused_named(redivision: None) -> None:
    with pytest.raises(InvalidInput) as exc:
        successions_import(
            csv(
                "predecessor,successor,year,share\n"
                "BU03440311,BU03440315,2025,60\n"
                "BU03440311,BU03440316,2025,30\n"
            ),
            file_name="crosswalk.csv",
        )
    assert "row 2: the shares of the successors of 'BU03440311' add up to 90 %, not 100 %" in (
        exc.value.message
    )
    assert not AreaSuccession.objects.exists()


def test_codes_of_another_division_year_and_unknown_codes_are_refused(redivision: None) -> None:
    rows = [
        Succession("BU03440311", "BU03440315", 2024, Decimal(100), row=2),  # 311 still in 2024
        Succession("BU03440315", "BU99440316", 2026, Decimal(100), row=3),
    ]
    with pytest.raises(InvalidInput) as exc:
        successions_set(rows, file_name="crosswalk.csv")
    messages = [e["message"] for e in exc.value.errors]
    assert messages[0].startswith("row 2: 'BU03440311' is in the division of 2023–2024, which")
    assert "a code of another division year" in messages[0]
    assert (
        "row 2: 'BU03440315' is in the division of 2025–2025, not in the 2024 division"
        in (messages[1])
    )
    assert "row 3: unknown area code 'BU99440316'" in messages[2]
    assert not AreaSuccession.objects.exists()


def test_a_merge_has_100_percent_from_each_predecessor(redivision: None) -> None:
    successions_set(
        [
            Succession("BU03440311", "BU03440315", 2025, Decimal(100)),
        ]
    )
    assert AreaSuccession.objects.get().share == Decimal(100)
    with pytest.raises(InvalidInput, match="missing column"):
        successions_import(csv("from,to\nA,B\n"), file_name="x.csv")


def test_the_import_crosswalk_command(redivision: None, tmp_path: Any) -> None:
    from django.core.management import CommandError, call_command

    path = tmp_path / "crosswalk.csv"
    path.write_text(
        "predecessor,successor,year,share\nBU03440311,BU03440315,2025,70\n"
        "BU03440311,BU03440316,2025,20\n"
    )
    with pytest.raises(CommandError, match="add up to 90 %, not 100 %"):
        call_command("import_crosswalk", str(path))
    assert not AreaSuccession.objects.exists()
    path.write_text(path.read_text().replace(",20\n", ",30\n"))
    out = io.StringIO()
    call_command("import_crosswalk", str(path), stdout=out)
    assert "2 successions recorded" in out.getvalue()
