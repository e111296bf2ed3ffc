"""Helpers shared by the API routers: pagination and common schemas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Annotated, Any, TypeVar

from django.db.models import QuerySet
from ninja import Schema
from pydantic import BeforeValidator, Field

T = TypeVar("T")

MAX_LIMIT = 500
# Beyond any real list; keeps huge offsets from overflowing the database's integers (a 500
# that the API fuzzing found: ?offset=47572586173243654483002238972198912).
MAX_OFFSET = 1_000_000_000


class Problem(Schema):
    status: int
    title: str
    detail: str
    errors: list[dict[str, Any]] | None = None


# Error answers that every endpoint may give, for the OpenAPI document.
READ_ERRORS: dict[int, Any] = {404: Problem, 422: Problem}
WRITE_ERRORS: dict[int, Any] = {
    400: Problem,
    401: Problem,
    403: Problem,
    404: Problem,
    409: Problem,
    422: Problem,
}


class Ref(Schema):
    id: int
    name: str


def page_bounds(limit: int, offset: int) -> tuple[int, int]:
    """The limit and offset every list accepts: limit 1 to MAX_LIMIT, offset 0 to MAX_OFFSET.

    The one pagination rule of the API and the pages. django-ninja's own LimitOffsetPagination
    would answer the same shape but refuses out-of-range values with 422 where the lists clamp
    them, and names each paged schema anew in the OpenAPI document.
    """
    return max(1, min(limit, MAX_LIMIT)), max(0, min(offset, MAX_OFFSET))


def paginate(
    items: QuerySet[Any] | Sequence[Any],
    *,
    limit: int,
    offset: int,
    serialize: Callable[[Any], T],
) -> dict[str, Any]:
    limit, offset = page_bounds(limit, offset)
    count = items.count() if isinstance(items, QuerySet) else len(items)
    page: Iterable[Any] = items[offset : offset + limit]
    return {"count": count, "items": [serialize(item) for item in page]}


# --- Bounded numbers (input is validated at the edge) ---------------------------------------
# Every integer an endpoint takes, as a path or query parameter or in a body, has a range: a
# value outside it is answered 422 with the field and a message before any query runs (the
# databases refuse integers beyond 64 bits, SQLite with OverflowError, PostgreSQL with an
# error; a year beyond 9999 is no date). The ranges show in the OpenAPI document.

#: The largest value of a 64-bit database integer (ids, amounts in euros).
BIGINT_MAX = 2**63 - 1
#: The largest value of a 32-bit database integer (versions, small counts).
INT_MAX = 2**31 - 1

Id = Annotated[int, Field(ge=1, le=BIGINT_MAX)]
Year = Annotated[int, Field(ge=1, le=9999)]
Version = Annotated[int, Field(ge=0, le=INT_MAX)]
#: An amount for a 64-bit column; the service checks its sign with its own message.
Amount = Annotated[int, Field(ge=-BIGINT_MAX - 1, le=BIGINT_MAX)]
#: Page size; values above MAX_LIMIT are answered with MAX_LIMIT items.
Limit = Annotated[int, Field(ge=1, le=MAX_OFFSET)]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]


def bounded_int(raw: str | None, *, low: int, high: int) -> int | None:
    """A page's numeric query parameter: the integer when it is one within [low, high], else
    None (the page then shows its default, as for a missing parameter)."""
    if raw is None:
        return None
    text = raw.strip()
    digits = text[1:] if text[:1] == "-" else text
    if not digits.isascii() or not digits.isdigit() or len(digits) > 20:
        return None
    value = int(text)
    return value if low <= value <= high else None


def _date_text(value: Any) -> Any:
    """A date in a body is ISO text ("2026-03-01"): pydantic would also take a number as seconds
    since 1970 (found by the API fuzzing: {"date": 0} recorded a value on 1970-01-01)."""
    if isinstance(value, bool | int | float):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


Date = Annotated[dt.date, BeforeValidator(_date_text)]
