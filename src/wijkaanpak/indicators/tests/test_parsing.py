from __future__ import annotations

import pytest

from wijkaanpak.indicators.importers.common import parse_number, read_value
from wijkaanpak.indicators.profile import gap_closing_year, slope


@pytest.mark.parametrize(
    ("raw", "dutch", "expected"),
    [
        ("18,2", True, 18.2),
        ("18,2", False, 18.2),
        ("1.234", True, 1234.0),
        ("1.234", False, 1.234),
        ("1.234,5", True, 1234.5),
        ("1,234.5", False, 1234.5),
        ("34 910", True, 34910.0),
        ("8090.0", False, 8090.0),
        ("-3,5", True, -3.5),
    ],
)
def test_numbers_are_read_in_dutch_and_english_notation(
    raw: str, dutch: bool, expected: float
) -> None:
    assert parse_number(raw, dutch=dutch) == pytest.approx(expected)


@pytest.mark.parametrize("raw", ["abc", "12a", "nan", "inf", "1,2,3.4.5"])
def test_non_numbers_are_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_number(raw, dutch=True)


def test_cbs_dot_means_missing_and_empty_means_nothing() -> None:
    assert read_value(".", dutch=False) == (None, "secret or not available")
    assert read_value("  ", dutch=False) == (None, "")
    assert read_value(7, dutch=False) == (7.0, "")


def test_slope_is_the_least_squares_trend_per_year() -> None:
    assert slope([(2020, 10.0), (2021, 12.0), (2022, 14.0)]) == pytest.approx(2.0)
    assert slope([(2020, 10.0)]) is None


def test_gap_closes_when_the_area_catches_up_with_the_city() -> None:
    area = {2020: 20.0, 2021: 18.0, 2022: 16.0}
    city = {2020: 6.0, 2021: 6.0, 2022: 6.0}
    # gap 14, 12, 10: closes 2 per year -> 5 more years after 2022
    assert gap_closing_year(area, city, period=2022) == (2027, True)


def test_gap_that_widens_does_not_close_at_this_trend() -> None:
    area = {2020: 16.0, 2021: 18.0}
    city = {2020: 6.0, 2021: 6.0}
    assert gap_closing_year(area, city, period=2021) == (None, True)
    assert gap_closing_year({2021: 18.0}, city, period=2021) == (None, False)
