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
