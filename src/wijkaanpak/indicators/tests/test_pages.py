"""Pages and the demo: profile with the seed's 2017 table, scorecard, indicator page, import."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from wijkaanpak.indicators.models import ImportRun, Interpretation, Observation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_db: None, settings: Any) -> None:
    settings.DEBUG = True


def test_demo_is_idempotent(demo: None) -> None:
    counts = (
        Observation.objects.count(),
        Interpretation.objects.count(),
        ImportRun.objects.count(),
    )
    call_command("load_demo", stdout=io.StringIO())
    assert (
        Observation.objects.count(),
        Interpretation.objects.count(),
        ImportRun.objects.count(),
    ) == counts
    assert not Observation.objects.filter(is_current=False).exists()


def test_overvecht_profile_shows_the_wijkwijzer_table_and_cbs_figures(demo: None) -> None:
    html = Client().get("/indicators/gebied/WK034403/?year=2024").content.decode()
    for text in ["18,2 %", "6,5 %", "54 %", "33 %", "29 %", "14 %", ">36<", ">72<"]:
        assert text in html, text
    assert 'data-indicator="a_inw">35.255<' in html  # the 2024 figure, not 2023's 34.910
    assert "374.238" in html
    assert "2.680" in html and "10.410" in html  # welfare recipients 2023 vs the city
    assert "Kenniskring Meedoen" in html  # the interpretation next to its figure
    assert "<svg" in html and "<title>" in html
    main = html.split("<main")[1].split("</main>")[0].replace("http://testserver", "")
    # Nothing loaded from elsewhere (an inline SVG's namespace names no resource).
    assert "http" not in main.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_scorecard_and_indicator_page_with_a_map_of_the_demo_outlines(demo: None) -> None:
    html = Client().get("/indicators/programma/samen-voor-overvecht/").content.decode()
    assert "Veilige buurten" in html and "54 %" in html
    page = Client().get("/indicators/indicator/misdrijven_totaal/").content.decode()
    # The demo carries Utrecht's outlines: a choropleth, not the tile map.
    assert 'class="app-map"' in page and 'class="app-tilemap"' not in page
    assert "Zamenhofdreef" in page and "798" in page


def test_import_page_is_for_coordinators(client: Client, viewer: Any, coordinator: Any) -> None:
    assert client.get("/indicators/import/").status_code == 302
    client.force_login(viewer)
    assert client.get("/indicators/import/").status_code == 403
    client.force_login(coordinator)
    assert client.get("/indicators/import/").status_code == 200


def test_import_page_shows_the_validation_report(
    client: Client, coordinator: Any, areas: Any, welfare: Any
) -> None:
    welfare.municipality = areas["gm"]  # Utrecht's own monitor figure: its coordinators import it
    welfare.save()
    client.force_login(coordinator)
    bad = b"indicator,area,period,value,source\nww_bijstand_hh,WK034403,2017,182,x\n"
    r = client.post(
        "/indicators/import/",
        {"file": SimpleUploadedFile("bad.csv", bad), "format": "long"},
    )
    assert r.status_code == 400
    assert "bad.csv" in r.content.decode() and "value" in r.content.decode()
    good = bad.replace(b",", b";").replace(b"182", b"18,2")
    r = client.post(
        "/indicators/import/", {"file": SimpleUploadedFile("ok.csv", good), "format": "long"}
    )
    assert r.status_code == 200 and 'id="import-report"' in r.content.decode()
    assert Observation.objects.get().value == 18.2


def test_interpretations_are_listed_for_the_report(demo: None) -> None:
    body = (
        Client()
        .get(
            "/api/v1/indicators/interpretations/",
            {"programme": "samen-voor-overvecht", "year": 2017},
        )
        .json()
    )
    assert body["count"] == 1
    assert set(body["items"][0]["indicators"]) == {"ww_banen_per_100", "ww_bijstand_hh"}
    assert body["items"][0]["date"] == "2020-06-11"
