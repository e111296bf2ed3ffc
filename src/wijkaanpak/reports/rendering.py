"""The report as files: standalone HTML with inline CSS and no scripts (and PDF, DOCX).

Every renderer takes (programme, year) and gives bytes; the same data and `as_of` give the same
bytes. `FORMATS` is what publishing freezes."""

from __future__ import annotations

import datetime as dt
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


FORMATS: dict[str, Renderer] = {"html": render_html}
