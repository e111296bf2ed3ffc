"""The report as HTML: the page body and a standalone file with inline CSS, no scripts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from wijkaanpak.reports.builder import Report

STYLESHEETS = (
    "wijkaanpak/vendor/utrecht/design-tokens-theme.css",
    "wijkaanpak/vendor/utrecht/component-library.css",
    "wijkaanpak/css/app.css",
    "reports/report.css",
)


def _inline_css() -> str:
    parts = []
    for name in STYLESHEETS:
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
