"""Reads of areas. Areas are public."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Q, QuerySet, Value, When

from wijkaanpak.areas.models import Area, AreaBoundary, AreaSuccession
from wijkaanpak.core.exceptions import NotFound


def area_list(
    *, level: str | None = None, parent: str | None = None, search: str | None = None
) -> QuerySet[Area]:
    """`search`: a part of the name or the code, case-insensitive; areas whose code or name
    starts with it come first."""
    qs = Area.objects.select_related("parent")
    if level:
        qs = qs.filter(level=level)
    if parent:
        qs = qs.filter(parent__code=parent.strip().upper())
    term = (search or "").strip()
    if term:
        prefix = Q(code__istartswith=term) | Q(name__istartswith=term)
        qs = qs.filter(Q(code__icontains=term) | Q(name__icontains=term)).annotate(
            starts=Case(When(prefix, then=Value(0)), default=Value(1))
        )
        return qs.order_by("starts", "code")
    return qs.order_by("code")


def area_children(
    *, code: str, level: str | None = None, year: int | None = None
) -> QuerySet[Area]:
    """The areas within an area (all levels below it, by the parent chain), or only those of
    `level`: the buurten of a gemeente are its wijken's children. `year`: only the areas of
    that division year (and areas without division years, such as local subwijken)."""
    area = area_get(code=code)
    ids = {area.pk}
    found: set[int] = set()
    while ids:  # at most four levels: land, gemeente, wijk, (subwijk), buurt
        ids = set(Area.objects.filter(parent_id__in=ids).values_list("id", flat=True)) - found
        found |= ids
    qs = Area.objects.select_related("parent").filter(pk__in=found)
    qs = qs.filter(level=level) if level else qs.filter(parent=area)
    if year is not None:
        qs = qs.filter(
            Q(first_division_year__lte=year, division_year__gte=year)
            | Q(division_year__isnull=True)
        )
    return qs.order_by("code")


def area_get(*, code: str) -> Area:
    area = Area.objects.select_related("parent").filter(code=code.strip().upper()).first()
    if area is None:
        raise NotFound(f"No area with code '{code}'")
    return area


def area_in_municipality(*, area: Area, municipality_id: int) -> bool:
    """Whether the area is the municipality (its `gemeente` area) or lies inside it, through
    its parents (at most three levels: buurt, wijk, gemeente), in one query."""
    if area.pk == municipality_id:
        return True
    return Area.objects.filter(
        Q(pk=area.pk)
        & (
            Q(parent_id=municipality_id)
            | Q(parent__parent_id=municipality_id)
            | Q(parent__parent__parent_id=municipality_id)
        )
    ).exists()


def area_boundaries(
    *, within: str, level: str, year: int | None = None
) -> list[tuple[Area, dict[str, Any], int]]:
    """The outlines of the areas of `level` within the area `within` (a gemeente's buurten,
    the country's wijken): (area, GeoJSON geometry in WGS84, division year) per area that has
    one. `year`: that division year; None: each area's latest outline, of the areas in the
    latest division of `within` (a re-divided buurt's old outline is not drawn over its
    successors')."""
    areas = _areas_of_division(within=within, level=level, year=year)
    qs = AreaBoundary.objects.filter(area_id__in=areas).order_by("area_id", "-division_year")
    if year is not None:
        qs = qs.filter(division_year=year)
    found: dict[int, tuple[Area, dict[str, Any], int]] = {}
    for area_id, geometry, division_year in qs.values_list("area_id", "geometry", "division_year"):
        found.setdefault(area_id, (areas[area_id], geometry, division_year))
    return sorted(found.values(), key=lambda row: row[0].code)


def area_successors(*, area: Area) -> list[AreaSuccession]:
    """What the area became in later divisions (the crosswalk), with the successors loaded."""
    return list(
        AreaSuccession.objects.filter(predecessor=area)
        .select_related("successor")
        .order_by("year", "successor__code")
    )


def area_predecessors(*, area: Area) -> list[AreaSuccession]:
    """The areas of earlier divisions that (partly) became this area."""
    return list(
        AreaSuccession.objects.filter(successor=area)
        .select_related("predecessor")
        .order_by("year", "predecessor__code")
    )


def area_validity(
    *, area: Area, successors: list[AreaSuccession] | None = None
) -> tuple[int | None, int | None]:
    """(valid_from, valid_to) as division years: from its first division year; to its last
    one when it has ended (it has successors, or its gemeente has a later division without
    it); None: still valid (or not known)."""
    if successors is None:
        successors = area_successors(area=area)
    valid_to = None
    if area.division_year is not None:
        if successors:
            valid_to = area.division_year
        else:
            gm = municipality_code_of(area)
            later = (
                Area.objects.filter(code=gm, division_year__gt=area.division_year).exists()
                if gm and gm != area.code
                else False
            )
            valid_to = area.division_year if later else None
    return area.first_division_year, valid_to


def municipality_code_of(area: Area) -> str | None:
    code = area.code
    if code[:2] in ("BU", "WK") and len(code) >= 6:
        return "GM" + code[2:6]
    return code if code.startswith("GM") else None


def area_boundary_features(
    *, within: str, level: str, year: int | None = None
) -> list[tuple[Area, dict[str, Any], int, str]]:
    """As area_boundaries, with each outline's source: (area, geometry, division year, source)."""
    areas = _areas_of_division(within=within, level=level, year=year)
    qs = AreaBoundary.objects.filter(area_id__in=areas).order_by("area_id", "-division_year")
    if year is not None:
        qs = qs.filter(division_year=year)
    found: dict[int, tuple[Area, dict[str, Any], int, str]] = {}
    for area_id, geometry, division_year, source in qs.values_list(
        "area_id", "geometry", "division_year", "source"
    ):
        found.setdefault(area_id, (areas[area_id], geometry, division_year, source))
    return sorted(found.values(), key=lambda row: row[0].code)


def _areas_of_division(*, within: str, level: str, year: int | None) -> dict[int, Area]:
    if year is None:
        year = area_get(code=within).division_year
    return {a.pk: a for a in area_children(code=within, level=level, year=year)}


def area_outline(*, area: Area, year: int | None = None) -> tuple[dict[str, Any], int, str] | None:
    """The area's own outline (of `year`, or its latest): (geometry, division year, source)."""
    qs = AreaBoundary.objects.filter(area=area).order_by("-division_year")
    if year is not None:
        qs = qs.filter(division_year=year)
    return qs.values_list("geometry", "division_year", "source").first()


def area_ancestors(*, area: Area) -> list[Area]:
    """The areas that contain it, from the country down (at most four levels)."""
    chain: list[Area] = []
    parent_id = area.parent_id
    while parent_id is not None and len(chain) < 6:
        parent = Area.objects.filter(pk=parent_id).first()
        if parent is None:
            break
        chain.insert(0, parent)
        parent_id = parent.parent_id
    return chain
