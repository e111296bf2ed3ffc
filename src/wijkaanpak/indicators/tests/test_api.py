"""API: profile, indicator list, observations and imports with roles."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wijkaanpak.indicators.models import Observation
from wijkaanpak.indicators.services import observation_set

pytestmark = pytest.mark.django_db

PROFILE_FIELDS = {
    "indicator", "name", "unit", "period", "value", "source", "parent_value",
    "national_value", "index", "trend", "rank", "direction_ok",
}  # fmt: skip
LONG = b"indicator,area,period,value,source\nww_bijstand_hh,WK034403,2017,18.2,WijkWijzer\n"


def upload(content: bytes = LONG, **fields: Any) -> dict[str, Any]:
    return {"file": SimpleUploadedFile("figures.csv", content), "format": "long", **fields}


def test_profile_lists_each_indicator_with_the_fields_of_the_issue(
    api: Any, areas: Any, welfare: Any
) -> None:
    observation_set(
        indicator=welfare, area=areas["overvecht"], period=2017, value=18.2, source="WW"
    )
    observation_set(indicator=welfare, area=areas["gm"], period=2017, value=6.5, source="WW")
    r = api().get("/areas/WK034403/profile/", year=2020)
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert set(item) >= PROFILE_FIELDS
    assert (item["indicator"], item["period"], item["value"], item["parent_value"]) == (
        "ww_bijstand_hh", 2017, 18.2, 6.5
    )  # fmt: skip
    assert item["national_value"] is None
    assert item["index"] == pytest.approx(280.0)


def test_profile_answer_matches_its_declared_schema(api: Any, areas: Any, welfare: Any) -> None:
    """The endpoint writes its JSON itself (no validation on the way out): check the answer
    against ProfileOut, with every optional figure present, for a buurt whose country is
    found among its loaded ancestors."""
    from wijkaanpak.indicators.api_schemas import ProfileItem, ProfileOut

    for area, values in [
        (areas["buurt"], (20.0, 19.0, 18.5)),
        (areas["overvecht"], (19.0, 18.0, 17.0)),
        (areas["gm"], (7.0, 6.8, 6.5)),
        (areas["nl"], (5.0, 5.0, 4.9)),
    ]:
        for year, value in zip((2019, 2020, 2021), values, strict=True):
            observation_set(indicator=welfare, area=area, period=year, value=value, source="s")
    sibling = areas["buurt"].__class__.objects.create(
        code="BU03440312", name="Zambesidreef", level="buurt", parent=areas["overvecht"]
    )
    observation_set(indicator=welfare, area=sibling, period=2021, value=30.0, source="s")
    body = api().get("/areas/BU03440311/profile/", year=2021).json()
    ProfileOut.model_validate(body)
    (item,) = body["items"]
    assert set(item) == set(ProfileItem.model_fields)
    assert [k for k, v in item.items() if v is None] == []
    assert (item["parent_value"], item["city_value"], item["national_value"]) == (17.0, 6.5, 4.9)
    assert (item["rank"], item["rank_of"], item["direction_ok"]) == (1, 2, True)


def test_profile_of_an_unknown_area_is_404(api: Any, db: Any) -> None:
    r = api().get("/areas/WK999999/profile/")
    assert r.status_code == 404 and r["Content-Type"] == "application/problem+json"


def test_indicator_list_and_observations(api: Any, areas: Any, welfare: Any) -> None:
    observation_set(indicator=welfare, area=areas["overvecht"], period=2017, value=18.2, source="a")
    observation_set(indicator=welfare, area=areas["overvecht"], period=2017, value=18.4, source="b")
    body = api().get("/indicators/").json()
    assert body["count"] == 1 and body["items"][0]["ambitions"] == [1]
    obs = api().get("/indicators/ww_bijstand_hh/observations/", area="WK034403").json()
    assert [(o["value"], o["current"]) for o in obs["items"]] == [(18.4, True)]
    hist = api().get("/indicators/ww_bijstand_hh/observations/", area="WK034403", history=True)
    assert [o["value"] for o in hist.json()["items"]] == [18.4, 18.2]
    assert api().get("/indicators/nope/observations/").status_code == 404


def test_import_needs_login_and_a_coordinator(
    api: Any, areas: Any, welfare: Any, viewer: Any, editor: Any
) -> None:
    assert api().post_multipart("/indicators/imports", upload()).status_code == 401
    assert api(viewer).post_multipart("/indicators/imports", upload()).status_code == 403
    assert api(editor).post_multipart("/indicators/imports", upload()).status_code == 403
    assert not Observation.objects.exists()


def test_coordinator_imports_and_gets_the_report(
    api: Any, areas: Any, welfare: Any, coordinator: Any
) -> None:
    welfare.municipality = areas["gm"]  # Utrecht's own monitor figure: its coordinators import it
    welfare.save()
    r = api(coordinator).post_multipart("/indicators/imports", upload(source="WijkWijzer 2017"))
    assert r.status_code == 201, r.content
    assert r.json()["values_written"] == 1 and r.json()["release"] == "WijkWijzer 2017"
    dry = api(coordinator).post_multipart(
        "/indicators/imports", upload(LONG.replace(b"18.2", b"19"), dry_run="true")
    )
    assert dry.status_code == 200 and dry.json()["values_replaced"] == 1
    assert Observation.objects.get(is_current=True).value == 18.2


def test_bad_import_answers_400_with_file_row_and_column(
    api: Any, areas: Any, welfare: Any, coordinator: Any
) -> None:
    bad = LONG + b"ww_bijstand_hh,WK999999,2017,5,x\n"
    r = api(coordinator).post_multipart("/indicators/imports", upload(bad))
    assert r.status_code == 400 and r["Content-Type"] == "application/problem+json"
    assert r.json()["errors"][0] == {
        "file": "figures.csv", "row": 3, "column": "area",
        "message": "Onbekende gebiedscode 'WK999999': die staat niet in het gebiedenregister; "
        "verwacht: de code van een bestaand gebied (bijvoorbeeld WK034403), of importeer eerst "
        "het CBS-bestand dat het gebied vastlegt (Kerncijfers wijken en buurten)",  # Dutch
    }  # fmt: skip
    empty = api(coordinator).post_multipart("/indicators/imports", upload(b""))
    assert empty.status_code == 400
    wrong = api(coordinator).post_multipart("/indicators/imports", upload(format="excel"))
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "format"
    assert not Observation.objects.exists()


def test_the_mistyped_odata_file_answers_400_and_creates_nothing(
    api: Any, areas: Any, steward: Any
) -> None:
    """Issue 18: `BU9944…` instead of `BU0344…` created GM9944, a wijk and its buurten."""
    from wijkaanpak.areas.models import Area
    from wijkaanpak.indicators.models import ImportRun, Indicator

    before = Area.objects.count()
    rows = "".join(f"BU994403{n:02d},{n},{n}.0\n" for n in range(11, 22))
    content = ("WijkenEnBuurten,ID,GeregistreerdeMisdrijven_1\n" + rows).encode()
    r = api(steward).post_multipart(
        "/indicators/imports",
        {
            "file": SimpleUploadedFile("crime.csv", content),
            "format": "cbs-odata",
            "year": "2024",
        },
    )
    assert r.status_code == 400, r.content
    first = r.json()["errors"][0]
    assert (first["file"], first["row"], first["column"]) == ("crime.csv", 2, "WijkenEnBuurten")
    assert "'BU99440311'" in first["message"]
    assert len(r.json()["errors"]) == 11
    assert Area.objects.count() == before
    assert not Area.objects.filter(code__startswith="GM9944").exists()
    assert not Observation.objects.exists() and not ImportRun.objects.exists()
    assert not Indicator.objects.filter(code="misdrijven_totaal").exists()
