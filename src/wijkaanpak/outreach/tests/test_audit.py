"""Every read and write of personal data lands in the append-only audit log."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkaanpak.outreach.models import AuditLogEntry


def entries(**filters):
    return list(
        AuditLogEntry.objects.filter(**filters).values_list(
            "username", "action", "record_type", "record_id", "source"
        )
    )


def test_a_list_read_logs_one_entry_per_household_on_the_page(world, api):
    before = AuditLogEntry.objects.count()
    response = api(world.users["worker"]).get("/outreach/households/", limit=3)
    assert response.status_code == 200
    ids = [h["id"] for h in response.json()["items"]]
    logged = entries(pk__gt=0, action="read", username="worker")
    assert sorted(r[3] for r in logged) == sorted(ids)
    assert {r[4] for r in logged} == {"/api/v1/outreach/households/"}
    assert AuditLogEntry.objects.count() == before + 3


def test_detail_reads_and_writes_are_logged(world, api):
    client = api(world.users["coach"])
    hh = world.households[0]
    client.get(f"/outreach/households/{hh.pk}/")
    assert (
        "coach",
        "read",
        "household",
        hh.pk,
        f"/api/v1/outreach/households/{hh.pk}/",
    ) in entries()
    assert ("worker", "create", "household", hh.pk, "system") in entries()


def test_partner_reads_of_referrals_are_logged_but_back_office_views_are_not_personal(world, api):
    api(world.users["mitros"]).get("/outreach/referrals/")
    assert entries(username="mitros") == [
        ("mitros", "read", "referral", world.referral_mitros.pk, "/api/v1/outreach/referrals/")
    ]
    api(world.users["backoffice"]).get("/outreach/referrals/")
    assert entries(username="backoffice") == []


def test_the_audit_log_is_append_only(world):
    entry = AuditLogEntry.objects.first()
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        AuditLogEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditLogEntry.objects.update(username="x")


def test_the_privacy_officer_reads_the_audit_log(world, api):
    api(world.users["worker"]).get(f"/outreach/households/{world.households[1].pk}/")
    response = api(world.users["privacy"]).get("/outreach/audit-log/", username="worker")
    assert response.status_code == 200
    assert any(
        i["action"] == "read" and i["record_id"] == world.households[1].pk
        for i in response.json()["items"]
    )
    assert api(world.users["coordinator"]).get("/outreach/audit-log/").status_code == 404


@pytest.mark.parametrize(
    "path,user",
    [
        ("/outreach/households/", "worker"),
        ("/outreach/referrals/", "mitros"),
        ("/outreach/referrals/", "worker"),
    ],
)
def test_query_count_does_not_grow_with_rows(world, api, path, user):
    from wijkaanpak.outreach import services

    client = api(world.users[user])
    client.get(path)  # warm up
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    for i in range(4):
        h = services.household_create(
            campaign=world.campaign,
            address=None,
            by=world.users["worker"],
            display_name=f"x{i}",
            shared_fields=["display_name"],
            share_with=[world.mitros],
        )
        services.referral_create(
            household=h,
            organisation=world.mitros,
            theme=world.themes["wonen"],
            by=world.users["worker"],
            send=True,
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(path)
    assert response.json()["count"] > 1
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]


def test_deleting_a_user_keeps_their_entries_by_name(world, api):
    """The audit log's user link has no database constraint (docs/adr/0006): Django clears it
    when the user is deleted, and the entries keep the name they were written with."""
    assert api(world.users["mitros"]).get("/outreach/referrals/").status_code == 200
    user_id = world.users["mitros"].pk
    written = AuditLogEntry.objects.filter(user_id=user_id).count()
    assert written > 0
    world.users["mitros"].delete()
    assert AuditLogEntry.objects.filter(user_id=user_id).count() == 0
    assert AuditLogEntry.objects.filter(username="mitros", user__isnull=True).count() == written
