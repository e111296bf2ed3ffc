"""The organisation form in headless Chromium, as a municipality administrator: a duplicate is
refused with the existing entry's name, a new one is added; screenshots at 390 and 1366 px."""

from __future__ import annotations

import re
from typing import Any

import pytest

from wijkaanpak.team.tests.test_browser import _shots

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "nl-NL"}


def test_an_administrator_adds_an_organisation(
    live_server: Any, page: Any, transactional_db: Any, screenshot: Any
) -> None:
    from wijkaanpak.accounts.models import MunicipalityMembership, MunicipalityRole, User
    from wijkaanpak.areas.models import AreaLevel
    from wijkaanpak.areas.services import area_create_or_update
    from wijkaanpak.organisations.models import Organisation
    from wijkaanpak.organisations.services import organisation_create_or_update

    zeist = area_create_or_update(code="GM0355", name="Zeist", level=AreaLevel.MUNICIPALITY)
    admin = User.objects.create_user(username="beheer-zeist", password="pw-beheer-zeist-123")
    MunicipalityMembership.objects.create(
        user=admin, municipality=zeist, role=MunicipalityRole.ADMIN
    )
    organisation_create_or_update(name="Mitros", type="housing_corporation")

    page.goto(f"{live_server.url}/accounts/login/?next=/organisaties/nieuw/")
    page.get_by_label("Gebruikersnaam").fill("beheer-zeist")
    page.get_by_label("Wachtwoord").fill("pw-beheer-zeist-123")
    page.get_by_role("main").get_by_role(
        "button", name=re.compile("^(Aanmelden|Inloggen)$")
    ).click()
    page.wait_for_url(re.compile(r".*/organisaties/nieuw/$"))
    _shots(page, screenshot, "organisation-form")

    page.get_by_label("Naam").fill("MITROS")
    page.get_by_label("Soort").select_option("housing_corporation")
    page.get_by_role("button", name="Organisatie toevoegen").click()
    assert page.get_by_text("Mitros staat al in de lijst").first.is_visible()
    _shots(page, screenshot, "organisation-form-duplicate")

    page.get_by_label("Naam").fill("Woonstichting De Kombinatie")
    page.get_by_label("KvK-nummer").fill("31012345")
    page.get_by_role("button", name="Organisatie toevoegen").click()
    page.wait_for_url(re.compile(r".*/organisations/woonstichting-de-kombinatie/$"))
    assert Organisation.objects.get(name="Woonstichting De Kombinatie").kvk_number == "31012345"
