"""Template helpers shared by the pages: ambition icons and form fields."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Simple line icons (24x24, stroke = currentColor), drawn for this project.
ICONS = {
    "home": '<path d="M3 11l9-8 9 8"/><path d="M5 10v11h5v-6h4v6h5V10"/>',
    "child": '<circle cx="12" cy="5" r="3"/><path d="M12 8v7M6 11h12M8 22l4-7 4 7"/>',
    "shield": '<path d="M12 2l8 3v6c0 5-3.5 9-8 11-4.5-2-8-6-8-11V5z"/><path d="M8.5 12l2.5 2.5 4.5-5"/>',
    "heart": '<path d="M12 21s-8-5.2-8-11a4.5 4.5 0 0 1 8-2.8A4.5 4.5 0 0 1 20 10c0 5.8-8 11-8 11z"/>',
    "briefcase": '<rect x="3" y="7" width="18" height="13" rx="2"/><path d="M9 7V4h6v3M3 13h18"/>',
    "people": '<circle cx="8" cy="8" r="3"/><circle cx="17" cy="9" r="2.5"/><path d="M2 20c0-3.5 2.7-6 6-6s6 2.5 6 6M14 20c0-2.5 1.3-5 3.5-5S22 17 22 20"/>',
}
DEFAULT_ICON = '<circle cx="12" cy="12" r="8"/>'


@register.simple_tag
def app_icon(name: str, colour: str = "currentColor", size: int = 32) -> SafeString:
    """A decorative inline SVG icon (hidden from screen readers; the text next to it names it)."""
    paths = ICONS.get(name, DEFAULT_ICON)
    return format_html(
        '<svg class="app-icon" width="{}" height="{}" viewBox="0 0 24 24" fill="none" '
        'stroke="{}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" '
        'aria-hidden="true" focusable="false">{}</svg>',
        size,
        size,
        colour,
        mark_safe(paths),  # noqa: S308 - constant markup from ICONS above
    )


@register.inclusion_tag("core/_field.html")
def form_field(field: object) -> dict[str, object]:
    """One form field with its label, help text and error messages, Utrecht style."""
    return {"field": field}


@register.filter
def as_percent(share: float | None) -> int | None:
    """0.925 → 93: a share as a whole percentage, halves rounded up."""
    if share is None:
        return None
    return int(Decimal(str(share * 100)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
