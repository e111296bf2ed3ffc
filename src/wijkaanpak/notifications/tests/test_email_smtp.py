"""E-mail through a real SMTP server: content without personal data, idempotency, outages,
merged batches. (A worker killed mid-job: tests/test_worker_process.py, on both databases.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from wijkaanpak.accounts.models import User
from wijkaanpak.jobs.models import Job, JobStatus
from wijkaanpak.jobs.worker import run_pending
from wijkaanpak.notifications.models import Notification
from wijkaanpak.notifications.services import notify
from wijkaanpak.notifications.tests.smtp import SMTPServer, free_port

SUBJECT = "Er is een nieuwe doorverwijzing voor DOCK"
RESIDENT = "Fatima Jansen-Bouzid"  # the household's name: must never reach an e-mail


@pytest.fixture
def smtp(settings: Any) -> Iterator[SMTPServer]:
    server = SMTPServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "https://wijkaanpak.example.nl"
    settings.JOBS_RETRY_BASE_SECONDS = 30
    yield server
    server.stop()


def _members(n: int = 3) -> list[User]:
    return [
        User.objects.create_user(
            f"dock{i}",
            email=f"dock{i}@example.org",
            first_name="Medewerker",
            last_name=f"Nummer{i}",
            password="x" * 12,
        )
        for i in range(n)
    ]


def _notify(members: list[User], key: str = "referral-sent:17") -> int:
    return notify(
        event="referral_sent",
        recipients=members,
        key=key,
        subject=SUBJECT,
        url="/outreach/referrals/17/",
        programme_id=None,
    )


@pytest.mark.django_db
def test_mail_arrives_in_dutch_with_a_link_and_no_personal_data(smtp: SMTPServer) -> None:
    members = _members()
    # The referral in this story is about RESIDENT; the caller passes only a neutral subject.
    _notify(members)
    assert run_pending() == 1
    assert sorted(r.recipients[0] for r in smtp.received) == [
        "dock0@example.org",
        "dock1@example.org",
        "dock2@example.org",
    ]
    mail = smtp.received[0]
    assert mail.message["subject"] == SUBJECT
    link = "https://wijkaanpak.example.nl/outreach/referrals/17/"
    assert link in mail.text
    assert f'href="{link}"' in mail.html
    assert "Bekijk het in Wijkaanpak" in mail.text  # Dutch
    assert "U ontvangt deze e-mail" in mail.html
    raw = mail.message.as_string()
    assert RESIDENT not in raw
    # Nothing about the recipient either beyond the address it is sent to.
    assert "Medewerker" not in raw and "Nummer" not in raw
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


@pytest.mark.django_db
def test_running_the_job_again_sends_no_duplicate(smtp: SMTPServer) -> None:
    members = _members()
    _notify(members)
    run_pending()
    job = Job.objects.get(name="notifications.send_email")
    # As if the job were delivered twice (a retry, a second worker): force another run.
    Job.objects.filter(pk=job.pk).update(status=JobStatus.PENDING)
    from wijkaanpak.jobs.services import run_job

    run_job.enqueue(job.pk)
    assert _notify(members) == 0  # the same event again: no new notification, no new job
    run_pending()
    assert len(smtp.received) == 3


@pytest.mark.django_db
def test_mail_server_down_delays_mail_and_retries(smtp: SMTPServer, settings: Any) -> None:
    members = _members(2)
    settings.EMAIL_PORT = free_port()  # nobody listens here
    # The change that notifies (the user's request) succeeds: mail is only queued.
    assert _notify(members) == 2
    assert Notification.objects.count() == 2
    run_pending()
    job = Job.objects.get(name="notifications.send_email")
    assert job.status == JobStatus.PENDING
    assert job.attempts == 1
    assert "Connection refused" in job.last_error or "Errno" in job.last_error
    assert job.run_after is not None and job.run_after > timezone.now()
    # The server is back; the retry is due.
    settings.EMAIL_PORT = smtp.port
    DBTaskResult.objects.filter(status="READY").update(
        run_after=timezone.now() - dt.timedelta(seconds=1)
    )
    run_pending()
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert len(smtp.received) == 2


@pytest.mark.django_db
def test_digest_mail_has_links_and_no_personal_data(smtp: SMTPServer) -> None:
    from wijkaanpak.notifications.models import Delivery, NotificationPreference
    from wijkaanpak.notifications.services import digests_send

    (member,) = _members(1)
    NotificationPreference.objects.create(user=member, email=Delivery.DIGEST)
    _notify([member], key="a")
    _notify([member], key="b")
    run_pending()
    assert smtp.received == []
    assert digests_send() == 1
    (mail,) = smtp.received
    assert mail.message["subject"] == "Wijkaanpak: 2 nieuwe meldingen"
    assert mail.text.count("https://wijkaanpak.example.nl/outreach/referrals/17/") == 2
    assert RESIDENT not in mail.message.as_string()


@pytest.mark.django_db
def test_queued_mail_jobs_are_merged_into_one_batch(smtp: SMTPServer) -> None:
    from django.test.utils import CaptureQueriesContext

    members = _members(5)
    for i, member in enumerate(members):  # five events, five jobs
        _notify([member], key=f"referral-sent:{i}")
    with CaptureQueriesContext(connection) as queries:
        assert run_pending() == 5
    assert sorted(r.recipients[0] for r in smtp.received) == [m.email for m in members]
    assert set(Job.objects.values_list("status", "attempts")) == {(JobStatus.SUCCEEDED, 1)}
    assert DBTaskResult.objects.exclude(status="SUCCESSFUL").count() == 0
    # One claim, two reads of the jobs, one of the notifications and of the preferences, one
    # update per mail, one to record jobs and queue, the empty claim that ends the round: far
    # fewer than five separate runs (about ten statements each).
    statements = [
        q["sql"]
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE", "SET", "BEGIN", "COMMIT"))
    ]
    assert len(statements) <= 5 + 10, "\n".join(q[:80] for q in statements)


@pytest.mark.django_db
def test_a_failing_merged_batch_falls_back_to_one_job_at_a_time(
    smtp: SMTPServer, settings: Any
) -> None:
    members = _members(3)
    for i, member in enumerate(members):
        _notify([member], key=f"referral-sent:{i}")
    settings.EMAIL_PORT = free_port()  # the mail server is down
    assert run_pending() == 3
    jobs = list(Job.objects.filter(name="notifications.send_email"))
    # Each job had its own try, counted once, and waits for its retry.
    assert [(j.status, j.attempts) for j in jobs] == [(JobStatus.PENDING, 1)] * 3
    assert all(j.last_error for j in jobs)
    settings.EMAIL_PORT = smtp.port
    DBTaskResult.objects.filter(status="READY").update(
        run_after=timezone.now() - dt.timedelta(seconds=1)
    )
    assert run_pending() == 3
    assert len(smtp.received) == 3
    assert set(Job.objects.values_list("status", "attempts")) == {(JobStatus.SUCCEEDED, 2)}
