"""Working-day arithmetic across weekends, Dutch public holidays and extra closing days."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from wijkaanpak.core.workdays import (
    add_working_days,
    holiday_name,
    is_working_day,
    working_days_between,
)

D = dt.date


def test_weekend_is_skipped() -> None:
    # Friday 6 March 2026 + 1 working day is Monday 9 March.
    assert add_working_days(D(2026, 3, 6), 1) == D(2026, 3, 9)
    assert add_working_days(D(2026, 3, 6), 5) == D(2026, 3, 13)
    # Sent on a Saturday: counting starts on Monday.
    assert add_working_days(D(2026, 3, 7), 1) == D(2026, 3, 9)
    assert add_working_days(D(2026, 3, 7), 0) == D(2026, 3, 9)


def test_koningsdag_is_not_a_working_day() -> None:
    # Koningsdag: Monday 27 April 2026 (in 2025 on Saturday 26 April, since the 27th was a Sunday).
    assert holiday_name(D(2026, 4, 27)) is not None
    assert not is_working_day(D(2026, 4, 27))
    assert add_working_days(D(2026, 4, 24), 1) == D(2026, 4, 28)
    assert holiday_name(D(2025, 4, 26)) is not None


def test_easter_from_the_package() -> None:
    # Easter 2026: Good Friday 3 April, Easter Monday 6 April. Thursday 2 April + 1 = Tuesday 7.
    assert not is_working_day(D(2026, 4, 6))
    assert add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 7)
    # Easter 2027 is on 28 March: Easter Monday 29 March is a holiday, computed, not listed here.
    assert not is_working_day(D(2027, 3, 29))
    assert is_working_day(D(2027, 3, 30))


def test_christmas_and_new_year() -> None:
    # Thursday 24 December 2026 + 5 working days: 25 (Fri, Kerst) and 26 (Sat, 2e Kerstdag)
    # and the weekend skipped, 1 January skipped → 28, 29, 30, 31 Dec, 4 Jan.
    assert add_working_days(D(2026, 12, 24), 5) == D(2027, 1, 4)
    assert working_days_between(D(2026, 12, 24), D(2027, 1, 4)) == 5


def test_working_days_between_is_the_inverse() -> None:
    start = D(2026, 4, 20)
    for n in range(0, 30):
        end = add_working_days(start, n)
        if n:
            assert working_days_between(start, end) == n
    assert working_days_between(D(2026, 3, 13), D(2026, 3, 6)) == -5
    assert working_days_between(D(2026, 3, 6), D(2026, 3, 6)) == 0


def test_extra_closing_days_from_settings(settings: Any) -> None:
    assert add_working_days(D(2026, 5, 13), 1) == D(2026, 5, 15)  # Hemelvaart on the 14th
    settings.CLOSING_DAYS = ["2026-05-15"]
    assert add_working_days(D(2026, 5, 13), 1) == D(2026, 5, 18)
    settings.CLOSING_DAYS = ["not a date"]
    assert add_working_days(D(2026, 5, 13), 1) == D(2026, 5, 15)


def test_negative_is_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 5), -1)
