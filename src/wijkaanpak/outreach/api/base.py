"""The outreach router and the base of its response schemas."""

from __future__ import annotations

from ninja import Router
from pydantic import BaseModel, ConfigDict

from wijkaanpak.accounts.auth import logged_in

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
