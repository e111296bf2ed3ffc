"""The indicator profile of an area: for each indicator the latest value up to a year, against
parent, city and country, with change, trend, index, rank and gap forecast. Read in plain SQL
(prepared on PostgreSQL, core/db.py; docs/adr/0006-hot-read-paths-in-plain-sql.md): building
ORM queries cost more than running them. `area_profile` is a few named steps; its equivalence
with a queryset version is tested over many indicators, areas and years
(indicators/tests/test_profile_equivalence.py)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Model, signals
from django.db.models.base import ModelState

from wijkaanpak.areas.models import Area, AreaLevel
from wijkaanpak.core.db import fetch_all
from wijkaanpak.indicators.continuation import Continuation, continued_series
from wijkaanpak.indicators.models import Indicator, Interpretation, Observation, Target

M = TypeVar("M", bound=Model)


def slope(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope per year, or None with fewer than two periods."""
    n = len(points)
    if n < 2:
        return None
    sp = sv = 0.0
    for p, v in points:
        sp += p
        sv += v
    mx, my = sp / n, sv / n
    sxx = sxy = 0.0
    for p, v in points:  # centred sums: no cancellation with years around 2000
        dp = p - mx
        sxx += dp * dp
        sxy += dp * (v - my)
    if sxx == 0:
        return None
    return sxy / sxx


def gap_closing_year(
    area: dict[int, float], city: dict[int, float], *, period: int
) -> tuple[int | None, bool]:
    """(year the gap with the city closes at the current trend, whether it can be computed).
    None with True means 'not at this trend'."""
    return _gap_closing(sorted((p, v) for p, v in area.items() if p <= period), city, period)


def _gap_closing(
    series: list[tuple[int, float]], city: dict[int, float], period: int
) -> tuple[int | None, bool]:
    """gap_closing_year for the area's series sorted by period, none after `period`."""
    gaps = [(p, v - city[p]) for p, v in series if p in city]
    if len(gaps) < 2 or gaps[-1][0] != period:
        return None, False
    gap_now = gaps[-1][1]
    if gap_now == 0:
        return period, True
    s = slope(gaps)
    if s is None or s == 0 or (s > 0) == (gap_now > 0):
        return None, True
    return period + math.ceil(-gap_now / s), True


def _country_of(area: Area) -> Area | None:
    """The country the area lies in: its loaded ancestor of that level (area_for_profile loads
    three), else the installation's first country."""
    a: Area | None = area
    while a is not None:
        if a.level == AreaLevel.COUNTRY:
            return a
        if a.parent_id is None or not Area.parent.is_cached(a):
            break
        a = a.parent
    return _areas_sql("a0.level = %s", [AreaLevel.COUNTRY.value])


def municipality_of(area: Area) -> Area | None:
    a: Area | None = area
    while a is not None:
        if a.level == AreaLevel.MUNICIPALITY:
            return a
        a = a.parent
    return None


@dataclass
class ProfileRow:
    indicator: Indicator
    period: int
    value: float
    source: str
    series: list[tuple[int, float]]
    city_series: list[tuple[int, float]]
    parent_value: float | None = None
    city_value: float | None = None
    national_value: float | None = None
    difference: float | None = None
    ratio: float | None = None
    change: float | None = None
    previous_period: int | None = None
    trend: float | None = None
    index: float | None = None
    base_year: int | None = None
    rank: int | None = None
    rank_of: int | None = None
    direction_ok: bool | None = None
    gap_closes: int | None = None
    gap_forecast: bool = False
    target: Target | None = None
    interpretations: list[Interpretation] = field(default_factory=list)
    #: The series continued across a re-division: "2023–2024: voormalige buurt X, herberekend".
    continued: str | None = None

    def as_api(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator.code,
            "name": self.indicator.name_nl,
            "unit": self.indicator.unit,
            "period": self.period,
            "value": self.value,
            "source": self.source,
            "parent_value": self.parent_value,
            "national_value": self.national_value,
            "index": _round(self.index),
            "trend": _round(self.trend),
            "rank": self.rank,
            "direction_ok": self.direction_ok,
            "city_value": self.city_value,
            "difference": _round(self.difference),
            "ratio": _round(self.ratio),
            "change": _round(self.change),
            "rank_of": self.rank_of,
            "gap_closes": self.gap_closes,
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


@dataclass
class Profile:
    area: Area
    year: int | None
    city: Area | None
    country: Area | None
    rows: list[ProfileRow]
    years: list[int]
    #: Predecessors and the indicators not carried across a re-division (continuation.py).
    continuation: dict[str, Any] | None = None


def _rank(values: list[float], value: float, direction: str) -> int:
    if direction == "lower":
        return 1 + sum(1 for v in values if v < value)
    return 1 + sum(1 for v in values if v > value)


def _loaded(model: type[M], attnames: list[str], rows: list[Any]) -> list[M]:
    """`model.from_db` for rows of the concrete fields in order, without running `__init__`:
    what from_db makes, at a quarter of its cost (it counts with ~100 indicators per profile).
    Neither converts values. With pre_init/post_init receivers: from_db itself."""
    alias = connection.alias
    if signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model):
        return [model.from_db(alias, attnames, values) for values in rows]
    objects = []
    new = model.__new__
    for values in rows:
        obj = new(model)
        obj.__dict__.update(zip(attnames, values, strict=True))
        state = obj._state = ModelState()
        state.adding = False
        state.db = alias
        objects.append(obj)
    return objects


