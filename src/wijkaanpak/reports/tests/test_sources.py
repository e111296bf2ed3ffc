"""Every figure links to the data it came from (HTML); a check's explanation is a text of the
team kept with the report (HTML and DOCX)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.programmes.models import Programme
from wijkaanpak.reports import services
from wijkaanpak.reports.builder import report_build

SLUG = "samen-voor-overvecht"
BASE = f"/programmas/{SLUG}/rapportage/2020/"

pytestmark = pytest.mark.django_db


def _client(name: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(get_user_model().objects.get(username=name))
    return client


def test_figures_link_to_their_data(demo_db: Any) -> None:
    programme = Programme.objects.get(slug=SLUG)
    report = report_build(programme=programme, year=2020)
    html = _client("coordinator").get(BASE).content.decode()
    code = next(f.code for a in report.monitoring for f in a.figures)
    assert f'href="{reverse("indicators:detail", args=[code])}" data-source-link' in html
    kans = report.kansen[0]
    assert f'href="{reverse("opportunities:detail", args=[kans.pk])}" data-source-link' in html
    assert f'href="{reverse("finance:year", args=[SLUG, 2020])}" data-source-link' in html


def test_a_check_is_explained_and_the_explanation_is_kept(demo_db: Any) -> None:
    from docx import Document

    from wijkaanpak.reports.rendering import render_docx

    programme = Programme.objects.get(slug=SLUG)
    editor = _client("editor")
    assert editor.get(f"{BASE}tekst/check-printed_total/").status_code == 200
    assert editor.get(f"{BASE}tekst/check-bestaat_niet/").status_code == 404
    services.narrative_save(
        programme=programme,
        year=2020,
        section="check-printed_total",
        text="Het gedrukte totaal telt de niet toegekende € 386.000 niet mee.",
        version=0,
        by=SYSTEM,
    )
    html = editor.get(BASE).content.decode()
    finding = html.split('data-rule="printed_total"', 1)[1].split('class="report-finding"', 1)[0]
    assert "Toelichting" in finding and "niet toegekende € 386.000" in finding
    doc = Document(io.BytesIO(render_docx(programme, 2020)))
    texts = [p.text for p in doc.paragraphs]
    assert any("niet toegekende € 386.000" in t for t in texts)
