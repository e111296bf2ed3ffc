"""CBS Kerncijfers wijken en buurten (Excel) and CBS StatLine OData (JSON or CSV)."""

from __future__ import annotations

import json
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from wijkaanpak.core.tabular import (
    TabularError,
    check_sheet,
    open_workbook,
    sheet_rows,
    size_text,
    stream_size,
)
from wijkaanpak.indicators.importers.base import Item, Parser
from wijkaanpak.indicators.importers.common import (
    Fatal,
    IndicatorSpec,
    clean_code,
    csv_rows,
    is_cbs_code,
    is_zip,
    peek,
)

# The KWB short names the monitor knows by name; other columns become indicators named by code.
KNOWN: dict[str, tuple[str, str, str]] = {
    "a_inw": ("Aantal inwoners", "count", "neutral"),
    "a_hh": ("Aantal huishoudens", "count", "neutral"),
    "a_soz_wb": ("Personen met een bijstandsuitkering", "count", "lower"),
    "a_soz_ao": ("Personen met een arbeidsongeschiktheidsuitkering", "count", "lower"),
    "a_soz_ww": ("Personen met een WW-uitkering", "count", "lower"),
    "p_wcorpw": ("Woningen in bezit van een woningcorporatie", "percent", "lower"),
    "p_koopw": ("Koopwoningen", "percent", "higher"),
    "g_wozbag": ("Gemiddelde WOZ-waarde van woningen (x 1.000 euro)", "euro_x1000", "higher"),
    "p_hh_li": ("Huishoudens met een laag inkomen", "percent", "lower"),
    "p_hh_osm": ("Huishoudens onder of rond het sociaal minimum", "percent", "lower"),
    "p_jz_tn": ("Jongeren met jeugdzorg", "percent", "lower"),
    "p_wmo_t": ("Wmo-cliënten per 1.000 inwoners", "per_1000", "neutral"),
    "bev_dich": ("Bevolkingsdichtheid (inwoners per km²)", "number", "neutral"),
    "misdrijven_totaal": ("Geregistreerde misdrijven", "count", "lower"),
}
# StatLine OData keys (without their _NN suffix) that are the same quantity as a KWB short name.
ODATA_TO_KWB = {
    "AantalInwoners": "a_inw",
    "HuishoudensTotaal": "a_hh",
    "PersonenPerSoortUitkeringBijstand": "a_soz_wb",
    "PersonenPerSoortUitkeringAO": "a_soz_ao",
    "PersonenPerSoortUitkeringWW": "a_soz_ww",
    "InBezitWoningcorporatie": "p_wcorpw",
    "Koopwoningen": "p_koopw",
    "GemiddeldeWOZWaardeVanWoningen": "g_wozbag",
    "HuishoudensMetEenLaagInkomen": "p_hh_li",
    "HuishOnderOfRondSociaalMinimum": "p_hh_osm",
    "PercentageJongerenMetJeugdzorg": "p_jz_tn",
    "WmoClientenRelatief": "p_wmo_t",
    "Bevolkingsdichtheid": "bev_dich",
    "GeregistreerdeMisdrijven": "misdrijven_totaal",
}
KWB_ID_COLUMNS = {"gwb_code_10", "gwb_code_8", "regio", "gm_naam", "recs", "gwb_code", "ind_wbi"}
KWB_TEXT_COLUMNS = {"pst_mvp", "pst_dekp"}
ODATA_SKIP = {
    "ID",
    "Title",
    "Naam",
    "Regionaam",
    "WijkenEnBuurten",
    "Perioden",
    "Gemeentenaam",
    "SoortRegio",
    "Codering",
    "IndelingswijzigingGemeenteWijkBuurt",
    "MeestVoorkomendePostcode",
    "Dekkingspercentage",
}
ODATA_UNITS = {
    "aantal": "count",
    "%": "percent",
    "per 1 000 inwoners": "per_1000",
    "x 1 000 euro": "euro_x1000",
    "euro": "euro",
}
_SUFFIX = re.compile(r"_\d+$")


def known_spec(code: str, *, source: str) -> IndicatorSpec | None:
    if code not in KNOWN:
        return None
    name, unit, direction = KNOWN[code]
    return IndicatorSpec(code=code, name=name, unit=unit, direction=direction, source=source)


def kwb_unit(code: str) -> str:
    if code.startswith("p_"):
        return "percent"
    if code.startswith("a_"):
        return "count"
    return "number"


