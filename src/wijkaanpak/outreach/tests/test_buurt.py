"""Households by buurt (issue 15): the address list's `buurt` column (a CBS code or name of a
buurt in the campaign's area) and the household list's filters by buurt and by coach, with
people's names."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

from conftest import otp_verify_session
from wijkaanpak.areas.models import AreaLevel
from wijkaanpak.areas.services import area_create_or_update
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.outreach.imports import address_list_import
from wijkaanpak.outreach.models import Address, Household

pytestmark = pytest.mark.django_db


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


@pytest.fixture
def buurten(world: Any) -> dict[str, Any]:
    area = world.campaign.area
    return {
        "zambesi": area_create_or_update(
            code="BU03440341", name="Zambesidreef en omgeving", level=AreaLevel.NEIGHBOURHOOD,
            parent=area,
        ),
        "tigris": area_create_or_update(
            code="BU03440342", name="Tigrisdreef en omgeving", level=AreaLevel.NEIGHBOURHOOD,
            parent=area,
        ),
    }  # fmt: skip


def test_the_address_list_sets_the_buurt_by_code_or_name(world: Any, buurten: Any) -> None:
    rows = [
        ["street", "house_number", "postcode", "buurt"],
        ["Nigerdreef", "40", "3561AB", "BU03440341"],
        ["Nigerdreef", "42", "3561AB", "tigrisdreef en omgeving"],
        ["Nigerdreef", "44", "3561AB", ""],
    ]
    created = address_list_import(
        campaign=world.campaign, filename="a.csv", content=_csv(rows), by=SYSTEM
    )
    assert created == 3
    found = dict(
        Address.objects.filter(campaign=world.campaign, house_number__in=[40, 42, 44])
        .values_list("house_number", "buurt__code")
    )  # fmt: skip
    assert found == {40: "BU03440341", 42: "BU03440342", 44: None}


def test_an_unknown_buurt_is_refused_with_its_row(world: Any, buurten: Any) -> None:
    rows = [["street", "house_number", "postcode", "buurt"], ["Nigerdreef", "46", "3561AB", "Kanaleneiland"]]  # fmt: skip
    with pytest.raises(InvalidInput) as exc:
        address_list_import(campaign=world.campaign, filename="a.csv", content=_csv(rows), by=SYSTEM)  # fmt: skip
    assert [(e["row"], e["column"]) for e in exc.value.errors] == [(2, "buurt")]
    assert not Address.objects.filter(house_number=46).exists()


def test_the_household_list_filters_by_buurt_and_coach_with_names(world: Any, buurten: Any) -> None:
    first, second = world.households[0], world.households[1]
    Address.objects.filter(pk=first.address_id).update(buurt=buurten["zambesi"])
    Address.objects.filter(pk=second.address_id).update(buurt=buurten["tigris"])
    coach = world.users["coach"]
    coach.first_name, coach.last_name = "Cas", "Coach"
    coach.save()
    Household.objects.filter(pk=second.pk).update(coach=coach)
    Household.objects.filter(pk=first.pk).update(coach=None)
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(world.users["worker"])
    otp_verify_session(client, world.users["worker"])
    html = client.get("/outreach/households/").content.decode()
    assert f'<option value="{buurten["zambesi"].pk}">Zambesidreef en omgeving</option>' in html
    assert f'<option value="{coach.pk}">Cas Coach</option>' in html  # a name, not "coach"
    html = client.get("/outreach/households/", {"buurt": buurten["zambesi"].pk}).content.decode()
    assert f"/outreach/households/{first.pk}/" in html
    assert f"/outreach/households/{second.pk}/" not in html
    assert f"buurt={buurten['zambesi'].pk}" in html or "1 huishouden" in html
    html = client.get("/outreach/households/", {"coach": coach.pk}).content.decode()
    assert f"/outreach/households/{second.pk}/" in html
    assert f"/outreach/households/{first.pk}/" not in html
    assert "Cas Coach" in html
