"""The area profile's plain SQL against a queryset version (docs/adr/0006 asks for this test).

A seeded random world of a country, two municipalities (one outside the country), districts and
buurten, several indicators (percent and count, every direction, with and without ambitions,
imported or not) with values in scattered years, missing values and several releases of the same
figure (history rows that must not count). For every area and several years, the profile that
`area_profile` reads in plain SQL equals the one computed here with the ORM, row by row and field
by field, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from wijkaanpak.areas.models import Area, AreaLevel
from wijkaanpak.indicators.models import Indicator, Observation
from wijkaanpak.indicators.profile import _rank, gap_closing_year, slope
from wijkaanpak.indicators.selectors import area_for_profile, area_profile

pytestmark = pytest.mark.django_db

PERIODS = list(range(2015, 2025))
YEARS = [None, 2014, 2018, 2022, 2030]
FIELDS = (
    "period",
    "value",
    "source",
    "series",
    "city_series",
    "parent_value",
    "city_value",
    "national_value",
    "difference",
    "ratio",
    "change",
    "previous_period",
    "trend",
    "index",
    "base_year",
    "rank",
    "rank_of",
    "direction_ok",
    "gap_closes",
    "gap_forecast",
)


def _world(seed: int, programme: Any) -> None:
    from wijkaanpak.areas.services import area_create_or_update
    from wijkaanpak.indicators.services import indicator_create_or_update

    rng = random.Random(seed)
    nl = area_create_or_update(code="NL00", name="Nederland", level=AreaLevel.COUNTRY)
    gm = area_create_or_update(
        code="GM0344", name="Utrecht", level=AreaLevel.MUNICIPALITY, parent=nl
    )
    other = area_create_or_update(code="GM0363", name="Elders", level=AreaLevel.MUNICIPALITY)
    areas = [nl, gm, other]
    for m, municipality in enumerate([gm, gm, gm, other]):
        wk = area_create_or_update(
            code=f"WK{municipality.code[2:]}{m:02d}",
            name=f"Wijk {m}",
            level=AreaLevel.DISTRICT,
            parent=municipality,
        )
        areas.append(wk)
        for b in range(rng.randint(1, 3)):
            areas.append(
                area_create_or_update(
                    code=f"BU{wk.code[2:]}{b:02d}",
                    name=f"Buurt {m}.{b}",
                    level=AreaLevel.NEIGHBOURHOOD,
                    parent=wk,
                )
            )
    ambitions = list(programme.ambitions.order_by("number"))
    indicators = []
    for k in range(7):
        unit = rng.choice(["percent", "count"])
        indicator = indicator_create_or_update(
            code=f"ind_{seed}_{k}",
            name_nl=f"Indicator {k}",
            unit=unit,
            direction=rng.choice(["higher", "lower", "neutral"]),
            ambitions=rng.sample(ambitions, rng.randint(0, len(ambitions))),
        )
        if rng.random() < 0.3:
            Indicator.objects.filter(pk=indicator.pk).update(created_by_import=True)
            indicator.refresh_from_db()
        indicators.append(indicator)
    rows = []
    for indicator in indicators:
        top = 100.0 if indicator.unit == "percent" else 50_000.0
        for area in areas:
            if rng.random() < 0.15:
                continue  # no figures at all for this area
            for period in rng.sample(PERIODS, rng.randint(1, len(PERIODS))):
                if rng.random() < 0.1:  # a figure withheld: no value, a reason
                    rows.append((indicator, area, period, None, "CBS", True))
                    continue
                releases = rng.choice([1, 1, 1, 2, 3])  # a later release replaces the value
                for release in range(releases):
                    value = round(rng.uniform(0, top), 1)
                    current = release == releases - 1
                    rows.append((indicator, area, period, value, f"CBS {release}", current))
    Observation.objects.bulk_create(
        Observation(
            indicator=indicator,
            area=area,
            period=period,
            value=value,
            missing_reason="" if value is not None else "geheim",
            source=source,
            release=source,
            is_current=current,
        )
        for indicator, area, period, value, source, current in rows
    )
    assert Observation.objects.filter(is_current=False).exists()  # history is in the world
    assert Observation.objects.filter(value__isnull=True).exists()


def _ancestor(area: Area, level: str) -> Area | None:
    a: Area | None = area
    while a is not None:
        if a.level == level:
            return a
        a = a.parent
    return None


class Figures:
    """Every current observation with a value, read once through the ORM (area joined), and
    answered per area, indicator and period as the profile's queries should."""

    def __init__(self) -> None:
        self.rows = list(
            Observation.objects.filter(is_current=True, value__isnull=False)
            .order_by("period")
            .values_list(
                "area_id",
                "area__parent_id",
                "area__level",
                "indicator_id",
                "period",
                "value",
                "source",
            )
        )

    def values(self, area_id: int | None, indicator_id: int) -> dict[int, float]:
        return {p: v for a, _pa, _lv, i, p, v, _s in self.rows if (a, i) == (area_id, indicator_id)}

    def source(self, area_id: int, indicator_id: int, period: int) -> str:
        key = (area_id, indicator_id, period)
        return next(s for a, _pa, _lv, i, p, _v, s in self.rows if (a, i, p) == key)

    def siblings(self, area: Area, indicator_id: int, period: int) -> list[float]:
        key = (area.parent_id, area.level, indicator_id, period)
        return [v for _a, pa, lv, i, p, v, _s in self.rows if (pa, lv, i, p) == key]


