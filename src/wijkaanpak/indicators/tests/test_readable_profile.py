"""Readable indicator pages (issue 15): a few columns up front, the rest on demand; index, rank
and comparison only for rates; headline indicators per ambition marked and first; the indicator
page with the Netherlands and the city before the wijken."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from wijkaanpak.indicators.services import observation_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(areas: Any, welfare: Any, inhabitants: Any) -> None:
    for period, factor in [(2020, 1.0), (2021, 0.9)]:
        for key, rate, count in [
            ("overvecht", 20.0, 35000),
            ("west", 6.0, 50000),
            ("gm", 7.0, 370000),
            ("nl", 5.0, 17_900_000),
        ]:
            area = areas[key]
            observation_set(
                indicator=welfare, area=area, period=period, value=rate * factor, source="t"
            )
            observation_set(
                indicator=inhabitants, area=area, period=period, value=count, source="t"
            )


def _item(html: str, code: str) -> str:
    match = re.search(rf'<tbody[^>]*id="row-{code}".*?</tbody>', html, re.S)
    assert match, code
    return match.group(0)


def test_profile_marks_headlines_first_and_keeps_index_and_rank_to_rates(
    figures: None, welfare: Any, inhabitants: Any
) -> None:
    html = Client(HTTP_ACCEPT_LANGUAGE="nl").get("/indicators/gebied/WK034403/").content.decode()
    rate, count = _item(html, welfare.code), _item(html, inhabitants.code)
    # The headline indicator of ambition 1 is marked and comes first; the count is not marked.
    assert 'data-headline="1"' in rate and "Kernindicator ambitie 1" in rate
    assert "data-headline" not in count
    assert html.index(f'id="row-{welfare.code}"') < html.index(f'id="row-{inhabitants.code}"')
    # Up front: the area, the city and the Netherlands; the rest behind "Meer".
    head = html.split('<table class="utrecht-table app-profile"')[1].split("</thead>")[0]
    assert re.findall(r"<th[^>]*>([^<]*)</th>", head) == [
        "Indicator",
        "Overvecht",
        "Utrecht",
        "Nederland",
    ]
    assert "<details" in rate and "<summary>Meer" in rate
    # Index, rank and comparison bars for the rate, not for the count of inhabitants.
    for label in ("<dt>Index</dt>", "<dt>Rang</dt>", "<dt>Vergeleken</dt>"):
        assert label in rate, label
        assert label not in count, label
    assert "<dt>Trend</dt>" in count  # its own trend still shows


def test_indicator_page_lists_the_netherlands_and_the_city_before_the_wijken(
    figures: None, welfare: Any
) -> None:
    html = Client().get(f"/indicators/indicator/{welfare.code}/").content.decode()
    levels = re.findall(r'data-level="(\w+)"', html)
    assert levels[:2] == ["land", "gemeente"] and set(levels[2:]) == {"wijk"}
