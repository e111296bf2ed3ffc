"""Shared helpers of the participation services (package docstring in __init__). Writes of the participation app: activities and their follow-up, communication, stories and
calendar feed addresses. Every write goes through one of these functions (pages, API, demo,
tests); `by=SYSTEM` is a system write, a user needs the role the selectors' rules name."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor
from wijkaanpak.core.exceptions import Conflict, Forbidden
from wijkaanpak.core.history import changes_since
from wijkaanpak.participation import selectors
from wijkaanpak.participation.ical import feed_cache_clear
from wijkaanpak.programmes.models import Programme


def _calendar_changed(programme_id: int) -> None:
    """Drop the cached feeds now and again after commit (a reader may have cached the old)."""
    feed_cache_clear(programme_id)
    transaction.on_commit(lambda: feed_cache_clear(programme_id))


def _require_editor(*, by: Actor, programme: Programme) -> None:
    if not selectors.user_is_editor(user=by, programme=programme):
        raise Forbidden(_("You need the editor role in this programme."))


def _stale(what: str, *, instance: Any, version: int) -> Conflict:
    return Conflict(
        _("Someone else changed this %(what)s in the meantime; check and try again.")
        % {"what": what},
        errors=[
            {"field": "version", "message": _("stale version")},
            *(
                {
                    "field": c.field,
                    "message": _("Changed in the meantime: %(old)s → %(new)s")
                    % {"old": c.old or "–", "new": c.new or "–"},
                    "old": c.old,
                    "new": c.new,
                }
                for c in changes_since(instance=instance, version=version)
            ),
        ],
    )


def _required(errors: list[dict[str, object]], field: str, value: str) -> None:
    if not value.strip():
        errors.append({"field": field, "message": _("required")})


def _choice(errors: list[dict[str, object]], field: str, value: str, choices: Any) -> None:
    if value not in choices.values:
        errors.append({"field": field, "message": _("unknown value")})


def _same_programme(
    errors: list[dict[str, object]], field: str, programme: Programme, items: Iterable[Any]
) -> None:
    if any(item.programme_id != programme.pk for item in items):
        errors.append({"field": field, "message": _("not of this programme")})
