"""Helpers shared by the opportunities write modules: saving with history, role checks, stale versions."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user, is_system
from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.accounts.selectors import user_has_programme_role
from wijkaanpak.core.exceptions import Conflict, Forbidden
from wijkaanpak.core.history import changes_since
from wijkaanpak.opportunities import selectors
from wijkaanpak.opportunities.models import (
    Opportunity,
)
from wijkaanpak.programmes.models import Programme

M = TypeVar("M", bound=models.Model)


def _save(instance: Any, *, by: Actor, fields: list[str] | None = None, reason: str = "") -> None:
    """Save through the model, so django-simple-history records who (`by`) and what."""
    instance._history_user = acting_user(by)
    if reason:
        instance._change_reason = reason[:100]
    instance.save(update_fields=fields)


def _create(model: type[M], *, actor: Actor, **fields: Any) -> M:
    instance = model(**fields)
    setattr(instance, "_history_user", acting_user(actor))  # noqa: B010 (read by simple-history)
    instance.save()
    return instance


def editor_required() -> Forbidden:
    return Forbidden(_("You need the editor role in this programme."))


def _require_editor(*, user: Actor, programme: Programme) -> None:
    """SYSTEM is a system write (demo loader, command); a user needs the editor role.
    Anything else (None, anonymous) is refused."""
    if is_system(user):
        return
    if not user_has_programme_role(user=user, programme=programme, role=ProgrammeRole.EDITOR):
        raise editor_required()


def _require_contributor(*, user: Actor, opportunity: Opportunity) -> None:
    """Progress updates and measure values: editors, and members of a coalition organisation
    of this kans (selectors.user_may_contribute)."""
    if not selectors.user_may_contribute(user=user, opportunity=opportunity):
        raise Forbidden(
            _(
                "You need the editor role in this programme, or to work for an organisation "
                "in this kans's coalition."
            )
        )


def _stale(kind: str, *, instance: Any, version: int) -> Conflict:
    """A stale version (409), naming each field that changed since `version` was read."""
    errors: list[dict[str, object]] = [{"field": "version", "message": _("stale version")}]
    for change in changes_since(instance=instance, version=version):
        errors.append(
            {
                "field": change.field,
                "message": _("Changed in the meantime: %(old)s → %(new)s")
                % {"old": change.old or "–", "new": change.new or "–"},
                "old": change.old,
                "new": change.new,
            }
        )
    return Conflict(
        _("Someone else changed this %(kind)s in the meantime; check the changes and try again.")
        % {"kind": kind},
        errors=errors,
    )
