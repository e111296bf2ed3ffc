"""The participation pages have no serious axe-core violations, for a visitor and for a
coordinator (the same check as tests/test_accessibility.py, on this app's pages only)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_accessibility import _check, _log_in, pages_for
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _ours(urls: list[str]) -> list[str]:
    return [u for u in urls if u.startswith("/participatie/")]


def test_participation_pages_for_a_visitor_and_a_coordinator(
    page: Any, live_server: Any, screenshot: Any
) -> None:
    world = build_world()
    visitor = _ours(pages_for("anonymous", world))
    assert len(visitor) >= 7
    assert _check(page, live_server, visitor, screenshot) == []
    _log_in(page, live_server, world.users["coordinator"])
    coordinator = _ours(pages_for("coordinator", world))
    assert len(coordinator) > len(visitor)
    assert _check(page, live_server, coordinator, screenshot) == []
