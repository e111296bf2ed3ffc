"""Importing each format from small sample files written here, and refusing bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest

from wijkaanpak.areas.models import Area
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.indicators.models import ImportRun, Indicator, Observation
from wijkaanpak.indicators.services import area_name_mapping_set

from .conftest import xlsx_bytes

pytestmark = pytest.mark.django_db

LONG = "indicator,area,period,value,source\nww_bijstand_hh,WK034403,2017,18.2,WijkWijzer\n"


def current(code: str, area: str, period: int) -> Observation:
    return Observation.objects.get(
        indicator__code=code, area__code=area, period=period, is_current=True
    )


def test_long_csv_is_imported_with_a_report(areas: Any, welfare: Any, imp: Any) -> None:
    report = imp(
        LONG + "ww_bijstand_hh,GM0344,2017,6.5,WijkWijzer\n", "long", source="WijkWijzer 2017"
    )
    assert report["rows_read"] == 2
    assert report["values_written"] == 2
    assert report["values_replaced"] == 0
    assert current("ww_bijstand_hh", "WK034403", 2017).value == 18.2
    assert ImportRun.objects.get(pk=report["import_id"]).values_written == 2


def test_long_csv_in_dutch_notation_with_bom_semicolons_and_padded_codes(
    areas: Any, welfare: Any, inhabitants: Any, imp: Any
) -> None:
    content = (
        "\ufeffindicator;area;period;value;source\n"
        "ww_bijstand_hh;  WK034403  ;2017;18,2;WijkWijzer\n"
        "a_inw;wk034403;2023;34.910;CBS\n"
        "a_inw;GM0344;2023-01-01;367 947;CBS\n"
    )
    report = imp(content, "long")
    assert report["values_written"] == 3
    assert current("ww_bijstand_hh", "WK034403", 2017).value == 18.2
    assert current("a_inw", "WK034403", 2023).value == 34910
    obs = current("a_inw", "GM0344", 2023)
    assert obs.value == 367947 and str(obs.reference_date) == "2023-01-01"


def test_long_xlsx_is_imported(areas: Any, welfare: Any, imp: Any) -> None:
    content = xlsx_bytes(
        {"data": [["indicator", "area", "period", "value", "source"],
                  ["ww_bijstand_hh", "WK034403", 2017, 18.2, "WijkWijzer"]]}
    )  # fmt: skip
    assert imp(content, "long", name="figures.xlsx")["values_written"] == 1
    assert current("ww_bijstand_hh", "WK034403", 2017).value == 18.2


def test_a_newer_release_replaces_the_value_and_keeps_the_old_one(
    areas: Any, welfare: Any, imp: Any
) -> None:
    imp(LONG, "long", source="release 1")
    again = imp(LONG, "long", source="release 1")
    assert again["values_unchanged"] == 1 and again["values_written"] == 0
    assert current("ww_bijstand_hh", "WK034403", 2017).status == "final"
    newer = imp(LONG.replace("18.2", "18.4"), "long", source="release 2, voorlopig")
    assert newer["values_replaced"] == 1 and newer["values_written"] == 1
    assert current("ww_bijstand_hh", "WK034403", 2017).value == 18.4
    assert current("ww_bijstand_hh", "WK034403", 2017).status == "provisional"
    history = Observation.objects.filter(indicator__code="ww_bijstand_hh", is_current=False)
    assert [(o.value, o.release) for o in history] == [(18.2, "release 1")]


def test_dry_run_reports_but_writes_nothing(areas: Any, welfare: Any, imp: Any) -> None:
    report = imp(LONG, "long", dry_run=True)
    assert report["dry_run"] is True and report["values_written"] == 1
    assert not Observation.objects.exists() and not ImportRun.objects.exists()


def test_cbs_kwb_excel_creates_areas_and_indicators(areas: Any, imp: Any) -> None:
    content = xlsx_bytes(
        {
            "toelichting": [["Kerncijfers wijken en buurten"]],
            "kwb-2023": [
                ["gwb_code_10", "gwb_code", "regio", "recs", "a_inw", "a_soz_wb", "p_wcorpw", "p_hh_li"],
                ["GM0344", "GM0344", "Utrecht", "Gemeente", 367947, "10410", 31, "."],
                ["WK034403", "WK034403", "Wijk 03 Overvecht", "Wijk", 34910, "2680", 61, "."],
                ["BU03440312", "BU03440312", "Wolga- en Donaudreef", "Buurt", 4900, "390", 81, "."],
            ],
        }
    )  # fmt: skip
    report = imp(content, "cbs-kwb-xlsx", name="kwb-2023.xlsx")
    assert report["year"] == 2023 and report["rows_read"] == 3
    assert report["areas_created"] == 1  # the buurt; its wijk exists
    assert report["areas_added"] == ["BU03440312"]
    buurt = Area.objects.get(code="BU03440312")
    assert (buurt.name, buurt.parent.code, buurt.division_year) == (
        "Wolga- en Donaudreef",
        "WK034403",
        2023,
    )
    # the areas it names that the registry held get the division year, and keep their names
    overvecht = Area.objects.get(code="WK034403")
    assert (overvecht.name, overvecht.division_year, overvecht.first_division_year) == (
        "Overvecht",
        2023,
        2023,
    )
    assert current("a_soz_wb", "WK034403", 2023).value == 2680
    missing = current("p_hh_li", "WK034403", 2023)
    assert missing.value is None and missing.missing_reason == "secret or not available"
    assert Indicator.objects.get(code="p_wcorpw").unit == "percent"


def test_cbs_odata_json_uses_data_properties(areas: Any, imp: Any) -> None:
    records = {"value": [
        {"ID": 1, "WijkenEnBuurten": "WK034403  ", "Perioden": "2022JJ00",
         "AantalInwoners_5": 34560, "HuishoudensMetEenLaagInkomen_78": 10.5, "Scholen_110": 19.1},
        {"ID": 2, "WijkenEnBuurten": "GM0344    ", "Perioden": "2022JJ00",
         "AantalInwoners_5": 361570, "HuishoudensMetEenLaagInkomen_78": None, "Scholen_110": 9.0},
    ]}  # fmt: skip
    props = [{"Key": "Scholen_110", "Title": "Scholen binnen 3 km", "Unit": "aantal"}]
    report = imp(json.dumps(records), "cbs-odata", name="85318NED.json", properties=props)
    assert report["values_written"] == 5
    assert current("a_inw", "WK034403", 2022).value == 34560
    assert current("p_hh_li", "WK034403", 2022).value == 10.5
    scholen = Indicator.objects.get(code="Scholen")
    assert (scholen.name_nl, scholen.unit) == ("Scholen binnen 3 km", "count")


def test_cbs_odata_csv_without_period_needs_the_year(areas: Any, imp: Any) -> None:
    content = "WijkenEnBuurten,ID,GeregistreerdeMisdrijven_1\nBU03440311,1,579.0\n"
    with pytest.raises(InvalidInput) as exc:
        imp(content, "cbs-odata", name="crime.csv")
    assert exc.value.errors[0]["column"] == "Perioden"
    report = imp(content, "cbs-odata", name="crime.csv", year=2024)
    assert report["values_written"] == 1 and report["areas_created"] == 0
    assert current("misdrijven_totaal", "BU03440311", 2024).value == 579


def test_figures_of_an_area_the_registry_does_not_hold_refuse_the_whole_file(
    areas: Any, imp: Any
) -> None:
    """The mistyped file of issue 18 (BU9944… for BU0344…): 400, nothing created."""
    before = set(Area.objects.values_list("code", flat=True))
    content = (
        "WijkenEnBuurten,ID,GeregistreerdeMisdrijven_1\n"
        "BU03440311,1,579.0\nBU99440312,2,81.0\nBU99440321,3,798.0\n"
    )
    with pytest.raises(InvalidInput) as exc:
        imp(content, "cbs-odata", name="crime.csv", year=2024)
    assert [(e["file"], e["row"], e["column"]) for e in exc.value.errors] == [
        ("crime.csv", 3, "WijkenEnBuurten"),
        ("crime.csv", 4, "WijkenEnBuurten"),
    ]
    assert "'BU99440312'" in exc.value.errors[0]["message"]
    assert set(Area.objects.values_list("code", flat=True)) == before
    assert not Observation.objects.exists() and not ImportRun.objects.exists()


def test_an_odata_table_that_names_its_regions_defines_them(areas: Any, imp: Any) -> None:
    content = (
        "WijkenEnBuurten,Title,Perioden,AantalInwoners_5\n"
        'BU03440111,"Welgelegen, Den Hommel",2023JJ00,5400\n'
        "BU03440311,Taag- en Rubicondreef,2023JJ00,4195\n"
    )
    report = imp(content, "cbs-odata", name="85618NED.csv")
    assert report["areas_created"] == 1
    assert report["areas_added"] == ["BU03440111"]  # its wijk West exists
    bu = Area.objects.get(code="BU03440111")
    assert (bu.name, bu.parent.code, bu.division_year) == (
        "Welgelegen, Den Hommel",
        "WK034401",
        2023,
    )
    assert not Indicator.objects.filter(code="Title").exists()


def test_the_country_is_recognised_in_every_file(utrecht: Any, welfare: Any, imp: Any) -> None:
    assert not Area.objects.filter(code="NL00").exists()
    report = imp(LONG + "ww_bijstand_hh,NL01,2017,5.0,x\n", "long")
    assert report["values_written"] == 2 and report["areas_created"] == 0
    nl = Area.objects.get(code="NL00")
    assert (nl.name, nl.level) == ("Nederland", "land")
    assert current("ww_bijstand_hh", "NL00", 2017).value == 5.0


def test_figures_outside_the_division_year_of_their_area_are_refused(
    areas: Any, welfare: Any, imp: Any
) -> None:
    from wijkaanpak.areas.services import area_create_or_update

    overvecht = areas["overvecht"]
    for year in (2023, 2024):
        area_create_or_update(
            code="GM0344", name="Utrecht", level="gemeente", parent=areas["nl"], division_year=year
        )
    area_create_or_update(
        code="BU03440311", name="Taag", level="buurt", parent=overvecht, division_year=2023
    )
    area_create_or_update(
        code="BU03440399", name="Nieuw", level="buurt", parent=overvecht, division_year=2024
    )
    head = "indicator,area,period,value,source\n"
    for code, year in [("BU03440311", 2024), ("BU03440399", 2023)]:
        with pytest.raises(InvalidInput) as exc:
            imp(head + f"ww_bijstand_hh,{code},{year},5,x\n", "long")
        error = exc.value.errors[0]
        assert (error["row"], error["column"]) == (2, "area") and f"'{code}'" in error["message"]
        assert f"{year} division" in error["message"]
    assert not Observation.objects.exists()
    # in its own division year, or a year the registry knows no division of: accepted
    imp(head + "ww_bijstand_hh,BU03440399,2024,5,x\nww_bijstand_hh,BU03440311,2019,5,x\n", "long")
    assert Observation.objects.count() == 2


def test_city_monitor_csv_maps_names_to_codes(areas: Any, imp: Any) -> None:
    area_name_mapping_set(name="Subwijk Overvecht-Noord", area=areas["overvecht"])
    content = (
        '"Niveau";"% cultuurdeelname|2023";"% tevreden|(zeer) tevreden|2023"\n'
        '"Subwijk Overvecht-Noord";75;"40,5"\n'
        '"Utrecht";89;.\n'
    )
    report = imp(content, "city-monitor", name="uic.csv")
    assert report["values_written"] == 4
    assert current("mon_pct_cultuurdeelname", "WK034403", 2023).value == 75
    assert current("mon_pct_tevreden_zeer_tevreden", "WK034403", 2023).value == 40.5
    assert Indicator.objects.get(code="mon_pct_cultuurdeelname").unit == "percent"


# --- Refused: each names file, row and column, and leaves the database unchanged ---------

BAD = [
    ("wrong header", "indicatr,area,period,value,source\nww_bijstand_hh,WK034403,2017,1,x\n", "long", 1, "indicator"),
    ("missing header", "ww_bijstand_hh,WK034403,2017,1,x\n", "long", 1, "indicator"),
    ("unknown area", LONG + "ww_bijstand_hh,WK999999,2017,5,x\n", "long", 3, "area"),
    ("unknown indicator", LONG + "nope,WK034403,2017,5,x\n", "long", 3, "indicator"),
    ("duplicate rows", LONG + "ww_bijstand_hh,WK034403,2017,18.3,x\n", "long", 3, None),
    ("non-numeric", LONG + "ww_bijstand_hh,GM0344,2017,veel,x\n", "long", 3, "value"),
    ("percentage over 100", LONG + "ww_bijstand_hh,GM0344,2017,182,x\n", "long", 3, "value"),
    ("unquoted decimal comma", LONG + "ww_bijstand_hh,GM0344,2017,6,5,x\n", "long", 3, None),
    ("bad period", LONG + "ww_bijstand_hh,GM0344,vorig jaar,5,x\n", "long", 3, "period"),
    ("empty file", "", "long", 1, None),
    ("header only", "indicator,area,period,value,source\n", "long", 2, None),
    ("city monitor as long", '"Niveau";"% x|2023"\n"Utrecht";5\n', "long", 1, "indicator"),
    ("long as city monitor", LONG, "city-monitor", 1, "indicator"),
    ("unknown monitor area", '"Niveau";"% x|2023"\n"Atlantis";5\n', "city-monitor", 2, "Niveau"),
    ("odata without area column", "Gebied,Perioden,AantalInwoners_5\nX,2022JJ00,5\n", "cbs-odata", 1, "WijkenEnBuurten"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "content", "fmt", "row", "column"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_cleanly(
    areas: Any,
    welfare: Any,
    imp: Any,
    case: str,
    content: str,
    fmt: str,
    row: int,
    column: str | None,
) -> None:
    imp(LONG, "long", source="before")
    before = list(Observation.objects.values_list("id", "value", "is_current"))
    n_areas, n_runs, n_ind = (
        Area.objects.count(),
        ImportRun.objects.count(),
        Indicator.objects.count(),
    )
    with pytest.raises(InvalidInput) as exc:
        imp(content, fmt, name="bad.csv", source="after")
    error = exc.value.errors[0]
    assert error["file"] == "bad.csv"
    assert error["row"] == row
    assert error["column"] == column
    assert "expected" in error["message"]
    assert list(Observation.objects.values_list("id", "value", "is_current")) == before
    assert (Area.objects.count(), ImportRun.objects.count(), Indicator.objects.count()) == (
        n_areas, n_runs, n_ind
    )  # fmt: skip


def test_undecodable_encoding_is_refused(areas: Any, welfare: Any, imp: Any) -> None:
    content = (LONG + "ww_bijstand_hh,GM0344,2017,6.5,Gemeente Utrecht – é\n").encode("cp1252")
    with pytest.raises(InvalidInput) as exc:
        imp(content, "long", name="latin.csv")
    assert exc.value.errors[0]["row"] == 3 and "UTF-8" in exc.value.errors[0]["message"]
    assert not Observation.objects.exists()


def test_excel_without_the_expected_sheet_is_refused(areas: Any, imp: Any) -> None:
    content = xlsx_bytes({"Blad1": [["code", "inwoners"], ["WK034403", 34910]]})
    with pytest.raises(InvalidInput) as exc:
        imp(content, "cbs-kwb-xlsx", name="kwb.xlsx")
    assert "gwb_code" in exc.value.errors[0]["message"]
    assert not Observation.objects.exists() and not Indicator.objects.exists()


def test_a_file_of_another_format_is_refused(areas: Any, imp: Any) -> None:
    with pytest.raises(InvalidInput) as exc:
        imp(LONG, "cbs-kwb-xlsx", name="figures.csv")
    assert "not an Excel workbook" in exc.value.errors[0]["message"]
    xlsx = xlsx_bytes({"kwb-2023": [["gwb_code", "a_inw"], ["WK034403", 1]]})
    with pytest.raises(InvalidInput) as exc:
        imp(xlsx, "city-monitor", name="kwb.xlsx")
    assert "not CSV text" in exc.value.errors[0]["message"]
    assert not Observation.objects.exists()


def test_a_kwb_percentage_over_100_is_refused_with_its_cell(areas: Any, imp: Any) -> None:
    content = xlsx_bytes(
        {"kwb-2023": [["gwb_code", "regio", "p_wcorpw"], ["WK034403", "Overvecht", 161]]}
    )
    with pytest.raises(InvalidInput) as exc:
        imp(content, "cbs-kwb-xlsx", name="kwb.xlsx")
    assert exc.value.errors[0] | {"message": ""} == {
        "file": "kwb.xlsx", "row": 2, "column": "p_wcorpw", "message": ""
    }  # fmt: skip
    assert not Observation.objects.exists() and not Indicator.objects.exists()


def test_a_derived_indicator_follows_its_numerator_and_denominator(
    areas: Any, inhabitants: Any, imp: Any
) -> None:
    from wijkaanpak.indicators.services import indicator_create_or_update

    welfare = indicator_create_or_update(code="a_soz_wb", name_nl="Bijstand", unit="count")
    indicator_create_or_update(
        code="bijstand_per_1000", name_nl="Bijstand per 1.000", unit="per_1000",
        numerator=welfare, denominator=inhabitants, factor=1000,
    )  # fmt: skip
    content = (
        "indicator;area;period;value;source\n"
        "a_inw;WK034403;2023;34910;CBS\na_soz_wb;WK034403;2023;2680;CBS\n"
        "a_inw;GM0344;2023;367947;CBS\n"
    )
    imp(content, "long")
    derived = current("bijstand_per_1000", "WK034403", 2023)
    assert derived.value == pytest.approx(76.7688) and derived.source.startswith("Berekend")
    assert not Observation.objects.filter(indicator__code="bijstand_per_1000", area__code="GM0344")
    runs = ImportRun.objects.count()
    imp(content, "long")  # nothing changed: no new derived values, no empty runs
    assert ImportRun.objects.count() == runs + 1
    imp(content.replace("2680", "2700"), "long")
    assert current("bijstand_per_1000", "WK034403", 2023).value == pytest.approx(77.3417)
    assert (
        Observation.objects.filter(indicator__code="bijstand_per_1000", is_current=False).count()
        == 1
    )


def test_a_mapping_file_with_an_unknown_code_is_refused(areas: Any, tmp_path: Any) -> None:
    from wijkaanpak.indicators.models import AreaNameMapping
    from wijkaanpak.indicators.services import area_name_mappings_load

    path = tmp_path / "mapping.csv"
    path.write_text("name;code\nOvervecht-Noord;WK034403\nAtlantis;WK999999\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as exc:
        area_name_mappings_load(path=path)
    assert exc.value.errors[0]["row"] == 3 and exc.value.errors[0]["column"] == "code"
    assert not AreaNameMapping.objects.exists()
    path.write_text("name;code\nOvervecht-Noord;wk034403\n", encoding="utf-8")
    assert area_name_mappings_load(path=path) == 1
    assert AreaNameMapping.objects.get().area.code == "WK034403"


def test_values_pass_the_staging_table_exactly_across_batches(
    areas: Any, welfare: Any, inhabitants: Any, imp: Any, monkeypatch: Any
) -> None:
    """The staging path (COPY text on PostgreSQL, executemany on SQLite) in batches of two:
    escapes in sources, missing markers, reference dates and small numbers arrive unchanged."""
    from wijkaanpak.indicators.importers import writer

    monkeypatch.setattr(writer, "BATCH", 2)
    content = (
        "indicator,area,period,value,source\n"
        'ww_bijstand_hh,WK034403,2017,18.2,"Bron\tmet tab, \\N en \\\\ backslash"\n'
        "ww_bijstand_hh,GM0344,2017,.,CBS\n"
        "a_inw,WK034403,2023-01-01,1e-05,CBS\n"
        'a_inw,GM0344,2023,367947,"regel\nafgebroken"\n'
        "a_inw,NL00,2023,17811291,\n"
    )
    report = imp(content, "long", source="Eigen bron")
    assert report["values_written"] == 5
    obs = current("ww_bijstand_hh", "WK034403", 2017)
    assert (obs.value, obs.source) == (18.2, "Bron\tmet tab, \\N en \\\\ backslash")
    obs = current("ww_bijstand_hh", "GM0344", 2017)
    assert (obs.value, obs.missing_reason) == (None, "secret or not available")
    obs = current("a_inw", "WK034403", 2023)
    assert (obs.value, str(obs.reference_date)) == (1e-05, "2023-01-01")
    assert current("a_inw", "GM0344", 2023).source == "regel\nafgebroken"
    assert current("a_inw", "NL00", 2023).source == "Eigen bron"


def test_a_duplicate_in_another_batch_is_refused_with_both_rows(
    areas: Any, welfare: Any, imp: Any, monkeypatch: Any
) -> None:
    from wijkaanpak.indicators.importers import writer

    monkeypatch.setattr(writer, "BATCH", 2)
    content = LONG + "ww_bijstand_hh,GM0344,2017,6.5,W\nww_bijstand_hh,WK034401,2017,7,W\n"
    with pytest.raises(InvalidInput) as exc:
        imp(content + "ww_bijstand_hh,wk034403,2017,18.3,W\n", "long")
    error = exc.value.errors[0]
    assert (error["row"], error["column"], error["file"]) == (5, None, "sample.csv")
    assert "also in row 2" in error["message"]
    assert not Observation.objects.exists() and not ImportRun.objects.exists()


def test_sqlite_gets_a_bigger_page_cache_only_while_importing(
    areas: Any, welfare: Any, imp: Any, monkeypatch: Any
) -> None:
    from django.db import connection

    from wijkaanpak.indicators.importers import writer

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    seen = []
    stage = writer._stage_insert

    def spy(cursor: Any, batch: list[list[Any]]) -> None:
        cursor.execute("PRAGMA cache_size")
        seen.append(cursor.fetchone()[0])
        stage(cursor, batch)

    monkeypatch.setattr(writer, "_stage_insert", spy)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
    imp(LONG, "long")
    assert seen == [-writer.SQLITE_IMPORT_CACHE_KIB]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == before