def reference_profile(area: Area, year: int | None, figures: Figures) -> dict[str, Any]:
    """The profile computed from the ORM's figures, one indicator at a time."""
    city = _ancestor(area, AreaLevel.MUNICIPALITY)
    country = (
        _ancestor(area, AreaLevel.COUNTRY)
        or Area.objects.filter(level=AreaLevel.COUNTRY).order_by("id").first()
    )
    city_ref = city.pk if city is not None and city.pk != area.pk else None
    country_ref = country.pk if country is not None and country.pk != area.pk else None
    mine = [r for r in figures.rows if r[0] == area.pk]
    years = sorted({r[4] for r in mine})
    if year is None and years:
        year = max(years)
    rows = []
    indicators = Indicator.objects.filter(pk__in={r[3] for r in mine})
    for indicator in indicators.prefetch_related("ambitions"):
        own = figures.values(area.pk, indicator.pk)
        eligible = [p for p in own if year is None or p <= year]
        if not eligible:
            continue
        period = max(eligible)
        value = own[period]
        series = [(p, v) for p, v in own.items() if year is None or p <= year]
        city_values = figures.values(city_ref, indicator.pk) if city_ref else {}
        siblings = figures.siblings(area, indicator.pk, period) if area.parent_id else []
        parent = figures.values(area.parent_id, indicator.pk) if area.parent_id else {}
        national = figures.values(country_ref, indicator.pk) if country_ref else {}
        row: dict[str, Any] = {
            "indicator": indicator.code,
            "period": period,
            "value": value,
            "source": figures.source(area.pk, indicator.pk, period),
            "series": series,
            "city_series": [(p, v) for p, v in city_values.items() if year is None or p <= year],
            "parent_value": parent.get(period),
            "city_value": city_values.get(period),
            "national_value": national.get(period),
        }
        city_value = row["city_value"]
        row["difference"] = value - city_value if city_value is not None else None
        row["ratio"] = value / city_value if city_value else None
        row["base_year"] = min(city_values) if city_values else None
        base = city_values[row["base_year"]] if city_values else None
        row["index"] = value / base * 100 if base else None
        row["previous_period"] = series[-2][0] if len(series) > 1 else None
        row["change"] = value - series[-2][1] if len(series) > 1 else None
        row["trend"] = slope(series)
        movement = row["trend"] if row["trend"] is not None else row["change"]
        row["direction_ok"] = (
            None
            if indicator.direction == "neutral" or movement is None
            else (movement > 0 if indicator.direction == "higher" else movement < 0)
        )
        many = len(siblings) > 1
        row["rank"] = _rank(siblings, value, indicator.direction) if many else None
        row["rank_of"] = len(siblings) if many else None
        row["gap_closes"], row["gap_forecast"] = (
            gap_closing_year(own, city_values, period=period) if city_values else (None, False)
        )
        first_ambition = min((a.number for a in indicator.ambitions.all()), default=99)
        row["_order"] = (indicator.created_by_import, first_ambition, indicator.code)
        rows.append(row)
    rows.sort(key=lambda r: r.pop("_order"))
    return {
        "year": year,
        "years": years,
        "city": city.code if city else None,
        "country": country.code if country else None,
        "rows": rows,
    }


def sql_profile(area: Area, year: int | None) -> dict[str, Any]:
    profile = area_profile(area=area_for_profile(code=area.code), year=year)
    return {
        "year": profile.year,
        "years": profile.years,
        "city": profile.city.code if profile.city else None,
        "country": profile.country.code if profile.country else None,
        "rows": [
            {"indicator": r.indicator.code, **{f: getattr(r, f) for f in FIELDS}}
            for r in profile.rows
        ],
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_plain_sql_profile_equals_the_queryset_profile(seed: int, programme: Any) -> None:
    _world(seed, programme)
    figures = Figures()
    compared = 0
    for area in Area.objects.select_related("parent__parent__parent").order_by("code"):
        for year in YEARS:
            expected = reference_profile(area, year, figures)
            got = sql_profile(area, year)
            assert got == expected, (area.code, year)
            compared += len(expected["rows"])
    assert compared > 200  # many rows, not a vacuous comparison
