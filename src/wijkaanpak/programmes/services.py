"""Writes of programmes, ambitions and themes."""

from __future__ import annotations

from django.db import transaction

from wijkaanpak.areas.models import Area
from wijkaanpak.programmes.models import Ambition, Programme, Theme


@transaction.atomic
def programme_create_or_update(
    *,
    slug: str,
    name: str,
    municipality: Area,
    area: Area,
    start_year: int,
    description: str = "",
) -> Programme:
    programme, _ = Programme.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "municipality": municipality,
            "area": area,
            "start_year": start_year,
            "description": description,
        },
    )
    return programme


@transaction.atomic
def ambition_create_or_update(
    *,
    programme: Programme,
    number: int,
    short_name: str,
    name: str,
    description: str = "",
    desired_movement: str = "",
    icon: str = "",
    colour: str = "#24578f",
) -> Ambition:
    ambition, _ = Ambition.objects.update_or_create(
        programme=programme,
        number=number,
        defaults={
            "short_name": short_name,
            "name": name,
            "description": description,
            "desired_movement": desired_movement,
            "icon": icon,
            "colour": colour,
        },
    )
    return ambition


@transaction.atomic
def theme_create_or_update(*, programme: Programme, name: str, description: str = "") -> Theme:
    theme, _ = Theme.objects.update_or_create(
        programme=programme, name=name, defaults={"description": description}
    )
    return theme
