"""End to end in headless Chromium: an editor logs in, adds progress and sees it on the kans page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.opportunities import services

pytestmark = pytest.mark.browser
# Django admin's catalogue (listed first in INSTALLED_APPS) says "Aanmelden" for "Log in".
LOG_IN = re.compile("^(Aanmelden|Inloggen)$")


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A Dutch browser: the pages must work in Dutch first."""
    return {**browser_context_args, "locale": "nl-NL"}


@pytest.fixture
def funnel_kans(transactional_db: Any, kans: Any) -> Any:
    for i, (name, target, actual) in enumerate(
        [
            ("Benaderd", 100, 112),
            ("In beeld", 80, 74),
            ("Jongeren die na een warme overdracht weer op het spoor zijn gekomen", 15, 9),
        ],
        1,
    ):
        measure = services.measure_create(
            opportunity=kans,
            name=name,
            rba_class="how_much",
            target=target,
            funnel_order=i,
            by=SYSTEM,
        )
        services.measure_value_record(
            measure=measure, date=dt.date(2020, 3, 1), value=actual, by=SYSTEM
        )
    return kans


def test_an_editor_adds_a_progress_update_and_sees_it_on_the_kans_page(
    transactional_db: Any,
    live_server: Any,
    page: Any,
    editor: Any,
    funnel_kans: Any,
    screenshot: Any,
) -> None:
    kans_url = f"{live_server.url}/kansen/{funnel_kans.pk}/"
    page.goto(kans_url)
    assert page.get_by_role("link", name="Voortgang toevoegen").count() == 0  # not logged in

    page.get_by_role("link", name=LOG_IN).click()
    page.get_by_label("Gebruikersnaam").fill("editor")
    page.get_by_label("Wachtwoord").fill("pw-editor-123")
    page.get_by_role("main").get_by_role("button", name=LOG_IN).click()
    page.wait_for_url(kans_url)

    page.get_by_role("link", name="Voortgang toevoegen").click()
    page.get_by_label("Datum").fill("2020-04-15")
    page.get_by_label("Voortgang", exact=True).fill("Eerste groep jongeren begeleid naar werk.")
    screenshot("form")
    page.get_by_role("button", name="Voortgang opslaan").click()

    page.wait_for_url(kans_url + "#voortgang")
    assert page.get_by_role("status").filter(has_text="De voortgang is toegevoegd.").is_visible()
    timeline = page.locator("#voortgang + ol")
    assert timeline.get_by_text("Eerste groep jongeren begeleid naar werk.").is_visible()
    assert timeline.locator("time[datetime='2020-04-15']").inner_text() == "15 april 2020"
    assert page.get_by_role("img", name="Trechter van Focus op Overvecht").is_visible()
    screenshot("kans")


def test_an_invalid_progress_update_shows_the_message_at_the_field(
    transactional_db: Any, live_server: Any, page: Any, editor: Any, kans: Any, screenshot: Any
) -> None:
    page.goto(f"{live_server.url}/accounts/login/?next=/kansen/{kans.pk}/voortgang/")
    page.get_by_label("Gebruikersnaam").fill("editor")
    page.get_by_label("Wachtwoord").fill("pw-editor-123")
    page.get_by_role("main").get_by_role("button", name=LOG_IN).click()
    page.get_by_label("Datum").fill("")
    page.get_by_role("button", name="Voortgang opslaan").click()
    text = page.get_by_label("Voortgang", exact=True)
    assert text.get_attribute("aria-invalid") == "true"
    assert page.locator("#id_text_error").is_visible()
    screenshot("invalid")


def test_the_programme_page_renders_on_a_phone(
    transactional_db: Any, live_server: Any, page: Any, funnel_kans: Any, screenshot: Any
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/programmas/samen-voor-overvecht/")
    assert page.get_by_role("heading", level=1, name="Samen voor Overvecht").is_visible()
    assert page.get_by_role("heading", name="2. Perspectief jeugd").is_visible()
    assert page.get_by_role("link", name="Focus op Overvecht").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    screenshot("programme")
    page.get_by_role("link", name="Focus op Overvecht").first.click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Every funnel label lies within the chart, also the long step name (shortened).
    labels = page.locator(".app-funnel__label")
    assert labels.count() == 3
    chart = page.locator("svg.app-funnel").bounding_box()
    assert chart is not None
    for i in range(labels.count()):
        box = labels.nth(i).bounding_box()
        assert box is not None
        assert chart["x"] <= box["x"] and box["x"] + box["width"] <= chart["x"] + chart["width"]
    assert "…" in labels.nth(2).evaluate("e => e.lastChild.textContent")
    screenshot("kans")
