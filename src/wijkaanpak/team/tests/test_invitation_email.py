"""The invitation e-mail through a real SMTP server (aiosmtpd): Dutch, a working single-use
link, nothing personal beyond the address, sent once however often the job runs, and a mail
server that is down never fails the invitation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from wijkaanpak.accounts.models import Invitation, ProgrammeMembership, User
from wijkaanpak.jobs.models import Job, JobStatus
from wijkaanpak.jobs.worker import run_pending
from wijkaanpak.notifications.tests.smtp import SMTPServer, free_port
from wijkaanpak.team.services import invitation_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings: Any) -> Iterator[SMTPServer]:
    server = SMTPServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "https://wijkaanpak.example.nl"
    yield server
    server.stop()


def test_the_invitation_mail_carries_a_link_that_works_once(
    smtp: SMTPServer, coordinator: Any, programme: Any
) -> None:
    coordinator.first_name, coordinator.last_name = "Karin", "Coördinator-Geheim"
    coordinator.save()
    invitation_create(by=coordinator, programme=programme, email="nieuw@example.org", role="editor")
    assert run_pending() == 1
    assert len(smtp.received) == 1
    mail = smtp.received[0]
    assert mail.recipients == ["nieuw@example.org"]
    assert mail.message["subject"] == (
        "Uitnodiging om mee te werken aan Samen voor Overvecht in Wijkaanpak"
    )
    assert "als redacteur" in mail.text
    links = re.findall(r"https://wijkaanpak\.example\.nl/uitnodiging/[0-9a-f]+/", mail.text)
    assert len(links) == 1
    assert f'href="{links[0]}"' in mail.html
    raw = mail.message.as_string()
    assert "Karin" not in raw and "Geheim" not in raw  # not even who invited
    invitation = Invitation.objects.get()
    token = links[0].rstrip("/").rsplit("/", 1)[1]
    assert token not in str(Invitation.objects.values().get())  # only its hash is stored
    assert invitation.emailed_at is not None
    assert invitation.secret == ""  # once mailed, only the token's hash is left

    path = links[0].removeprefix("https://wijkaanpak.example.nl")
    client = Client()
    response = client.post(
        path,
        {
            "username": "nieuw",
            "password": "een-lang-wachtwoord-42",
            "password_again": "een-lang-wachtwoord-42",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="nieuw")
    assert ProgrammeMembership.objects.get(user=user).role == "editor"
    assert Client().get(path).status_code == 410


def test_running_the_job_again_sends_no_second_mail(
    smtp: SMTPServer, coordinator: Any, programme: Any
) -> None:
    invitation_create(by=coordinator, programme=programme, email="een@example.org", role="viewer")
    run_pending()
    job = Job.objects.get(name="team.send_invitation")
    Job.objects.filter(pk=job.pk).update(status=JobStatus.PENDING)
    from wijkaanpak.jobs.services import run_job

    run_job.enqueue(job.pk)
    run_pending()
    assert len(smtp.received) == 1


def test_a_withdrawn_or_replaced_invitation_is_not_mailed(
    smtp: SMTPServer, coordinator: Any, programme: Any
) -> None:
    invitation_create(by=coordinator, programme=programme, email="twee@example.org", role="viewer")
    invitation_create(by=coordinator, programme=programme, email="twee@example.org", role="editor")
    run_pending()
    assert len(smtp.received) == 1  # only the newer one, whose link works
    assert "als redacteur" in smtp.received[0].text


def test_a_mail_server_that_is_down_delays_the_mail(
    smtp: SMTPServer, settings: Any, coordinator: Any, programme: Any
) -> None:
    settings.EMAIL_PORT = free_port()  # nobody listens here
    invitation = invitation_create(
        by=coordinator, programme=programme, email="drie@example.org", role="viewer"
    )
    assert invitation.pk is not None  # the invitation itself is made
    run_pending()
    job = Job.objects.get(name="team.send_invitation")
    assert job.status == JobStatus.PENDING
    assert job.attempts == 1
    assert Invitation.objects.get().emailed_at is None