def _in(column: str, values: list[int]) -> tuple[str, list[Any]]:
    """`column IN (...)` and its parameters, for a list whose length varies per request. On
    PostgreSQL `column = ANY(%s)` with the list as one array parameter: one statement text, so
    one prepared statement (core/db.py) instead of one per length."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [values]
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def _indicators_with_first_ambition(ids: list[int]) -> tuple[dict[int, Indicator], dict[int, int]]:
    """The indicators by id and their lowest ambition number (which orders a profile), in one
    plain query: building it through the ORM cost more than running it."""
    if not ids:
        return {}, {}
    through = Indicator.ambitions.through
    concrete = Indicator._meta.concrete_fields
    fields = [f.attname for f in concrete]
    ambition = Indicator._meta.get_field("ambitions").related_model
    in_ids, params = _in("i.id", ids)
    sql = (
        f"SELECT {', '.join('i.' + f.column for f in concrete)}, (SELECT MIN(a.number) FROM "
        f"{through._meta.db_table} t JOIN {ambition._meta.db_table} a ON a.id = t.ambition_id "  # type: ignore[union-attr]
        f"WHERE t.indicator_id = i.id) FROM {Indicator._meta.db_table} i WHERE {in_ids}"
    )
    indicators: dict[int, Indicator] = {}
    first: dict[int, int] = {}
    rows = fetch_all(sql, params)
    loaded = _loaded(Indicator, fields, [r[:-1] for r in rows])
    for ind, (*_, number) in zip(loaded, rows, strict=True):
        indicators[ind.pk] = ind
        if number is not None:
            first[ind.pk] = number
    return indicators, first


def area_profile(
    *,
    area: Area,
    year: int | None = None,
    with_context: bool = False,
    hidden: Collection[int] = (),
) -> Profile:
    """For each indicator with a value for the area (the latest period up to `year`): the value,
    parent, city and national values, difference and ratio to the city, change, trend, index
    (city in the first year = 100), rank among siblings, direction signal and gap forecast."""
    city = municipality_of(area)
    country = _country_of(area)
    series = _series(area, city)
    continuation = continued_series(area)
    marks = _continue(series, continuation) if continuation is not None else {}
    if year is None and series.years:
        year = max(series.years)
    chosen = _chosen_periods(series.own, year)
    for pk in hidden:  # municipal indicators the caller may not see (selectors.indicators_hidden)
        chosen.pop(pk, None)
    siblings = _references(area, city, country, chosen, series)
    indicators, first_ambition = _indicators_with_first_ambition(list(chosen))
    targets, interpretations = _context(area, chosen) if with_context else ({}, {})
    keys = _Keys(
        parent=area.parent_id,
        city=city.pk if city is not None and city.pk != area.pk else None,
        country=country.pk if country is not None and country.pk != area.pk else None,
        last=year if year is not None else 1 << 30,
    )
    rows = []
    for ind_id, period in chosen.items():
        row = _row(indicators[ind_id], period, series, siblings, keys)
        row.continued = marks.get(ind_id)
        if with_context:
            row.target = targets.get(ind_id)
            row.interpretations = [
                it for it in interpretations.get(ind_id, []) if not it.years or period in it.years
            ]
        rows.append(row)
    rows.sort(
        key=lambda r: (
            r.indicator.created_by_import,
            first_ambition.get(r.indicator.pk, 99),
            r.indicator.code,
        )
    )
    return Profile(
        area=area,
        year=year,
        city=city,
        country=country,
        rows=rows,
        years=sorted(series.years),
        continuation=continuation.as_api() if continuation is not None else None,
    )


def _continue(series: _Series, continuation: Continuation) -> dict[int, str]:
    """Add the recalculated periods before a re-division to the area's own series (its own
    figures win), in period order; the marks of the indicators that got any."""
    marks: dict[int, str] = {}
    for ind_id, earlier in continuation.values.items():
        own = series.own.get(ind_id, {})
        added = {p: v for p, v in earlier.items() if p not in own}
        if added:
            series.own[ind_id] = dict(sorted({**added, **own}.items()))
            series.years.update(added)
            marks[ind_id] = continuation.marks[ind_id]
    return marks


@dataclass
class _Series:
    """The area's own values {indicator: {period: (value, source)}} and reference values
    {(area, indicator): {period: value}} (city, parent, country), with the area's periods."""

    own: dict[int, dict[int, tuple[float, str]]] = field(default_factory=lambda: defaultdict(dict))
    ref: dict[tuple[int, int], dict[int, float]] = field(default_factory=lambda: defaultdict(dict))
    years: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class _Keys:
    """The reference areas of a profile (None when absent or the area itself) and the last
    period of its series."""

    parent: int | None
    city: int | None
    country: int | None
    last: int


