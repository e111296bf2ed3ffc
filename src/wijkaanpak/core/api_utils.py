"""Helpers shared by the API routers: pagination and common schemas."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.db.models import QuerySet
from ninja import Schema

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
