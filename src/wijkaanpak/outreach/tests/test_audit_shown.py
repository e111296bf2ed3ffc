"""The audit log records what was shown: one entry per object a page or answer reveals, so
"who read this conversation?" has an answer."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.outreach import services
from wijkaanpak.outreach.models import AuditLogEntry
from wijkaanpak.outreach.tests.test_pages import client_for


def _records(world, household):
    worker = world.users["worker"]
    visit = services.visit_record(
        campaign=world.campaign,
        address=household.address,
        household=household,
        date=dt.date(2026, 3, 1),
        outcome="interviewed",
        by=worker,
    )
    conversation = services.conversation_record(
        household=household,
        date=dt.date(2026, 3, 1),
        visit=visit,
        by=worker,
        answers={"veilig": "yes"},
    )
    commitment = services.commitment_create(
        household=household, theme=world.themes["wonen"], description="bellen", by=worker
    )
    escalation = services.escalation_create(
        campaign=world.campaign, household=household, category="money", needed="hulp", by=worker
    )
    return visit, conversation, commitment, escalation


def _read(username, source):
    return set(
        AuditLogEntry.objects.filter(username=username, action="read", source=source).values_list(
            "record_type", "record_id"
        )
    )


def test_the_household_page_logs_every_object_it_shows(world):
    hh = world.households[1]
    visit, conversation, commitment, _escalation = _records(world, hh)
    path = f"/outreach/households/{hh.pk}/"
    response = client_for(world.users["worker"]).get(path)
    assert response.status_code == 200
    assert _read("worker", path) == {
        ("household", hh.pk),
        ("visit", visit.pk),
        ("conversation", conversation.pk),
        ("commitment", commitment.pk),
        ("referral", world.referral_mitros.pk),
    }


def test_the_household_page_query_count_does_not_grow_with_its_records(world):
    hh = world.households[1]
    client = client_for(world.users["worker"])
    path = f"/outreach/households/{hh.pk}/"
    _records(world, hh)
    client.get(path)  # warm up
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    for _ in range(3):
        _records(world, hh)
    with CaptureQueriesContext(connection) as many:
        client.get(path)
    assert len(_read("worker", path)) > 8
    assert len(many) == len(few), [q["sql"][:100] for q in many.captured_queries]


def test_the_access_export_logs_every_object_it_hands_over(world, api):
    hh = world.households[1]
    visit, conversation, commitment, escalation = _records(world, hh)
    path = f"/api/v1/outreach/households/{hh.pk}/export/"
    assert api(world.users["privacy"]).get(f"/outreach/households/{hh.pk}/export/").status_code == (
        200
    )
    exported = set(
        AuditLogEntry.objects.filter(username="privacy", action="export", source=path).values_list(
            "record_type", "record_id"
        )
    )
    assert exported == {
        ("household", hh.pk),
        ("visit", visit.pk),
        ("conversation", conversation.pk),
        ("commitment", commitment.pk),
        ("referral", world.referral_mitros.pk),
        ("escalation", escalation.pk),
    }


def test_who_read_a_conversation_can_be_answered_by_the_privacy_officer(world, api):
    hh = world.households[1]
    _visit, conversation, _commitment, _escalation = _records(world, hh)
    client_for(world.users["worker"]).get(f"/outreach/households/{hh.pk}/")
    api(world.users["worker"]).get("/outreach/conversations/")
    other = services.conversation_record(
        household=world.households[2], date=dt.date(2026, 3, 2), by=SYSTEM, answers={}
    )
    response = api(world.users["privacy"]).get(
        "/outreach/audit-log/", record_type="conversation", record_id=conversation.pk
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert {(i["username"], i["action"], i["record_id"]) for i in items} == {
        ("worker", "create", conversation.pk),
        ("worker", "read", conversation.pk),
    }
    assert {i["source"] for i in items if i["action"] == "read"} == {
        f"/outreach/households/{hh.pk}/",
        "/api/v1/outreach/conversations/",
    }
    assert other.pk not in {i["record_id"] for i in items}
    page = client_for(world.users["privacy"]).get(
        "/outreach/audit/", {"record_type": "conversation", "record_id": conversation.pk}
    )
    assert page.status_code == 200
    body = page.content.decode()
    assert f"/outreach/households/{hh.pk}/" in body
    assert f'value="{conversation.pk}"' in body  # the filter is shown
    csv = client_for(world.users["privacy"]).get(
        "/outreach/audit.csv", {"record_type": "conversation", "record_id": conversation.pk}
    )
    rows = b"".join(csv.streaming_content).decode().strip().splitlines()
    assert len(rows) == 1 + 3  # header, create, two reads


def test_who_saw_anything_of_a_household_can_be_answered(world, api):
    hh = world.households[1]
    visit, conversation, commitment, _escalation = _records(world, hh)
    client_for(world.users["worker"]).get(f"/outreach/households/{hh.pk}/")
    client_for(world.users["worker"]).get(f"/outreach/households/{world.households[2].pk}/")
    api(world.users["mitros"]).get("/outreach/referrals/")
    response = api(world.users["privacy"]).get(
        "/outreach/audit-log/", household=hh.pk, action="read", limit=500
    )
    assert response.status_code == 200
    read = {
        (i["username"], i["record_type"], i["record_id"])
        for i in response.json()["items"]
        if i["action"] == "read"
    }
    assert read == {
        ("worker", "household", hh.pk),
        ("worker", "visit", visit.pk),
        ("worker", "conversation", conversation.pk),
        ("worker", "commitment", commitment.pk),
        ("worker", "referral", world.referral_mitros.pk),
        ("mitros", "referral", world.referral_mitros.pk),
    }
    page = client_for(world.users["privacy"]).get("/outreach/audit/", {"household": hh.pk})
    assert page.status_code == 200
    assert f"record_type=conversation&amp;record_id={conversation.pk}" in page.content.decode()
