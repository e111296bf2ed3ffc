"""The kansen router and the field types shared by the request schemas."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Router

router = Router(tags=["kansen"])


def _num(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _document_as_number(schema: dict[str, Any]) -> None:
    """Pydantic documents Decimal as number-or-any-string; the API fuzzing sent "" and got 422."""
    schema.pop("anyOf", None)
    schema.update(type="number", minimum=0, maximum=999_999_999_999.99, multipleOf=0.01)


# --- creating and editing kansen ----------------------------------------------------------

Text200 = Annotated[str, Field(max_length=200)]
LongText = Annotated[str, Field(max_length=10000)]
Code = Annotated[str, Field(min_length=1, max_length=80)]


# --- measures -----------------------------------------------------------------------------


Amount14 = Annotated[
    Decimal, Field(max_digits=14, decimal_places=2, json_schema_extra=_document_as_number)
]
