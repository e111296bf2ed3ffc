"""The public dashboard in headless Chromium as a visitor, at phone and desktop width: axe-core
finds nothing serious, nothing sticks out sideways, the open data link is there."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "nl-NL"}


def test_the_dashboard_at_phone_and_desktop(
    transactional_db: Any, live_server: Any, page: Any, screenshot: Any
) -> None:
    from django.core.cache import cache

    from tests.demo_db import demo_restore
    from tests.test_accessibility import _describe, axe_violations

    demo_restore()
    cache.clear()
    url = f"{live_server.url}/programmas/samen-voor-overvecht/dashboard/"
    problems: list[str] = []
    for width, height in ((390, 844), (1366, 900)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(url)
        assert page.get_by_role("heading", name="Geld per ambitie").is_visible()
        assert page.locator("[data-open-data]").is_visible()
        problems += _describe(f"dashboard {width}", axe_violations(page))
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{overflow}px too wide at {width}px"
        screenshot(f"{width}")
        for part in ("d-ambitions", "d-money"):
            section = page.locator(f"section[aria-labelledby={part}]")
            section.screenshot(path=str(screenshot(f"{width}-{part}")))
    assert not problems, "\n".join(problems)
