"""Kenniskring interpretations and indicator targets, written by the programme team in pages
and the API, with versions (409 on a stale one) and a change history."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from wijkaanpak.indicators.models import Interpretation, Target

pytestmark = pytest.mark.django_db


def send(client: Any, method: str, path: str, data: Any) -> Any:
    return client.client.generic(
        method,
        "/api/v1" + path,
        json.dumps(data),
        content_type="application/json",
        headers=client.headers,
    )


def test_an_editor_records_and_changes_an_interpretation(
    api, editor, viewer, programme, areas, welfare
):
    body = {
        "date": "2024-10-01",
        "title": "Armoede in beeld",
        "participants": "zes bewoners, buurtteam, wijkagent",
        "text": "De daling van de bijstand is vooral in de Taag- en Rubicondreef te zien.",
        "indicators": ["ww_bijstand_hh"],
        "areas": ["WK034403", "BU03440311"],
        "years": [2022, 2023],
    }
    assert (
        api(viewer).post(f"/programmes/{programme.slug}/interpretations/", body).status_code == 403
    )
    created = api(editor).post(f"/programmes/{programme.slug}/interpretations/", body)
    assert created.status_code == 201, created.content
    item = created.json()
    assert item["areas"] == ["BU03440311", "WK034403"] and item["years"] == [2022, 2023]
    other_city = api(editor).post(
        f"/programmes/{programme.slug}/interpretations/", {**body, "areas": ["WK034401"]}
    )
    assert other_city.status_code == 400  # West is not an area of this programme
    path = f"/indicators/interpretations/{item['id']}/"
    changed = send(api(editor), "PATCH", path, {"version": item["version"], "title": "Armoede"})
    assert changed.status_code == 200 and changed.json()["version"] == item["version"] + 1
    stale = send(api(editor), "PATCH", path, {"version": item["version"], "title": "Oud"})
    assert stale.status_code == 409
    assert any(e["field"] == "title" and e["new"] == "Armoede" for e in stale.json()["errors"])
    assert Interpretation.objects.get().title == "Armoede"
    # The page: the list for everyone, the form with its history for editors.
    page = Client().get(reverse("indicators:interpretations", args=[programme.slug]))
    assert page.status_code == 200 and "Armoede" in page.content.decode()
    client = Client()
    client.force_login(editor)
    edit = client.get(reverse("indicators:interpretation_edit", args=[item["id"]])).content.decode()
    assert 'id="wijzigingen"' in edit and "Armoede in beeld" in edit


def test_a_coordinator_sets_targets_per_area_and_year(
    api, coordinator, editor, programme, areas, welfare
):
    body = {"indicator": "ww_bijstand_hh", "area": "WK034403", "year": 2030, "value": 12.5}
    path = f"/programmes/{programme.slug}/targets/"
    assert api(editor).post(path, body).status_code == 403
    created = api(coordinator).post(path, body)
    assert created.status_code == 201, created.content
    assert api(coordinator).post(path, body).status_code == 400  # one per indicator, area, year
    assert api(coordinator).post(path, {**body, "area": "WK034401"}).status_code == 400
    target = created.json()
    changed = send(api(coordinator), "PATCH", f"{path}{target['id']}/", {"version": 1, "value": 11})
    assert changed.status_code == 200
    stale = send(api(coordinator), "PATCH", f"{path}{target['id']}/", {"version": 1, "value": 9})
    assert stale.status_code == 409
    assert Target.objects.get().value == 11
    assert api().get(path).json()["items"][0]["value"] == 11
    client = Client()
    client.force_login(coordinator)
    page = client.post(
        reverse("indicators:targets", args=[programme.slug]),
        {"indicator": welfare.pk, "area": areas["buurt"].pk, "year": 2030, "value": "10"},
    )
    assert page.status_code == 302
    assert Target.objects.count() == 2
    edit = client.get(reverse("indicators:target_edit", args=[programme.slug, target["id"]]))
    html = edit.content.decode()
    assert 'id="wijzigingen"' in html
    assert "12,5" in html or "12.5" in html
