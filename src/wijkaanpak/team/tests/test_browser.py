"""End to end in headless Chromium, from an installation with only a municipality administrator:
create a programme, two ambitions and a theme, add the partner organisations to the directory,
set up a kans with a coalition and a funnel measure, invite an editor; the editor follows the
link from the mail that a real SMTP server received, sets a password and adds progress to the
kans (issue 13's journey). Screenshots of every page of the team app at phone and desktop width
go to test-artifacts/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from wijkaanpak.jobs.worker import run_pending
from wijkaanpak.notifications.tests.smtp import SMTPServer

pytestmark = pytest.mark.browser
LOG_IN = re.compile("^(Aanmelden|Inloggen)$")
WIDTHS = (390, 1366)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "nl-NL"}


@pytest.fixture
def smtp(settings: Any, live_server: Any) -> Iterator[SMTPServer]:
    server = SMTPServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = live_server.url
    yield server
    server.stop()


@pytest.fixture
def empty_installation(transactional_db: Any) -> Any:
    """Only the area registry (shared) and one municipality administrator of Zeist."""
    from wijkaanpak.accounts.models import MunicipalityMembership, MunicipalityRole, User
    from wijkaanpak.areas.models import AreaLevel
    from wijkaanpak.areas.services import area_create_or_update

    zeist = area_create_or_update(code="GM0355", name="Zeist", level=AreaLevel.MUNICIPALITY)
    area_create_or_update(
        code="WK035503", name="Vollenhove", level=AreaLevel.DISTRICT, parent=zeist
    )
    admin = User.objects.create_user(
        username="beheer-zeist",
        password="pw-beheer-zeist-123",
        email="beheer@zeist.example.org",
        first_name="Beheer",
        last_name="Zeist",
    )
    MunicipalityMembership.objects.create(
        user=admin, municipality=zeist, role=MunicipalityRole.ADMIN
    )
    return admin


def _overflow(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def _shots(page: Any, screenshot: Any, name: str) -> None:
    """The page at phone and desktop width, each checked for sideways scrolling."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert _overflow(page) <= 0, f"{name} scrolls sideways at {width} px"
        screenshot(f"{name}-{width}")
    page.set_viewport_size({"width": 1366, "height": 900})


