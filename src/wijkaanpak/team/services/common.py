"""Limits, errors and checks shared by the team write modules."""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user, is_system
from wijkaanpak.accounts.models import (
    ProgrammeRole,
)
from wijkaanpak.accounts.selectors import (
    user_may_manage_programme,
)
from wijkaanpak.core.exceptions import Conflict, DomainError, Forbidden, InvalidInput
from wijkaanpak.programmes.models import Programme

COLOUR_LENGTH = 7
MIN_YEAR, MAX_YEAR = 2000, 2100
# Programme slugs that would hide a page under programmas/ (team/urls.py).
RESERVED_SLUGS = {"nieuw"}

M = TypeVar("M", bound=models.Model)


class Gone(DomainError):
    """An invitation link that was used or has expired (410)."""

    status = 410


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(message, errors=[{"field": field, "message": _("required")}])
    return value


def _require_manager(by: Actor, programme: Programme) -> None:
    if is_system(by):
        return
    if not user_may_manage_programme(user=acting_user(by), programme=programme):
        raise Forbidden(
            _(
                "Only the programme's coordinators and its municipality's administrators "
                "may do this."
            )
        )


def _with_history_user(obj: M, by: Actor) -> M:
    obj._history_user = acting_user(by)  # type: ignore[attr-defined]
    return obj


def _check_version(current: int, version: int, what: str) -> None:
    if current != version:
        raise Conflict(
            _("%(what)s was changed by someone else meanwhile.") % {"what": what},
            errors=[{"field": "version", "message": _("stale version")}],
        )


# --- roles ----------------------------------------------------------------------------------


def _role(role: str) -> ProgrammeRole:
    if role not in ProgrammeRole.values:
        raise InvalidInput(
            _("Choose coordinator, editor or viewer."),
            errors=[{"field": "role", "message": _("coordinator, editor or viewer")}],
        )
    return ProgrammeRole(role)
