"""Writes of programmes, ambitions and themes."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext

from wijkaanpak.areas.models import Area
from wijkaanpak.core.exceptions import InvalidInput
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


@transaction.atomic
def programme_lineage_set(
    *,
    programme: Programme,
    predecessor: Programme | None,
    end_year: int | None = None,
    continues: dict[Ambition, list[Ambition]] | None = None,
) -> Programme:
    """Record the earlier programme whose work this one continues, and per ambition of this
    programme the predecessor's ambitions (pillars) it took over."""
    if predecessor is not None and predecessor.pk == programme.pk:
        raise InvalidInput(
            gettext("A programme cannot continue itself."),
            errors=[{"field": "predecessor", "message": gettext("expected another programme")}],
        )
    programme.predecessor = predecessor
    if end_year is not None:
        programme.end_year = end_year
    programme.save(update_fields=["predecessor", "end_year"])
    for ambition, pillars in (continues or {}).items():
        wrong = [p for p in pillars if predecessor is None or p.programme_id != predecessor.pk]
        if ambition.programme_id != programme.pk or wrong:
            raise InvalidInput(
                gettext("An ambition continues only pillars of the programme's predecessor."),
                errors=[
                    {
                        "field": "continues",
                        "message": gettext("expected the predecessor's ambitions"),
                    }
                ],
            )
        ambition.continues.set(pillars)
    return programme
