"""The shared organisation directory: municipality administrators add and change organisations
in pages and the API; a duplicate by name or KvK number is refused with the existing entry's
name; a stale version answers 409; everyone else is refused and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.organisations.services import organisation_create_or_update
from wijkaanpak.team import organisations as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def mitros(db: Any) -> Organisation:
    org = organisation_create_or_update(name="Mitros", type="housing_corporation")
    org.kvk_number = "30039245"
    org.save()
    return org


def test_a_municipality_admin_adds_an_organisation_through_the_api(
    api, utrecht_admin, coordinator, mitros
):
    body = {"name": "Buurtteam Zeist", "type": "neighbourhood_team", "kvk_number": "1234 5678"}
    assert api(coordinator).post("/organisations/", body).status_code == 403
    created = api(utrecht_admin).post("/organisations/", body)
    assert created.status_code == 201, created.content
    assert created.json()["kvk_number"] == "12345678" and created.json()["version"] == 1
    assert api().get(f"/organisations/{created.json()['id']}/").json()["name"] == body["name"]


@pytest.mark.parametrize(
    "body,field",
    [
        ({"name": "mitros", "type": "company"}, "name"),
        ({"name": "Mitros Wonen", "type": "company", "kvk_number": "30039245"}, "kvk_number"),
    ],
)
def test_a_duplicate_by_name_or_kvk_is_refused_naming_the_entry(
    api, zeist_admin, mitros, body, field
):
    before = Organisation.objects.count()
    refused = api(zeist_admin).post("/organisations/", body)
    assert refused.status_code == 400
    errors = refused.json()["errors"]
    assert [e["field"] for e in errors] == [field] and "Mitros" in errors[0]["message"]
    assert Organisation.objects.count() == before


def test_bad_input_is_refused_field_by_field(zeist_admin):
    with pytest.raises(InvalidInput) as refused:
        services.organisation_create(
            name="  ", type="nonsense", kvk_number="12ab", website="geen adres", by=zeist_admin
        )
    assert {e["field"] for e in refused.value.errors} == {"name", "type", "kvk_number", "website"}
    assert not Organisation.objects.exists()


def test_changes_carry_a_version_and_a_stale_one_answers_409(
    api, zeist_admin, utrecht_admin, mitros
):
    path = f"/organisations/{mitros.pk}/"
    changed = api(zeist_admin).patch(path, {"version": 1, "description": "Woningcorporatie"})
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = api(utrecht_admin).patch(path, {"version": 1, "description": "Oud"})
    assert stale.status_code == 409
    taken = api(utrecht_admin).patch(path, {"version": 2, "name": "Mitros"})
    assert taken.status_code == 200  # its own name is no duplicate
    mitros.refresh_from_db()
    assert mitros.description == "Woningcorporatie" and mitros.version == 3
    with pytest.raises(Conflict):
        services.organisation_update(organisation=mitros, version=1, by=zeist_admin, name="X")


def test_only_directory_editors_change_it(coordinator, mitros):
    with pytest.raises(Forbidden):
        services.organisation_update(organisation=mitros, version=1, by=coordinator, name="X")
    with pytest.raises(Forbidden):
        services.organisation_create(name="X", type="company", by=coordinator)
    assert Organisation.objects.get().name == "Mitros"


def test_the_pages(zeist_admin, coordinator, mitros):
    client = Client()
    client.force_login(coordinator)
    assert client.get("/organisaties/nieuw/").status_code == 403
    client.force_login(zeist_admin)
    form = client.get("/organisaties/nieuw/")
    assert form.status_code == 200 and "KvK-nummer" in form.content.decode()
    duplicate = client.post("/organisaties/nieuw/", {"name": "MITROS", "type": "company"})
    assert duplicate.status_code == 400
    assert "staat al in de gedeelde lijst" in duplicate.content.decode()
    added = client.post(
        "/organisaties/nieuw/", {"name": "Stichting Vollenhove", "type": "foundation"}
    )
    assert added.status_code == 302 and added["Location"] == "/organisations/stichting-vollenhove/"
    edit = f"/organisaties/{mitros.slug}/bewerken/"
    body = {"name": "Mitros", "type": "housing_corporation", "description": "Corporatie"}
    assert client.post(edit, {**body, "version": 1}).status_code == 302
    stale = client.post(edit, {**body, "description": "Oud", "version": 1})
    assert stale.status_code == 409 and "Corporatie" in stale.content.decode()
    mitros.refresh_from_db()
    assert mitros.description == "Corporatie"
