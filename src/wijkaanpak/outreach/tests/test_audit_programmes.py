"""The audit log per programme: every entry names its record's programme, and a privacy officer
sees only the entries of the programmes they are privacy officer of (issue 13: a privacy
officer of a Zeist programme saw Utrecht's entries)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from wijkaanpak.areas.models import AreaLevel
from wijkaanpak.areas.services import area_create_or_update
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.outreach import services
from wijkaanpak.outreach.audit import audit_record, audit_records
from wijkaanpak.outreach.models import AuditLogEntry
from wijkaanpak.outreach.tests.conftest import make_user
from wijkaanpak.outreach.tests.test_pages import client_for
from wijkaanpak.programmes.services import programme_create_or_update


@pytest.fixture
def zeist(world):
    """A programme of another municipality with its own campaign, worker and privacy officer."""
    gemeente = area_create_or_update(code="GM0355", name="Zeist", level=AreaLevel.MUNICIPALITY)
    area = area_create_or_update(
        code="WK035502", name="Zeist-Noord", level=AreaLevel.DISTRICT, parent=gemeente
    )
    programme = programme_create_or_update(
        slug="vollenhove", name="Vollenhove", municipality=gemeente, area=area, start_year=2020
    )
    campaign = services.campaign_create(
        programme=programme,
        area=area,
        name="Vollenhove aan de deur",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
        themes=list(world.themes.values()),
        by=SYSTEM,
    )
    worker, privacy = make_user("zeist-worker"), make_user("zeist-privacy")
    services.campaign_worker_add(campaign=campaign, user=worker)
    services.outreach_role_set(user=privacy, programme=programme, role="privacy_officer")
    household = services.household_create(
        campaign=campaign, address=None, by=worker, display_name="Fam. Zeist"
    )
    return {"programme": programme, "privacy": privacy, "worker": worker, "household": household}


def _utrecht_reads(world, api):
    """Utrecht's worker reads the household list, a household (API and page) and referrals."""
    worker = world.users["worker"]
    hh = world.households[0]
    assert api(worker).get("/outreach/households/").status_code == 200
    assert api(worker).get(f"/outreach/households/{hh.pk}/").status_code == 200
    assert client_for(worker).get(f"/outreach/households/{hh.pk}/").status_code == 200
    assert api(world.users["mitros"]).get("/outreach/referrals/").status_code == 200


def test_every_entry_names_its_records_programme(world, zeist, api):
    _utrecht_reads(world, api)
    assert api(zeist["worker"]).get("/outreach/households/").status_code == 200
    by_programme = dict(
        AuditLogEntry.objects.values_list("username", "programme_id").filter(
            username__in=["worker", "mitros", "zeist-worker"]
        )
    )
    assert AuditLogEntry.objects.filter(programme__isnull=True).count() == 0
    assert by_programme["worker"] == world.campaign.programme_id
    assert by_programme["mitros"] == world.campaign.programme_id
    assert by_programme["zeist-worker"] == zeist["programme"].pk


def test_a_zeist_privacy_officer_sees_no_utrecht_entry(world, zeist, api):
    _utrecht_reads(world, api)
    utrecht_entries = AuditLogEntry.objects.filter(programme_id=world.campaign.programme_id)
    assert utrecht_entries.count() > 0

    answer = api(zeist["privacy"]).get("/outreach/audit-log/", limit=200)
    assert answer.status_code == 200
    items = answer.json()["items"]
    assert items, "the Zeist officer sees the Zeist entries"
    assert {i["programme"] for i in items} == {zeist["programme"].pk}
    assert not {i["username"] for i in items} & {"worker", "mitros", "coach"}
    assert api(zeist["privacy"]).get("/outreach/audit-log/", username="worker").json() == {
        "count": 0,
        "items": [],
    }
    hh = world.households[0].pk
    assert api(zeist["privacy"]).get("/outreach/audit-log/", household=hh).json()["count"] == 0

    page = client_for(zeist["privacy"]).get("/outreach/audit/")
    assert page.status_code == 200
    assert "Fam. Zeist" not in page.content.decode()  # names never appear, ids and users do
    assert ">worker<" not in page.content.decode()
    assert ">zeist-worker<" in page.content.decode()
    csv = b"".join(client_for(zeist["privacy"]).get("/outreach/audit.csv").streaming_content)
    assert b"zeist-worker" in csv and b"\r\nworker," not in csv and b"mitros" not in csv

    # Utrecht's privacy officer sees Utrecht's entries and none of Zeist's.
    mine = api(world.users["privacy"]).get("/outreach/audit-log/", limit=200).json()["items"]
    assert {i["programme"] for i in mine} == {world.campaign.programme_id}
    assert "zeist-worker" not in {i["username"] for i in mine}


