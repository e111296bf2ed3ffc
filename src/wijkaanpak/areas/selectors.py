"""Reads of areas. Areas are public."""

from __future__ import annotations

from django.db.models import QuerySet

from wijkaanpak.areas.models import Area
from wijkaanpak.core.exceptions import NotFound


def area_list(*, level: str | None = None, parent: str | None = None) -> QuerySet[Area]:
    qs = Area.objects.select_related("parent").order_by("code")
    if level:
        qs = qs.filter(level=level)
    if parent:
        qs = qs.filter(parent__code=parent.strip().upper())
    return qs


def area_get(*, code: str) -> Area:
    area = Area.objects.select_related("parent").filter(code=code.strip().upper()).first()
    if area is None:
        raise NotFound(f"No area with code '{code}'")
    return area
