"""The demo (issue 18): the Netherlands' column of the Overvecht profile, the two WijkWijzer 2017
report grades, and the invented split of BU03440311 continued in its successor's profile."""

from __future__ import annotations

from typing import Any

import pytest

from wijkaanpak.indicators import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_db: None, settings: Any) -> None:
    settings.DEBUG = True


def rows(code: str) -> dict[str, Any]:
    profile = selectors.area_profile(area=selectors.area_for_profile(code=code))
    return {r.indicator.code: r for r in profile.rows}


def test_overvecht_has_the_netherlands_and_the_wijkwijzer_grades(demo: None) -> None:
    got = rows("WK034403")
    assert (got["a_inw"].period, got["a_inw"].value) == (2024, 35255)
    assert got["a_inw"].national_value == 17942942
    grade, cohesion = got["ww_rapportcijfer_buurt"], got["ww_sociale_cohesie"]
    assert (grade.period, grade.value, grade.city_value) == (2017, 4.9, 7.1)
    assert (cohesion.period, cohesion.value, cohesion.city_value) == (2017, 4.5, 5.8)


def test_the_example_split_continues_the_old_buurts_series(demo: None) -> None:
    got = rows("BU03440315")
    inw = got["a_inw"]
    assert inw.series == [(2023, 2307.0), (2024, 2343.0)]  # 55 % of 4,195 and 4,260
    assert inw.continued == (
        "2023–2024: voormalige buurt Taag- en Rubicondreef en omgeving (BU03440311), herberekend"
    )
    assert "p_koopw" not in got  # a percentage without its parts: not carried across