def test_an_administrator_sets_up_a_programme_and_a_kans_and_an_invited_editor_adds_progress(
    live_server: Any,
    page: Any,
    browser: Any,
    empty_installation: Any,
    smtp: SMTPServer,
    screenshot: Any,
) -> None:
    page.goto(f"{live_server.url}/accounts/login/?next=/")
    page.get_by_label("Gebruikersnaam").fill("beheer-zeist")
    page.get_by_label("Wachtwoord").fill("pw-beheer-zeist-123")
    page.get_by_role("main").get_by_role("button", name=LOG_IN).click()

    page.get_by_role("link", name="Nieuw programma").click()
    page.get_by_label("Naam").fill("Samen voor Vollenhove")
    assert page.get_by_label("Gemeente").input_value()  # the one municipality they administer
    page.get_by_label("Doelgebied").select_option(label="Vollenhove (Zeist) · WK035503")
    page.get_by_label("Startjaar").fill("2024")
    page.get_by_label("Beschrijving").fill("Voorbeeldprogramma (gefingeerde gegevens).")
    _shots(page, screenshot, "programme-form")
    page.get_by_role("button", name="Programma aanmaken").click()
    page.wait_for_url(re.compile(r".*/programmas/samen-voor-vollenhove/inrichting/$"))
    assert page.get_by_role("status").filter(has_text="Het programma is aangemaakt").is_visible()

    for short, name in (("Wonen", "Prettig wonen"), ("Jeugd", "Kansrijk opgroeien")):
        page.get_by_role("link", name="Ambitie toevoegen").click()
        page.get_by_label("Korte naam").fill(short)
        page.get_by_label("Naam", exact=True).fill(name)
        page.get_by_label("Gewenste beweging").fill("Meer bewoners doen mee.")
        if short == "Jeugd":
            _shots(page, screenshot, "ambition-form")
        page.get_by_role("button", name="Ambitie opslaan").click()
        page.wait_for_url(re.compile(r".*/inrichting/$"))
    assert page.get_by_text("1. Prettig wonen").is_visible()
    assert page.get_by_text("2. Kansrijk opgroeien").is_visible()
    page.get_by_role("link", name="Thema toevoegen").click()
    page.get_by_label("Naam").fill("Armoede")
    _shots(page, screenshot, "theme-form")
    page.get_by_role("button", name="Thema opslaan").click()
    page.wait_for_url(re.compile(r".*/inrichting/$"))
    history = page.locator("#geschiedenis + ol")
    assert history.get_by_text("Kansrijk opgroeien").first.is_visible()
    assert "door Beheer Zeist" in history.inner_text()
    _shots(page, screenshot, "setup")

    # A kans with a coalition (its organisations added to the directory on the way) and a
    # funnel measure, all by the municipality administrator.
    page.goto(f"{live_server.url}/programmas/samen-voor-vollenhove/")
    page.get_by_role("link", name="Nieuwe kans").click()
    page.get_by_label("Titel").fill("Samen aan de slag")
    page.get_by_label("Startdatum").fill("2024-02-01")
    page.get_by_label("Doel").fill("Meer bewoners vinden werk via de buurt.")
    page.get_by_label("2. Kansrijk opgroeien").check()
    page.get_by_role("button", name="Kans aanmaken").click()
    page.wait_for_url(re.compile(r"/kansen/\d+/$"))
    kans_url = page.url
    page.get_by_role("link", name="Coalitie wijzigen").click()
    coalition_url = page.url
    for name, kind in (
        ("Woonstichting Vollenhove", "housing_corporation"),
        ("Buurtwerk Zeist", "welfare"),
    ):
        page.get_by_role("link", name="Staat de organisatie er niet bij?").click()
        page.get_by_label("Naam").fill(name)
        page.get_by_label("Soort").select_option(kind)
        page.get_by_role("button", name="Organisatie toevoegen").click()
        page.wait_for_url(coalition_url)
    page.get_by_label("Organisatie").select_option(label="Woonstichting Vollenhove")
    page.get_by_label("Rol").select_option("lead")
    page.get_by_role("button", name="Toevoegen aan de coalitie").click()
    page.get_by_label("Organisatie").select_option(label="Buurtwerk Zeist")
    page.get_by_label("Rol").select_option("partner")
    page.get_by_role("button", name="Toevoegen aan de coalitie").click()
    table = page.get_by_role("table", name="Leden van de coalitie")
    assert table.get_by_role("rowheader", name="Woonstichting Vollenhove").is_visible()
    assert table.get_by_role("rowheader", name="Buurtwerk Zeist").is_visible()
    page.goto(kans_url)
    page.get_by_role("link", name="Beoogde opbrengst toevoegen").click()
    page.get_by_label("Naam").fill("Bewoners aan het werk")
    page.get_by_label("RBA-vraag").select_option("how_much")
    page.locator("#id_target").fill("25")
    page.get_by_label("Streefdatum").fill("2025-12-31")
    page.get_by_label("Trechterstap").fill("1")
    page.get_by_role("button", name="Beoogde opbrengst opslaan").click()
    page.wait_for_url(kans_url + "#resultaten")

    page.goto(f"{live_server.url}/programmas/samen-voor-vollenhove/inrichting/")
    page.get_by_role("link", name="Team en toegang").first.click()
    page.get_by_label("E-mailadres").fill("redacteur@vollenhove.example.org")
    page.get_by_label("Rol").first.select_option("editor")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    assert page.get_by_role("status").filter(has_text="redacteur@vollenhove").is_visible()
    assert page.get_by_text("e-mail wacht op verzending").is_visible()
    _shots(page, screenshot, "team")

    # The worker sends the mail to the real SMTP server.
    assert run_pending() >= 1
    assert len(smtp.received) == 1
    mail = smtp.received[0]
    assert mail.recipients == ["redacteur@vollenhove.example.org"]
    link = re.search(r"http://\S+/uitnodiging/[0-9a-f]+/", mail.text)
    assert link is not None

    # The editor, in a browser of their own.
    context = browser.new_context(locale="nl-NL")
    editor = context.new_page()
    editor.goto(link.group(0))
    assert editor.get_by_role("heading", name="Uitnodiging voor Samen voor Vollenhove").is_visible()
    editor.get_by_label("Voornaam").fill("Rosa")
    editor.get_by_label("Achternaam").fill("Redacteur")
    editor.get_by_label("Gebruikersnaam").fill("rosa")
    editor.get_by_label("Wachtwoord", exact=True).fill("een-lang-wachtwoord-42")
    editor.get_by_label("Wachtwoord nogmaals").fill("een-lang-wachtwoord-42")
    for width in WIDTHS:
        editor.set_viewport_size({"width": width, "height": 900})
        assert _overflow(editor) <= 0
        editor.screenshot(path=f"test-artifacts/team-invitation-accept-{width}.png", full_page=True)
    editor.get_by_role("button", name="Aannemen en account aanmaken").click()
    editor.wait_for_url(re.compile(r".*/programmas/samen-voor-vollenhove/$"))
    assert editor.get_by_role("heading", level=1, name="Samen voor Vollenhove").is_visible()
    assert editor.get_by_text("Welkom bij Samen voor Vollenhove").is_visible()
    assert (
        editor.get_by_role("link", name="Uitloggen").count()
        + editor.get_by_role("button", name=re.compile("Uitloggen|Afmelden")).count()
        >= 1
    )  # logged in as Rosa

    # The editor adds progress to the administrator's kans.
    editor.goto(kans_url)
    editor.get_by_role("link", name="Voortgang toevoegen").click()
    editor.get_by_label("Datum").fill("2024-03-01")
    editor.get_by_label("Voortgang", exact=True).fill(
        "Eerste vijf bewoners begonnen bij Woonstichting Vollenhove."
    )
    editor.get_by_role("button", name="Voortgang opslaan").click()
    editor.wait_for_url(kans_url + "#voortgang")
    assert editor.locator("#voortgang + ol").get_by_text("Eerste vijf bewoners").is_visible()
    from wijkaanpak.opportunities.models import ProgressUpdate

    update = ProgressUpdate.objects.get(text__startswith="Eerste vijf bewoners")
    assert update.author is not None and update.author.username == "rosa"

    # The link works once.
    again = context.new_page()
    again.goto(link.group(0))
    assert again.get_by_role(
        "heading", name="Deze uitnodiging kan niet worden gebruikt"
    ).is_visible()
    for width in WIDTHS:
        again.set_viewport_size({"width": width, "height": 900})
        again.screenshot(path=f"test-artifacts/team-invitation-used-{width}.png", full_page=True)
    context.close()

    # The administrator sees Rosa on the team page, with the history of her role.
    page.reload()
    members = page.locator("#leden + .app-table-wrap")
    assert members.get_by_role("rowheader", name="Rosa Redacteur").is_visible()
    assert "Geen openstaande uitnodigingen." in page.locator("main").inner_text()
    roles = page.locator("#geschiedenis + ol").inner_text()
    assert "Rosa Redacteur" in roles
    _shots(page, screenshot, "team-after")


