"""Writes of areas."""

from __future__ import annotations

from django.db import transaction

from wijkaanpak.areas.models import Area, AreaLevel


@transaction.atomic
def area_create_or_update(
    *,
    code: str,
    name: str,
    level: AreaLevel | str,
    parent: Area | None = None,
    division_year: int | None = None,
) -> Area:
    area, _ = Area.objects.update_or_create(
        code=code.strip().upper(),
        defaults={
            "name": name,
            "level": level,
            "parent": parent,
            "division_year": division_year,
        },
    )
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


def areas_ensure(*, codes: set[str], names: dict[str, str], known: dict[str, int]) -> int:
    """For imports of files that define their areas (CBS): create the areas in `codes` (and their parents by code structure) that are not in
    `known`, in bulk; adds their ids to `known`. Returns the number created.

    Country codes (NL00, NL01) all mean the one country area when one exists."""
    todo: set[str] = set()
    for code in codes:
        c: str | None = code
        while c is not None and c not in known and c not in todo:
            if c.startswith("NL") and "NL00" in known:
                known[c] = known["NL00"]
                break
            todo.add(c)
            c = parent_code(c)
    created = 0
    for prefix in ("NL", "GM", "WK", "BU"):
        batch = [c for c in sorted(todo) if c.startswith(prefix)]
        if not batch:
            continue
        objs = [
            Area(
                code=c,
                name=names.get(c) or ("Nederland" if prefix == "NL" else c),
                level=CBS_LEVELS[prefix],
                parent_id=known.get(parent_code(c) or "") if prefix != "NL" else None,
            )
            for c in batch
        ]
        Area.objects.bulk_create(objs, batch_size=2000)
        known.update(Area.objects.filter(code__in=batch).values_list("code", "id"))
        created += len(batch)
    return created
