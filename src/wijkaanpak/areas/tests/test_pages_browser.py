"""The area pages in Chromium at phone and desktop width (public pages, as anyone sees them):
no sideways scrolling, the outline drawn, screenshots in test-artifacts/."""

from __future__ import annotations

from typing import Any

import pytest

from wijkaanpak.areas import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A Dutch browser: the pages answer in Dutch."""
    return {**browser_context_args, "locale": "nl-NL"}


PAGES = [
    ("search", "/areas/?q=dreef"),
    ("wijk", "/areas/WK034403/"),
    ("split-buurt", "/areas/BU03440311/"),
    ("gemeente", "/areas/GM0344/"),
]


@pytest.mark.parametrize("width", [390, 1366])
def test_area_pages_fit_the_screen(
    page: Any, live_server: Any, screenshot: Any, width: int
) -> None:
    demo.load()
    page.set_viewport_size({"width": width, "height": 900})
    for name, path in PAGES:
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (name, overflow)
        if name != "search":
            box = page.locator("svg.app-outline").bounding_box()
            assert box and box["width"] <= width and box["height"] > 100
        assert "Gebied" in page.content()  # Dutch: "Gebied zoeken", "Gebiedsindeling"
        screenshot(f"{name}-{width}")
    page.goto(live_server.url + "/areas/WK034403/")
    page.locator("svg.app-outline a").first.focus()  # each buurt is a link, named on focus
    assert page.locator("svg.app-outline a title").first.text_content()
