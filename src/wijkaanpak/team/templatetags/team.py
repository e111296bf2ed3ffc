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
