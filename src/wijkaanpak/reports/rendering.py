"""The report as files: standalone HTML with inline CSS and no scripts (and PDF, DOCX).

Every renderer takes (programme, year) and gives bytes; the same data and `as_of` give the same
bytes. `FORMATS` is what publishing freezes."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any, Protocol

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from wijkaanpak.programmes.models import Programme
from wijkaanpak.reports.builder import Report, report_build

STYLESHEETS = (
    "wijkaanpak/vendor/utrecht/design-tokens-theme.css",
    "wijkaanpak/vendor/utrecht/component-library.css",
    "wijkaanpak/css/app.css",
    "reports/report.css",
)

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "json": "application/json",  # the data a published version was made from
}


class Renderer(Protocol):
    def __call__(
        self,
        programme: Programme,
        year: int,
        *,
        as_of: dt.date | None = None,
        published: int | None = None,
    ) -> bytes: ...


def _inline_css(names: tuple[str, ...] = STYLESHEETS) -> str:
    parts = []
    for name in names:
        found = finders.find(name)
        if isinstance(found, str):
            css = Path(found).read_text(encoding="utf-8")
            parts.append(css.replace("</", "<\\/"))
    return "\n".join(parts)


def report_context(report: Report) -> dict[str, Any]:
    return {"report": report, "programme": report.programme}


def report_standalone_html(report: Report) -> str:
    """A complete HTML document; the same report gives the same bytes."""
    context = report_context(report)
    context["inline_css"] = mark_safe(_inline_css())  # noqa: S308 - our own static files
    return render_to_string("reports/standalone.html", context)


def _build(programme: Programme, year: int, as_of: dt.date | None, published: int | None) -> Report:
    report = report_build(programme=programme, year=year, as_of=as_of)
    report.published_number = published
    return report


def render_html(
    programme: Programme,
    year: int,
    *,
    as_of: dt.date | None = None,
    published: int | None = None,
) -> bytes:
    with translation.override("nl"):
        return report_standalone_html(_build(programme, year, as_of, published)).encode("utf-8")


def _toc() -> list[tuple[str, str]]:
    from django.utils.translation import gettext as _

    return [
        ("r-foreword", _("Foreword")),
        ("r-glance", _("The programme at a glance")),
        ("r-monitoring", "1. " + _("Monitoring of the ambitions")),
        ("r-kansen", "2. " + _("The kansen")),
        ("r-long", "3. " + _("Long-running work")),
        ("r-residents", "4. " + _("Residents and communication")),
        ("r-finance", "5. " + _("Finances")),
        ("r-checks", _("Checks")),
    ]


def report_print_html(report: Report) -> str:
    """The HTML that WeasyPrint lays out: cover, contents, the body, the print stylesheet."""
    context = report_context(report)
    context["inline_css"] = mark_safe(_inline_css(("reports/report_print.css",)))  # noqa: S308
    context["toc"] = _toc()
    return render_to_string("reports/print.html", context)


def render_pdf(
    programme: Programme,
    year: int,
    *,
    as_of: dt.date | None = None,
    published: int | None = None,
) -> bytes:
    """A4, tagged PDF (PDF/UA-1) in Dutch with title metadata, cover, contents and page numbers.
    The text is the same for the same data and `as_of` (the file identifier is fixed too)."""
    from weasyprint import HTML

    with translation.override("nl"):
        report = _build(programme, year, as_of, published)
        html = report_print_html(report)
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    pdf = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier)
    assert isinstance(pdf, bytes)
    return pdf


def render_docx(
    programme: Programme,
    year: int,
    *,
    as_of: dt.date | None = None,
    published: int | None = None,
) -> bytes:
    """Word: real heading styles and tables; the same data and `as_of` give the same bytes."""
    from wijkaanpak.reports.docx_render import report_docx

    with translation.override("nl"):
        return report_docx(_build(programme, year, as_of, published))


FORMATS: dict[str, Renderer] = {"html": render_html, "pdf": render_pdf, "docx": render_docx}
