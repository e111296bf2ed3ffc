"""Writes of areas."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from wijkaanpak.areas.models import Area, AreaBoundary, AreaLevel
from wijkaanpak.core.exceptions import InvalidInput


@transaction.atomic
def area_create_or_update(
    *,
    code: str,
    name: str,
    level: AreaLevel | str,
    parent: Area | None = None,
    division_year: int | None = None,
) -> Area:
    defaults: dict[str, Any] = {
        "name": name,
        "level": level,
        "parent": parent,
        "division_year": division_year,
    }
    area, created = Area.objects.update_or_create(
        code=code.strip().upper(),
        defaults=defaults,
        create_defaults={**defaults, "first_division_year": division_year},
    )
    if not created and division_year is not None:
        first = area.first_division_year
        if first is None or first > division_year:
            area.first_division_year = division_year
            area.save(update_fields=["first_division_year"])
    return area


#: The level of a CBS area code, by its prefix.
CBS_LEVELS = {
    "NL": AreaLevel.COUNTRY,
    "GM": AreaLevel.MUNICIPALITY,
    "WK": AreaLevel.DISTRICT,
    "BU": AreaLevel.NEIGHBOURHOOD,
}


def parent_code(code: str) -> str | None:
    """The CBS code of the area that contains this one: buurt → wijk → gemeente → NL00."""
    if code.startswith("BU"):
        return "WK" + code[2:8]
    if code.startswith("WK"):
        return "GM" + code[2:6]
    if code.startswith("GM"):
        return "NL00"
    return None


COUNTRY_CODE = "NL00"


def is_country_code(code: str) -> bool:
    """NL00 (and NL01, as CBS writes the country in some tables) mean the Netherlands."""
    return len(code) == 4 and code.startswith("NL") and code[2:].isdigit()


def area_country() -> Area:
    """The one country area (NL00, "Nederland"): recognised in every file, created when missing."""
    area, _ = Area.objects.get_or_create(
        code=COUNTRY_CODE, defaults={"name": "Nederland", "level": AreaLevel.COUNTRY}
    )
    return area


def municipality_code(code: str) -> str | None:
    """The CBS code of the gemeente of a gemeente, wijk or buurt code."""
    if code[:2] in ("BU", "WK") and len(code) >= 6:
        return "GM" + code[2:6]
    if code.startswith("GM"):
        return code
    return None


def areas_define(
    *, codes: set[str], names: dict[str, str], year: int | None, known: dict[str, int]
) -> list[str]:
    """For importers of files that define areas (CBS KWB): create the areas in `codes` (and
    their parents by code structure) that are not in `known`, named as the file names them,
    in bulk, and record `year` as a division year of every area in `codes`. Adds the ids of
    created areas to `known`; returns the codes created.

    Country codes (NL00, NL01) all mean the one country area."""
    todo: set[str] = set()
    for code in codes:
        c: str | None = code
        while c is not None and c not in known and c not in todo:
            if is_country_code(c):
                known[c] = area_country().pk
                break
            todo.add(c)
            c = parent_code(c)
    created: list[str] = []
    for prefix in ("GM", "WK", "BU"):
        batch = [c for c in sorted(todo) if c.startswith(prefix)]
        if not batch:
            continue
        objs = [
            Area(
                code=c,
                name=names.get(c) or c,
                level=CBS_LEVELS[prefix],
                parent_id=known.get(parent_code(c) or ""),
                division_year=year,
                first_division_year=year,
            )
            for c in batch
        ]
        Area.objects.bulk_create(objs, batch_size=2000)
        known.update(Area.objects.filter(code__in=batch).values_list("code", "id"))
        created.extend(batch)
    if year is not None:
        _division_years_record(codes={c for c in codes if c not in todo}, names=names, year=year)
    return created


def _division_years_record(*, codes: set[str], names: dict[str, str], year: int) -> None:
    """Widen the division years of existing areas to `year`; an area still named by its
    code gets the name the file gives it. Years in one UPDATE per distinct pair (a national
    file: a handful), names in small bulk updates (Django's bulk_update grows fast with its
    batch)."""
    years: dict[tuple[int, int], list[int]] = {}
    renamed: list[Area] = []
    cbs = [c for c in codes if not is_country_code(c)]
    for start in range(0, len(cbs), 2000):
        for area in Area.objects.filter(code__in=cbs[start : start + 2000]).only(
            "id", "code", "name", "division_year", "first_division_year"
        ):
            last = max(area.division_year or year, year)
            first = min(area.first_division_year or year, year)
            if (last, first) != (area.division_year, area.first_division_year):
                years.setdefault((last, first), []).append(area.pk)
            if area.name == area.code and names.get(area.code):
                area.name = names[area.code][:200]
                renamed.append(area)
    for (last, first), ids in years.items():
        for start in range(0, len(ids), 2000):
            Area.objects.filter(pk__in=ids[start : start + 2000]).update(
                division_year=last, first_division_year=first
            )
    Area.objects.bulk_update(renamed, ["name"], batch_size=250)


def area_boundary_set(
    *, area: Area, division_year: int, geometry: dict[str, Any], source: str = ""
) -> AreaBoundary:
    """Store (or replace) an area's outline for a division year. `geometry`: a GeoJSON Polygon
    or MultiPolygon in WGS84. The boundary importers validate and transform before calling this."""
    if geometry.get("type") not in ("Polygon", "MultiPolygon"):
        kind = geometry.get("type")
        raise InvalidInput(
            f"Area {area.code}: expected a Polygon or MultiPolygon, got {kind!r}.",
            errors=[{"field": "geometry", "area": area.code}],
        )
    boundary, _ = AreaBoundary.objects.update_or_create(
        area=area,
        division_year=division_year,
        defaults={"geometry": geometry, "source": source},
    )
    return boundary
