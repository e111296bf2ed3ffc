"""One Dutch frame in the browser (issue 15): the campaign funnel shows every number inside the
chart and the referral cards fit, at phone (390 px) and desktop (1366 px) width."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_accessibility import _log_in
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1366)


def _overflow(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_funnel_shows_dutch_steps_and_whole_numbers(
    page: Any, live_server: Any, screenshot: Any, width: int
) -> None:
    from wijkaanpak.outreach.models import Campaign

    world = build_world()
    campaign = Campaign.objects.order_by("pk").first()
    assert campaign is not None
    page.set_viewport_size({"width": width, "height": 900})
    page.set_extra_http_headers({"Accept-Language": "nl"})
    _log_in(page, live_server, world.users["coordinator"])
    page.goto(f"{live_server.url}/outreach/campaigns/{campaign.pk}/")
    screenshot(f"campaign-{width}")
    svg = page.locator("svg.app-funnel").bounding_box()
    texts = page.locator("svg.app-funnel text")
    assert texts.count() == 18  # nine steps: a name and a number each
    for i in range(texts.count()):
        box = texts.nth(i).bounding_box()
        assert box["x"] >= svg["x"] - 0.5, texts.nth(i).text_content()
        assert box["x"] + box["width"] <= svg["x"] + svg["width"] + 0.5, texts.nth(i).text_content()
    names = [texts.nth(i).text_content() for i in range(0, texts.count(), 2)]
    assert names[0] == "Adressen" and "Eerste contact" in names
    assert _overflow(page) <= 0


@pytest.mark.parametrize("persona", ["partner_a", "outreach_worker"])
@pytest.mark.parametrize("width", WIDTHS)
def test_referral_cards_fit_and_speak_dutch(
    page: Any, live_server: Any, screenshot: Any, width: int, persona: str
) -> None:
    world = build_world()
    page.set_viewport_size({"width": width, "height": 900})
    page.set_extra_http_headers({"Accept-Language": "nl"})
    _log_in(page, live_server, world.users[persona])
    page.goto(f"{live_server.url}/outreach/referrals/")
    screenshot(f"referrals-{persona}-{width}")
    rows = page.locator("main tr[data-referral]")  # the referral queue's rows (core/queues.py)
    assert rows.count() > 0
    rows.first.screenshot(path=f"test-artifacts/referral-card-{persona}-{width}.png")
    text = page.locator("main").inner_text()
    assert "display_name" not in text and "contact_preference" not in text
    assert _overflow(page) <= 0


DOWNLOADS = (".ics", ".csv", ".zip", ".pdf", ".docx", ".json", ".geojson")


@pytest.mark.parametrize(
    "persona", ["anonymous", "viewer", "coordinator", "outreach_worker", "partner_a", "back_office"]
)
def test_no_page_of_a_persona_scrolls_sideways_on_a_phone(
    page: Any, live_server: Any, persona: str
) -> None:
    """Every page the persona may open (tests/policy.py, as the raw-code scan sees them) fits 390
    px: no horizontal scrolling of the page itself (a wide table scrolls inside its own box)."""
    from tests.test_dutch_frame import pages_for

    world = build_world()
    if persona != "anonymous":
        _log_in(page, live_server, world.users[persona])
    page.set_viewport_size({"width": 390, "height": 844})
    page.set_extra_http_headers({"Accept-Language": "nl"})
    assert page.evaluate("navigator.language") == "nl-NL"
    too_wide = []
    for url in pages_for(persona, world):
        if url.split("?")[0].endswith(DOWNLOADS):  # a browser saves these, it shows no page
            continue
        response = page.goto(live_server.url + url)
        assert response is not None and response.ok, url
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        if (overflow := _overflow(page)) > 0:
            too_wide.append(f"{url}: {overflow} px")
    assert not too_wide, "\n".join(too_wide)
