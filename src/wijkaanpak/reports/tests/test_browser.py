"""The 2020 report in headless Chromium as the demo coordinator, at phone and desktop width."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "nl-NL"}


def test_the_report_fits_a_phone_and_a_desktop(
    transactional_db: Any, live_server: Any, page: Any, screenshot: Any
) -> None:
    from tests.demo_db import demo_restore

    demo_restore()
    user = get_user_model().objects.get(username="coordinator")
    user.set_password("pw-coordinator-123")
    user.save()
    url = "/programmas/samen-voor-overvecht/rapportage/2020/"
    page.goto(f"{live_server.url}/accounts/login/?next={url}")
    page.fill("#id_username", "coordinator")
    page.fill("#id_password", "pw-coordinator-123")
    page.click("button[type=submit] >> nth=-1")
    page.wait_for_url(f"**{url}")
    for width, height in ((390, 844), (1366, 900)):
        page.set_viewport_size({"width": width, "height": height})
        page.reload()
        assert page.get_by_role("heading", name="5. Financiën").is_visible()
        assert page.locator("[data-rule=printed_total]").inner_text().count("€") >= 2
        # Nothing sticks out sideways: wide tables scroll inside their own box.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{overflow}px too wide at {width}px"
        screenshot(f"{width}")
