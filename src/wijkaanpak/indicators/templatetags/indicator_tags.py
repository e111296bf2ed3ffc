from __future__ import annotations

from django import template

from wijkaanpak.indicators.charts import fmt

register = template.Library()


@register.filter
def num(value: float | None, unit: str = "") -> str:
    return fmt(value, unit)


@register.filter
def signed(value: float | None) -> str:
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + fmt(value)
