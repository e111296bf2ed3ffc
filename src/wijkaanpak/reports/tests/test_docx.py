"""The report as a Word document, opened again with python-docx."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from wijkaanpak.programmes.models import Programme
from wijkaanpak.reports.rendering import render_docx

SLUG = "samen-voor-overvecht"
ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts" / "reports"

pytestmark = pytest.mark.django_db


@pytest.fixture
def docx_2020(demo_db: Any) -> bytes:
    programme = Programme.objects.get(slug=SLUG)
    data = render_docx(programme, 2020, as_of=dt.date(2021, 3, 1))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "rapportage-2020.docx").write_bytes(data)
    return data


def test_docx_headings_are_word_headings(docx_2020: bytes) -> None:
    doc: Any = Document(io.BytesIO(docx_2020))
    headings = {
        p.text: p.style.name
        for p in doc.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    }
    assert headings["Samen voor Overvecht: voortgangsrapportage 2020"] == "Title"
    for text in (
        "Voorwoord",
        "1. Monitoring van de ambities",
        "2. De kansen",
        "3. Langjarig werken",
        "4. Bewoners en communicatie",
        "5. Financiën",
        "Controles",
    ):
        assert headings.get(text) == "Heading 1", text
    assert headings.get("Project O") == "Heading 2"
    assert doc.core_properties.language == "nl-NL"
    assert doc.core_properties.title == "Samen voor Overvecht: voortgangsrapportage 2020"


def test_docx_figures_are_in_tables(docx_2020: bytes) -> None:
    doc: Any = Document(io.BytesIO(docx_2020))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    for figure in ("€ 3.000.000", "€ 386.000", "18,2"):
        assert figure in cells, figure
    assert "€ 2.614.000" in cells or any("2.614.000" in c for c in cells)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "€ 2.614.000" in text and "€ 3.000.000" in text  # the printed-total check


def test_docx_same_data_same_bytes(docx_2020: bytes) -> None:
    programme = Programme.objects.get(slug=SLUG)
    assert render_docx(programme, 2020, as_of=dt.date(2021, 3, 1)) == docx_2020
