"""Interpretations and targets stay within the programme's municipality (issue 13): a Zeist
programme cannot use Utrecht's own indicators or areas, nor change Utrecht's targets; national
indicators are open to both."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from wijkaanpak.accounts.services import programme_membership_set
from wijkaanpak.areas.models import AreaLevel
from wijkaanpak.areas.services import area_create_or_update
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.exceptions import Forbidden, InvalidInput
from wijkaanpak.indicators import services
from wijkaanpak.indicators.models import Indicator, Interpretation, Target
from wijkaanpak.indicators.tests.test_kenniskring import send
from wijkaanpak.programmes.services import programme_create_or_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def zeist(areas: Any) -> dict[str, Any]:
    from wijkaanpak.accounts.models import User

    gemeente = area_create_or_update(code="GM0355", name="Zeist", level=AreaLevel.MUNICIPALITY)
    noord = area_create_or_update(
        code="WK035502", name="Zeist-Noord", level=AreaLevel.DISTRICT, parent=gemeente
    )
    programme = programme_create_or_update(
        slug="vollenhove", name="Vollenhove", municipality=gemeente, area=noord, start_year=2020
    )
    coordinator = User.objects.create_user(username="coordinator-zeist", password="pw-zeist-123")
    programme_membership_set(user=coordinator, programme=programme, role="coordinator")
    own = Indicator.objects.create(code="zeist_eigen", name_nl="Zeist eigen", municipality=gemeente)
    return {"programme": programme, "coordinator": coordinator, "area": noord, "own": own}


@pytest.fixture
def utrecht_own(programme: Any) -> Indicator:
    return Indicator.objects.create(
        code="utrecht_eigen", name_nl="Utrecht eigen", municipality=programme.municipality
    )


def _interpretation(zeist: dict[str, Any], **kw: Any) -> Interpretation:
    return services.interpretation_create(
        programme=zeist["programme"],
        date=dt.date(2024, 10, 1),
        title="Kenniskring",
        participants="bewoners",
        text="tekst",
        years=[2023],
        by=zeist["coordinator"],
        **kw,
    )


def test_an_interpretation_takes_only_the_municipalitys_indicators_and_areas(
    zeist, utrecht_own, welfare, programme
):
    with pytest.raises(InvalidInput) as refused:
        _interpretation(zeist, indicators=[utrecht_own])
    assert {"field": "indicators", "message": "not an indicator of this programme"} in (
        refused.value.errors
    )
    with pytest.raises(InvalidInput) as refused:
        _interpretation(zeist, areas=[programme.area])
    assert refused.value.errors[0]["field"] == "areas"
    assert not Interpretation.objects.exists()
    # National and its own: fine.
    made = _interpretation(zeist, indicators=[welfare, zeist["own"]], areas=[zeist["area"]])
    with pytest.raises(InvalidInput):
        services.interpretation_update(
            interpretation=made,
            version=made.version,
            by=zeist["coordinator"],
            areas=[programme.area],
        )
    assert list(made.areas.all()) == [zeist["area"]]


def test_a_target_takes_only_the_municipalitys_indicators_and_areas(
    zeist, utrecht_own, welfare, programme
):
    for indicator, area, field in (
        (utrecht_own, zeist["area"], "indicator"),
        (welfare, programme.area, "area"),
    ):
        with pytest.raises(InvalidInput) as refused:
            services.target_create(
                programme=zeist["programme"],
                indicator=indicator,
                area=area,
                year=2030,
                value=1.0,
                by=zeist["coordinator"],
            )
        assert [e["field"] for e in refused.value.errors] == [field]
    assert not Target.objects.exists()


def test_a_zeist_coordinator_cannot_change_a_utrecht_target(zeist, welfare, programme, api):
    utrecht_target = services.target_create(
        programme=programme, indicator=welfare, area=programme.area, year=2030, value=9.0, by=SYSTEM
    )
    with pytest.raises(Forbidden):
        services.target_update(
            programme=zeist["programme"],
            target=utrecht_target,
            version=utrecht_target.version,
            value=1.0,
            by=zeist["coordinator"],
        )
    # Through the API under its own programme's path: not found there.
    answer = send(
        api(zeist["coordinator"]),
        "PATCH",
        f"/programmes/vollenhove/targets/{utrecht_target.pk}/",
        {"version": 1, "value": 1.0},
    )
    assert answer.status_code in (403, 404)
    refused = api(zeist["coordinator"]).post(
        "/programmes/vollenhove/targets/",
        {"indicator": welfare.code, "area": programme.area.code, "year": 2030, "value": 1.0},
    )
    assert refused.status_code == 400
    assert Target.objects.get().value == 9.0
