"""The report as a tagged PDF (WeasyPrint), read back with poppler-utils."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from wijkaanpak.programmes.models import Programme
from wijkaanpak.reports.rendering import render_pdf

SLUG = "samen-voor-overvecht"
ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts" / "reports"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed"),
]


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def pdf_2020(demo_db: Any, tmp_path: Path) -> Path:
    path = tmp_path / "rapportage-2020.pdf"
    call_command(
        "report",
        SLUG,
        "--year",
        "2020",
        "--format",
        "pdf",
        "--output",
        str(path),
        "--as-of",
        "2021-03-01",
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, ARTIFACTS / "rapportage-2020.pdf")
    return path


def test_pdf_has_the_sections_and_key_figures(pdf_2020: Path) -> None:
    text = _run("pdftotext", "-layout", str(pdf_2020), "-")
    for heading in (
        "Voortgangsrapportage 2020",
        "Inhoud",
        "Voorwoord",
        "1. Monitoring van de ambities",
        "2. De kansen",
        "3. Langjarig werken",
        "4. Bewoners en communicatie",
        "5. Financiën",
        "Controles",
    ):
        assert heading in text, heading
    for figure in ("3.000.000", "2.614.000", "386.000", "Project O", "18,2"):
        assert figure in text, figure
    assert "Pagina 2 van" in text  # page numbers


def test_pdf_is_tagged_dutch_with_a_title(pdf_2020: Path) -> None:
    info = _run("pdfinfo", str(pdf_2020))
    assert "Tagged:          yes" in info
    assert "Title:           Samen voor Overvecht: Voortgangsrapportage 2020" in info
    assert "Page size:       595.276 x 841.89 pts (A4)" in info or "(A4)" in info
    structure = _run("pdfinfo", "-struct", str(pdf_2020))
    assert "H1" in structure and "Table" in structure  # the structure tree exists
    meta = _run("pdfinfo", "-meta", str(pdf_2020))
    assert 'pdfuaid:part="1"' in meta  # declares PDF/UA-1
    assert b"/Lang (nl)" in _objects(pdf_2020.read_bytes())  # the document's language


def _objects(pdf: bytes) -> bytes:
    """The PDF's objects, with compressed object streams unpacked (the catalog is in one)."""
    import re
    import zlib

    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"".join(parts)


def test_pdf_pages_are_not_blank(pdf_2020: Path, tmp_path: Path) -> None:
    from PIL import Image, ImageStat

    _run("pdftoppm", "-r", "50", "-f", "1", "-l", "3", "-png", str(pdf_2020), str(tmp_path / "p"))
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) == 3
    for page in pages:
        shutil.copy(page, ARTIFACTS / page.name.replace("p-", "pdf-page-"))
        stat = ImageStat.Stat(Image.open(page).convert("L"))
        assert stat.extrema[0][0] < 100, f"{page.name} has no dark pixels"


def test_same_data_same_pdf_text(demo_db: Any) -> None:
    import datetime as dt

    programme = Programme.objects.get(slug=SLUG)
    first = render_pdf(programme, 2020, as_of=dt.date(2021, 3, 1))
    second = render_pdf(programme, 2020, as_of=dt.date(2021, 3, 1))
    assert first == second
