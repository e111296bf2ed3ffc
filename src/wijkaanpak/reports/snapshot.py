"""The data a report was made from, as JSON (frozen with every published version), and what
changed since the published version: figures and texts, side by side.

`report_data` flattens a built report into labelled values (key -> {label, value}); the same
report gives the same bytes (`snapshot_json`: sorted keys, no floats formatted by locale)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from wijkaanpak.reports.builder import Report

Entry = dict[str, str]


def _v(value: Any) -> str:
    return "" if value is None else str(value)


def report_data(report: Report) -> dict[str, Entry]:
    data: dict[str, Entry] = {}

    def put(key: str, label: str, value: Any) -> None:
        data[key] = {"label": label, "value": _v(value)}

    g = report.glance
    put("glance.kansen", "Kansen actief", ", ".join(g.kansen))
    put("glance.partners", "Partners", ", ".join(g.partners))
    put("glance.budget", "Budget", g.budget)
    put("glance.allocated", "Toegekend", g.allocated)
    put("glance.unallocated", "Nog niet toegekend", g.unallocated)
    put("glance.spent", "Besteed", g.spent)
    for a in report.monitoring:
        for f in a.figures:
            base = f"monitoring.{f.code}"
            put(f"{base}.value", f"{f.name} ({f.period})", f.value)
            put(f"{base}.period", f"{f.name}: jaar", f.period)
            put(f"{base}.city", f"{f.name}: stad", f.city_value)
            put(f"{base}.source", f"{f.name}: bron", f.source)
        put(
            f"monitoring.ambition-{a.number}.missing",
            f"Ambitie {a.number}: geen waarde",
            ", ".join(a.missing),
        )
    for k in [*report.kansen, *report.long_running]:
        base = f"kans-{k.pk}"
        put(f"{base}.status", f"{k.title}: status", k.status_label)
        put(f"{base}.progress", f"{k.title}: voortgang", len(k.progress))
        for m in k.measures:
            put(f"{base}.measure.{m.name}", f"{k.title}: {m.name}", m.actual)
    if report.finance is not None:
        s = report.finance.summary
        put("finance.budget", "Financiën: budget", s.budget)
        put("finance.allocated", "Financiën: toegekend", s.allocated)
        put("finance.spent", "Financiën: besteed", s.spent)
        put("finance.printed_total", "Financiën: gedrukt totaal", s.printed_total)
        for r in s.by_ambition:
            put(f"finance.ambition-{r['number']}", f"Financiën: {r['name']}", r["amount"])
    for c in report.outreach:
        for step, count in c.steps:
            put(f"outreach.{c.name}.{step}", f"{c.name}: {step}", count)
    for key, text in sorted(report.narratives.items()):
        put(f"text.{key}", f"Tekst: {key}", text)
    for finding in report.checks:
        put(f"check.{finding.rule}.{finding.message[:60]}", "Controle", finding.message)
    return data


def snapshot_json(report: Report) -> bytes:
    doc = {
        "programme": report.programme.slug,
        "year": report.year,
        "as_of": report.as_of.isoformat(),
        "published": report.published_number,
        "data": report_data(report),
    }
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode() + b"\n"


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    published: str
    current: str


def changes(published: bytes, report: Report) -> list[Change]:
    """What differs between a frozen version's data and the report now, by key."""
    before: dict[str, Entry] = json.loads(published or b"{}").get("data", {})
    now = report_data(report)
    result = []
    for key in sorted(set(before) | set(now)):
        old, new = before.get(key, {}), now.get(key, {})
        if old.get("value", "") != new.get("value", ""):
            label = new.get("label") or old.get("label") or key
            result.append(Change(key, label, old.get("value", ""), new.get("value", "")))
    return result