def test_the_access_export_and_erasure_are_logged_in_the_households_programme(world, zeist, api):
    hh = zeist["household"]
    assert api(zeist["privacy"]).get(f"/outreach/households/{hh.pk}/export/").status_code == 200
    exported = AuditLogEntry.objects.filter(action="export", username="zeist-privacy")
    assert set(exported.values_list("programme_id", flat=True)) == {zeist["programme"].pk}
    # Another programme's privacy officer may not export it (and writes nothing).
    assert api(world.users["privacy"]).get(f"/outreach/households/{hh.pk}/export/").status_code in (
        403,
        404,
    )
    assert not AuditLogEntry.objects.filter(action="export", username="privacy").exists()


def test_an_entry_without_a_programme_is_refused(world):
    hh = world.households[0].pk
    with pytest.raises(TypeError):
        audit_record(user=None, action="read", record_type="household", record_ids=[hh], source="x")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        audit_record(
            user=None,
            action="read",
            record_type="household",
            record_ids=[hh],
            source="x",
            programme=None,  # type: ignore[arg-type]
        )
    with pytest.raises(ValueError):
        audit_records(
            user=None,
            action="read",
            records=[("household", hh), ("visit", 1)],
            source="x",
            programme=[world.campaign.programme_id],
        )


def test_records_of_several_kinds_and_programmes_in_one_insert(
    world, zeist, django_assert_num_queries
):
    utrecht, other = world.campaign.programme_id, zeist["programme"].pk
    with django_assert_num_queries(1):
        written = audit_records(
            user=None,
            action="read",
            records=[("household", 1), ("visit", 2), ("household", 3)],
            source="mixed",
            programme=[utrecht, other, utrecht],
        )
    assert written == 3
    assert sorted(
        AuditLogEntry.objects.filter(source="mixed").values_list(
            "record_type", "record_id", "programme_id"
        )
    ) == [("household", 1, utrecht), ("household", 3, utrecht), ("visit", 2, other)]
    with django_assert_num_queries(1):
        audit_record(
            user=None,
            action="read",
            record_type="referral",
            record_ids=[7, 8],
            source="two",
            programme=[utrecht, other],
        )
    assert sorted(
        AuditLogEntry.objects.filter(source="two").values_list("record_id", "programme_id")
    ) == [(7, utrecht), (8, other)]


def test_the_migration_fills_in_the_programme_from_the_record(world, zeist):
    """outreach 0008: an entry written before the column existed gets its record's programme;
    one whose record is gone keeps none (seen by no privacy officer)."""
    from importlib import import_module

    migration = import_module("wijkaanpak.outreach.migrations.0008_audit_entry_programme")
    hh, gone = world.households[0], 10**12
    for record_id in (hh.pk, zeist["household"].pk, gone):
        audit_records(
            user=None,
            action="read",
            records=[("household", record_id)],
            source="before-0008",
            programme=1,
        )
    old = AuditLogEntry.objects.filter(source="before-0008")
    # As written before outreach 0008: no programme (a raw UPDATE: the ORM refuses changes).
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditLogEntry._meta.db_table} SET programme_id = NULL WHERE source = %s",
            ["before-0008"],
        )
    apps = (
        MigrationLoader(connection).project_state(("outreach", "0008_audit_entry_programme")).apps
    )
    migration.backfill(apps, None)
    assert dict(old.values_list("record_id", "programme_id")) == {
        hh.pk: world.campaign.programme_id,
        zeist["household"].pk: zeist["programme"].pk,
        gone: None,
    }
