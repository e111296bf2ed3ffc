"""Reads of programmes, ambitions and themes. Programme data is public (council report)."""

from __future__ import annotations

from django.db.models import QuerySet

from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.programmes.models import Ambition, Programme


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.select_related("municipality", "area").order_by("name")


def programme_get(*, slug: str) -> Programme:
    programme = programme_list().filter(slug=slug).first()
    if programme is None:
        raise NotFound(f"No programme with slug '{slug}'")
    return programme


def ambition_get(*, pk: int) -> Ambition:
    ambition = Ambition.objects.select_related("programme").filter(pk=pk).first()
    if ambition is None:
        raise NotFound(f"No ambition with id {pk}")
    return ambition