class KwbXlsxParser(Parser):
    """CBS KWB Excel release: one sheet (`kwb-2023`), one row per area, short column names."""

    defines_areas = True
    creates_indicators = True
    expected = _lazy("a CBS Kerncijfers wijken en buurten workbook (.xlsx) with a sheet 'kwb-YYYY'")

    def default_source(self) -> str:
        return self.source or f"CBS Kerncijfers wijken en buurten {self.year}"

    def _open_sheet(self) -> Any:
        if not is_zip(self.stream):
            raise Fatal(
                _("This is not an Excel workbook; expected %(expected)s.")
                % {"expected": self.expected},
                row=1,
            )
        try:
            wb = open_workbook(self.stream, limits=self.limits)
        except TabularError:
            raise
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise Fatal(
                _("The workbook cannot be read (%(error)s); expected %(expected)s.")
                % {"error": exc, "expected": self.expected}
            ) from exc
        named = [n for n in wb.sheetnames if re.fullmatch(r"kwb-\d{4}", n.strip().lower())]
        for name in named + [n for n in wb.sheetnames if n not in named]:
            ws = wb[name]
            check_sheet(ws, self.limits)
            header = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), None)
            cols = [str(h).strip() if h is not None else "" for h in (header or ())]
            if "gwb_code" in cols or "gwb_code_10" in cols:
                if self.year is None:
                    match = re.search(r"(\d{4})", name)
                    if not match:
                        raise Fatal(
                            _(
                                "Sheet '%(name)s' does not name its year; expected the year as well (e.g. 2024)."
                            )
                            % {"name": name}
                        )
                    self.year = int(match.group(1))
                return ws, cols
        raise Fatal(
            _(
                "No sheet with a header row containing 'gwb_code' (sheets: %(sheets)s); expected %(expected)s."
            )
            % {"sheets": ", ".join(wb.sheetnames), "expected": self.expected}
        )

    def items(self) -> Iterator[Item]:
        ws, cols = self._open_sheet()
        code_col = cols.index("gwb_code") if "gwb_code" in cols else cols.index("gwb_code_10")
        self.area_column = cols[code_col]
        name_col = cols.index("regio") if "regio" in cols else None
        source = self.default_source()
        value_cols = []
        for i, col in enumerate(cols):
            if not col or col in KWB_ID_COLUMNS or col in KWB_TEXT_COLUMNS:
                continue
            spec = known_spec(col, source=source) or IndicatorSpec(
                code=col, name=col, unit=kwb_unit(col), source=source
            )
            self.specs[col] = spec
            value_cols.append((i, col))
        assert self.year is not None
        year = self.year
        for row_no, row in enumerate(sheet_rows(ws, limits=self.limits, min_row=2), 2):
            self.rows_read += 1
            code = clean_code(row[code_col] if code_col < len(row) else "")
            if not code:
                self.skip("row without an area code", row_no)
                continue
            if not is_cbs_code(code):
                self.problems.add(
                    _("'%(code)s' is not a CBS area code; expected GMnnnn, WKnnnnnn or BUnnnnnnnn")
                    % {"code": code},
                    row=row_no,
                    column=cols[code_col],
                )
                continue
            self.area_codes.add(code)
            if name_col is not None and name_col < len(row) and row[name_col]:
                self.area_names[code] = str(row[name_col]).strip()
            for i, col in value_cols:
                raw = row[i] if i < len(row) else None
                yield row_no, col, col, code, year, None, raw, source


def _odata_key(column: str) -> str:
    return _SUFFIX.sub("", column)


#: Columns of an OData table that name the region of `WijkenEnBuurten` (its dimension's title).
ODATA_NAME_COLUMNS = ("Title", "Naam", "Regionaam")


