"""A coordinator imports the seed's 2020 table on the import page and sees the year."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from wijkaanpak.finance.tests.test_import import SEED_2020


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A Dutch browser: the pages must work in Dutch first."""
    return {**browser_context_args, "locale": "nl-NL"}


@pytest.mark.browser
def test_coordinator_imports_a_budget_table_and_sees_the_summary(
    transactional_db: Any,
    coordinator: Any,
    live_server: Any,
    page: Any,
    screenshot: Any,
    tmp_path: Path,
) -> None:
    table = tmp_path / "begroting-2020.csv"
    table.write_text(SEED_2020, encoding="utf-8")

    page.goto(live_server.url + "/accounts/login/?next=/finance/samen-voor-overvecht/import/")
    page.fill("#id_username", "coordinator")
    page.fill("#id_password", "pw-coordinator-123")
    page.click("button[type=submit] >> nth=-1")
    page.wait_for_url("**/import/")

    page.fill("#id_year", "2020")
    page.set_input_files("#id_file", str(table))
    page.click(".app-import-form button[type=submit]")
    report = page.locator("#import-report")
    report.wait_for()
    assert "2.614.000" in report.inner_text() and "3.000.000" in report.inner_text()
    assert "Nog in te vullen" in report.inner_text()
    screenshot("decision")

    page.check("input[name=total_means][value=allocated]")
    page.click(".app-import-form button[type=submit]")
    page.wait_for_url("**/finance/samen-voor-overvecht/2020/")
    assert page.locator("[data-figure=budget]").inner_text() == "€ 3.000.000"
    assert page.locator("[data-figure=allocated]").inner_text() == "€ 2.614.000"
    assert page.locator("[data-figure=unallocated]").inner_text() == "€ 386.000"
    assert page.locator("svg.app-chart title").first.text_content()
    screenshot("summary")

    # Then the coordinator allocates part of the open money to a new line, in Dutch.
    page.get_by_role("link", name="Begrotingsregel toevoegen").click()
    page.get_by_label("Onderwerp").fill("Buurtteam extra")
    page.get_by_label("Bedrag in euro's").fill("86000")
    page.get_by_label("2. Perspectief jeugd").check()
    screenshot("line-form")
    page.get_by_role("button", name="Begrotingsregel opslaan").click()
    page.wait_for_url("**/finance/samen-voor-overvecht/2020/#lines")
    assert page.get_by_role("status").filter(has_text="Buurtteam extra").is_visible()
    assert page.locator("[data-figure=allocated]").inner_text() == "€ 2.700.000"
    cells = page.locator(".app-budget-lines tbody tr", has_text="Buurtteam extra").locator("td")
    assert cells.nth(1).inner_text() == "€ 86.000"
    assert cells.nth(5).inner_text() == "2"  # the ambition's number