_OBS = Observation._meta.db_table


def _series(area: Area, city: Area | None) -> _Series:
    """Step 1: the area and its city, all periods (series, trend, index, gap forecast), in one
    query in the index's order: each series comes sorted by period."""
    first = [area.pk] + ([city.pk] if city is not None and city.pk != area.pk else [])
    series = _Series()
    for area_id, ind_id, period, value, src in fetch_all(
        f"SELECT area_id, indicator_id, period, value, source FROM {_OBS} WHERE area_id IN "
        f"({', '.join(['%s'] * len(first))}) AND is_current AND value IS NOT NULL "
        "ORDER BY area_id, period",
        first,
    ):
        if area_id == area.pk:
            series.own[ind_id][period] = (value, src)
            series.years.add(period)
        else:
            series.ref[(area_id, ind_id)][period] = value
    return series


def _chosen_periods(
    own: dict[int, dict[int, tuple[float, str]]], year: int | None
) -> dict[int, int]:
    """Step 2: per indicator the latest period with a value up to `year`."""
    chosen: dict[int, int] = {}
    for ind_id, by_period in own.items():
        eligible = [p for p in by_period if year is None or p <= year]
        if eligible:
            chosen[ind_id] = max(eligible)
    return chosen


def _references(
    area: Area, city: Area | None, country: Area | None, chosen: dict[int, int], series: _Series
) -> dict[tuple[int, int], list[float]]:
    """Step 3: parent and country values (into `series.ref`) and the siblings' values (same
    parent and level, the area included) {(indicator, period): values}, only in the periods
    shown, in one query."""
    first = {area.pk} | ({city.pk} if city is not None else set())
    others = [a.pk for a in (area.parent, country) if a is not None and a.pk not in first]
    siblings: dict[tuple[int, int], list[float]] = defaultdict(list)
    in_periods, period_params = _in("period", sorted(set(chosen.values())))
    parts: list[str] = []
    params: list[Any] = []
    if chosen and others:
        parts.append(
            f"SELECT 0, area_id, indicator_id, period, value FROM {_OBS} WHERE area_id IN "
            f"({', '.join(['%s'] * len(others))}) AND is_current AND value IS NOT NULL "
            f"AND {in_periods}"
        )
        params += [*others, *period_params]
    if chosen and area.parent_id:
        parts.append(
            f"SELECT 1, o.area_id, o.indicator_id, o.period, o.value FROM {_OBS} o "
            f"JOIN {Area._meta.db_table} a ON a.id = o.area_id WHERE a.parent_id = %s "
            f"AND a.level = %s AND o.is_current AND o.value IS NOT NULL AND o.{in_periods}"
        )
        params += [area.parent_id, area.level, *period_params]
    if parts:
        for kind, area_id, ind_id, period, value in fetch_all(" UNION ALL ".join(parts), params):
            if kind == 0:
                series.ref[(area_id, ind_id)][period] = value
            elif chosen.get(ind_id) == period:
                siblings[(ind_id, period)].append(value)
    return siblings


