"""The report as a Word document (python-docx) that the council's staff can edit: real heading
styles, tables as tables with a repeating header row, Dutch language, fixed dates and zip times
so that the same data and `as_of` give the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

from django.template.defaultfilters import floatformat
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from wijkaanpak.finance.importing import euros
from wijkaanpak.reports.builder import KansReport, Report

LANGUAGE = "nl-NL"


def _num(value: float | Decimal | None, digits: str = "1") -> str:
    return "–" if value is None else str(floatformat(value, digits))


def _date(value: dt.date | None) -> str:
    return "–" if value is None else date_format(value, "j F Y")


class _Writer:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.doc: Any = Document()
        self._set_language()
        # Style ids resolved once: python-docx looks a style up by name on every use, which
        # dominated the time of a long report.
        self.style_ids = {
            name: self.doc.styles[name].style_id
            for name in (
                "Title",
                "Heading 1",
                "Heading 2",
                "Heading 3",
                "Intense Quote",
                "List Bullet",
                "Caption",
                "Table Grid",
            )
        }

    def _set_language(self) -> None:
        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), LANGUAGE)

    def heading(self, text: str, level: int) -> None:
        self.para(text, style="Title" if level == 0 else f"Heading {level}")

    def para(self, text: str, *, italic: bool = False, style: str | None = None) -> None:
        paragraph = self.doc.add_paragraph()
        if style is not None:
            paragraph._p.style = self.style_ids[style]
        run = paragraph.add_run(text)
        if italic:
            run.italic = True

    def empty(self) -> None:
        self.para(_("No data for %(year)s") % {"year": self.report.year}, italic=True)

    def narrative(self, key: str, text: str | None = None) -> None:
        text = self.report.narratives.get(key, "") if text is None else text
        for block in (b.strip() for b in text.split("\n\n")):
            if block:
                self.para(block, style="Intense Quote")

    def bullets(self, items: list[str]) -> None:
        for item in items:
            self.para(item, style="List Bullet")

    def table(
        self, header: list[str], rows: list[list[str]], *, numeric: set[int] | None = None
    ) -> None:
        numeric = numeric or set()
        table = self.doc.add_table(rows=1, cols=len(header))
        table._tbl.tblPr.style = self.style_ids["Table Grid"]
        for i, text in enumerate(header):
            cell = table.rows[0].cells[i]
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
        # The first row is the header, repeated on every page (screen readers read it as such).
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        header_mark = OxmlElement("w:tblHeader")
        header_mark.set(qn("w:val"), "true")
        tr_pr.append(header_mark)
        for row in rows:
            cells = table.add_row().cells
            for i, text in enumerate(row):
                cells[i].text = text
                if i in numeric:
                    cells[i].paragraphs[0].alignment = 2  # right
        self.doc.add_paragraph()

    def sources(self, key: str) -> None:
        items = self.report.sources.get(key, [])
        if items:
            listed = "; ".join(f"[{i}] {s}" for i, s in enumerate(items, 1))
            self.para(f"{_('Sources')}: {listed}", italic=True)

    # --- sections --------------------------------------------------------------------------

    def write(self) -> None:
        r = self.report
        self.heading(
            _("%(name)s: progress report %(year)s") % {"name": r.programme.name, "year": r.year},
            0,
        )
        if r.published_number:
            status = _("Published version %(n)s, from the data as of %(date)s.") % {
                "n": r.published_number,
                "date": _date(r.as_of),
            }
        else:
            status = _(
                "Status: %(status)s. Generated from the data as of %(date)s; not the published "
                "version."
            ) % {"status": r.status_label, "date": _date(r.as_of)}
        self.para(status, italic=True)
        self.heading(_("Foreword"), 1)
        if not r.narratives.get("foreword"):
            self.para(_("No foreword written yet."), italic=True)
        self.narrative("foreword")
        self.glance()
        self.monitoring()
        self.kansen()
        self.long_running()
        self.residents()
        self.finance()
        self.checks()

    def glance(self) -> None:
        r, g = self.report, self.report.glance
        self.heading(_("The programme at a glance"), 1)
        self.narrative("glance")
        self.heading(_("Ambitions"), 2)
        for number, name in g.ambitions:
            self.para(f"{number}. {name}")
        n = len(g.kansen)
        self.heading(
            ngettext(
                "%(n)s kans active at the end of the period",
                "%(n)s kansen active at the end of the period",
                n,
            )
            % {"n": n},
            2,
        )
        self.para(", ".join(g.kansen)) if g.kansen else self.empty()
        p = len(g.partners)
        partners = ngettext(
            "%(n)s partner in the coalitions", "%(n)s partners in the coalitions", p
        ) % {"n": p}
        self.para(partners + (": " + ", ".join(g.partners) if g.partners else "") + ".")
        if g.budget is not None:
            self.para(_("Budget %(year)s") % {"year": r.year} + " [1]", style="Caption")
            self.table(
                [_("Budget"), euros(g.budget)],
                [
                    [_("Allocated"), euros(g.allocated)],
                    [_("Not yet allocated"), euros(g.unallocated)],
                    [_("Spent"), euros(g.spent)],
                ],
                numeric={1},
            )
        self.sources("glance")

    def monitoring(self) -> None:
        r = self.report
        self.heading("1. " + _("Monitoring of the ambitions"), 1)
        self.narrative("monitoring")
        for a in r.monitoring:
            self.heading(f"{_('Ambition')} {a.number}: {a.name}", 2)
            if a.figures:
                self.table(
                    [
                        _("Indicator"),
                        _("Year"),
                        r.programme.area.name if r.programme.area else "",
                        _("City"),
                        _("Netherlands"),
                        _("Source"),
                    ],
                    [
                        [
                            f"{f.name} ({f.unit})",
                            str(f.period),
                            _num(f.value),
                            _num(f.city_value),
                            _num(f.national_value),
                            f.source or "–",
                        ]
                        for f in a.figures
                    ],
                    numeric={1, 2, 3, 4},
                )
            if a.missing:
                self.para(f"{_('No value for')}: {', '.join(a.missing)}", italic=True)
            if not a.figures and not a.missing:
                self.para(_("No indicators linked to this ambition."), italic=True)
        if not r.monitoring:
            self.empty()
        self.sources("monitoring")

    def kans(self, k: KansReport, level: int) -> None:
        r = self.report
        self.heading(k.title, level)
        line = k.status_label
        if k.ambitions:
            line += f" · {_('Ambitions')}: {', '.join(k.ambitions)}"
        self.para(line, italic=True)
        if k.description:
            self.para(k.description)
        self.narrative(k.key, k.narrative)
        for label, names in k.coalition:
            self.para(f"{label}: {', '.join(names)}")
        self.heading(_("Progress in %(year)s") % {"year": r.year}, level + 1)
        for date, text in k.progress:
            self.para(f"{_date(date)}: {text}")
        if not k.progress:
            self.para(_("No progress update in this period."), italic=True)
        if k.measures:
            self.table(
                [_("Measure"), _("Target"), _("Result"), _("Date")],
                [
                    [
                        (f"{m.funnel_order}. " if m.funnel_order is not None else "") + m.name,
                        _num(m.target, "-1"),
                        _num(m.actual, "-1"),
                        m.actual_date.strftime("%-d-%-m-%Y") if m.actual_date else "–",
                    ]
                    for m in k.measures
                ],
                numeric={1, 2, 3},
            )

    def kansen(self) -> None:
        r = self.report
        self.heading("2. " + _("The kansen"), 1)
        self.narrative("kansen")
        for k in r.kansen:
            self.kans(k, 2)
        if not r.kansen:
            self.empty()
        self.heading(_("The yearly review"), 2)
        rv = r.review
        if rv.empty:
            self.para(
                _("No changes to the kansen recorded in %(year)s.") % {"year": r.year}, italic=True
            )
        items: list[str] = []
        for i in rv.added:
            items.append(_("Added: %(t)s (%(d)s)") % {"t": i.title, "d": _date(i.date)})
        for i in rv.merged:
            items.append(
                _("Merged: %(t)s into %(into)s (%(d)s)")
                % {"t": i.title, "into": i.merged_into, "d": _date(i.date)}
            )
        for i in rv.moved:
            items.append(
                _("Moved to long-running work: %(t)s (%(d)s)") % {"t": i.title, "d": _date(i.date)}
            )
        for i in rv.stopped:
            items.append(_("Stopped: %(t)s (%(d)s)") % {"t": i.title, "d": _date(i.date)})
        self.bullets(items)
        self.sources("kansen")

    def long_running(self) -> None:
        r = self.report
        self.heading("3. " + _("Long-running work"), 1)
        self.narrative("long_running")
        for k in r.long_running:
            self.heading(k.title, 2)
            if k.description:
                self.para(k.description)
            self.narrative(k.key, k.narrative)
            for date, text in k.progress:
                self.para(f"{_date(date)}: {text}")
        if not r.long_running:
            self.empty()

    def residents(self) -> None:
        r = self.report
        self.heading("4. " + _("Residents and communication"), 1)
        self.narrative("residents")
        if r.residents:
            self.table(
                [_("What"), _("Date"), _("Details"), _("Number")],
                [
                    [
                        i.title,
                        _date(i.date) if i.date else "",
                        i.detail,
                        "" if i.count is None else str(i.count),
                    ]
                    for i in r.residents
                ],
                numeric={3},
            )
            self.sources("residents")
        for c in r.outreach:
            self.heading(f"{c.name} ({_date(c.start)} – {_date(c.end)})", 2)
            self.table([_("Step"), _("Count")], [[s, n] for s, n in c.steps], numeric={1})
        if not r.outreach and not r.residents:
            self.empty()
        self.sources("outreach")

    def finance(self) -> None:
        r, f = self.report, self.report.finance
        self.heading("5. " + _("Finances"), 1)
        self.narrative("finance")
        if f is None:
            self.empty()
            return
        s = f.summary
        rows = [
            [_("Allocated"), euros(s.allocated)],
            [_("Not yet allocated"), euros(s.unallocated)],
            [_("Spent"), euros(s.spent)],
        ]
        if s.printed_total is not None:
            rows.append([_("Total as printed in the table"), euros(s.printed_total)])
        self.para(_("Budget %(year)s") % {"year": r.year} + " [1]", style="Caption")
        self.table([_("Budget"), euros(s.budget)], rows, numeric={1})
        self.heading(_("By ambition"), 2)
        self.table(
            [_("Ambition"), _("Allocated"), _("Spent")],
            [
                [
                    (f"{a['number']}. " if a.get("number") else "") + str(a["name"]),
                    euros(a["amount"]),
                    euros(a["spent"]),
                ]
                for a in s.by_ambition
            ],
            numeric={1, 2},
        )
        self.heading(_("By organisation"), 2)
        self.table(
            [_("Organisation"), _("Allocated"), _("Spent")],
            [[str(o["name"]), euros(o["amount"]), euros(o["spent"])] for o in s.by_organisation],
            numeric={1, 2},
        )
        self.heading(_("Compared with the previous year"), 2)
        if f.previous_year:
            self.table(
                [_("Organisation"), str(f.previous_year), str(r.year), _("Change")],
                [
                    [str(c["name"]), euros(c["previous"]), euros(c["current"]), euros(c["change"])]
                    for c in f.comparison
                ],
                numeric={1, 2, 3},
            )
        else:
            self.para(_("No budget for the previous year."), italic=True)
        self.sources("finance")

    def checks(self) -> None:
        r = self.report
        self.heading(_("Checks"), 1)
        self.para(
            _(
                "What the consistency rules find in the data. The programme team fixes or "
                "explains each before approval."
            )
        )
        self.narrative("checks")
        explained: set[str] = set()
        for c in r.checks:
            self.para(c.message)
            self.bullets(c.items)
            if c.explanation and c.rule not in explained:
                explained.add(c.rule)
                self.para(_("Explanation") + ":")
                self.narrative(c.key, c.explanation)
        if not r.checks:
            self.para(_("The rules find nothing."))


def report_docx(report: Report) -> bytes:
    writer = _Writer(report)
    writer.write()
    doc = writer.doc
    stamp = dt.datetime.combine(report.as_of, dt.time(0, 0))
    props = doc.core_properties
    props.title = _("%(name)s: progress report %(year)s") % {
        "name": report.programme.name,
        "year": report.year,
    }
    props.author = props.last_modified_by = report.programme.name
    props.language = LANGUAGE
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    props.comments = ""
    raw = io.BytesIO()
    doc.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with fixed member times, so that the bytes depend on the content only."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
