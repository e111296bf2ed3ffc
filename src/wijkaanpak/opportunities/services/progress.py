"""Progress updates on a kans: written, edited and removed by their author or a coordinator."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user
from wijkaanpak.core.exceptions import Forbidden, InvalidInput
from wijkaanpak.opportunities import selectors
from wijkaanpak.opportunities.models import (
    Opportunity,
    ProgressUpdate,
)
from wijkaanpak.opportunities.services.common import _create, _require_contributor, _save, _stale


@transaction.atomic
def progress_update_create(
    *,
    opportunity: Opportunity,
    date: dt.date,
    text: str,
    next_steps: str = "",
    by: Actor,
) -> ProgressUpdate:
    _require_contributor(user=by, opportunity=opportunity)
    if not text.strip():
        raise InvalidInput(
            _("Describe the progress."), errors=[{"field": "text", "message": _("required")}]
        )
    update = _create(
        ProgressUpdate,
        actor=by,
        opportunity=opportunity,
        date=date,
        text=text.strip(),
        next_steps=next_steps.strip(),
        author=acting_user(by),
    )
    if next_steps.strip():
        Opportunity.objects.filter(pk=opportunity.pk).update(next_steps=next_steps.strip())
    return update


# --- progress updates: edited and removed by their author or a coordinator ----------------


def _require_author_or_coordinator(*, user: Actor, update: ProgressUpdate) -> None:
    if not selectors.user_may_change_progress(user=user, update=update):
        raise Forbidden(_("Only the author of a progress update or a coordinator may change it."))


@transaction.atomic
def progress_update_update(
    *,
    update: ProgressUpdate,
    version: int,
    by: Actor,
    date: dt.date | None = None,
    text: str | None = None,
    next_steps: str | None = None,
) -> ProgressUpdate:
    _require_author_or_coordinator(user=by, update=update)
    locked = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    if locked.version != version:
        raise _stale(_("progress update"), instance=locked, version=version)
    if text is not None:
        if not text.strip():
            raise InvalidInput(
                _("Describe the progress."), errors=[{"field": "text", "message": _("required")}]
            )
        locked.text = text.strip()
    if date is not None:
        locked.date = date
    if next_steps is not None:
        locked.next_steps = next_steps.strip()
    locked.version += 1
    _save(locked, by=by)
    return locked


@transaction.atomic
def progress_update_delete(
    *, update: ProgressUpdate, version: int | None = None, by: Actor
) -> None:
    """Remove a progress update; its history keeps what it said and who removed it."""
    _require_author_or_coordinator(user=by, update=update)
    locked = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    if version is not None and locked.version != version:
        raise _stale(_("progress update"), instance=locked, version=version)
    setattr(locked, "_history_user", acting_user(by))  # noqa: B010 (read by simple-history)
    locked.delete()
