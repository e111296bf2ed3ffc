"""A coordinator imports a file on the import page and sees the area profile change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_coordinator_imports_a_file_and_the_profile_changes(
    transactional_db: Any,
    live_server: Any,
    page: Any,
    coordinator: Any,
    areas: Any,
    welfare: Any,
    tmp_path: Path,
    screenshot: Any,
) -> None:
    welfare.municipality = areas["gm"]  # Utrecht's own monitor figure: its coordinators import it
    welfare.save()
    page.goto(live_server.url + "/indicators/gebied/WK034403/")
    assert page.locator('[data-indicator="ww_bijstand_hh"]').count() == 0

    page.goto(live_server.url + "/accounts/login/?next=/indicators/import/")
    page.fill("input[name=username]", "coordinator")
    page.fill("input[name=password]", "pw-coordinator-123")
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_url("**/indicators/import/")

    figures = tmp_path / "wijkwijzer.csv"
    figures.write_text(
        "indicator;area;period;value;source\n"
        "ww_bijstand_hh;WK034403;2017;18,2;WijkWijzer 2017\n"
        "ww_bijstand_hh;GM0344;2017;6,5;WijkWijzer 2017\n",
        encoding="utf-8",
    )
    page.set_input_files("input[name=file]", str(figures))
    page.select_option("select[name=format]", "long")
    page.fill("input[name=source]", "WijkWijzer 2017")
    page.click("button[type=submit].utrecht-button--primary-action")
    report = page.locator("#import-report")
    report.wait_for()
    assert "wijkwijzer.csv" in report.inner_text()
    screenshot("import-report")

    page.goto(live_server.url + "/indicators/gebied/WK034403/")
    cell = page.locator('[data-indicator="ww_bijstand_hh"]')
    assert cell.inner_text().strip() == "18,2 %"
    assert "6,5 %" in page.locator("#row-ww_bijstand_hh").inner_text()
    screenshot("profile")
