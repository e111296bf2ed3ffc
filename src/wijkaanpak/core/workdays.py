"""Working days: Monday to Friday, minus Dutch public holidays (the maintained ``holidays``
package, ``holidays.NL``) and the installation's extra closing days (settings.CLOSING_DAYS).

Service levels (a referral accepted within 5 working days) are counted with these functions.
"""

from __future__ import annotations

import datetime as dt
import functools

import holidays
from django.conf import settings


@functools.lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("NL", years=year).keys())


def _closing_days() -> frozenset[dt.date]:
    days: set[dt.date] = set()
    for value in getattr(settings, "CLOSING_DAYS", []) or []:
        try:
            days.add(dt.date.fromisoformat(str(value).strip()))
        except ValueError:
            continue
    return frozenset(days)


def holiday_name(day: dt.date) -> str | None:
    """The name of the Dutch public holiday on this day (in English), or None."""
    name = holidays.country_holidays("NL", years=day.year).get(day)
    return str(name) if name else None


def is_working_day(day: dt.date, *, closing: frozenset[dt.date] | None = None) -> bool:
    if day.weekday() >= 5:
        return False
    if day in _public_holidays(day.year):
        return False
    return day not in (_closing_days() if closing is None else closing)


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The date n working days after start (start itself does not count: a referral sent on
    Friday with 1 working day is due on Monday). n = 0 gives the first working day from start."""
    if n < 0:
        raise ValueError("n must be zero or more")
    closing = _closing_days()
    day = start
    if n == 0:
        while not is_working_day(day, closing=closing):
            day += dt.timedelta(days=1)
        return day
    while n:
        day += dt.timedelta(days=1)
        if is_working_day(day, closing=closing):
            n -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after start up to and including end (negative when end is before start);
    add_working_days(start, n) == end gives n for a working day end."""
    if end < start:
        return -working_days_between(end, start)
    closing = _closing_days()
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, closing=closing):
            count += 1
    return count
