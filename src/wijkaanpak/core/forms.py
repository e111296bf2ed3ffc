"""Form helpers shared by the apps' page forms."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from wijkaanpak.core.exceptions import DomainError

WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
}
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


_THOUSANDS_DOTS = re.compile(r"-?\d{1,3}(\.\d{3})+")


def dutch_number_text(raw: str) -> str:
    """A number as people type it in Dutch, as Python reads it: "12,5" -> "12.5",
    "1.234,5" -> "1234.5", "1.234" -> "1234" (thousands), "12.5" stays "12.5". Spaces and a
    minus sign (U+2212) are allowed; text that is no number comes back unchanged apart from
    those, so that the field refuses it with its own message."""
    s = raw.strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    if s.count(",") == 1:
        return s.replace(".", "").replace(",", ".")
    if _THOUSANDS_DOTS.fullmatch(s):
        return s.replace(".", "")
    return s


class DutchDecimalField(forms.DecimalField):
    """A decimal field that accepts Dutch notation ("12,5", "1.250,75") whatever the language,
    typed in a text box with the decimal keyboard on phones."""

    widget = forms.TextInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = dutch_number_text(value)
        return super().to_python(value)


class UtrechtForm(forms.Form):
    """A form whose widgets carry the Utrecht NL Design System classes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = next((c for cls, c in WIDGET_CLASSES.items() if isinstance(widget, cls)), TEXTBOX)
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("rows", 4)


def form_add_domain_errors(form: forms.Form, exc: DomainError) -> None:
    """Show a service's error on the form: its message on top, each field's message at the field.

    Services name fields like the form does (`errors=[{"field": "value", "message": ...}]`);
    errors on fields the form does not have join the message on top.
    """
    form.add_error(None, exc.message)
    for error in exc.errors:
        field = error.get("field")
        message = str(error.get("message") or exc.message)
        if isinstance(field, str) and field in form.fields:
            form.add_error(field, message)
        elif message != exc.message:
            form.add_error(None, message)
