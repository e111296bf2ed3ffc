"""Creating and changing a programme."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user, is_system
from wijkaanpak.accounts.models import (
    ProgrammeRole,
)
from wijkaanpak.accounts.selectors import (
    user_may_create_programme,
)
from wijkaanpak.areas.models import Area, AreaLevel
from wijkaanpak.core.exceptions import Forbidden, InvalidInput
from wijkaanpak.programmes.models import Programme
from wijkaanpak.team.services.common import (
    MAX_YEAR,
    MIN_YEAR,
    RESERVED_SLUGS,
    _check_version,
    _require_manager,
    _required,
    _with_history_user,
)
from wijkaanpak.team.services.roles import membership_set

# --- programmes -------------------------------------------------------------------------


def _area_within(area: Area, municipality: Area) -> bool:
    current: Area | None = area
    for _step in range(8):  # municipality > district > subdistrict > neighbourhood
        if current is None:
            return False
        if current.pk == municipality.pk:
            return True
        current = current.parent
    return False


def _check_years(start_year: int, end_year: int | None) -> None:
    if not MIN_YEAR <= start_year <= MAX_YEAR:
        raise InvalidInput(
            _("The start year must lie between %(min)d and %(max)d.")
            % {"min": MIN_YEAR, "max": MAX_YEAR},
            errors=[{"field": "start_year", "message": _("between 2000 and 2100")}],
        )
    if end_year is not None and not start_year <= end_year <= MAX_YEAR:
        raise InvalidInput(
            _("The end year cannot lie before the start year."),
            errors=[{"field": "end_year", "message": _("not before the start year")}],
        )


def _unique_slug(name: str) -> str:
    base = slugify(name)[:90] or "programma"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Programme.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def programme_create(
    *,
    by: Actor,
    name: str,
    municipality: Area,
    area: Area,
    start_year: int,
    description: str = "",
    end_year: int | None = None,
) -> Programme:
    """A new programme of `municipality` for its target `area`.

    The user who creates it becomes its first coordinator (docs/team.md): a municipality
    administrator is not a programme member by that role alone, and a new programme needs
    someone who can invite its team. The role can be handed over on the team page."""
    if municipality.level != AreaLevel.MUNICIPALITY:
        raise InvalidInput(
            _("Choose a municipality."),
            errors=[{"field": "municipality", "message": _("not a municipality")}],
        )
    if not is_system(by) and not user_may_create_programme(
        user=acting_user(by), municipality_id=municipality.pk
    ):
        raise Forbidden(_("Only the municipality's administrators may create its programmes."))
    name = _required(name, "name", _("A name is required."))
    if not _area_within(area, municipality):
        raise InvalidInput(
            _("The target area must lie in %(municipality)s.") % {"municipality": municipality},
            errors=[{"field": "area", "message": _("not in this municipality")}],
        )
    _check_years(start_year, end_year)
    programme = _with_history_user(
        Programme(
            name=name,
            slug=_unique_slug(name),
            municipality=municipality,
            area=area,
            start_year=start_year,
            end_year=end_year,
            description=(description or "").strip(),
        ),
        by,
    )
    programme.save()
    creator = acting_user(by)
    if creator is not None:
        membership_set(by=by, programme=programme, user=creator, role=ProgrammeRole.COORDINATOR)
    return programme


@transaction.atomic
def programme_update(
    *,
    by: Actor,
    programme: Programme,
    version: int,
    name: str,
    area: Area,
    start_year: int,
    description: str = "",
    end_year: int | None = None,
) -> Programme:
    """Change a programme's details; a stale `version` answers 409 and changes nothing."""
    _require_manager(by, programme)
    locked = (
        Programme.objects.select_for_update().select_related("municipality").get(pk=programme.pk)
    )
    _check_version(locked.version, version, _("This programme"))
    locked.name = _required(name, "name", _("A name is required."))
    if not _area_within(area, locked.municipality):
        raise InvalidInput(
            _("The target area must lie in %(municipality)s.")
            % {"municipality": locked.municipality},
            errors=[{"field": "area", "message": _("not in this municipality")}],
        )
    _check_years(start_year, end_year)
    locked.area, locked.start_year, locked.end_year = area, start_year, end_year
    locked.description = (description or "").strip()
    locked.version += 1
    _with_history_user(locked, by).save()
    return locked
