"""Form helpers shared by the apps' page forms."""

from __future__ import annotations

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