def _context(
    area: Area, chosen: dict[int, int]
) -> tuple[dict[int, Target], dict[int, list[Interpretation]]]:
    """Step 4 (pages only): the area's first target per indicator and its interpretations."""
    targets: dict[int, Target] = {}
    interpretations: dict[int, list[Interpretation]] = defaultdict(list)
    for t in Target.objects.filter(area=area, indicator_id__in=chosen).order_by("year"):
        targets.setdefault(t.indicator_id, t)
    for it in Interpretation.objects.filter(areas=area).prefetch_related("indicators"):
        for ind in it.indicators.all():
            interpretations[ind.pk].append(it)
    return targets, interpretations


_NO_VALUES: dict[int, float] = {}


def _row(
    ind: Indicator,
    period: int,
    series: _Series,
    siblings: dict[tuple[int, int], list[float]],
    keys: _Keys,
) -> ProfileRow:
    """Step 5: one indicator's row: the value against the city, its change and trend, index,
    rank among siblings, direction signal and gap forecast."""
    by_period = series.own[ind.pk]
    value, src = by_period[period]
    # Periods in ascending order (the query's order): the series need no sorting.
    own = [(p, v) for p, (v, _) in by_period.items() if p <= keys.last]
    city_vals = series.ref.get((keys.city, ind.pk), _NO_VALUES) if keys.city else _NO_VALUES
    row = ProfileRow(
        indicator=ind,
        period=period,
        value=value,
        source=src,
        series=own,
        city_series=[(p, v) for p, v in city_vals.items() if p <= keys.last],
        parent_value=_reference(series, keys.parent, ind.pk, period),
        city_value=city_vals.get(period),
        national_value=_reference(series, keys.country, ind.pk, period),
    )
    if row.city_value is not None:
        row.difference = value - row.city_value
        row.ratio = value / row.city_value if row.city_value else None
    if city_vals:
        row.base_year = min(city_vals)
        base = city_vals[row.base_year]
        row.index = value / base * 100 if base else None
    if len(own) > 1:  # sorted, ending with `period`
        row.previous_period, previous = own[-2]
        row.change = value - previous
        row.trend = slope(own)
    movement = row.trend if row.trend is not None else row.change
    if ind.direction != "neutral" and movement is not None:
        row.direction_ok = movement > 0 if ind.direction == "higher" else movement < 0
    sib = siblings.get((ind.pk, period))
    if sib and len(sib) > 1:
        row.rank = _rank(sib, value, ind.direction)
        row.rank_of = len(sib)
    if city_vals:
        row.gap_closes, row.gap_forecast = _gap_closing(own, city_vals, period)
    return row


def _reference(series: _Series, area_id: int | None, ind_id: int, period: int) -> float | None:
    if not area_id:
        return None
    return series.ref.get((area_id, ind_id), _NO_VALUES).get(period)


def _areas_sql(where: str, params: list[Any], *, ancestors: int = 0) -> Area | None:
    """The first area matching `where` (on alias a0) with `ancestors` levels of parents
    attached, as select_related would, in one plain query (per request, building the ORM
    query cost more than running it)."""
    concrete = Area._meta.concrete_fields
    attnames = [f.attname for f in concrete]
    aliases = [f"a{i}" for i in range(ancestors + 1)]
    columns = ", ".join(f"{a}.{f.column}" for a in aliases for f in concrete)
    joins = "".join(
        f" LEFT JOIN {Area._meta.db_table} {aliases[i + 1]} ON {aliases[i + 1]}.id = "
        f"{aliases[i]}.parent_id"
        for i in range(ancestors)
    )
    found = fetch_all(
        f"SELECT {columns} FROM {Area._meta.db_table} a0{joins} WHERE {where} "
        "ORDER BY a0.id LIMIT 1",
        params,
    )
    if not found:
        return None
    row = found[0]
    width = len(concrete)
    chain: list[Area | None] = []
    for i in range(ancestors + 1):
        values = row[i * width : (i + 1) * width]
        chain.append(
            None if values[0] is None else Area.from_db(connection.alias, attnames, values)
        )
    for child, parent in zip(chain, chain[1:], strict=False):
        if child is None:
            break
        child.parent = parent  # cached as select_related does (None when there is none)
    return chain[0]
