"""Imports respect ownership (issue 13): a Zeist coordinator's file with Utrecht areas, or
into a national indicator, is refused whole and nothing is written; data stewards import
national files; municipal users import only long-format figures of their own municipality."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wijkaanpak.indicators.models import ImportRun, Indicator, Observation
from wijkaanpak.indicators.services import observation_set

pytestmark = pytest.mark.django_db


def upload(content: str, fmt: str = "long") -> dict[str, Any]:
    return {"file": SimpleUploadedFile("cijfers.csv", content.encode()), "format": fmt}


@pytest.fixture
def zeist(areas: Any) -> dict[str, Any]:
    """Zeist (GM0355) with Vollenhove (buurt BU03550205 in wijk Zeist-Noord, WK035502),
    its programme and coordinator."""
    from wijkaanpak.accounts.models import User
    from wijkaanpak.accounts.services import programme_membership_set
    from wijkaanpak.areas.models import AreaLevel
    from wijkaanpak.areas.services import area_create_or_update
    from wijkaanpak.programmes.services import programme_create_or_update

    gm = area_create_or_update(
        code="GM0355", name="Zeist", level=AreaLevel.MUNICIPALITY, parent=areas["nl"]
    )
    wijk = area_create_or_update(
        code="WK035502", name="Zeist-Noord", level=AreaLevel.DISTRICT, parent=gm
    )
    buurt = area_create_or_update(
        code="BU03550205", name="Vollenhove", level=AreaLevel.NEIGHBOURHOOD, parent=wijk
    )
    programme = programme_create_or_update(
        slug="vollenhove", name="Vollenhove", municipality=gm, area=buurt, start_year=2020
    )
    coordinator = User.objects.create_user(username="coordinator-zeist", password="pw-zeist-123")
    programme_membership_set(user=coordinator, programme=programme, role="coordinator")
    return {"gm": gm, "wijk": wijk, "buurt": buurt, "coordinator": coordinator}


def _indicator(code: str, **kw: Any) -> Indicator:
    return Indicator.objects.create(code=code, name_nl=code, unit="percent", **kw)


def _state() -> list[tuple[Any, ...]]:
    return sorted(
        Observation.objects.values_list("indicator__code", "area__code", "period", "value")
    )


def test_zeist_coordinator_cannot_overwrite_overvecht_figures(
    api: Any, areas: Any, welfare: Any, zeist: Any
) -> None:
    """The reproduction: 18.2% of households on welfare in Overvecht, replaced with 1.0 by a
    Zeist coordinator's long-format file (201 Created before)."""
    observation_set(
        indicator=welfare, area=areas["overvecht"], period=2017, value=18.2, source="WW"
    )
    before = _state()
    file = "indicator,area,period,value,source\nww_bijstand_hh,WK034403,2017,1.0,Zeist\n"
    r = api(zeist["coordinator"]).post_multipart("/indicators/imports", upload(file))
    assert r.status_code == 403, r.content
    errors = r.json()["errors"]
    assert {(e["row"], e["column"]) for e in errors} == {(2, "area"), (2, "indicator")}
    assert any("WK034403" in e["message"] for e in errors)
    assert any("ww_bijstand_hh" in e["message"] for e in errors)
    assert _state() == before and not ImportRun.objects.exists()


def test_own_areas_and_a_national_indicator_not_open_to_municipalities_is_refused(
    api: Any, areas: Any, welfare: Any, zeist: Any
) -> None:
    file = "indicator,area,period,value,source\nww_bijstand_hh,BU03550205,2017,9.0,Zeist\n"
    r = api(zeist["coordinator"]).post_multipart("/indicators/imports", upload(file))
    assert r.status_code == 403
    assert [(e["column"], "ww_bijstand_hh" in e["message"]) for e in r.json()["errors"]] == [
        ("indicator", True)
    ]
    assert not Observation.objects.exists()


def test_a_file_mixing_own_and_other_areas_is_refused_whole(
    api: Any, areas: Any, zeist: Any
) -> None:
    own = _indicator("zeist_monitor", municipality=zeist["gm"])
    file = (
        "indicator,area,period,value,source\n"
        "zeist_monitor,BU03550205,2023,40,Zeist\n"
        "zeist_monitor,WK035502,2023,35,Zeist\n"
        "zeist_monitor,BU03440311,2023,20,Zeist\n"
    )
    r = api(zeist["coordinator"]).post_multipart("/indicators/imports", upload(file))
    assert r.status_code == 403
    assert [(e["row"], e["column"]) for e in r.json()["errors"]] == [(4, "area")]
    assert "BU03440311" in r.json()["errors"][0]["message"]
    assert not Observation.objects.filter(indicator=own).exists()


