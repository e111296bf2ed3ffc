"""The programme's open data as a Frictionless Data Package (https://specs.frictionlessdata.io/):
one CSV per table with a Table Schema (types, units, keys), licence CC BY 4.0 and the sources.

Public data only, the same as the programme pages show: the indicators linked to the
programme's ambitions (national ones and the programme's own municipality's, never another
municipality's), their current figures for the programme's areas, the city and the country with
each figure's source, the kansen, their measures and values (without notes or who entered
them), and the budget lines. No personal data: no names of people, no outreach records.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from wijkaanpak.areas.models import Area, AreaLevel
from wijkaanpak.finance import selectors as finance_selectors
from wijkaanpak.indicators import selectors as indicator_selectors
from wijkaanpak.opportunities import selectors as kans_selectors
from wijkaanpak.programmes.models import Programme
from wijkaanpak.reports.dashboard import visible_indicator

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
ZIP_DATE = (2000, 1, 1, 0, 0, 0)  # fixed member times: the same data give the same bytes

Field = dict[str, Any]
Row = dict[str, Any]


def _f(name: str, type_: str, description: str, **extra: Any) -> Field:
    return {"name": name, "type": type_, "description": description, **extra}


SCHEMAS: dict[str, dict[str, Any]] = {
    "indicators": {
        "fields": [
            _f("code", "string", "Indicator code", constraints={"required": True}),
            _f("name", "string", "Name (Dutch)"),
            _f("unit", "string", "Unit of the values (percent, count, per_1000, euro, ...)"),
            _f("direction", "string", "Desired direction"),
            _f("ambitions", "string", "Numbers of the programme's ambitions it measures"),
            _f("owner", "string", "national, or the municipality whose own indicator it is"),
            _f("source", "string", "Source of the indicator"),
        ],
        "primaryKey": ["code"],
    },
    "observations": {
        "fields": [
            _f("indicator", "string", "Indicator code", constraints={"required": True}),
            _f("area_code", "string", "CBS area code"),
            _f("area_name", "string", "Area name"),
            _f("area_level", "string", "land, gemeente, wijk, buurt, ..."),
            _f("period", "integer", "Year"),
            _f("reference_date", "date", "Reference date of the figure"),
            _f("value", "number", "Value, in the indicator's unit"),
            _f("unit", "string", "Unit of the value"),
            _f("missing_reason", "string", "Why the value is missing, if it is"),
            _f("source", "string", "Source of the figure"),
        ],
        "foreignKeys": [
            {"fields": ["indicator"], "reference": {"resource": "indicators", "fields": ["code"]}}
        ],
    },
    "kansen": {
        "fields": [
            _f("id", "integer", "Kans id", constraints={"required": True}),
            _f("title", "string", "Title"),
            _f("kind", "string", "kans or long-running work"),
            _f("status", "string", "Current status"),
            _f("ambitions", "string", "Numbers of the ambitions it serves"),
            _f("description", "string", "What it is"),
            _f("goal", "string", "Goal"),
            _f("organisations", "string", "Organisations in its coalition"),
        ],
        "primaryKey": ["id"],
    },
    "measures": {
        "fields": [
            _f("id", "integer", "Measure id", constraints={"required": True}),
            _f("kans", "integer", "Kans id"),
            _f("name", "string", "Measure"),
            _f("unit", "string", "Unit of the target and values"),
            _f("target", "number", "Target"),
            _f("target_is_minimum", "boolean", "The target is a minimum"),
            _f("target_date", "date", "Target date"),
            _f("funnel_step", "integer", "Step in the kans's funnel"),
        ],
        "primaryKey": ["id"],
        "foreignKeys": [
            {"fields": ["kans"], "reference": {"resource": "kansen", "fields": ["id"]}}
        ],
    },
    "measure_values": {
        "fields": [
            _f("measure", "integer", "Measure id", constraints={"required": True}),
            _f("date", "date", "Date of the value"),
            _f("value", "number", "Value, in the measure's unit"),
        ],
        "foreignKeys": [
            {"fields": ["measure"], "reference": {"resource": "measures", "fields": ["id"]}}
        ],
    },
    "budget_lines": {
        "fields": [
            _f("id", "integer", "Budget line id", constraints={"required": True}),
            _f("year", "integer", "Budget year"),
            _f("subject", "string", "What the money is for"),
            _f("kind", "string", "Kind of line"),
            _f("status", "string", "allocated, unallocated, not spent, ..."),
            _f("amount", "integer", "Amount in euros"),
            _f("spent", "integer", "Spent in euros"),
            _f("organisation", "string", "Organisation"),
            _f("kans", "integer", "Kans id, if the line is for a kans"),
            _f("ambitions", "string", "Numbers of the ambitions"),
        ],
        "primaryKey": ["id"],
    },
}
ORDER = list(SCHEMAS)


def _num(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def _areas(programme: Programme) -> list[Area]:
    areas = list(indicator_selectors.programme_areas(programme=programme))
    areas += list(Area.objects.filter(level=AreaLevel.COUNTRY))
    return areas


def package_tables(*, programme: Programme) -> dict[str, list[Row]]:
    """The package's rows per table (the programme's public data)."""
    tables: dict[str, list[Row]] = {name: [] for name in ORDER}
    indicators: dict[str, Any] = {}
    for ambition in programme.ambitions.prefetch_related("indicators").order_by("number"):
        for ind in ambition.indicators.all():
            if visible_indicator(ind, programme):
                indicators.setdefault(ind.code, (ind, []))[1].append(str(ambition.number))
    areas = _areas(programme)
    for code in sorted(indicators):
        ind, numbers = indicators[code]
        tables["indicators"].append(
            {
                "code": code,
                "name": ind.name_nl,
                "unit": ind.unit,
                "direction": ind.direction,
                "ambitions": " ".join(numbers),
                "owner": "national" if ind.municipality_id is None else programme.municipality.code,
                "source": ind.source,
            }
        )
        for obs in indicator_selectors.observation_list(indicator=ind).filter(area__in=areas):
            tables["observations"].append(
                {
                    "indicator": code,
                    "area_code": obs.area.code,
                    "area_name": obs.area.name,
                    "area_level": obs.area.level,
                    "period": obs.period,
                    "reference_date": obs.reference_date.isoformat() if obs.reference_date else "",
                    "value": _num(obs.value),
                    "unit": ind.unit,
                    "missing_reason": obs.missing_reason,
                    "source": obs.source or ind.source,
                }
            )
    for o in kans_selectors.opportunity_list(programme=programme).order_by("pk"):
        tables["kansen"].append(
            {
                "id": o.pk,
                "title": o.title,
                "kind": o.kind,
                "status": o.status,
                "ambitions": " ".join(str(a.number) for a in o.ambitions.all()),
                "description": o.description,
                "goal": o.goal,
                "organisations": "; ".join(
                    sorted({m.organisation.name for m in o.coalition.all()}, key=str.lower)
                ),
            }
        )
        for m in sorted(o.measures.all(), key=lambda m: m.pk):
            tables["measures"].append(
                {
                    "id": m.pk,
                    "kans": o.pk,
                    "name": m.name,
                    "unit": m.unit,
                    "target": _num(m.target),
                    "target_is_minimum": "true" if m.target_is_minimum else "false",
                    "target_date": m.target_date.isoformat() if m.target_date else "",
                    "funnel_step": _num(m.funnel_order),
                }
            )
            for v in m.values.all():
                tables["measure_values"].append(
                    {"measure": m.pk, "date": v.date.isoformat(), "value": _num(v.value)}
                )
    for budget in finance_selectors.budget_list(programme=programme).order_by("year"):
        summary = finance_selectors.budget_summary(programme=programme, year=budget.year)
        for line in sorted(summary.lines, key=lambda r: r["id"]):
            tables["budget_lines"].append(
                {
                    "id": line["id"],
                    "year": budget.year,
                    "subject": line["subject"],
                    "kind": line["kind"],
                    "status": line["status"],
                    "amount": line["amount"],
                    "spent": line["spent"],
                    "organisation": line["organisation"] or "",
                    "kans": _num(line["opportunity_id"]),
                    "ambitions": " ".join(str(n) for n in line["ambitions"]),
                }
            )
    return tables


def _csv(name: str, rows: list[Row]) -> bytes:
    out = io.StringIO()
    fields = [f["name"] for f in SCHEMAS[name]["fields"]]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def descriptor(*, programme: Programme, tables: dict[str, list[Row]]) -> dict[str, Any]:
    sources = sorted(
        {r["source"] for r in tables["observations"] + tables["indicators"] if r["source"]}
    )
    return {
        "profile": "data-package",
        "name": f"wijkaanpak-{programme.slug}",
        "title": f"Wijkaanpak {programme.name}: open data",
        "description": (
            f"Public data of the neighbourhood approach {programme.name} "
            f"({programme.area.name}, {programme.municipality.name}): indicators with their "
            "figures and sources, kansen, measures and their values, and budget lines. "
            "No personal data."
        ),
        "licenses": [LICENCE],
        "sources": [{"title": s} for s in sources]
        + [{"title": f"Wijkaanpak, programme {programme.name}"}],
        "resources": [
            {
                "name": name.replace("_", "-"),
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "licenses": [LICENCE],
                "schema": _schema(name),
            }
            for name in ORDER
        ],
    }


def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = copy.deepcopy(SCHEMAS[name])
    for fk in schema.get("foreignKeys", []):
        fk["reference"]["resource"] = fk["reference"]["resource"].replace("_", "-")
    return schema


def package_files(*, programme: Programme) -> dict[str, bytes]:
    """File name -> bytes: datapackage.json and one CSV per table."""
    tables = package_tables(programme=programme)
    files = {f"{name}.csv": _csv(name, tables[name]) for name in ORDER}
    meta = descriptor(programme=programme, tables=tables)
    files["datapackage.json"] = json.dumps(meta, indent=2, ensure_ascii=False).encode() + b"\n"
    return files


def package_write(*, programme: Programme, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in package_files(programme=programme).items():
        path = directory / name
        path.write_bytes(data)
        written.append(path)
    return written


def package_zip(*, programme: Programme) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in sorted(package_files(programme=programme).items()):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return out.getvalue()
