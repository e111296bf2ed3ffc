"""Screens people work in all day (issue 15), in Chromium with the demo: the three walkthroughs
at the widths where they happen, the phone menu, and no sideways scrolling on the new pages.

Screenshots of every page at 390 and 1366 px land in test-artifacts/ (screens-*.png).
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import totp_code
from tests.test_accessibility import _log_in
from tests.world import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def _overflow(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=f"test-artifacts/screens-{name}.png", full_page=True)


def _login_with_the_form(page: Any, live_server: Any, world: World, persona: str) -> None:
    user = world.users[persona]
    code = totp_code(user)  # an enrolled authenticator: these roles see personal data
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", f"pw-{persona}-matrix")
    with page.expect_navigation():
        page.click("main button[type=submit], main input[type=submit]")
    if "/accounts/2fa/verify/" in page.url:
        page.fill("#id_token", code)
        with page.expect_navigation():
            page.click("main button[type=submit]")


@pytest.fixture
def world(live_server: Any) -> World:
    return build_world()


def test_the_outreach_worker_finds_an_address_records_consent_and_refers(
    page: Any, live_server: Any, world: World
) -> None:
    from wijkaanpak.outreach.models import Address, Household, Referral

    page.set_viewport_size(PHONE)
    page.set_extra_http_headers({"Accept-Language": "nl"})
    _log_in(page, live_server, world.users["outreach_worker"])
    page.goto(live_server.url + "/outreach/mijn-werk/")
    _shot(page, "work-outreach_worker-390")
    assert _overflow(page) <= 0
    address = Address.objects.get(pk=world["free_address_id"])
    page.click("text=Bezoek vastleggen")
    # Part of the street and the number, as a worker types it on the doorstep.
    page.fill("#q", f"{address.street[:5].lower()} {address.house_number}{address.addition}")
    with page.expect_navigation():
        page.click("main form[role=search] button[type=submit]")
    _shot(page, "visit-search-390")
    assert _overflow(page) <= 0
    with page.expect_navigation():
        page.click(f".app-pick[href$='?address={address.pk}']")
    page.check("input[name=outcome][value=reached]")
    page.fill("#display_name", "Fam. Voordeur")
    page.select_option("#legal_basis", "consent")
    page.fill("#consent_purpose", "Doorverwijzing naar Mitros")
    page.check(f"input[name=share_with][value='{world['org_a_id']}']")
    _shot(page, "visit-form-390")
    assert _overflow(page) <= 0
    with page.expect_navigation():
        page.click("button.app-wide[type=submit]")
    household = Household.objects.get(address=address)
    assert page.url.endswith(f"/outreach/households/{household.pk}/")
    assert household.legal_basis == "consent"
    # The referral from the household's page; the worker stays on the household.
    page.select_option("#ref-org", str(world["org_a_id"]))
    page.fill("#ref-reason", "Vraag over de huur")
    with page.expect_navigation():
        page.click("form:has(#ref-org) button[type=submit]")
    assert page.url.endswith(f"/outreach/households/{household.pk}/")
    page.wait_for_selector(".utrecht-alert--ok")
    _shot(page, "household-390")
    assert _overflow(page) <= 0
    assert Referral.objects.get(household=household).organisation_id == world["org_a_id"]


def test_the_partner_lands_on_the_inbox_accepts_and_records_first_contact(
    page: Any, live_server: Any, world: World
) -> None:
    from wijkaanpak.outreach.models import Referral

    page.set_viewport_size(PHONE)
    page.set_extra_http_headers({"Accept-Language": "nl"})
    _login_with_the_form(page, live_server, world, "partner_a")
    assert page.url.endswith("/outreach/mijn-werk/")  # their work, not the programme page
    _shot(page, "work-partner_a-390")
    assert _overflow(page) <= 0
    pk = world["referral_a_id"]
    row = page.locator(f"[data-referral='{pk}']")
    assert "Accepteren" in row.inner_text() and "accepted" not in row.inner_text()
    with page.expect_navigation():
        row.locator("button", has_text="Accepteren").click()
    assert Referral.objects.get(pk=pk).state == "accepted"
    row = page.locator(f"[data-referral='{pk}']")
    row.locator("input[name=note]").fill("Gebeld; huisbezoek op dinsdag")
    with page.expect_navigation():
        row.locator("button", has_text="Eerste contact vastleggen").click()
    assert Referral.objects.get(pk=pk).state == "first_contact"
    page.goto(f"{live_server.url}/outreach/referrals/{pk}/")
    history = page.locator(".app-history").inner_text()
    assert "Gebeld; huisbezoek op dinsdag" in history
    _shot(page, "referral-partner_a-390")
    assert _overflow(page) <= 0


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1366"])
def test_the_coordinator_start_page_lists_what_needs_attention(
    page: Any, live_server: Any, world: World, viewport: dict[str, int]
) -> None:
    page.set_viewport_size(viewport)
    page.set_extra_http_headers({"Accept-Language": "nl"})
    _log_in(page, live_server, world.users["coordinator"])
    page.goto(live_server.url + "/outreach/mijn-werk/")
    _shot(page, f"work-coordinator-{viewport['width']}")
    section = page.locator("[data-queue=coordinator]")
    assert "Aandacht nodig in" in section.inner_text()
    assert "verwijzingen over de termijn" in section.inner_text()
    assert _overflow(page) <= 0


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1366"])
@pytest.mark.parametrize("persona", ["outreach_worker", "partner_a", "back_office"])
def test_start_pages_and_queues_fit_the_screen(
    page: Any, live_server: Any, world: World, viewport: dict[str, int], persona: str
) -> None:
    page.set_viewport_size(viewport)
    page.set_extra_http_headers({"Accept-Language": "nl"})
    _log_in(page, live_server, world.users[persona])
    width = viewport["width"]
    urls = {"work": "/outreach/mijn-werk/", "referrals": "/outreach/referrals/"}
    if persona != "outreach_worker":
        urls["referral"] = f"/outreach/referrals/{world['referral_a_id']}/"
    if persona == "outreach_worker":
        urls["visit"] = f"/outreach/campaigns/{world['campaign_id']}/visit/?q=gagel"
        urls["visit-form"] = (
            f"/outreach/campaigns/{world['campaign_id']}/visit/?address={world['free_address_id']}"
        )
        urls["household"] = f"/outreach/households/{world['household_id']}/"
        urls["campaign"] = f"/outreach/campaigns/{world['campaign_id']}/"
        urls["households"] = "/outreach/households/?status=interviewed"
    for name, url in urls.items():
        page.goto(live_server.url + url)
        _shot(page, f"{name}-{persona}-{width}")
        assert _overflow(page) <= 0, url


def test_the_phone_menu_folds_the_navigation_away(
    page: Any, live_server: Any, world: World
) -> None:
    page.set_viewport_size(PHONE)
    page.set_extra_http_headers({"Accept-Language": "nl"})
    _log_in(page, live_server, world.users["outreach_worker"])
    page.goto(live_server.url + "/outreach/mijn-werk/")
    button = page.locator("#app-menu-button")
    header = page.locator("header").bounding_box()
    assert header is not None and header["height"] < 80  # one line: the brand and "Menu"
    assert not page.locator(".app-nav").is_visible()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert page.locator(".app-nav a", has_text="Mijn werk").is_visible()
    _shot(page, "menu-open-390")
    assert _overflow(page) <= 0
    page.keyboard.press("Escape")
    assert not page.locator(".app-nav").is_visible()
    # At desktop width there is no button: the links are in the header.
    page.set_viewport_size(DESKTOP)
    assert not button.is_visible()
    assert page.locator(".app-nav a", has_text="Mijn werk").is_visible()
    _shot(page, "menu-1366")
