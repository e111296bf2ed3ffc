"""Import the real CBS and city-monitor files in ../shared/data and check values against them."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F

from wijkaanpak.areas.models import Area, AreaLevel
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.indicators.models import Observation
from wijkaanpak.indicators.services import indicators_import

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]


def value(code: str, area: str, period: int) -> float | None:
    return Observation.objects.get(
        indicator__code=code, area__code=area, period=period, is_current=True
    ).value


def run(path: Path, fmt: str, **kw: Any) -> dict[str, Any]:
    with path.open("rb") as stream:
        return indicators_import(user=SYSTEM, stream=stream, file_name=path.name, fmt=fmt, **kw)


def test_cbs_kwb_2023_excel(shared_data: Path, areas: Any) -> None:
    report = run(shared_data / "CBS-Utrecht-kwb-2023.xlsx", "cbs-kwb-xlsx")
    assert report["year"] == 2023 and report["rows_read"] == 122
    # the file defines its 122 areas: the registry held 4 (GM0344, 2 wijken, 1 buurt)
    assert report["areas_created"] == 118 == len(report["areas_added"])
    assert "BU03440111" in report["areas_added"] and "GM0344" not in report["areas_added"]
    welgelegen = Area.objects.get(code="BU03440111")
    assert (welgelegen.name, welgelegen.parent.code, welgelegen.division_year) == (
        "Welgelegen, Den Hommel",
        "WK034401",
        2023,
    )
    assert Area.objects.filter(code__startswith="BU0344", division_year=2023).count() == 111
    assert not Area.objects.filter(name=F("code")).exists()  # every area named
    assert value("a_inw", "WK034403", 2023) == 34910
    assert value("a_soz_wb", "WK034403", 2023) == 2680
    assert value("a_soz_wb", "GM0344", 2023) == 10410
    assert value("g_wozbag", "WK034403", 2023) == 301
    assert value("p_wcorpw", "WK034403", 2023) == 61
    assert value("a_inw", "BU03440311", 2023) == 4195
    assert (
        Observation.objects.get(
            indicator__code="p_hh_li", area__code="WK034403", period=2023
        ).missing_reason
        == "secret or not available"
    )
    assert (
        Area.objects.filter(level=AreaLevel.NEIGHBOURHOOD, code__startswith="BU0344").count() == 111
    )


def test_cbs_odata_kwb_2022_wijken_csv(shared_data: Path, areas: Any) -> None:
    # the table names no regions: its wijken must be in the registry (defined by the KWB file)
    with pytest.raises(InvalidInput) as exc:
        run(shared_data / "cbs_kwb2022_utrecht_wijken.csv", "cbs-odata", year=2022)
    assert exc.value.errors[0]["column"] == "WijkenEnBuurten"
    assert "'WK034402'" in exc.value.errors[0]["message"]
    run(shared_data / "CBS-Utrecht-kwb-2023.xlsx", "cbs-kwb-xlsx")
    report = run(shared_data / "cbs_kwb2022_utrecht_wijken.csv", "cbs-odata", year=2022)
    assert report["rows_read"] == 10
    assert value("a_inw", "WK034403", 2022) == 34560
    assert value("p_hh_li", "WK034403", 2022) == 10.5
    assert value("p_hh_li", "WK034401", 2022) == 5.3
    assert value("p_hh_osm", "WK034403", 2022) == 16.6
    assert value("p_jz_tn", "WK034403", 2022) == 17.1
    assert value("p_wmo_t", "WK034403", 2022) == 102
    with (shared_data / "cbs_kwb2022_utrecht_wijken.csv").open(encoding="utf-8") as fh:
        total = sum(int(r["AantalInwoners_5"]) for r in csv.DictReader(fh))
    assert total == 361570
    assert report["areas_created"] == 0
    assert (
        sum(
            Observation.objects.filter(indicator__code="a_inw", period=2022).values_list(
                "value", flat=True
            )
        )
        == total
    )


def test_national_crime_file_through_the_command(
    shared_data: Path, areas: Any, capsys: Any, tmp_path: Path
) -> None:
    """14,730 buurten of the whole country, checked against the registry: with Utrecht's
    division defined (KWB 2023), the Utrecht rows are accepted, the national file refused."""
    path = shared_data / "cbs_crime_2024JJ00_buurten.csv"
    run(shared_data / "CBS-Utrecht-kwb-2023.xlsx", "cbs-kwb-xlsx")
    areas_before = Area.objects.count()
    with pytest.raises(CommandError):
        call_command(
            "import_indicators", str(path), "--format", "cbs-odata", "--year", "2024", verbosity=0
        )
    err = capsys.readouterr().err
    assert (
        "file cbs_crime_2024JJ00_buurten.csv, row 2, column WijkenEnBuurten: "
        "Unknown area code 'BU00000000'" in err
    )
    assert not Observation.objects.filter(indicator__code="misdrijven_totaal").exists()
    assert Area.objects.count() == areas_before
    with path.open(encoding="utf-8") as fh:
        lines = fh.readlines()
    assert len(lines) == 14731
    utrecht = tmp_path / "crime_utrecht.csv"
    utrecht.write_text(lines[0] + "".join(x for x in lines if x.startswith("BU0344")))
    call_command(
        "import_indicators", str(utrecht), "--format", "cbs-odata", "--year", "2024", verbosity=0
    )
    out = capsys.readouterr().out
    assert "111 rows read" in out and "111 values written" in out
    rows = {
        r["WijkenEnBuurten"].strip(): float(r["GeregistreerdeMisdrijven_1"])
        for r in csv.DictReader(lines)
    }
    assert value("misdrijven_totaal", "BU03440321", 2024) == rows["BU03440321"] == 798
    assert Area.objects.count() == areas_before


def test_city_monitor_export_with_a_name_mapping(
    shared_data: Path, areas: Any, tmp_path: Path, capsys: Any
) -> None:
    path = shared_data / "UIC_cultuurdeelname_2023_subwijken.csv"
    with path.open(encoding="utf-8-sig") as fh:
        names = [r[0] for r in csv.reader(fh, delimiter=";")][1:]
    mapping = tmp_path / "mapping.csv"
    lines = ["name;code"]
    for i, name in enumerate(n for n in names if n != "Utrecht"):
        Area.objects.create(
            code=f"UIC-SW{i:02d}",
            name=f"{name} (UIC)",
            level=AreaLevel.SUBDISTRICT,
            parent=areas["gm"],
        )
        lines.append(f"{name};UIC-SW{i:02d}")
    mapping.write_text("\n".join(lines) + "\n", encoding="utf-8")
    call_command(
        "import_indicators", str(path), "--format", "city-monitor", "--mapping", str(mapping),
        verbosity=0,
    )  # fmt: skip
    out = capsys.readouterr().out
    assert "34 area name mappings loaded" in out and "35 rows read" in out
    assert len(names) == 35
    assert value("mon_pct_cultuurdeelname", "GM0344", 2023) == 89
    pijlsweerd = Area.objects.get(name="Subwijk Pijlsweerd (UIC)").code
    assert value("mon_pct_cultuurdeelname", pijlsweerd, 2023) == 95


def test_real_kwb_excel_through_the_api(
    shared_data: Path, areas: Any, api: Any, steward: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = (shared_data / "CBS-Utrecht-kwb-2023.xlsx").read_bytes()
    r = api(steward).post_multipart(
        "/indicators/imports",
        {
            "file": SimpleUploadedFile("CBS-Utrecht-kwb-2023.xlsx", content),
            "format": "cbs-kwb-xlsx",
            "source": "CBS KWB 2023, eerste publicatie",
        },
    )
    assert r.status_code == 201, r.content
    assert r.json()["rows_read"] == 122
    obs = Observation.objects.get(indicator__code="a_soz_wb", area__code="WK034403", period=2023)
    assert (obs.value, obs.status) == (2680, "provisional")
    profile = api().get("/areas/WK034403/profile/", year=2023).json()
    item = next(i for i in profile["items"] if i["indicator"] == "a_soz_wb")
    assert (item["value"], item["parent_value"]) == (2680, 10410)
