"""Kansen run from the API: create and edit with versions, the yearly review, coalitions,
measures, progress edited by its author, partners in the loop, and the change history."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from wijkaanpak.accounts.services import organisation_membership_add
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.opportunities.models import (
    CoalitionMember,
    Measure,
    Opportunity,
    OpportunityStatus,
    ProgressUpdate,
)
from wijkaanpak.opportunities.services import coalition_member_add, opportunity_create
from wijkaanpak.organisations.services import organisation_create_or_update
from wijkaanpak.programmes.services import programme_create_or_update

pytestmark = pytest.mark.django_db


def send(client: Any, method: str, path: str, data: Any = None) -> Any:
    return client.client.generic(
        method,
        "/api/v1" + path,
        json.dumps(data if data is not None else {}),
        content_type="application/json",
        headers=client.headers,
    )


@pytest.fixture
def mitros(db):
    return organisation_create_or_update(name="Mitros", type="housing")


@pytest.fixture
def dock(db):
    return organisation_create_or_update(name="DOCK", type="welfare")


def test_an_editor_creates_and_edits_a_kans_and_a_stale_version_is_refused(api, editor, programme):
    ambition = programme.ambitions.get(number=1)
    response = api(editor).post(
        f"/programmes/{programme.slug}/opportunities/",
        {
            "title": "Taalcafé",
            "start_date": "2024-02-01",
            "goal": "Meer mensen spreken Nederlands",
            "ambitions": [ambition.pk],
            "area": "WK034403",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "active"
    assert body["ambitions"][0]["id"] == ambition.pk
    assert body["area"] == "WK034403"
    pk, version = body["id"], body["version"]

    first = send(api(editor), "PATCH", f"/opportunities/{pk}/", {"version": version, "goal": "A"})
    assert first.status_code == 200, first.content
    assert first.json()["goal"] == "A"
    assert first.json()["version"] == version + 1

    stale = send(api(editor), "PATCH", f"/opportunities/{pk}/", {"version": version, "goal": "B"})
    assert stale.status_code == 409
    problem = stale.json()
    goal = [e for e in problem["errors"] if e["field"] == "goal"]
    assert goal and goal[0]["old"] == "Meer mensen spreken Nederlands" and goal[0]["new"] == "A"
    assert Opportunity.objects.get(pk=pk).goal == "A"


@pytest.mark.parametrize(("persona", "status"), [("viewer", 403), ("outsider", 403), (None, 401)])
def test_others_may_not_create_or_edit(api, request, programme, kans, persona, status):
    client = api(request.getfixturevalue(persona) if persona else None)
    create = client.post(f"/programmes/{programme.slug}/opportunities/", {"title": "X"})
    assert create.status_code == status
    edit = send(client, "PATCH", f"/opportunities/{kans.pk}/", {"version": 1, "title": "Y"})
    assert edit.status_code == status
    assert list(Opportunity.objects.values_list("title", flat=True)) == ["Focus op Overvecht"]


def test_ambitions_of_another_programme_are_refused(api, editor, programme, utrecht):
    other = programme_create_or_update(
        slug="ander", name="Ander", municipality=utrecht, area=programme.area, start_year=2019
    )
    foreign = other.ambitions.create(number=1, short_name="A", name="A")
    response = api(editor).post(
        f"/programmes/{programme.slug}/opportunities/", {"title": "X", "ambitions": [foreign.pk]}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "ambitions"
    assert Opportunity.objects.count() == 0


def test_the_yearly_review_merges_only_into_another_kans_of_the_programme(
    api, editor, programme, kans, utrecht
):
    other = programme_create_or_update(
        slug="ander", name="Ander", municipality=utrecht, area=programme.area, start_year=2019
    )
    foreign = opportunity_create(
        programme=other, title="Elders", start_date=dt.date(2019, 1, 1), by=SYSTEM
    )
    client = api(editor)
    path = f"/opportunities/{kans.pk}/transition/"
    itself = {"to": "merged", "on": "2020-12-01", "reason": "Samen verder", "merged_into": kans.pk}
    assert client.post(path, itself).status_code == 400
    elsewhere = {**itself, "merged_into": foreign.pk}
    assert client.post(path, elsewhere).status_code == 400
    assert kans.status_changes.count() == 1
    target = opportunity_create(
        programme=programme, title="Taal", start_date=dt.date(2019, 1, 1), by=SYSTEM
    )
    merged = client.post(path, {**itself, "merged_into": target.pk, "version": kans.version})
    assert merged.status_code == 200, merged.content
    kans.refresh_from_db()
    assert kans.status == OpportunityStatus.MERGED
    change = kans.status_changes.order_by("-id").first()
    assert change.merged_into == target and change.reason == "Samen verder"
    assert change.effective_date == dt.date(2020, 12, 1)


def test_a_coalition_needs_a_lead_and_memberships_end_with_a_date(api, editor, kans, mitros, dock):
    client = api(editor)
    path = f"/opportunities/{kans.pk}/coalition/"
    partner_first = client.post(path, {"organisation": dock.pk, "role": "partner"})
    assert partner_first.status_code == 400
    assert "heeft een trekker nodig" in partner_first.json()["detail"]
    assert CoalitionMember.objects.count() == 0

    lead = client.post(
        path,
        {
            "organisation": mitros.pk,
            "role": "lead",
            "joined_on": "2020-01-01",
            "contact_function": "Wijkconsulent",
        },
    )
    assert lead.status_code == 201, lead.content
    partner = client.post(path, {"organisation": dock.pk, "role": "partner"})
    assert partner.status_code == 201
    lead_id, version = lead.json()["id"], lead.json()["version"]

    demote = send(client, "PATCH", f"{path}{lead_id}/", {"version": version, "role": "funder"})
    assert demote.status_code == 400
    end = client.post(f"{path}{lead_id}/end/", {"version": version, "left_on": "2021-01-01"})
    assert end.status_code == 400  # DOCK would be left without a lead
    assert CoalitionMember.objects.get(pk=lead_id).role == "lead"

    before = client.post(f"{path}{lead_id}/end/", {"version": version, "left_on": "2019-01-01"})
    assert before.status_code == 400  # left before joining

    listing = api().get(path).json()
    assert {m["organisation"]["name"]: m["role"] for m in listing["items"]} == {
        "Mitros": "lead",
        "DOCK": "partner",
    }
    assert listing["items"][0]["contact_function"] == "Wijkconsulent"


def test_measures_with_target_date_funnel_and_indicators(api, editor, kans):
    from wijkaanpak.indicators.models import Indicator

    Indicator.objects.create(code="bijstand", name_nl="Bijstand")
    client = api(editor)
    path = f"/opportunities/{kans.pk}/measures/"
    early = client.post(
        path,
        {"name": "Bereikt", "rba_class": "how_much", "target": 100, "target_date": "2019-01-01"},
    )
    assert early.status_code == 400
    assert early.json()["errors"][0]["field"] == "target_date"
    assert Measure.objects.count() == 0
    first = client.post(
        path,
        {
            "name": "Bereikt",
            "rba_class": "how_much",
            "target": 100,
            "target_date": "2021-12-31",
            "funnel_order": 1,
            "indicators": ["bijstand"],
        },
    )
    assert first.status_code == 201, first.content
    assert first.json()["indicators"] == ["bijstand"]
    larger = client.post(
        path, {"name": "Gesproken", "rba_class": "how_well", "target": 200, "funnel_order": 2}
    )
    assert larger.status_code == 400
    unknown = client.post(path, {"name": "X", "rba_class": "how_well", "indicators": ["nope"]})
    assert unknown.status_code == 400
    m = first.json()
    changed = send(
        client, "PATCH", f"/measures/{m['id']}/", {"version": m["version"], "unit": "huishoudens"}
    )
    assert changed.status_code == 200 and changed.json()["unit"] == "huishoudens"
    stale = send(client, "PATCH", f"/measures/{m['id']}/", {"version": m["version"], "unit": "x"})
    assert stale.status_code == 409
    assert Measure.objects.get().unit == "huishoudens"


def test_partners_in_the_loop_add_progress_to_their_kansen_only(
    api, programme, kans, mitros, dock, outsider
):
    coalition_member_add(opportunity=kans, organisation=mitros, role="lead", by=SYSTEM)
    organisation_membership_add(user=outsider, organisation=mitros)
    elsewhere = opportunity_create(
        programme=programme, title="Zonder Mitros", start_date=dt.date(2019, 1, 1), by=SYSTEM
    )
    client = api(outsider)
    ok = client.post(f"/opportunities/{kans.pk}/progress-updates/", {"text": "Huurders gesproken"})
    assert ok.status_code == 201, ok.content
    refused = client.post(f"/opportunities/{elsewhere.pk}/progress-updates/", {"text": "x"})
    assert refused.status_code == 403
    assert elsewhere.progress_updates.count() == 0
    # The kans itself stays for editors.
    edit = send(client, "PATCH", f"/opportunities/{kans.pk}/", {"version": 1, "title": "Nee"})
    assert edit.status_code == 403
    # An ended membership ends the access.
    member = kans.coalition.get()
    member.left_on = dt.date(2000, 1, 1)
    member.save()
    again = client.post(f"/opportunities/{kans.pk}/progress-updates/", {"text": "Nog eens"})
    assert again.status_code == 403


def test_progress_is_changed_and_removed_by_its_author_or_a_coordinator(
    api, editor, coordinator, viewer, programme, kans
):
    from wijkaanpak.accounts.models import User
    from wijkaanpak.accounts.services import programme_membership_set

    other_editor = User.objects.create_user(username="ander", password="pw-ander-123")
    programme_membership_set(user=other_editor, programme=programme, role="editor")
    created = api(editor).post(f"/opportunities/{kans.pk}/progress-updates/", {"text": "Eerst"})
    pk = created.json()["id"]
    path = f"/progress-updates/{pk}/"
    assert send(api(other_editor), "PATCH", path, {"version": 1, "text": "Nee"}).status_code == 403
    assert send(api(viewer), "DELETE", path).status_code == 403
    mine = send(api(editor), "PATCH", path, {"version": 1, "text": "Beter"})
    assert mine.status_code == 200 and mine.json()["version"] == 2
    assert send(api(editor), "PATCH", path, {"version": 1, "text": "Oud"}).status_code == 409
    assert ProgressUpdate.objects.get().text == "Beter"
    assert send(api(coordinator), "DELETE", path).status_code == 204
    assert not ProgressUpdate.objects.exists()

    history = api(viewer).get(f"/opportunities/{kans.pk}/history/").json()
    progress = [e for e in history["items"] if e["object_type"] == "progress_update"]
    assert [e["action"] for e in progress] == ["deleted", "changed", "created"]
    assert progress[0]["by"] == "coordinator"
    assert progress[1]["changes"] == [
        {"field": "text", "label": "voortgang", "old": "Eerst", "new": "Beter"}
    ]


def test_the_history_shows_who_changed_what(api, editor, kans, outsider):
    version = kans.version
    send(api(editor), "PATCH", f"/opportunities/{kans.pk}/", {"version": version, "title": "Nieuw"})
    history = api(editor).get(f"/opportunities/{kans.pk}/history/")
    assert history.status_code == 200
    first = history.json()["items"][0]
    assert first["by"] == "editor" and first["object_type"] == "kans"
    assert {
        "field": "title",
        "label": "titel",
        "old": "Focus op Overvecht",
        "new": "Nieuw",
    } in first["changes"]
    assert api(outsider).get(f"/opportunities/{kans.pk}/history/").status_code == 403
    assert api().get(f"/opportunities/{kans.pk}/history/").status_code == 401
