"""Filters for the change history on the set-up and team pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from wijkaanpak.accounts.models import ProgrammeRole

register = template.Library()


@register.filter
def change_kind(kind: str) -> str:
    return {"+": _("created"), "~": _("changed"), "-": _("removed")}.get(kind, kind)


@register.filter
def field_label(field: str) -> str:
    from wijkaanpak.team.views import FIELD_LABELS

    return str(FIELD_LABELS.get(field, field)).capitalize()


@register.filter
def change_value(value: Any, field: str) -> str:
    if field == "role" and value in ProgrammeRole.values:
        return str(ProgrammeRole(value).label)
    return "—" if value in (None, "") else str(value)


@register.filter
def may_create_programmes(user: Any) -> bool:
    """Whether to offer "New programme" (a municipality administrator, an installation admin)."""
    from wijkaanpak.team.selectors import municipalities_for_creation

    if not getattr(user, "is_authenticated", False):
        return False
    return municipalities_for_creation(user=user).exists()
