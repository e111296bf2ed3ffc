"""A buurt's series continued across a re-division (issue 18): BU03440311 is split in 2025
into BU03440315 (60 %) and BU03440316 (40 %); the new buurt's profile shows 2023–2024 from the
old buurt, recalculated and marked; percentages without their parts are not carried."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from wijkaanpak.areas.crosswalk import Succession, successions_set
from wijkaanpak.areas.models import Area
from wijkaanpak.areas.services import area_create_or_update
from wijkaanpak.indicators import selectors
from wijkaanpak.indicators.services import indicator_create_or_update, observation_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def split(areas: dict[str, Any]) -> dict[str, Any]:
    old = areas["buurt"]
    old.first_division_year, old.division_year = 2023, 2024
    old.save()
    new = {
        code: area_create_or_update(
            code=code, name=name, level="buurt", parent=areas["overvecht"], division_year=2025
        )
        for code, name in (("BU03440315", "Taagdreef"), ("BU03440316", "Rubicondreef"))
    }
    successions_set(
        [
            Succession("BU03440311", "BU03440315", 2025, Decimal(60)),
            Succession("BU03440311", "BU03440316", 2025, Decimal(40)),
        ]
    )
    inw = indicator_create_or_update(code="a_inw", name_nl="Inwoners", unit="count")
    wb = indicator_create_or_update(code="a_soz_wb", name_nl="Bijstand", unit="count")
    per = indicator_create_or_update(
        code="bijstand_per_1000",
        name_nl="Bijstand per 1.000",
        unit="per_1000",
        numerator=wb,
        denominator=inw,
        factor=1000,
    )
    koop = indicator_create_or_update(code="p_koopw", name_nl="Koopwoningen", unit="percent")
    for year, (n_inw, n_wb, p_koop) in {2023: (4195, 200, 27), 2024: (4260, 210, 28)}.items():
        for ind, value in ((inw, n_inw), (wb, n_wb), (koop, p_koop)):
            observation_set(indicator=ind, area=old, period=year, value=value, source="CBS")
    observation_set(indicator=inw, area=new["BU03440315"], period=2025, value=2600, source="CBS")
    return {"old": old, **new, "per": per}


def rows(code: str) -> dict[str, Any]:
    area = selectors.area_for_profile(code=code)
    profile = selectors.area_profile(area=area)
    return {"profile": profile, **{r.indicator.code: r for r in profile.rows}}


def test_counts_are_reapportioned_and_the_series_is_marked(split: dict[str, Any]) -> None:
    got = rows("BU03440315")
    inw = got["a_inw"]
    # its own 2025 figure, after the old buurt's 2023 and 2024 at 60 %
    assert inw.series == [(2023, 2517.0), (2024, 2556.0), (2025, 2600.0)]
    assert inw.continued == (
        "2023–2024: voormalige buurt Taag- en Rubicondreef (BU03440311), herberekend"
    )
    assert got["a_soz_wb"].series == [(2023, 120.0), (2024, 126.0)]
    assert got["a_soz_wb"].source.startswith("Herberekend uit Taag- en Rubicondreef")
    other = rows("BU03440316")["a_inw"]
    assert other.series == [(2023, 1678.0), (2024, 1704.0)]


def test_ratios_are_recomputed_from_their_parts_and_percentages_not_carried(
    split: dict[str, Any],
) -> None:
    got = rows("BU03440316")
    per = got["bijstand_per_1000"]
    assert per.series[0][0] == 2023
    assert per.series[0][1] == pytest.approx(80 / 1678 * 1000)
    assert per.continued and per.continued.endswith("herberekend")
    assert "p_koopw" not in got  # a percentage without numerator and denominator
    assert got["profile"].continuation["not_carried"] == ["p_koopw"]
    assert got["profile"].continuation["predecessors"][0]["code"] == "BU03440311"


def test_the_profile_api_names_the_continuation(api: Any, split: dict[str, Any]) -> None:
    body = api().get("/areas/BU03440315/profile/").json()
    assert body["continued"]["a_inw"].startswith("2023–2024: voormalige buurt")
    assert body["continuation"]["not_carried"] == ["p_koopw"]
    # an area without predecessors is unchanged
    plain = api().get("/areas/BU03440311/profile/").json()
    assert plain["continued"] == {} and plain["continuation"] is None
    assert Area.objects.filter(code__startswith="BU034403").count() == 3
