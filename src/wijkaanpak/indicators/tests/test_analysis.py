"""The analysis per area and year, computed from observations made through the services."""

from __future__ import annotations

from typing import Any

import pytest

from wijkaanpak.indicators.selectors import area_for_profile, area_profile
from wijkaanpak.indicators.services import observation_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(areas: Any, welfare: Any) -> None:
    for period, overvecht, west, city, nl in [
        (2019, 20.0, 6.0, 7.0, 5.0),
        (2020, 18.0, 6.5, 7.0, 5.0),
        (2021, 16.0, 5.0, 7.0, 5.0),
    ]:
        observation_set(
            indicator=welfare,
            area=areas["overvecht"],
            period=period,
            value=overvecht,
            source="test",
        )
        observation_set(
            indicator=welfare, area=areas["west"], period=period, value=west, source="test"
        )
        observation_set(
            indicator=welfare, area=areas["gm"], period=period, value=city, source="test"
        )
        observation_set(indicator=welfare, area=areas["nl"], period=period, value=nl, source="test")  # fmt: skip


def test_profile_compares_the_area_with_city_and_country(series: None) -> None:
    (row,) = area_profile(area=area_for_profile(code="WK034403"), year=2021).rows
    assert row.period == 2021 and row.value == 16.0
    assert row.parent_value == 7.0 and row.city_value == 7.0 and row.national_value == 5.0
    assert row.difference == pytest.approx(9.0) and row.ratio == pytest.approx(16 / 7)
    assert row.change == pytest.approx(-2.0) and row.previous_period == 2020
    assert row.trend == pytest.approx(-2.0)
    assert row.index == pytest.approx(16 / 7 * 100)  # city in 2019 = 100
    assert (row.rank, row.rank_of) == (2, 2)  # lower is better: West is first
    assert row.direction_ok is True
    assert row.gap_closes == 2021 + 5  # gap 13, 11, 9: 2 a year


def test_profile_of_an_earlier_year_uses_only_figures_up_to_that_year(series: None) -> None:
    (row,) = area_profile(area=area_for_profile(code="WK034403"), year=2019).rows
    assert (row.period, row.value, row.change, row.trend) == (2019, 20.0, None, None)
    assert row.direction_ok is None


def test_a_buurt_compares_with_its_wijk_as_parent_and_the_gemeente_as_city(
    series: None, areas: Any, welfare: Any
) -> None:
    observation_set(indicator=welfare, area=areas["buurt"], period=2021, value=25.0, source="test")
    (row,) = area_profile(area=area_for_profile(code="BU03440311"), year=2021).rows
    assert row.parent_value == 16.0 and row.city_value == 7.0
    assert row.rank is None  # no sibling buurten with figures


def test_an_indicator_without_a_value_is_left_out(
    series: None, areas: Any, inhabitants: Any
) -> None:
    observation_set(
        indicator=inhabitants, area=areas["overvecht"], period=2021, value=None,
        source="CBS", missing_reason="secret or not available",
    )  # fmt: skip
    codes = [r.indicator.code for r in area_profile(area=areas["overvecht"], year=2021).rows]
    assert codes == ["ww_bijstand_hh"]
