"""At phone width (390 px, Dutch): a resident applies to the fund; an ambassador sends a signal
with a photo and follows it; the team handles both. Screenshots at 390 and 1366 px."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from wijkaanpak.residents.models import InitiativeApplication, Signal
from wijkaanpak.residents.tests.conftest import RW, jpeg_with_gps

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1366, "height": 900}


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "nl-NL", "viewport": PHONE}


def _both(page: Any, screenshot: Any, name: str) -> None:
    screenshot(f"{name}-390")
    page.set_viewport_size(DESK)
    screenshot(f"{name}-1366")
    page.set_viewport_size(PHONE)


def _login(page: Any, base: str, username: str, password: str, next_url: str) -> None:
    page.goto(f"{base}/accounts/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit] >> nth=-1")
    page.wait_for_url(f"**{next_url}")


def _no_horizontal_scroll(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1


@pytest.mark.browser
def test_resident_applies_and_the_team_grants(
    transactional_db: Any, rw: RW, live_server: Any, page: Any, screenshot: Any
) -> None:
    base = live_server.url
    slug = rw.programme.slug
    page.goto(f"{base}/bewoners/{slug}/initiatieffonds/aanvragen/")
    page.get_by_label("Wat wilt u doen?").fill("Buurtbarbecue")
    page.get_by_label("Waar?").fill("Grasveld Zambesidreef")
    page.get_by_label("Voor wie?").fill("Bewoners van de flats")
    page.get_by_label("Gevraagd bedrag (euro)").fill("750")
    page.get_by_label("Uw naam").fill("Ayse Yilmaz")
    page.get_by_label("Uw e-mailadres").fill("ayse@example.org")
    page.locator("#id_consent").check()
    _no_horizontal_scroll(page)
    _both(page, screenshot, "fund-form")
    page.get_by_role("button", name="Aanvraag versturen").click()
    page.wait_for_url("**/initiatieffonds/bedankt/")
    assert "Bedankt voor uw aanvraag" in page.content()
    _both(page, screenshot, "fund-thanks")
    app = InitiativeApplication.objects.get()

    # The coordinator reviews and grants it.
    page.context.clear_cookies()
    _login(page, base, "coordinator", "pw-coordinator-123", f"/bewoners/{slug}/aanvragen/")
    _both(page, screenshot, "application-queue")
    page.get_by_role("link", name="Buurtbarbecue").click()
    page.wait_for_url(f"**/bewoners/aanvragen/{app.pk}/")
    assert "ayse@example.org" in page.content()
    page.select_option("#id_to", "in_review")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/bewoners/aanvragen/{app.pk}/")
    page.select_option("#id_to", "granted")
    page.get_by_label("Toegekend bedrag (euro)").fill("700")
    _both(page, screenshot, "application-grant")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/bewoners/aanvragen/{app.pk}/")
    assert page.locator("[data-state]").first.get_attribute("data-state") == "granted"
    page.goto(f"{base}/bewoners/{slug}/initiatieven/")
    assert "Buurtbarbecue" in page.content() and "Ayse" not in page.content()
    _both(page, screenshot, "initiatives")


@pytest.mark.browser
def test_ambassador_sends_a_signal_with_photo_and_the_team_handles_it(
    transactional_db: Any,
    rw: RW,
    live_server: Any,
    page: Any,
    screenshot: Any,
    tmp_path: Path,
) -> None:
    base = live_server.url
    slug = rw.programme.slug
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(jpeg_with_gps((1200, 900)))
    _login(page, base, "fatima", "pw-fatima-123", "/bewoners/ik/")
    _both(page, screenshot, "ambassador-me")
    page.get_by_role("link", name="Iets melden").click()
    page.wait_for_url(f"**/bewoners/{slug}/melden/")
    page.select_option("#id_theme", label="Afval")
    page.select_option("#id_buurt", label="Zambesidreef")
    page.get_by_label("Wat heeft u gezien?").fill("Vuilniszakken naast de container")
    page.set_input_files("#id_photo", str(photo))
    _no_horizontal_scroll(page)
    _both(page, screenshot, "signal-form")
    page.get_by_role("button", name="Signaal versturen").click()
    page.wait_for_url("**/bewoners/volgen/*/")
    signal = Signal.objects.get()
    assert signal.code in page.content() and "Doorgestuurd" in page.content()
    _both(page, screenshot, "signal-follow")
    with signal.photo.open("rb") as f:
        assert not Image.open(io.BytesIO(f.read())).getexif().get_ifd(0x8825)
    page.goto(f"{base}/bewoners/ik/")
    assert page.locator("[data-my-signals] li").count() == 1

    # The organisation it was routed to handles it, with feedback.
    page.context.clear_cookies()
    _login(page, base, "partner", "pw-partner-123", f"/bewoners/{slug}/meldingen/")
    _both(page, screenshot, "signal-queue")
    page.locator(f"[data-signal='{signal.pk}'] a").click()
    page.wait_for_url(f"**/bewoners/meldingen/{signal.pk}/")
    assert page.locator("img.app-photo").evaluate("i => i.naturalWidth") > 0
    page.select_option("#id_to", "handled")
    page.get_by_label("Terugkoppeling aan de melder").fill("Opgeruimd, dank voor uw melding.")
    _both(page, screenshot, "signal-handle")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/bewoners/meldingen/{signal.pk}/")

    # The ambassador follows it: handled, with the feedback.
    page.context.clear_cookies()
    page.goto(f"{base}/bewoners/volgen/{signal.code}/")
    assert "Afgehandeld" in page.content() and "Opgeruimd" in page.content()
    _both(page, screenshot, "signal-handled")