def test_zeist_coordinator_imports_own_areas_into_own_and_importable_indicators(
    api: Any, areas: Any, zeist: Any
) -> None:
    _indicator("zeist_monitor", municipality=zeist["gm"])
    _indicator("national_open", municipal_import=True)
    file = (
        "indicator,area,period,value,source\n"
        "zeist_monitor,BU03550205,2023,40,Zeist\n"
        "national_open,GM0355,2023,12,Zeist\n"
    )
    r = api(zeist["coordinator"]).post_multipart("/indicators/imports", upload(file))
    assert r.status_code == 201, r.content
    assert _state() == [
        ("national_open", "GM0355", 2023, 12.0),
        ("zeist_monitor", "BU03550205", 2023, 40.0),
    ]


def test_another_municipalitys_indicator_is_refused_even_for_own_areas(
    api: Any, areas: Any, zeist: Any
) -> None:
    _indicator("utrecht_monitor", municipality=areas["gm"])
    file = "indicator,area,period,value,source\nutrecht_monitor,BU03550205,2023,40,Zeist\n"
    r = api(zeist["coordinator"]).post_multipart("/indicators/imports", upload(file))
    assert r.status_code == 403
    assert "another municipality" in str(r.json()) or "andere gemeente" in str(r.json())
    assert not Observation.objects.exists()


def test_the_country_is_not_a_municipal_area(api: Any, areas: Any, zeist: Any) -> None:
    _indicator("national_open", municipal_import=True)
    file = "indicator,area,period,value,source\nnational_open,NL00,2023,12,Zeist\n"
    r = api(zeist["coordinator"]).post_multipart("/indicators/imports", upload(file))
    assert r.status_code == 403 and "NL00" in r.json()["errors"][0]["message"]
    assert not Observation.objects.exists()


def test_data_steward_imports_national_files(
    api: Any, areas: Any, welfare: Any, zeist: Any, steward: Any
) -> None:
    file = (
        "indicator,area,period,value,source\n"
        "ww_bijstand_hh,WK034403,2017,18.2,WW\n"
        "ww_bijstand_hh,BU03550205,2017,9.0,WW\n"
    )
    r = api(steward).post_multipart("/indicators/imports", upload(file))
    assert r.status_code == 201, r.content
    assert len(_state()) == 2


@pytest.mark.parametrize("fmt", ["cbs-kwb-xlsx", "cbs-odata", "city-monitor"])
def test_cbs_statline_and_city_monitor_files_are_for_data_stewards(
    api: Any, areas: Any, zeist: Any, coordinator: Any, fmt: str
) -> None:
    from wijkaanpak.accounts.models import MunicipalityMembership

    admin = zeist["coordinator"].__class__.objects.create_user(username="gemeente-zeist")
    MunicipalityMembership.objects.create(user=admin, municipality=zeist["gm"], role="admin")
    for user in (coordinator, zeist["coordinator"], admin):
        r = api(user).post_multipart("/indicators/imports", upload("x;y\n1;2\n", fmt))
        assert r.status_code == 403, (user, fmt, r.content)
        assert r.json()["errors"][0]["field"] == "format"
    assert not ImportRun.objects.exists()


def test_municipality_admin_imports_for_own_municipality(api: Any, areas: Any, zeist: Any) -> None:
    from wijkaanpak.accounts.models import MunicipalityMembership, User

    admin = User.objects.create_user(username="gemeente-zeist")
    MunicipalityMembership.objects.create(user=admin, municipality=zeist["gm"], role="admin")
    _indicator("zeist_monitor", municipality=zeist["gm"])
    ok = "indicator,area,period,value,source\nzeist_monitor,WK035502,2023,40,Zeist\n"
    assert api(admin).post_multipart("/indicators/imports", upload(ok)).status_code == 201
    bad = "indicator,area,period,value,source\nzeist_monitor,WK034403,2023,40,Zeist\n"
    assert api(admin).post_multipart("/indicators/imports", upload(bad)).status_code == 403
    assert _state() == [("zeist_monitor", "WK035502", 2023, 40.0)]
