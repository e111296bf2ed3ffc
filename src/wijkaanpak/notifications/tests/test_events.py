"""The public event functions for apps above notifications: the annual report's sign-off
(report_event) and the invitation to someone without an account (invitation_email)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from wijkaanpak.accounts.models import User
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.jobs.worker import run_pending
from wijkaanpak.notifications.events import ReportEvent, invitation_email, report_event
from wijkaanpak.notifications.models import AddressedEmail, Notification
from wijkaanpak.notifications.tests.smtp import SMTPServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings: Any) -> Iterator[SMTPServer]:
    server = SMTPServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.SITE_URL = "https://wijkaanpak.example.nl"
    yield server
    server.stop()


def got(user: User, event: str) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user, event=event).values_list("subject", flat=True)
    )


def test_report_steps_reach_the_right_members_once(
    programme: Any, coordinator: User, editor: User, viewer: User, outsider: User
) -> None:
    assert (
        report_event(programme_id=programme.pk, year=2026, kind=ReportEvent.DRAFT_READY, by=editor)
        == 1
    )
    assert got(coordinator, "report.draft_ready") == [
        "De rapportage 2026 van Samen voor Overvecht is klaar voor beoordeling"
    ]
    assert got(editor, "report.draft_ready") == []  # who offered it for review
    # Again: nothing new; a new revision of the draft: once more.
    assert report_event(programme_id=programme.pk, year=2026, kind="report.draft_ready") == 0
    assert (
        report_event(programme_id=programme.pk, year=2026, kind="report.draft_ready", revision=2)
        == 1
    )
    report_event(programme_id=programme.pk, year=2026, kind=ReportEvent.APPROVED, by=coordinator)
    assert got(editor, "report.approved") == [
        "De rapportage 2026 van Samen voor Overvecht is goedgekeurd"
    ]
    assert got(viewer, "report.approved") == []
    report_event(programme_id=programme.pk, year=2026, kind=ReportEvent.PUBLISHED)
    for member in (coordinator, editor, viewer):
        assert len(got(member, "report.published")) == 1
    assert Notification.objects.filter(recipient=outsider).count() == 0
    item = Notification.objects.filter(event="report.published").first()
    assert item is not None and item.url == "/programmas/samen-voor-overvecht/rapportage/2026/"
    with pytest.raises(InvalidInput):
        report_event(programme_id=programme.pk, year=2026, kind="report.burned")


def test_an_invitation_reaches_an_address_without_an_account(
    programme: Any, smtp: SMTPServer
) -> None:
    url = "/accounts/invitation/secret-token-abc/"
    assert invitation_email(
        invitation_id=5, to="nieuw@example.org", programme_id=programme.pk, url=url
    )
    assert not invitation_email(
        invitation_id=5, to="nieuw@example.org", programme_id=programme.pk, url=url
    )
    assert not User.objects.filter(email="nieuw@example.org").exists()
    assert run_pending() == 1
    (mail,) = smtp.received
    assert mail.recipients == ["nieuw@example.org"]
    assert mail.message["subject"] == "U bent uitgenodigd voor Samen voor Overvecht in Wijkaanpak"
    assert "https://wijkaanpak.example.nl/accounts/invitation/secret-token-abc/" in mail.text
    assert 'href="https://wijkaanpak.example.nl/accounts/invitation/secret-token-abc/"' in mail.html
    assert "Open het in Wijkaanpak" in mail.text
    # Sent once, and the token does not stay in the mail queue.
    sent = AddressedEmail.objects.get()
    assert sent.sent_at is not None and sent.url == ""
    assert run_pending() == 0
    assert len(smtp.received) == 1


def test_an_invitation_of_a_rolled_back_change_is_not_sent(
    programme: Any, smtp: SMTPServer
) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        invitation_email(invitation_id=6, to="x@example.org", programme_id=programme.pk, url="/a/")
        raise RuntimeError("the invitation's own change fails")
    assert AddressedEmail.objects.count() == 0
    assert run_pending() == 0
    assert smtp.received == []
