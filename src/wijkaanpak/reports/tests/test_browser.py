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


def test_texts_and_sign_off_at_phone_and_desktop(
    transactional_db: Any, live_server: Any, page: Any, screenshot: Any
) -> None:
    """An editor writes the foreword; the coordinator approves and publishes; axe finds nothing
    serious on the text page and the report page, at 390 and 1366 px."""
    from tests.demo_db import demo_restore
    from tests.test_accessibility import _describe, _log_in, axe_violations
    from wijkaanpak.core.actors import SYSTEM
    from wijkaanpak.programmes.models import Programme
    from wijkaanpak.reports import services

    demo_restore()
    base = "/programmas/samen-voor-overvecht/rapportage/2020/"
    _log_in(page, live_server, get_user_model().objects.get(username="editor"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{base}tekst/foreword/")
    page.fill("#id_text", "Een jaar van samenwerken.\n\nDe raad leest mee.")
    page.click("button[type=submit] >> nth=-1")
    page.wait_for_url(f"**{base}#n-foreword")
    assert page.locator("[data-narrative=foreword]").inner_text().startswith("Een jaar")
    problems: list[str] = []
    for width, height in ((390, 844), (1366, 900)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}{base}tekst/foreword/")
        assert "Versie 1" in page.content()
        problems += _describe("tekst", axe_violations(page))
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"text page {overflow}px too wide at {width}px"
        screenshot(f"text-{width}")
    programme = Programme.objects.get(slug="samen-voor-overvecht")
    services.report_transition(programme=programme, year=2020, to="review", by=SYSTEM)
    # In review: the comment form (coalition partners and the kenniskring).
    for width, height in ((390, 844), (1366, 900)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}{base}#r-comments")
        page.fill("#id_c_text", f"Opmerking bij {width}")
        page.click("section.report-review button[type=submit]")
        assert page.locator("[data-comments]").inner_text().count("Opmerking bij") >= 1
        problems += _describe("opmerkingen", axe_violations(page))
        page.locator("section.report-review").screenshot(path=str(screenshot(f"review-{width}")))
    page.goto("about:blank")  # the next visit is a new load, not a jump to another anchor
    for to in ("approved", "published"):
        services.report_transition(programme=programme, year=2020, to=to, by=SYSTEM)
    _log_in(page, live_server, get_user_model().objects.get(username="coordinator"))
    for width, height in ((390, 844), (1366, 900)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}{base}#r-signoff")
        assert page.locator("[data-report-status=published]").is_visible()
        assert page.get_by_role("link", name="PDF").is_visible()
        problems += _describe("rapportage", axe_violations(page))
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"report page {overflow}px too wide at {width}px"
        page.locator("section.report-signoff").screenshot(path=str(screenshot(f"signoff-{width}")))
    assert not problems, "\n".join(problems)
