"""Labels, permission check, links and conflict messages shared by the team pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkaanpak.core.exceptions import DomainError, Forbidden
from wijkaanpak.programmes.models import Programme
from wijkaanpak.team import selectors

FIELD_LABELS = {
    "name": gettext_lazy("name"),
    "short_name": gettext_lazy("short name"),
    "area": gettext_lazy("target area"),
    "start_year": gettext_lazy("start year"),
    "end_year": gettext_lazy("end year"),
    "description": gettext_lazy("description"),
    "desired_movement": gettext_lazy("desired movement"),
    "colour": gettext_lazy("colour"),
    "number": gettext_lazy("number"),
    "role": gettext_lazy("role"),
}


def _manager(request: HttpRequest, programme: Programme) -> None:
    try:
        selectors.require_manager(user=request.user, programme=programme)
    except Forbidden as exc:
        raise Forbidden(
            _(
                "Only the programme's coordinators and its municipality's administrators may do this."
            )
        ) from exc


def _setup_url(programme: Programme) -> str:
    return reverse("team:setup", args=[programme.slug])


def _team_url(programme: Programme) -> str:
    return reverse("team:team", args=[programme.slug])


def _meanwhile(obj: Model, form: Any) -> list[tuple[str, str]]:
    """What the other person changed: the saved value of each field that differs from what
    this person sent (shown above the form after a 409)."""
    out = []
    for name, field in form.fields.items():
        if name == "version":
            continue
        current = getattr(obj, name, None)
        if isinstance(current, Model):
            sent = form.data.get(name, "")
            changed = str(current.pk) != str(sent)
        else:
            sent = form.data.get(name, "")
            changed = str(current if current is not None else "") != str(sent).strip()
        if changed:
            out.append((str(field.label), str(current if current is not None else "—")))
    return out


def _conflict(form: Any, exc: DomainError, obj: Model) -> list[tuple[str, str]]:
    """After a stale write: the form keeps this person's input with the current version, so
    saving again overwrites on purpose; the changes made meanwhile are listed."""
    obj.refresh_from_db()
    data = form.data.copy()
    data["version"] = str(getattr(obj, "version", 0))
    form.data = data
    form.add_error(None, exc.message)
    return _meanwhile(obj, form)
