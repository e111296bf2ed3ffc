"""Reads of the indicator monitor. Figures are public; only imports need a role. The analysis
per area and year (`area_profile`) is in indicators/profile.py."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Viewer
from wijkaanpak.accounts.models import ProgrammeRole, User
from wijkaanpak.accounts.selectors import (
    is_data_steward,
    user_has_programme_role,
    user_may_import_for,
    user_municipality_ids,
)
from wijkaanpak.areas.models import Area, AreaLevel
from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.core.history import HistoryEntry, history_entries, history_m2m
from wijkaanpak.indicators.models import (
    ImportRun,
    Indicator,
    Interpretation,
    Observation,
    Target,
)
from wijkaanpak.indicators.profile import Profile, _areas_sql
from wijkaanpak.indicators.profile import area_profile as _area_profile


def user_may_import(*, user: User | AnonymousUser | None) -> bool:
    """Data stewards (and superusers) import any file; municipality administrators and the
    coordinators of a programme import long-format figures of their own municipality
    (indicators/importers/ownership.py)."""
    scope = user_may_import_for(user=user)
    return scope is None or bool(scope)


def indicators_visible(*, user: Viewer | None) -> Q:
    """Which indicators the user may see (docs/adr/0010): national ones, every one shown on a
    programme's public pages (linked to an ambition), and a municipality's own ones for the
    users working for that municipality; data stewards and superusers see all."""
    if is_data_steward(user=user):
        return Q()
    linked = Exists(Indicator.ambitions.through.objects.filter(indicator_id=OuterRef("pk")))
    visible = Q(municipality__isnull=True) | Q(linked)
    own = user_municipality_ids(user=user)
    return visible | Q(municipality_id__in=own) if own else visible


def indicators_hidden(*, user: Viewer | None) -> set[int]:
    """The ids of the municipal indicators the user may not see (usually none), in one query."""
    if is_data_steward(user=user):
        return set()
    return set(
        Indicator.objects.filter(municipality__isnull=False)
        .exclude(indicators_visible(user=user))
        .values_list("pk", flat=True)
    )


def indicator_list(
    *, ambition: int | None = None, q: str = "", user: Viewer | None = None
) -> QuerySet[Indicator]:
    """The indicators `user` may see (None: a visitor)."""
    qs = (
        Indicator.objects.filter(indicators_visible(user=user))
        .prefetch_related("ambitions")
        .order_by("created_by_import", "code")
    )
    if ambition:
        qs = qs.filter(ambitions__id=ambition)
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(name_nl__icontains=q) | Q(name_en__icontains=q))
    return qs


def indicator_get(*, code: str, user: Viewer | None = None) -> Indicator:
    """One indicator the user may see (None: a visitor), or NotFound."""
    indicator = (
        Indicator.objects.filter(indicators_visible(user=user))
        .prefetch_related("ambitions")
        .filter(code=code)
        .first()
    )
    if indicator is None:
        raise NotFound(f"No indicator with code '{code}'")
    return indicator


def observation_list(
    *, indicator: Indicator, area: str | None = None, history: bool = False
) -> QuerySet[Observation]:
    qs = Observation.objects.filter(indicator=indicator).select_related("area")
    if not history:
        qs = qs.filter(is_current=True)
    if area:
        qs = qs.filter(area__code=area.strip().upper())
    return qs.order_by("area__code", "period", "-is_current", "-id")


def import_run_list(*, limit: int = 20) -> list[ImportRun]:
    return list(ImportRun.objects.select_related("by")[:limit])


def ambition_scorecard(*, programme: Any, year: int | None = None) -> list[dict[str, Any]]:
    """Per ambition: its indicators for the programme area against the city."""
    profile = _area_profile(
        area=programme.area, year=year, with_context=True, hidden=indicators_hidden(user=None)
    )
    by_indicator = {row.indicator.pk: row for row in profile.rows}
    cards = []
    for ambition in programme.ambitions.prefetch_related("indicators").order_by("number"):
        items = []
        for ind in ambition.indicators.all():
            items.append({"indicator": ind, "row": by_indicator.get(ind.pk)})
        cards.append({"ambition": ambition, "items": items})
    return cards


def indicator_overview(
    *, indicator: Indicator, municipality: Area | None, year: int | None = None
) -> dict[str, Any]:
    """The indicator for the country, the municipality and its wijken and buurten in a period."""
    obs = Observation.objects.filter(indicator=indicator, is_current=True)
    if municipality is not None:
        obs = obs.filter(
            Q(area=municipality)
            | Q(area__parent=municipality)
            | Q(area__parent__parent=municipality)
            | Q(area__level=AreaLevel.COUNTRY)
        )
    periods = sorted(set(obs.values_list("period", flat=True)))
    if year is None or year not in periods:
        year = periods[-1] if periods else None
    rows = (
        list(
            obs.filter(period=year)
            .select_related("area")
            .order_by("area__level", "area__code")[:2000]
        )
        if year is not None
        else []
    )
    return {"periods": periods, "year": year, "rows": rows}


def area_for_profile(*, code: str) -> Area:
    area = _areas_sql("a0.code = %s", [code.strip().upper()], ancestors=3)
    if area is None:
        raise NotFound(f"No area with code '{code}'")
    return area


def interpretation_list(*, programme: Any = None, year: int | None = None) -> list[Interpretation]:
    """Kenniskring interpretations, newest first; for the annual report and the API."""
    qs = Interpretation.objects.select_related("programme").prefetch_related("indicators", "areas")
    if programme is not None:
        qs = qs.filter(programme=programme)
    items = list(qs.order_by("-date"))
    if year is not None:
        items = [i for i in items if year in i.years or i.date.year == year]
    return items


# --- kenniskring interpretations and targets: what a programme team may choose and change --


def user_may_edit_interpretations(*, user: Any, programme: Any) -> bool:
    """Editors and coordinators of the programme record kenniskring interpretations."""
    return user_has_programme_role(user=user, programme=programme, role=ProgrammeRole.EDITOR)


def user_may_set_targets(*, user: Any, programme: Any) -> bool:
    """Coordinators set the programme's indicator targets per area and year."""
    return user_has_programme_role(user=user, programme=programme, role=ProgrammeRole.COORDINATOR)


