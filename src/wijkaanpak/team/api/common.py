"""The programmes router and what its resource modules share."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["programmes"])


def _or(value: str | None, current: str) -> str:
    return current if value is None else value
