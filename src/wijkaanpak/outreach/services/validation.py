"""Input checks shared by every outreach write: a value must be one of its field's choices and
fit its length, whoever sends it (API, pages, imports), so that bad input is a 400 with a
message and never a database error. The API schemas document the same rules
(api/base.py `choice` and `text`)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from wijkaanpak.core.exceptions import InvalidInput

# Free text (notes, descriptions, reasons) has no length in the database; this bounds it.
TEXT_MAX = 10_000


def field_limit(model: type[models.Model], name: str) -> int:
    """The most characters a text field of the model takes."""
    field = model._meta.get_field(name)
    return int(getattr(field, "max_length", None) or TEXT_MAX)


def fields_check(model: type[models.Model], values: dict[str, Any]) -> None:
    """InvalidInput (400) naming every value that is not one of its field's choices, is not
    text where text is expected, or is longer than its field takes."""
    errors: list[dict[str, str]] = []
    for name, value in values.items():
        field = model._meta.get_field(name)
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if value is None:
            if not field.null:
                errors.append({"field": name, "message": _("a value")})
            continue
        if not isinstance(value, str):
            errors.append({"field": name, "message": _("text")})
            continue
        if field.choices:
            allowed = [str(v) for v, _label in field.flatchoices]
            if value not in allowed:
                errors.append({"field": name, "message": _("one of %s") % ", ".join(allowed)})
                continue
        limit = field_limit(model, name)
        if len(value) > limit:
            errors.append({"field": name, "message": _("at most %(n)d characters") % {"n": limit}})
    if errors:
        raise InvalidInput(_("The input is not valid."), errors=errors)