def test_the_edit_forms_and_a_stale_save_as_a_coordinator(
    transactional_db: Any,
    live_server: Any,
    page: Any,
    coordinator: Any,
    programme: Any,
    screenshot: Any,
) -> None:
    from tests.test_accessibility import _log_in
    from wijkaanpak.programmes.models import Ambition
    from wijkaanpak.team import services

    theme = services.theme_create(by=coordinator, programme=programme, name="Armoede")
    ambition = Ambition.objects.get(programme=programme, number=1)
    _log_in(page, live_server, coordinator)
    for name, url in (
        ("programme-edit", "/programmas/samen-voor-overvecht/bewerken/"),
        ("theme-edit", f"/themas/{theme.pk}/bewerken/"),
        ("ambition-edit", f"/ambities/{ambition.pk}/bewerken/"),
    ):
        page.goto(live_server.url + url)
        assert page.get_by_role("heading", level=1).inner_text().endswith("bewerken")
        _shots(page, screenshot, name)
    # Someone else saves the ambition meanwhile: this form is now stale.
    services.ambition_update(
        by=coordinator,
        ambition=ambition,
        version=1,
        short_name="Wonen",
        name="Plezierig en veilig wonen",
        colour="#24578f",
    )
    page.get_by_label("Naam", exact=True).fill("Prettig wonen")
    page.get_by_role("button", name="Ambitie opslaan").click()
    alert = page.get_by_role("alert").filter(has_text="Iemand anders heeft dit intussen opgeslagen")
    assert alert.is_visible()
    assert "Plezierig en veilig wonen" in alert.inner_text()
    assert page.get_by_label("Naam", exact=True).input_value() == "Prettig wonen"
    _shots(page, screenshot, "ambition-stale")
    page.get_by_role("button", name="Ambitie opslaan").click()  # save again: keep mine
    page.wait_for_url(re.compile(r".*/inrichting/$"))
    assert Ambition.objects.get(pk=ambition.pk).name == "Prettig wonen"
