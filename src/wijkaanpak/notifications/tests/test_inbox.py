"""The inbox: the count in the header (one query), the list, mark as read, the API, the jobs page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import otp_verify_session
from wijkaanpak.accounts.models import User
from wijkaanpak.jobs.models import Job, JobStatus
from wijkaanpak.jobs.services import job_enqueue
from wijkaanpak.notifications.models import Delivery, Notification, NotificationPreference
from wijkaanpak.notifications.selectors import unread_count
from wijkaanpak.notifications.services import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def member() -> User:
    return User.objects.create_user("lid", email="lid@example.org", password="x" * 12)


def _two(member: User) -> None:
    for i in (1, 2):
        notify(
            event="referral_sent",
            recipients=[member],
            key=f"referral-sent:{i}",
            subject=f"Er is een nieuwe doorverwijzing voor DOCK ({i})",
            url=f"/outreach/referrals/{i}/",
        )


def test_the_unread_count_is_one_query(member: User, django_assert_num_queries: Any) -> None:
    _two(member)
    with django_assert_num_queries(1):
        assert unread_count(user=member) == 2


def test_header_count_list_and_mark_read(member: User, client: Client) -> None:
    _two(member)
    client.force_login(member)
    page = client.get(reverse("notifications:inbox"))
    html = page.content.decode()
    assert '<span class="app-count"' in html and ">2</span>" in html
    assert "Er is een nieuwe doorverwijzing voor DOCK (1)" in html
    assert 'href="/jobs/"' not in html  # not a coordinator
    first = Notification.objects.get(key="referral-sent:1")
    answer = client.post(reverse("notifications:read", args=[first.pk]), {"open": "1"})
    assert answer.status_code == 302 and answer["Location"] == "/outreach/referrals/1/"
    first.refresh_from_db()
    assert first.read_at is not None
    client.post(reverse("notifications:read_all"))
    assert unread_count(user=member) == 0
    html = client.get(reverse("notifications:inbox")).content.decode()
    assert '<span class="app-count"' not in html


def test_the_header_count_runs_no_query_for_visitors(client: Client) -> None:
    assert "notifications_unread" not in (client.get("/organisations/").context or {})


def test_one_cannot_read_another_users_notification(member: User, client: Client) -> None:
    _two(member)
    other = User.objects.create_user("ander", password="x" * 12)
    client.force_login(other)
    first = Notification.objects.get(key="referral-sent:1")
    assert client.post(reverse("notifications:read", args=[first.pk])).status_code == 404
    first.refresh_from_db()
    assert first.read_at is None


def test_preferences_page(member: User, client: Client) -> None:
    client.force_login(member)
    assert client.post(reverse("notifications:preferences"), {"email": "digest"}).status_code == 302
    assert NotificationPreference.objects.get(user=member).email == Delivery.DIGEST
    html = client.get(reverse("notifications:preferences")).content.decode()
    assert 'value="digest" checked' in html and 'value="immediately" checked' not in html
    assert client.post(reverse("notifications:preferences"), {"email": "x"}).status_code == 400


def test_api_list_and_read(member: User, api: Any) -> None:
    _two(member)
    client = api(member)
    body = client.get("/notifications/").json()
    assert body["count"] == 2 and body["unread"] == 2
    assert body["items"][0]["subject"].endswith("(2)")
    first = body["items"][1]["id"]
    assert client.post(f"/notifications/{first}/read/").json()["read_at"] is not None
    assert client.get("/notifications/", unread="true").json()["count"] == 1
    assert client.post("/notifications/read-all/").json() == {"marked": 1}


def test_jobs_coordinator_sees_own_programme_admin_sees_all(
    coordinator: Any, programme: Any, admin_user: Any, api: Any, client: Client
) -> None:
    from wijkaanpak.jobs.services import JOBS

    JOBS.setdefault("tests.noop", lambda **kwargs: None)
    mine = job_enqueue(name="tests.noop", programme_id=programme.pk)
    other = job_enqueue(name="tests.noop", programme_id=programme.pk + 1000)
    Job.objects.filter(pk=other.pk).update(status=JobStatus.FAILED, last_error="boom")
    ids = [j["id"] for j in api(coordinator).get("/jobs/").json()["items"]]
    assert ids == [mine.pk]
    ids = {j["id"] for j in api(admin_user).get("/jobs/").json()["items"]}
    assert ids == {mine.pk, other.pk}
    client.force_login(coordinator)
    page = client.get(reverse("notifications:jobs")).content.decode()
    assert "Achtergrondtaken" in page and "boom" not in page
    assert 'href="/jobs/"' in client.get(reverse("notifications:inbox")).content.decode()


def test_jobs_and_schedules_have_dutch_labels_not_task_paths(
    admin_user: Any, api: Any, client: Client
) -> None:
    from wijkaanpak.jobs.worker import run_pending
    from wijkaanpak.notifications.services import notify

    notify(
        event="test",
        recipients=[admin_user],
        key="labels:1",
        subject="Er is een nieuwe doorverwijzing voor DOCK",
        url="/outreach/",
    )
    run_pending(schedules=True)  # records every schedule
    Job.objects.update(status=JobStatus.FAILED)  # so that the page lists them
    body = api(admin_user).get("/jobs/").json()
    labels = {s["name"]: s["label"] for s in body["schedules"]}
    assert labels["outreach.apply_retention"] == "Bewaartermijnen toepassen"
    assert labels["outreach.service_levels"] == "Servicetermijnen van doorverwijzingen controleren"
    assert labels["notifications.daily_digest"] == "Dagelijks overzicht van meldingen"
    job_labels = {j["label"] for j in body["items"]}
    assert "Meldingen per e-mail versturen" in job_labels
    assert "Ingepland werk: Bewaartermijnen toepassen" in job_labels
    client.force_login(admin_user)
    otp_verify_session(client, admin_user)
    page = client.get(reverse("notifications:jobs")).content.decode()
    assert "Herinneren aan rapportagedeadlines" in page
    assert "Ingepland werk: Dagelijks overzicht van meldingen" in page
    for raw in ("outreach.", "notifications.", "jobs.schedule"):
        assert raw not in page


def test_the_header_count_is_one_indexed_query(member: User, client: Client) -> None:
    """A page's header runs one query on the notifications, and on PostgreSQL its plan uses the
    (recipient, read_at) index, with thousands of other users' notifications in the table and
    hundreds of the user's own, read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    _two(member)
    others = [User.objects.create_user(f"ander{i}", password="x" * 12) for i in range(30)]
    Notification.objects.bulk_create(
        Notification(recipient=o, event="e", key=f"k{n}", subject="s", url="/")
        for o in others
        for n in range(100)
    )
    # A long-time user: hundreds of read notifications, two unread.
    Notification.objects.bulk_create(
        Notification(
            recipient=member, event="e", key=f"old{n}", subject="s", url="/", read_at=timezone.now()
        )
        for n in range(400)
    )
    client.force_login(member)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("notifications:preferences"))
    assert '<span class="app-count"' in page.content.decode()
    counted = [
        q["sql"]
        for q in queries.captured_queries
        if 'FROM "notifications_notification"' in q["sql"]
    ]
    assert len(counted) == 1, counted
    assert "COUNT(" in counted[0].upper()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE notifications_notification")
            cursor.execute("EXPLAIN " + counted[0])
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "notification_unread" in plan, plan
        assert "Seq Scan" not in plan, plan
    else:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + counted[0])
            plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
        assert "notification_unread" in plan, plan
