"""At phone width a coordinator records a meeting with a follow-up action that becomes a
progress update of a kans, and the shared calendar shows the meeting. Screenshots of every
participation page at 390 and 1366 pixels go to test-artifacts/."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from PIL import Image

from wijkaanpak.core.actors import SYSTEM

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A Dutch browser at phone width: the pages must work in Dutch first."""
    return {**browser_context_args, "locale": "nl-NL", "viewport": PHONE}


def _communication_and_story(programme: Any, kans: Any) -> Any:
    from wijkaanpak.participation import services

    films = services.channel_ensure(programme=programme, name="Films", kind="film", by=SYSTEM)
    services.channel_plan_set(channel=films, year=2020, planned=8, by=SYSTEM)
    services.output_create(
        programme=programme,
        channel=films,
        kind="film",
        title="Film: de eerste wijkambassadeur",
        date=dt.date(2020, 3, 20),
        status="made",
        opportunities=[kans],
        by=SYSTEM,
    )
    photo = io.BytesIO()
    Image.new("RGB", (800, 500), (40, 110, 160)).save(photo, format="JPEG")
    return services.story_create(
        programme=programme,
        title="Meer dan 175 bezoekers op de Beroepenmarkt",
        text="Doe-activiteiten en gesprekken met rolmodellen in theater Stefanus.",
        image=photo.getvalue(),
        image_alt="Bezoekers in de zaal",
        published=True,
        published_on=dt.date(2020, 3, 10),
        opportunities=[kans],
        by=SYSTEM,
    )


def _fits(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


@pytest.mark.browser
def test_a_coordinator_records_a_meeting_whose_follow_up_becomes_kans_progress(
    transactional_db: Any,
    coordinator: Any,
    kans: Any,
    live_server: Any,
    page: Any,
    screenshot: Any,
) -> None:
    story = _communication_and_story(kans.programme, kans)
    base = live_server.url + "/participatie/samen-voor-overvecht"
    page.goto(
        live_server.url
        + "/accounts/login/?next=/participatie/samen-voor-overvecht/activiteiten/nieuw/"
    )
    page.fill("#id_username", "coordinator")
    page.fill("#id_password", "pw-coordinator-123")
    page.click("button[type=submit] >> nth=-1")
    page.wait_for_url("**/activiteiten/nieuw/")
    _fits(page)
    screenshot("activity-form-390")

    page.select_option("#id_kind", "market")
    page.fill("#id_title", "Beroepenmarkt Bouw & Techniek")
    page.fill("#id_date", "2020-03-04")
    page.fill("#id_start", "14:00")
    page.fill("#id_end", "18:00")
    page.fill("#id_place", "Theater Stefanus")
    page.fill("#id_actual_attendance", "176")
    page.fill("#id_outcomes", "Meer dan 175 bezoekers.")
    page.click("form.app-form button[type=submit]")
    page.wait_for_url("**/participatie/activiteiten/*/")
    assert "Beroepenmarkt Bouw & Techniek" in page.locator("h1").inner_text()

    page.fill("#id_text", "Kandidaten koppelen aan de leerwerkplekken van Bouw=Wouw")
    page.select_option("#id_opportunity", str(kans.pk))
    page.click("form.app-form button[type=submit]")
    page.get_by_role("button", name="Vastleggen als voortgang van de kans").click()
    page.wait_for_selector("text=Vastgelegd als voortgang van de kans.")
    _fits(page)
    screenshot("activity-390")
    update = kans.progress_updates.get()
    assert update.date == dt.date(2020, 3, 4) and "Bouw=Wouw" in update.text

    page.goto(f"{base}/kalender/?maand=2020-03")
    day = page.locator("section[aria-label='woensdag 4 maart 2020']")
    assert "Beroepenmarkt Bouw & Techniek" in day.inner_text()
    assert "14:00–18:00" in day.inner_text()
    assert "Film: de eerste wijkambassadeur" in page.locator("main").inner_text()
    _fits(page)
    screenshot("calendar-390")

    pages = {
        "calendar": f"{base}/kalender/?maand=2020-03",
        "calendar-list": f"{base}/kalender/?weergave=lijst",
        "activities": f"{base}/activiteiten/",
        "activity-form": f"{base}/activiteiten/nieuw/",
        "communication": f"{base}/communicatie/?jaar=2020&kwartaal=1",
        "output-form": f"{base}/communicatie/nieuw/",
        "stories": f"{base}/verhalen/",
        "story": f"{live_server.url}/participatie/verhalen/{story.pk}/",
        "story-form": f"{base}/verhalen/nieuw/",
        "feed-tokens": f"{base}/kalender/abonneren/",
    }
    for size, viewport in (("390", PHONE), ("1366", DESKTOP)):
        page.set_viewport_size(viewport)
        for name, url in pages.items():
            response = page.goto(url)
            assert response.status == 200, url
            _fits(page)
            screenshot(f"{name}-{size}")
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/kalender/abonneren/")
    page.get_by_role("button", name="Nieuw adres maken").click()
    assert "/participatie/feed/" in page.locator("#new-feed-url").inner_text()
    screenshot("feed-tokens-new-390")
