"""E-mail through a real SMTP server: content without personal data, idempotency, outages."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
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


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the worker subprocess shares the test database only on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_job_loses_nothing_and_duplicates_nothing(
    smtp: SMTPServer, settings: Any
) -> None:
    members = _members(3)
    _notify(members)
    smtp.handler.hold = 2  # the worker waits on the second message; then we kill it
    env = {
        **os.environ,
        "PYTHONPATH": str(Path(__file__).resolve().parents[3]),
        "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**connection.settings_dict),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "SITE_URL": "https://wijkaanpak.example.nl",
    }
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "wijkaanpak", "worker", "--once"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert smtp.handler.holding.wait(60), "the worker did not reach the second message"
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
    smtp.handler.release.set()  # the held message is refused: it was never delivered
    assert len(smtp.received) == 1
    assert DBTaskResult.objects.filter(status="RUNNING").count() == 1
    # A new worker puts the abandoned try back and finishes the job.
    run_pending(stale_after=dt.timedelta(0))
    recipients = sorted(r.recipients[0] for r in smtp.received)
    assert recipients == ["dock0@example.org", "dock1@example.org", "dock2@example.org"]
    assert Notification.objects.count() == 3
    assert Job.objects.get(name="notifications.send_email").status == JobStatus.SUCCEEDED
