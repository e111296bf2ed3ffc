"""End to end in headless Chromium: an editor sets up a kans (a coalition with a lead, a funnel
measure) and adds progress; and every page for running a kans, photographed at 390 and 1366 px."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.opportunities import services
from wijkaanpak.organisations.services import organisation_create_or_update

pytestmark = pytest.mark.browser
LOG_IN = re.compile("^(Aanmelden|Inloggen)$")


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "nl-NL"}


def _log_in(page: Any, url: str, username: str) -> None:
    page.goto(url)
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible():  # on a phone the header's links are behind the menu button
        menu.click()
    page.get_by_role("link", name=LOG_IN).click()
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(f"pw-{username}-123")
    page.get_by_role("main").get_by_role("button", name=LOG_IN).click()
    page.wait_for_url(url)


def test_an_editor_sets_up_a_kans_with_a_coalition_and_a_funnel_and_adds_progress(
    transactional_db: Any, live_server: Any, page: Any, editor: Any, programme: Any, screenshot: Any
) -> None:
    organisation_create_or_update(name="Mitros", type="housing")
    organisation_create_or_update(name="DOCK", type="welfare")
    programme_url = f"{live_server.url}/programmas/{programme.slug}/"
    _log_in(page, programme_url, "editor")

    page.get_by_role("link", name="Nieuwe kans").click()
    page.get_by_label("Titel").fill("Schuldhulp aan huis")
    page.get_by_label("Startdatum").fill("2024-01-15")
    page.get_by_label("Doel").fill("Huishoudens met geldzorgen eerder in beeld.")
    page.get_by_label("1. Plezierig wonen").check()
    screenshot("create")
    page.get_by_role("button", name="Kans aanmaken").click()
    page.wait_for_url(re.compile(r"/kansen/\d+/$"))
    kans_url = page.url
    assert page.get_by_role("heading", name="Schuldhulp aan huis", level=1).is_visible()

    page.get_by_role("link", name="Coalitie wijzigen").click()
    page.get_by_label("Organisatie").select_option(label="DOCK")
    page.get_by_label("Rol").select_option("partner")
    page.get_by_role("button", name="Toevoegen aan de coalitie").click()
    assert page.get_by_text("Een coalitie heeft een trekker nodig").first.is_visible()
    page.get_by_label("Organisatie").select_option(label="Mitros")
    page.get_by_label("Rol").select_option("lead")
    page.get_by_label("Contactpersoon (functie)").fill("Wijkconsulent")
    page.get_by_role("button", name="Toevoegen aan de coalitie").click()
    page.get_by_label("Organisatie").select_option(label="DOCK")
    page.get_by_label("Rol").select_option("partner")
    page.get_by_role("button", name="Toevoegen aan de coalitie").click()
    table = page.get_by_role("table", name="Leden van de coalitie")
    assert table.get_by_role("rowheader", name="Mitros").is_visible()
    assert table.get_by_role("rowheader", name="DOCK").is_visible()
    screenshot("coalition")

    for step, (name, target) in enumerate(
        (("Huishoudens benaderd", "200"), ("In gesprek", "80")), 1
    ):
        page.goto(kans_url)
        page.get_by_role("link", name="Beoogde opbrengst toevoegen").click()
        page.get_by_label("Naam").fill(name)
        page.get_by_label("RBA-vraag").select_option("how_much")
        page.locator("#id_target").fill(target)
        page.get_by_label("Streefdatum").fill("2025-12-31")
        page.get_by_label("Trechterstap").fill(str(step))
        page.get_by_role("button", name="Beoogde opbrengst opslaan").click()
        page.wait_for_url(kans_url + "#resultaten")

    page.get_by_role("link", name="Voortgang toevoegen").click()
    page.get_by_label("Datum").fill("2024-03-01")
    page.get_by_label("Voortgang", exact=True).fill("Veertig huishoudens bezocht met DOCK.")
    page.get_by_role("button", name="Voortgang opslaan").click()
    page.wait_for_url(kans_url + "#voortgang")
    assert page.locator("#voortgang + ol").get_by_text("Veertig huishoudens bezocht").is_visible()
    assert page.get_by_role("img", name=re.compile("Trechter van Schuldhulp aan huis")).is_visible()
    aside = page.get_by_role("complementary")
    assert aside.get_by_text("Wijkconsulent").is_visible()
    assert page.get_by_role("heading", name="Wijzigingen").is_visible()
    screenshot("kans")


@pytest.fixture
def kans_with_everything(transactional_db: Any, kans: Any, editor: Any) -> Any:
    mitros = organisation_create_or_update(name="Mitros", type="housing")
    services.coalition_member_add(
        opportunity=kans,
        organisation=mitros,
        role="lead",
        contact_function="Wijkconsulent",
        by=SYSTEM,
    )
    for i, (name, target, actual) in enumerate((("Benaderd", 100, 80), ("In gesprek", 40, 25)), 1):
        measure = services.measure_create(
            opportunity=kans,
            name=name,
            rba_class="how_much",
            target=target,
            funnel_order=i,
            by=SYSTEM,
        )
        services.measure_value_record(
            measure=measure, date=dt.date(2024, 3, 1), value=actual, by=SYSTEM
        )
    services.progress_update_create(
        opportunity=kans,
        date=dt.date(2024, 3, 2),
        text="Eerste ronde huisbezoeken gedaan.",
        by=editor,
    )
    services.opportunity_update(
        opportunity=kans, version=kans.version, goal="Meer bereik", by=editor
    )
    return kans


@pytest.mark.parametrize("width", [390, 1366])
def test_screenshots_of_the_pages_for_running_a_kans(
    transactional_db: Any,
    live_server: Any,
    page: Any,
    coordinator: Any,
    kans_with_everything: Any,
    programme: Any,
    screenshot: Any,
    width: int,
) -> None:
    """The coordinator's view (they may do everything on these pages): each page renders and
    nothing runs off the screen at phone width."""
    from wijkaanpak.finance.services import budget_line_create, budget_set
    from wijkaanpak.indicators.services import (
        indicator_create_or_update,
        interpretation_create,
        target_create,
    )

    kans = kans_with_everything
    indicator = indicator_create_or_update(
        code="ww_bijstand_hh", name_nl="Huishoudens met bijstand"
    )
    interpretation = interpretation_create(
        programme=programme,
        date=dt.date(2024, 10, 1),
        title="Armoede in beeld",
        participants="zes bewoners, buurtteam, wijkagent",
        text="De bijstand daalt vooral in de dreven.",
        indicators=[indicator],
        areas=[programme.area],
        years=[2023],
        by=SYSTEM,
    )
    target = target_create(
        programme=programme,
        indicator=indicator,
        area=programme.area,
        year=2030,
        value=12.5,
        by=SYSTEM,
    )
    from wijkaanpak.outreach.services import campaign_create

    campaign = campaign_create(
        programme=programme,
        area=programme.area,
        name="Wonen en Kansen",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
        by=SYSTEM,
    )
    budget = budget_set(programme=programme, year=2024, amount=100_000, by=SYSTEM)
    line = budget_line_create(budget=budget, subject="DOCK", amount=25_000, by=SYSTEM)
    page.set_viewport_size({"width": width, "height": 900})
    base = live_server.url
    _log_in(page, f"{base}/kansen/{kans.pk}/", "coordinator")
    member = kans.coalition.get()
    measure = kans.measures.order_by("funnel_order").first()
    update = kans.progress_updates.get()
    pages = {
        "programme": f"/programmas/{programme.slug}/",
        "kans": f"/kansen/{kans.pk}/",
        "kans-create": f"/programmas/{programme.slug}/kansen/nieuw/",
        "kans-edit": f"/kansen/{kans.pk}/bewerken/",
        "coalition": f"/kansen/{kans.pk}/coalitie/",
        "coalition-member": f"/kansen/{kans.pk}/coalitie/{member.pk}/",
        "measure-create": f"/kansen/{kans.pk}/metingen/nieuw/",
        "measure-edit": f"/kansen/metingen/{measure.pk}/bewerken/",
        "progress-edit": f"/kansen/voortgang/{update.pk}/bewerken/",
        "progress-delete": f"/kansen/voortgang/{update.pk}/verwijderen/",
        "interpretations": f"/indicators/programma/{programme.slug}/kenniskring/",
        "interpretation-create": f"/indicators/programma/{programme.slug}/kenniskring/nieuw/",
        "interpretation-edit": f"/indicators/kenniskring/{interpretation.pk}/",
        "targets": f"/indicators/programma/{programme.slug}/streefwaarden/",
        "target-edit": f"/indicators/programma/{programme.slug}/streefwaarden/{target.pk}/",
        "budget-line": f"/finance/{programme.slug}/2024/lines/{line.pk}/",
        "campaign-create": f"/outreach/programmes/{programme.slug}/campaigns/new/",
        "campaign-team": f"/outreach/campaigns/{campaign.pk}/team/",
        "address-import": f"/outreach/campaigns/{campaign.pk}/addresses/",
    }
    for name, path in pages.items():
        response = page.goto(base + path)
        assert response is not None and response.status == 200, (name, path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (name, overflow)
        screenshot(f"{name}-{width}")
