"""The choropleth map in Chromium with the demo and the shared CBS boundaries (issue 18): the
indicator page and the area profile at 390 and 1366 px, axe-core without serious or critical
violations, the legend readable on a phone, the areas reachable with the keyboard.
Screenshots: test-artifacts/maps-*.png."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"390": {"width": 390, "height": 844}, "1366": {"width": 1366, "height": 900}}
PAGES = {
    "indicator": "/indicators/indicator/misdrijven_totaal/",
    "indicator-wijk": "/indicators/indicator/misdrijven_totaal/?niveau=wijk",
    "profile": "/indicators/gebied/WK034403/",
}


@pytest.fixture
def demo_with_boundaries(live_server: Any) -> None:
    from django.core.cache import cache

    from tests.demo_db import demo_restore
    from wijkaanpak.indicators.tests.boundaries import (
        load_utrecht_buurten_2013,
        load_utrecht_wijken,
    )

    demo_restore()
    load_utrecht_wijken()
    load_utrecht_buurten_2013()
    cache.clear()


@pytest.mark.parametrize("width", WIDTHS)
def test_map_pages_in_the_browser(
    page: Any, live_server: Any, demo_with_boundaries: None, width: str
) -> None:
    page.set_viewport_size(WIDTHS[width])
    page.set_extra_http_headers({"Accept-Language": "nl"})
    problems: list[str] = []
    for name, url in PAGES.items():
        response = page.goto(live_server.url + url)
        assert response is not None and response.ok, url
        assert page.locator("svg.app-map").count() == 1, url
        assert page.locator("svg.app-tilemap").count() == 0, url
        page.locator("details.app-map-table summary").click()  # opened, as a person would
        problems += [f"{url}: {v['id']} ({v['impact']}) {v['help']}" for v in axe_violations(page)]
        # The legend stays readable on a phone: at least 11 CSS pixels high.
        legend_px = page.evaluate(
            "Math.min(...[...document.querySelectorAll('svg.app-map g[font-size] text')]"
            ".map(t => t.getBoundingClientRect().height))"
        )
        assert legend_px >= 11, (url, legend_px)
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        page.screenshot(path=f"test-artifacts/maps-{name}-{width}.png", full_page=True)
    assert problems == []


def test_areas_are_reachable_with_the_keyboard(
    page: Any, live_server: Any, demo_with_boundaries: None
) -> None:
    page.goto(live_server.url + PAGES["indicator"])
    first = page.locator("svg.app-map a").first
    first.focus()
    name = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert name and ":" in name
    page.keyboard.press("Tab")
    second = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert second and second != name
