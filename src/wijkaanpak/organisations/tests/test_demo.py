"""The Overvecht demo's partner organisations."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from wijkaanpak.opportunities.models import CoalitionMember
from wijkaanpak.organisations.demo import ORGANISATIONS
from wijkaanpak.organisations.models import Organisation


@pytest.fixture
def loaded(demo_db: None, settings: Any) -> None:
    settings.DEBUG = True  # the demo users are only made with DEBUG on


NAMED_IN_THE_REPORT = {
    "Gemeente Utrecht": "municipality",
    "Werk & Inkomen": "municipality",
    "Mitros": "housing_corporation",
    "Portaal": "housing_corporation",
    "Bo-Ex": "housing_corporation",
    "Buurtteam Sociaal": "neighbourhood_team",
    "Buurtteam Jeugd en Gezin": "neighbourhood_team",
    "DOCK": "welfare",
    "Al Amal": "welfare",
    "U Centraal": "welfare",
    "Politie": "police",
    "ROC Midden Nederland": "school",
    "Van Wijnen": "company",
    "AM": "company",
    "BAM": "company",
    "Eneco": "company",
    "Pozitive": "company",
    "JINC": "foundation",
    "Big Brother Big Sister": "foundation",
}


def test_partners_named_in_the_report_are_present_with_their_type(loaded: None) -> None:
    found = {
        o.name: o.type for o in Organisation.objects.filter(name__in=list(NAMED_IN_THE_REPORT))
    }
    assert found == NAMED_IN_THE_REPORT
    assert set(NAMED_IN_THE_REPORT) <= set(ORGANISATIONS)
    assert not Organisation.objects.filter(description="").exists()


def test_every_listed_name_is_loaded_once(loaded: None) -> None:
    assert len(ORGANISATIONS) == len(set(ORGANISATIONS))
    assert set(ORGANISATIONS) <= set(Organisation.objects.values_list("name", flat=True))


def test_every_demo_organisation_is_in_a_coalition_or_a_budget_line(loaded: None) -> None:
    in_coalition = set(CoalitionMember.objects.values_list("organisation__name", flat=True))
    only_in_budget_tables = {"Taal Doet Meer", "Jeugdgezondheidszorg"}  # seed 001, section 5
    assert set(ORGANISATIONS) - in_coalition == only_in_budget_tables


def test_loading_twice_keeps_one_row_per_organisation(loaded: None) -> None:
    count = Organisation.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Organisation.objects.count() == count


def test_the_directory_api_lists_the_housing_corporations(loaded: None, api: Any) -> None:
    response = api().get("/organisations/", type="housing_corporation")
    assert response.status_code == 200
    assert {o["name"] for o in response.json()["items"]} == {"Mitros", "Portaal", "Bo-Ex"}
