import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from shapely.geometry import shape

from wijkaanpak.areas import selectors, services
from wijkaanpak.areas.boundaries import boundaries_import
from wijkaanpak.areas.models import Area, AreaBoundary
from wijkaanpak.core.exceptions import InvalidInput

SQUARE = [[[5.10, 52.10], [5.11, 52.10], [5.11, 52.11], [5.10, 52.11], [5.10, 52.10]]]
#: The same kind of square in RD New metres (near Utrecht).
RD_SQUARE = [
    [[136000, 456000], [137000, 456000], [137000, 457000], [136000, 457000], [136000, 456000]]
]
BOWTIE = [[[5.10, 52.10], [5.11, 52.11], [5.11, 52.10], [5.10, 52.11], [5.10, 52.10]]]


def collection(*features, crs=None):
    data = {"type": "FeatureCollection", "features": list(features)}
    if crs:
        data["crs"] = {"type": "name", "properties": {"name": crs}}
    return io.BytesIO(json.dumps(data).encode())


def feature(props, coords, kind="Polygon"):
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": kind, "coordinates": coords},
    }


def run(stream, **kw):
    kw.setdefault("file_name", "test.geojson")
    kw.setdefault("year", 2023)
    kw.setdefault("level", "buurt")
    return boundaries_import(stream, **kw)


def counts():
    return Area.objects.count(), AreaBoundary.objects.count()


@pytest.mark.django_db
def test_wgs84_file_defines_its_areas_and_stores_simplified_outlines():
    report = run(
        collection(feature({"BU_CODE": "BU03440311", "BU_NAAM": "Taag- en Rubicondreef"}, SQUARE)),
        source="test",
    )
    assert report.projection == "EPSG:4326"
    assert report.areas_created == ["BU03440311", "GM0344", "WK034403"] or set(
        report.areas_created
    ) == {"BU03440311", "GM0344", "WK034403"}
    buurt = Area.objects.get(code="BU03440311")
    assert buurt.name == "Taag- en Rubicondreef" and buurt.parent.code == "WK034403"
    assert (buurt.first_division_year, buurt.division_year) == (2023, 2023)
    [(area, geometry, year)] = selectors.area_boundaries(within="GM0344", level="buurt")
    assert area == buurt and year == 2023 and geometry["type"] == "Polygon"
    assert all(len(str(x).split(".")[-1]) <= 6 for x, y in geometry["coordinates"][0])


@pytest.mark.django_db
def test_rd_new_is_transformed_to_wgs84_from_the_crs_member_or_the_coordinates():
    for crs in ("urn:ogc:def:crs:EPSG::28992", None):
        report = run(
            collection(feature({"WKC": "WK034403", "WKN": "Overvecht"}, RD_SQUARE), crs=crs),
            level="wijk",
        )
        assert report.projection == "EPSG:28992"
        [(_, geometry, _)] = selectors.area_boundaries(within="GM0344", level="wijk")
        lon, lat = geometry["coordinates"][0][0]
        assert 5.0 < lon < 5.2 and 52.0 < lat < 52.2  # Utrecht, not metres


@pytest.mark.django_db
def test_unknown_projection_is_refused_and_nothing_written():
    before = counts()
    with pytest.raises(InvalidInput, match="unknown projection 'urn:ogc:def:crs:EPSG::3857'"):
        run(
            collection(feature({"BU_CODE": "BU03440311"}, SQUARE), crs="urn:ogc:def:crs:EPSG::3857")
        )
    mercator = [[[568000, 6820000], [569000, 6820000], [569000, 6821000], [568000, 6820000]]]
    with pytest.raises(InvalidInput, match="unknown projection"):
        run(collection(feature({"BU_CODE": "BU03440311"}, mercator)))
    assert counts() == before


@pytest.mark.django_db
def test_self_intersecting_polygon_is_repaired_and_reported():
    report = run(collection(feature({"BU_CODE": "BU03440311"}, BOWTIE)))
    assert report.repaired and report.repaired[0].startswith("feature 1 (BU03440311): repaired")
    assert "Self-intersection" in report.repaired[0]
    [(_, geometry, _)] = selectors.area_boundaries(within="GM0344", level="buurt")
    assert geometry["type"] == "MultiPolygon"  # the two triangles of the bow tie


@pytest.mark.django_db
def test_unrepairable_polygon_and_feature_without_code_are_refused_by_feature():
    flat = [[[5.10, 52.10], [5.11, 52.11], [5.12, 52.12], [5.10, 52.10]]]  # no area at all
    before = counts()
    with pytest.raises(InvalidInput) as exc:
        run(
            collection(
                feature({"BU_CODE": "BU03440311"}, SQUARE),
                feature({"BU_CODE": "BU03440312"}, flat),
                feature({"naam": "Zonder code"}, SQUARE),
            )
        )
    messages = [e["message"] for e in exc.value.errors]
    assert messages[0].startswith("feature 2 (BU03440312): polygon without area")
    assert "cannot be repaired" in messages[0]
    assert messages[1].startswith("feature 3: no buurt code (expected a code starting BU)")
    assert "nothing was imported" in exc.value.message
    assert counts() == before


