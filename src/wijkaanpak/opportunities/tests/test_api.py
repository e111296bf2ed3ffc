"""The kansen API: public reads, editor writes, and clear errors."""

from __future__ import annotations

import datetime as dt

import pytest

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.opportunities.models import CoalitionRole, RbaClass
from wijkaanpak.opportunities.services import coalition_member_set, measure_create
from wijkaanpak.organisations.services import organisation_create_or_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure(kans):
    return measure_create(
        opportunity=kans, name="benaderd", rba_class=RbaClass.HOW_MUCH, target=100, by=SYSTEM
    )


def test_anyone_reads_the_kansen_active_on_a_date(api, programme, kans, measure):
    org = organisation_create_or_update(name="JoU", type="welfare")
    coalition_member_set(opportunity=kans, organisation=org, role=CoalitionRole.LEAD, by=SYSTEM)
    response = api().get(
        "/programmes/samen-voor-overvecht/opportunities/", kind="kans", active_on="2019-12-31"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["title"] == "Focus op Overvecht"
    assert item["status"] == "active"
    assert item["ambitions"][0]["number"] == 2
    assert [(m["organisation"], m["role"]) for m in item["coalition"]] == [
        ({"id": org.pk, "name": "JoU"}, "lead")
    ]
    assert item["measures"][0]["target"] == 100
    before = api().get(
        "/programmes/samen-voor-overvecht/opportunities/", kind="kans", active_on="2019-06-30"
    )
    assert before.json()["count"] == 0


def test_an_editor_adds_progress_with_a_token(api, editor, kans):
    response = api(editor).post(
        f"/opportunities/{kans.pk}/progress-updates/",
        {"date": "2020-03-02", "text": "Eerste twintig jongeren toegeleid."},
    )
    assert response.status_code == 201, response.content
    assert response.json()["text"] == "Eerste twintig jongeren toegeleid."
    assert kans.progress_updates.get().date == dt.date(2020, 3, 2)


@pytest.mark.parametrize(("persona", "status"), [("viewer", 403), ("outsider", 403), (None, 401)])
def test_others_may_not_write(api, request, kans, measure, persona, status):
    user = request.getfixturevalue(persona) if persona else None
    client = api(user)
    assert (
        client.post(f"/opportunities/{kans.pk}/progress-updates/", {"text": "x"}).status_code
        == status
    )
    assert client.post(f"/measures/{measure.pk}/values/", {"value": 3}).status_code == status
    assert kans.progress_updates.count() == 0
    assert measure.values.count() == 0


def test_invalid_input_is_answered_with_a_message_per_field(api, editor, kans, measure):
    response = api(editor).post(f"/opportunities/{kans.pk}/progress-updates/", {"text": ""})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "text"
    response = api(editor).post(f"/measures/{measure.pk}/values/", {"value": -5})
    assert response.status_code == 400
    assert "negatief" in response.json()["detail"]  # Dutch first
    response = api(editor).post(f"/measures/{measure.pk}/values/", {"value": "veel"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "value"


def test_unknown_ids_are_404(api, editor, programme):
    assert api().get("/programmes/nergens/opportunities/").status_code == 404
    assert api().get("/opportunities/999999/").status_code == 404
    assert api(editor).post("/measures/999999/values/", {"value": 1}).status_code == 404


def test_status_change_through_the_api(api, editor, kans):
    response = api(editor).post(
        f"/opportunities/{kans.pk}/transition/",
        {"to": "stopped", "on": "2020-03-01", "reason": "geen trekker", "version": kans.version},
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "stopped"
    again = api(editor).post(
        f"/opportunities/{kans.pk}/transition/", {"to": "active", "on": "2020-03-02"}
    )
    assert again.status_code == 409
    detail = api().get(f"/opportunities/{kans.pk}/").json()
    assert [h["status"] for h in detail["history"]] == ["active", "stopped"]


def test_session_writes_need_csrf(client, editor, kans):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(editor)
    response = csrf_client.post(
        f"/api/v1/opportunities/{kans.pk}/progress-updates/",
        '{"text": "zonder csrf"}',
        content_type="application/json",
    )
    assert response.status_code == 401
    assert kans.progress_updates.count() == 0