class ODataParser(Parser):
    """StatLine OData records as JSON (a list or {"value": [...]}) or CSV, with optional
    DataProperties (a list of {"Key", "Title", "Unit"}) for names and units.

    A table that names its regions (a column `Title`, `Naam` or `Regionaam` next to
    `WijkenEnBuurten`) defines its areas; figures without names are checked against the
    area registry."""

    defines_areas = False
    area_column = "WijkenEnBuurten"
    creates_indicators = True
    expected = _lazy("CBS StatLine OData records (JSON or CSV) with a column 'WijkenEnBuurten'")

    def __init__(self, *args: Any, properties: list[dict[str, Any]] | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.properties = {p.get("Key"): p for p in (properties or []) if p.get("Key")}

    def default_source(self) -> str:
        return self.source or "CBS StatLine"

    def _records(self) -> tuple[list[str], Iterator[tuple[int, dict[str, Any]]]]:
        start = peek(self.stream, 64).lstrip(b"\xef\xbb\xbf \r\n\t")
        if start[:1] in (b"[", b"{"):
            limit = settings.INDICATOR_IMPORT_MAX_JSON_BYTES
            if stream_size(self.stream) > limit:  # read whole: bounded apart (CSV streams)
                raise Fatal(
                    _("The JSON file is larger than %(limit)s; save larger tables as CSV.")
                    % {"limit": size_text(limit)},
                    row=1,
                )
            try:
                data = json.load(self.stream)
            except (ValueError, UnicodeDecodeError) as exc:
                raise Fatal(
                    _("The JSON cannot be read (%(error)s); expected %(expected)s.")
                    % {"error": exc, "expected": self.expected}
                ) from exc
            if isinstance(data, dict):
                data = data.get("value", data.get("d", {}).get("results") if "d" in data else None)
            if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
                raise Fatal(
                    _("The JSON is not a list of records; expected %(expected)s.")
                    % {"expected": self.expected}
                )
            if not data:
                raise Fatal(
                    _("The file has no records; expected %(expected)s.")
                    % {"expected": self.expected},
                    row=1,
                )
            return list(data[0].keys()), ((i, r) for i, r in enumerate(data, 1))
        header, rows, delimiter = csv_rows(self.stream, expected=self.expected, limits=self.limits)
        self.dutch = delimiter == ";"

        def gen() -> Iterator[tuple[int, dict[str, Any]]]:
            for i, row in enumerate(rows, 2):
                yield i, dict(zip(header, row, strict=False))

        return header, gen()

    def _spec(self, column: str, source: str, stems: dict[str, int]) -> IndicatorSpec | None:
        key = _odata_key(column)
        prop = self.properties.get(column, {})
        unit_text = str(prop.get("Unit") or "").strip().lower()
        if key in ODATA_SKIP or unit_text in {"naam", "omschrijving", "code"}:
            return None
        if key in ODATA_TO_KWB:
            code = ODATA_TO_KWB[key]
            return known_spec(code, source=source) or IndicatorSpec(code=code, name=code)
        unit = ODATA_UNITS.get(unit_text) or ("percent" if key.startswith("Percentage") else "")
        return IndicatorSpec(
            # A stem that occurs twice (Appartement_48 electricity, Appartement_56 gas) keeps its
            # number; the numbers differ between table years, so such series do not join.
            code=key if stems.get(key, 0) == 1 else column,
            name=str(prop.get("Title") or key),
            unit=unit or "number",
            source=source,
            definition=str(prop.get("Description") or "")[:2000],
        )

    def items(self) -> Iterator[Item]:
        header, records = self._records()
        if "WijkenEnBuurten" not in header:
            raise Fatal(
                _(
                    "Column 'WijkenEnBuurten' is missing (columns: %(columns)s…); expected %(expected)s."
                )
                % {"columns": ", ".join(header[:8]), "expected": self.expected},
                row=1,
                column="WijkenEnBuurten",
            )
        if "Perioden" not in header and self.year is None:
            raise Fatal(
                _(
                    "The file does not state its period (no column 'Perioden'); expected the year as well."
                ),
                row=1,
                column="Perioden",
            )
        source = self.default_source()
        name_col = next((c for c in header if _odata_key(c) in ODATA_NAME_COLUMNS), None)
        self.defines_areas = name_col is not None
        columns = []
        stems = Counter(_odata_key(c) for c in header)
        for col in header:
            spec = self._spec(col, source, stems)
            if spec is not None:
                self.specs[spec.code] = spec
                columns.append((col, spec.code))
        for row_no, rec in records:
            self.rows_read += 1
            code = clean_code(rec.get("WijkenEnBuurten"))
            if not code:
                self.skip("row without an area code", row_no)
                continue
            if not is_cbs_code(code):
                self.problems.add(
                    _("'%(code)s' is not a CBS area code; expected GMnnnn, WKnnnnnn or BUnnnnnnnn")
                    % {"code": code},
                    row=row_no,
                    column="WijkenEnBuurten",
                )
                continue
            year = self.year
            if "Perioden" in rec and rec["Perioden"]:
                match = re.match(r"\s*(\d{4})", str(rec["Perioden"]))
                if not match:
                    self.problems.add(
                        _("'%(period)s' is not a period; expected e.g. 2024JJ00")
                        % {"period": rec["Perioden"]},
                        row=row_no,
                        column="Perioden",
                    )
                    continue
                year = int(match.group(1))
            assert year is not None
            if name_col is not None:
                self.area_codes.add(code)
                self.division_year = year
                if rec.get(name_col):
                    self.area_names[code] = str(rec[name_col]).strip()
            for col, code_ in columns:
                yield row_no, col, code_, code, year, None, rec.get(col), source
