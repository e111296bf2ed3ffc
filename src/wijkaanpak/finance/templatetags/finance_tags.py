from __future__ import annotations

from django import template

from wijkaanpak.finance.importing import euros as format_euros

register = template.Library()


@register.filter
def euros(value: int | None) -> str:
    """2614000 -> '€ 2.614.000'."""
    return format_euros(None if value is None else int(value))
