"""A programme's ambitions and cross-cutting themes."""

from __future__ import annotations

from django.db import models, transaction
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor
from wijkaanpak.core.exceptions import Conflict, InvalidInput
from wijkaanpak.programmes.models import Ambition, Programme, Theme
from wijkaanpak.team.services.common import (
    COLOUR_LENGTH,
    _check_version,
    _require_manager,
    _required,
    _with_history_user,
)

# --- ambitions and themes -----------------------------------------------------------------


def _ambition_fields(short_name: str, name: str, colour: str) -> tuple[str, str, str]:
    short_name = _required(short_name, "short_name", _("A short name is required."))
    name = _required(name, "name", _("A name is required."))
    colour = (colour or "#24578f").strip()
    if len(colour) != COLOUR_LENGTH or not colour.startswith("#"):
        raise InvalidInput(
            _("A colour is written as #rrggbb."),
            errors=[{"field": "colour", "message": _("as #rrggbb")}],
        )
    try:
        int(colour[1:], 16)
    except ValueError:
        raise InvalidInput(
            _("A colour is written as #rrggbb."),
            errors=[{"field": "colour", "message": _("as #rrggbb")}],
        ) from None
    if len(short_name) > 60:
        raise InvalidInput(
            _("The short name is at most 60 characters."),
            errors=[{"field": "short_name", "message": _("at most 60 characters")}],
        )
    return short_name, name, colour


def _short_name_taken(programme: Programme, short_name: str, exclude: int | None) -> None:
    taken = Ambition.objects.filter(programme=programme, short_name__iexact=short_name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise Conflict(
            _("This programme already has an ambition with this short name."),
            errors=[{"field": "short_name", "message": _("already in use")}],
        )


@transaction.atomic
def ambition_create(
    *,
    by: Actor,
    programme: Programme,
    short_name: str,
    name: str,
    description: str = "",
    desired_movement: str = "",
    colour: str = "#24578f",
) -> Ambition:
    """A new ambition, numbered after the programme's last one."""
    _require_manager(by, programme)
    Programme.objects.select_for_update().filter(pk=programme.pk).first()  # numbering in turn
    short_name, name, colour = _ambition_fields(short_name, name, colour)
    _short_name_taken(programme, short_name, exclude=None)
    last = Ambition.objects.filter(programme=programme).aggregate(n=models.Max("number"))["n"]
    ambition = _with_history_user(
        Ambition(
            programme=programme,
            number=(last or 0) + 1,
            short_name=short_name,
            name=name,
            description=(description or "").strip(),
            desired_movement=(desired_movement or "").strip(),
            colour=colour,
        ),
        by,
    )
    ambition.save()
    return ambition


@transaction.atomic
def ambition_update(
    *,
    by: Actor,
    ambition: Ambition,
    version: int,
    short_name: str,
    name: str,
    description: str = "",
    desired_movement: str = "",
    colour: str = "#24578f",
) -> Ambition:
    _require_manager(by, ambition.programme)
    locked = Ambition.objects.select_for_update().get(pk=ambition.pk)
    _check_version(locked.version, version, _("This ambition"))
    short_name, name, colour = _ambition_fields(short_name, name, colour)
    _short_name_taken(ambition.programme, short_name, exclude=locked.pk)
    locked.short_name, locked.name, locked.colour = short_name, name, colour
    locked.description = (description or "").strip()
    locked.desired_movement = (desired_movement or "").strip()
    locked.version += 1
    _with_history_user(locked, by).save()
    return locked


def _theme_name_taken(programme: Programme, name: str, exclude: int | None) -> None:
    taken = Theme.objects.filter(programme=programme, name__iexact=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise Conflict(
            _("This programme already has a theme with this name."),
            errors=[{"field": "name", "message": _("already in use")}],
        )


@transaction.atomic
def theme_create(*, by: Actor, programme: Programme, name: str, description: str = "") -> Theme:
    _require_manager(by, programme)
    name = _required(name, "name", _("A name is required."))
    _theme_name_taken(programme, name, exclude=None)
    theme = _with_history_user(
        Theme(programme=programme, name=name, description=(description or "").strip()), by
    )
    theme.save()
    return theme


@transaction.atomic
def theme_update(
    *, by: Actor, theme: Theme, version: int, name: str, description: str = ""
) -> Theme:
    _require_manager(by, theme.programme)
    locked = Theme.objects.select_for_update().get(pk=theme.pk)
    _check_version(locked.version, version, _("This theme"))
    locked.name = _required(name, "name", _("A name is required."))
    _theme_name_taken(theme.programme, locked.name, exclude=locked.pk)
    locked.description = (description or "").strip()
    locked.version += 1
    _with_history_user(locked, by).save()
    return locked
