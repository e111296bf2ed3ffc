"""Report section 4 and the dashboard's stories come from the participation and residents apps
(reports/hooks.py): meetings with attendance, communication made against planned, ambassadors,
signals and the initiative fund, in HTML and Word; published stories on the dashboard."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.html import escape
from docx import Document

from wijkaanpak.participation.models import Story
from wijkaanpak.programmes.models import Programme
from wijkaanpak.reports.rendering import render_docx

SLUG = "samen-voor-overvecht"
pytestmark = pytest.mark.django_db


def _section4(html: str) -> str:
    return html.split('id="r-residents"', 1)[1].split('id="r-finance"', 1)[0]


def test_section_4_holds_meetings_communication_and_the_fund(demo_db: Any) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(get_user_model().objects.get(username="coordinator"))
    response = client.get(f"/programmas/{SLUG}/rapportage/2020/")
    assert response.status_code == 200
    section = _section4(response.content.decode())
    # The seed's Beroepenmarkt of 4 March 2020 with its 175 visitors, in its own row.
    row = section.split("Beroepenmarkt Bouw &amp; Techniek", 1)[1].split("</tr>", 1)[0]
    assert "4 maart 2020" in row and ">175<" in row
    # Films: three made of eight planned (seed 001, section 4).
    assert "3 gemaakt van 8 gepland" in section
    assert "Wijkambassadeurs (2020)" in section
    assert "Bewonersinitiatieven" in section and "toegekend van € 100.000" in section
    assert "Geen gegevens voor 2020" not in section
    # A year before the programme's meetings: no rows from another year.
    earlier = client.get(f"/programmas/{SLUG}/rapportage/2019/").content.decode()
    assert "Beroepenmarkt Bouw &amp; Techniek" not in _section4(earlier)


def test_section_4_in_word(demo_db: Any) -> None:
    programme = Programme.objects.get(slug=SLUG)
    doc: Any = Document(io.BytesIO(render_docx(programme, 2020, as_of=dt.date(2021, 3, 1))))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Beroepenmarkt Bouw & Techniek" in cells
    assert "175" in cells


def test_the_dashboard_shows_published_stories_only(demo_db: Any) -> None:
    programme = Programme.objects.get(slug=SLUG)
    published = Story.objects.filter(programme=programme, published=True).order_by("pk").first()
    assert published is not None, "the demo has published stories"
    html = Client(HTTP_ACCEPT_LANGUAGE="nl").get(f"/programmas/{SLUG}/dashboard/").content
    assert escape(published.title) in html.decode()
    drafts = Story.objects.filter(programme=programme, published=False)
    for draft in drafts:
        assert escape(draft.title) not in html.decode()
