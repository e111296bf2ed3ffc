"""Screenshots of the programme pages with the lineage section, on a phone (390 px) and a
laptop (1366 px): the section fits without sideways scrolling."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_lineage_on_the_programme_pages(
    transactional_db: Any, live_server: Any, page: Any, screenshot: Any
) -> None:
    from tests.demo_db import demo_restore

    demo_restore()
    page.set_extra_http_headers({"Accept-Language": "nl"})  # the Dutch interface
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        for slug in ("samen-voor-overvecht", "de-versnelling-in-overvecht", "vollenhove"):
            page.goto(f"{live_server.url}/programmas/{slug}/")
            if slug != "vollenhove":
                section = page.locator("#lineage-heading")
                assert section.is_visible()
                assert section.inner_text() in (
                    "Voortgekomen uit",
                    "Wat er van dit werk is geworden",
                )
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, (slug, width, scroll)
            screenshot(f"{slug}-{width}")
