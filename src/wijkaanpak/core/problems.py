"""Problem details (RFC 9457) responses."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse

TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    409: "Conflict",
    422: "Unprocessable content",
    429: "Too many requests",
}


def problem(
    status: int, detail: str, *, errors: list[dict[str, Any]] | None = None
) -> HttpResponse:
    body: dict[str, Any] = {
        "status": status,
        "title": TITLES.get(status, "Error"),
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    return HttpResponse(
        json.dumps(body, default=str),
        status=status,
        content_type="application/problem+json",
    )


def validation_errors_from_ninja(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Turn pydantic/ninja error dicts into `{"field", "message"}` items."""
    result = []
    for err in errors:
        loc = [
            str(p)
            for p in err.get("loc", [])
            if p not in ("body", "payload", "query", "path", "form")
        ]
        result.append({"field": ".".join(loc) or None, "message": err.get("msg", "invalid")})
    return result