@pytest.mark.django_db
def test_check_mode_refuses_codes_that_match_nothing_in_the_registry():
    services.area_create_or_update(code="GM0344", name="Utrecht", level="gemeente")
    before = counts()
    with pytest.raises(InvalidInput, match="BU99440311: not in the area registry"):
        run(collection(feature({"BU_CODE": "BU99440311"}, SQUARE)), define=False)
    assert counts() == before


@pytest.mark.django_db
def test_codes_of_another_division_year_are_refused():
    gm = services.area_create_or_update(
        code="GM0344", name="Utrecht", level="gemeente", division_year=2023
    )
    services.area_create_or_update(
        code="GM0344", name="Utrecht", level="gemeente", parent=None, division_year=2025
    )
    wk = services.area_create_or_update(
        code="WK034403", name="Overvecht", level="wijk", parent=gm, division_year=2025
    )
    services.area_create_or_update(
        code="BU03440311", name="Taag", level="buurt", parent=wk, division_year=2023
    )
    before = counts()
    with pytest.raises(InvalidInput, match="BU03440311: not in the 2025 division"):
        run(collection(feature({"BU_CODE": "BU03440311"}, SQUARE)), year=2025)
    assert counts() == before


@pytest.mark.django_db
def test_local_codes_with_the_municipality_and_the_command(tmp_path: Path):
    path = tmp_path / "buurt.geojson"
    path.write_bytes(collection(feature({"KODE": "0311", "NAAM": "Taagdreef"}, SQUARE)).getvalue())
    out = io.StringIO()
    call_command(
        "import_boundaries", str(path), "--year", "2023", "--level", "buurt",
        "--municipality", "GM0344", "--source", "gemeente Utrecht", stdout=out,
    )  # fmt: skip
    assert "1 outlines stored (EPSG:4326, division 2023); 3 areas added" in out.getvalue()
    assert AreaBoundary.objects.get(area__code="BU03440311").source == "gemeente Utrecht"
    path.write_bytes(b"{not json")
    with pytest.raises(CommandError, match="not a JSON file"):
        call_command("import_boundaries", str(path), "--year", "2023", "--level", "buurt")


@pytest.mark.django_db
def test_real_utrecht_buurten_2013_wgs84_and_wijken_2016_rd(shared_data: Path):
    with (shared_data / "utrecht_gemeente_buurten_2013_wgs84.geojson").open("rb") as fh:
        report = run(fh, file_name="buurt.geojson", year=2013, municipality="GM0344")
    assert (report.projection, report.stored, report.repaired) == ("EPSG:4326", 111, [])
    with (shared_data / "utrecht_wijken_2016_rd.geojson").open("rb") as fh:
        report = run(fh, file_name="wijken.geojson", year=2016, level="wijk")
    assert (report.projection, report.stored) == ("EPSG:28992", 10)
    assert Area.objects.get(code="WK034403").name == "Wijk 03 Overvecht"
    assert len(selectors.area_boundaries(within="GM0344", level="buurt", year=2013)) == 111
    [overvecht] = [
        g
        for a, g, y in selectors.area_boundaries(within="GM0344", level="wijk")
        if a.code == "WK034403"
    ]
    lon, lat = shape(overvecht).centroid.coords[0]
    assert 5.08 < lon < 5.16 and 52.09 < lat < 52.14


@pytest.mark.django_db
def test_real_national_wijken_2016_rd(shared_data: Path):
    with (shared_data / "wijk_2016_6.geojson").open("rb") as fh:
        report = run(fh, file_name="wijk_2016_6.geojson", year=2016, level="wijk")
    assert report.features == 2982 and report.projection == "EPSG:28992"
    # WK191104 (Wieringen) comes in two features: merged into one outline
    assert report.merged == 1 and "feature 2982 (WK191104): a further part of feature 2824" in (
        " ".join(report.repaired)
    )
    assert len(report.skipped) == 2  # Wolderwijd and Markermeer have empty geometries
    assert report.stored == 2979 and len(report.repaired) == 12 + 1
    assert Area.objects.filter(level="wijk").count() == 2981
    assert AreaBoundary.objects.count() == 2979


@pytest.mark.django_db
def test_boundaries_geojson_api_is_a_wgs84_feature_collection(api):
    run(
        collection(feature({"BU_CODE": "BU03440311", "BU_NAAM": "Taagdreef"}, RD_SQUARE)),
        source="CBS",
    )
    r = api().get("/areas/GM0344/boundaries.geojson", level="buurt", year=2023)
    assert r.status_code == 200 and r["Content-Type"] == "application/geo+json"
    data = r.json()
    assert data["type"] == "FeatureCollection"
    [f] = data["features"]
    assert f["properties"] == {
        "code": "BU03440311",
        "name": "Taagdreef",
        "level": "buurt",
        "division_year": 2023,
        "source": "CBS",
    }
    lon, lat = shape(f["geometry"]).centroid.coords[0]
    assert 5.0 < lon < 5.2 and 52.0 < lat < 52.2
    assert api().get("/areas/GM0344/boundaries.geojson", year=2016).json()["features"] == []
    assert api().get("/areas/GM9944/boundaries.geojson").status_code == 404
