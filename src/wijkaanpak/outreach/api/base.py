"""The outreach router and the base of its response schemas."""

from __future__ import annotations

from django.db import models
from ninja import Router
from pydantic import BaseModel, ConfigDict, WithJsonSchema

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.outreach.services.validation import TEXT_MAX

router = Router(tags=["outreach"], auth=logged_in)

Cell = int | str


class Out(BaseModel):
    """Base of the response schemas: plain pydantic models rather than ninja.Schema.

    ninja.Schema validates through a wrap validator that puts every nested object behind a
    Django attribute getter; on a 50-item list that cost more than the SQL. Plain models are
    validated by pydantic-core alone, with the same fields and the same OpenAPI document.
    """

    model_config = ConfigDict(from_attributes=True)


class Ref(Out):
    id: int
    name: str


# Input fields are checked by the services (services/validation.py: a 400 naming the field, for
# the pages as for the API); these document the same rules in the OpenAPI schema.


def choice(choices: type[models.TextChoices]) -> WithJsonSchema:
    """A text field that takes one of the choices."""
    return WithJsonSchema({"type": "string", "enum": [str(v) for v in choices.values]})


def text(max_length: int = TEXT_MAX) -> WithJsonSchema:
    """A text field of at most `max_length` characters."""
    return WithJsonSchema({"type": "string", "maxLength": max_length})
