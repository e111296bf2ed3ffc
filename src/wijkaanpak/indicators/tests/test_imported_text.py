"""Imported text is text: names and codes from files are escaped wherever they are drawn, in the
SVG charts (titles, labels, links) as in the HTML around them (issue #12, item 7)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client
from django.utils.safestring import SafeString

from wijkaanpak.indicators import charts

pytestmark = pytest.mark.django_db

SCRIPT = "</title><script>alert(1)</script>"
ONLOAD = '"><svg onload=alert(1)>'
SHORT = "<svg onload=1>"  # fits the 14 characters a bar label keeps
HOSTILE = [SCRIPT, ONLOAD, SHORT]


def assert_inert(svg: SafeString | str, *texts: str) -> None:
    """The SVG is well-formed XML, has no script element and no event attribute, and every
    hostile text in it is plain character data."""
    root = ET.fromstring(str(svg))
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        assert tag != "script", svg
        for name in element.attrib:
            assert not name.lower().startswith("on"), (name, svg)
    drawn = "".join(root.itertext())
    assert any(text[:12] in drawn for text in texts), svg


def assert_no_markup_from_data(html: str) -> None:
    for raw in ["<script>alert", "</title><script", "<svg onload", "svg onload=1>"]:
        assert raw not in html, raw


def test_every_indicator_chart_escapes_names_codes_and_labels() -> None:
    for text in HOSTILE:
        assert_inert(charts.sparkline([(2020, 1.0), (2021, 2.0)], label=text), text)
        assert_inert(
            charts.comparison_bars([(text, 1.0), (text[:14], 2.0)], unit="percent", label=text),
            text,
        )
        assert_inert(
            charts.tile_map(
                [("BU03440311", text, 1.0), ('BU0344"><x', text, 2.0)],
                unit="count",
                label=text,
                link="/indicators/gebied/CODE/",
            ),
            text,
        )


def test_every_finance_chart_escapes_names() -> None:
    from wijkaanpak.finance import charts as finance_charts

    for text in HOSTILE:
        rows = [{"name": text, "amount": 10, "colour": '"><script>x</script>'}]
        assert_inert(finance_charts.bar_chart(rows, title=text, colour="colour"), text)
        comparison = {
            "years": [2024, text],
            "rows": [{"organisation": text, "amounts": [1, 2]}],
        }
        assert_inert(finance_charts.comparison_chart(comparison), text)


@pytest.fixture
def hostile_world(areas: dict[str, Any], welfare: Any, programme: Any) -> dict[str, Any]:
    """Areas named by a hostile workbook, with figures for the district, city and a buurt."""
    from wijkaanpak.areas.models import AreaLevel
    from wijkaanpak.areas.services import area_create_or_update
    from wijkaanpak.indicators.services import observation_set

    gm = area_create_or_update(
        code="GM0344", name=SCRIPT, level=AreaLevel.MUNICIPALITY, parent=areas["nl"]
    )
    wk = area_create_or_update(code="WK034403", name=SHORT, level=AreaLevel.DISTRICT, parent=gm)
    bu = area_create_or_update(
        code="BU03440311", name=ONLOAD, level=AreaLevel.NEIGHBOURHOOD, parent=wk
    )
    for area, value in [(wk, 16.0), (gm, 7.0), (bu, 20.0), (areas["nl"], 5.0)]:
        for period in (2020, 2021):
            observation_set(indicator=welfare, area=area, period=period, value=value, source="test")
    return {"gm": gm, "wk": wk, "bu": bu}


def test_area_names_from_a_workbook_are_text_on_the_public_pages(
    hostile_world: dict[str, Any],
) -> None:
    client = Client()
    for url in [
        "/indicators/gebied/WK034403/?year=2021",
        "/indicators/gebied/BU03440311/?year=2021",
        "/indicators/programma/samen-voor-overvecht/?year=2021",
        "/indicators/indicator/ww_bijstand_hh/?year=2021",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "<svg" in html, url
        assert_no_markup_from_data(html)
    profile = client.get("/indicators/gebied/WK034403/?year=2021").content.decode()
    assert "&lt;svg onload=1&gt;" in profile  # drawn, as text