def programme_indicators(*, programme: Any) -> QuerySet[Indicator]:
    """Indicators a programme may use: national ones and its municipality's own."""
    return Indicator.objects.filter(
        Q(municipality__isnull=True) | Q(municipality_id=programme.municipality_id)
    ).order_by("code")


def programme_areas(*, programme: Any) -> QuerySet[Area]:
    """The areas a programme interprets and sets targets for: its municipality, its target
    area and the areas inside that."""
    return Area.objects.filter(
        Q(pk=programme.municipality_id) | Q(pk=programme.area_id) | Q(parent_id=programme.area_id)
    ).order_by("level", "code")


def interpretation_get(*, pk: int) -> Interpretation:
    found = (
        Interpretation.objects.select_related("programme")
        .prefetch_related("indicators", "areas")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound(f"No interpretation with id {pk}")
    return found


def target_list(*, programme: Any) -> list[Target]:
    """The targets for the programme's areas, by indicator, area and year."""
    return list(
        Target.objects.filter(area__in=programme_areas(programme=programme))
        .select_related("indicator", "area")
        .order_by("indicator__code", "area__code", "year")
    )


def target_get(*, programme: Any, pk: int) -> Target:
    found = (
        Target.objects.filter(pk=pk, area__in=programme_areas(programme=programme))
        .select_related("indicator", "area")
        .first()
    )
    if found is None:
        raise NotFound(f"No target with id {pk}")
    return found


def interpretation_history(*, interpretation: Interpretation) -> list[HistoryEntry]:
    records = list(
        Interpretation.history.filter(id=interpretation.pk)
        .select_related("history_user")
        .prefetch_related(*history_m2m(Interpretation, "indicators", "areas"))
        .order_by("history_date", "history_id")
    )
    indicators, areas = history_m2m(Interpretation, "indicators", "areas")
    indicator_ids = {row.indicator_id for r in records for row in getattr(r, indicators).all()}
    area_ids = {row.area_id for r in records for row in getattr(r, areas).all()}
    entries = history_entries(
        Interpretation,
        records,
        object_type="interpretation",
        object_type_label=_("interpretation"),
        label=lambda r: r.title,
        hidden={"programme"},
        m2m={
            "indicators": dict(
                Indicator.objects.filter(pk__in=indicator_ids).values_list("pk", "name_nl")
            ),
            "areas": dict(Area.objects.filter(pk__in=area_ids).values_list("pk", "name")),
        },
    )
    return sorted(entries, key=lambda e: e.at, reverse=True)


def target_history(*, target: Target) -> list[HistoryEntry]:
    records = list(
        Target.history.filter(id=target.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    entries = history_entries(
        Target,
        records,
        object_type="target",
        object_type_label=_("target"),
        label=lambda r: f"{target.indicator.code} {target.area.code} {r.year}",
        hidden={"indicator", "area"},
    )
    return sorted(entries, key=lambda e: e.at, reverse=True)


def area_profile(
    *,
    area: Area,
    user: Viewer | None = None,
    year: int | None = None,
    with_context: bool = False,
) -> Profile:
    """The analysis per area (indicators/profile.py), without the municipal indicators the
    user may not see (`user` None: a visitor)."""
    return _area_profile(
        area=area, year=year, with_context=with_context, hidden=indicators_hidden(user=user)
    )


def headline_ambitions(*, area: Area, indicator_ids: list[int]) -> dict[int, list[Any]]:
    """Per indicator: the ambitions that name it as a headline indicator, of the programmes
    covering the area (its own, its wijk's or its city's), lowest number first, in one query."""
    areas = [pk for pk in (area.pk, area.parent_id) if pk is not None]
    if area.parent is not None and area.parent.parent_id is not None:
        areas.append(area.parent.parent_id)
    found: dict[int, list[Any]] = {}
    through = Indicator.ambitions.through
    rows = (
        through.objects.filter(
            indicator_id__in=indicator_ids, ambition__programme__area_id__in=areas
        )
        .select_related("ambition")
        .order_by("ambition__number", "ambition__pk")
    )
    for row in rows:
        found.setdefault(row.indicator_id, []).append(row.ambition)
    return found
