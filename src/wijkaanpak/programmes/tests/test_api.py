from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_programmes_are_listed_publicly(api, programme):
    body = api().get("/programmes/").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["slug"] == "samen-voor-overvecht"
    assert item["name"] == "Samen voor Overvecht"
    assert item["municipality"] == {"code": "GM0344", "name": "Utrecht"}


def test_ambitions_of_a_programme(api, programme, kans):
    body = api().get("/programmes/samen-voor-overvecht/ambitions/").json()
    assert [a["short_name"] for a in body["items"]] == ["Wonen", "Jeugd"]
    assert body["items"][1]["opportunities"] == [kans.pk]


def test_openapi_document_describes_the_endpoints(api):
    doc = api().get("/openapi.json").json()
    assert "/api/v1/programmes/{slug}/opportunities/" in doc["paths"]
    assert "/api/v1/auth/token" in doc["paths"]
