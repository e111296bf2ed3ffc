"""The reporting-deadline page: a coordinator sets the deadline in a form; every kans's coalition
is asked for progress at once and, with the worker's hourly schedule, reminded a week before.
Other members see the deadlines without the form; outsiders see nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.test import Client

from conftest import otp_verify_session
from wijkaanpak.accounts.models import User
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.jobs.worker import run_pending
from wijkaanpak.notifications.models import Notification
from wijkaanpak.opportunities.services import coalition_member_set
from wijkaanpak.outreach.models import ReportingDeadline

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


def client_for(user: User) -> Client:
    c = Client()
    c.force_login(user)
    otp_verify_session(c, user)
    return c


def events_of(user: User, event: str) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user, event=event).values_list("subject", flat=True)
    )


def test_a_coordinator_sets_the_deadline_on_the_page_and_the_worker_reminds(
    world: Any, kans: Any, editor: User
) -> None:
    w = world
    coalition_member_set(opportunity=kans, organisation=w.dock, role="lead", by=SYSTEM)
    User.objects.filter(pk=w.users["dock"].pk).update(email="dock@example.org")
    path = f"/outreach/programmes/{w.campaign.programme.slug}/reporting-deadlines/"
    coordinator = client_for(w.users["coordinator"])
    with time_machine.travel(dt.datetime(2026, 9, 1, 10, tzinfo=AMS), tick=False):
        index = coordinator.get("/outreach/").content.decode()
        assert f'href="{path}"' in index
        page = coordinator.get(path).content.decode()
        assert "Deadline vastleggen en voortgang opvragen" in page
        assert "Nog geen rapportagedeadlines." in page
        # A date in the past is refused with a Dutch message; nothing is requested.
        bad = coordinator.post(path, {"title": "Jaarverslag", "due_on": "2026-08-01"})
        assert bad.status_code == 400
        assert "De deadline moet in de toekomst liggen." in bad.content.decode()
        assert coordinator.post(path, {"title": "Jaarverslag", "due_on": "nope"}).status_code == 400
        assert not ReportingDeadline.objects.exists()
        made = coordinator.post(path, {"title": "Jaarverslag", "due_on": "2026-10-01"})
        assert made.status_code == 302
        listed = coordinator.get(path).content.decode()
        assert '<time datetime="2026-10-01">1 oktober 2026</time>' in listed
    assert events_of(w.users["dock"], "reporting.progress_requested") == [
        "Voortgang van Focus op Overvecht gevraagd vóór 01-10-2026"
    ]
    # An editor sees the deadline but no form, and cannot post one.
    as_editor = client_for(editor)
    seen = as_editor.get(path).content.decode()
    assert "1 oktober 2026" in seen and "Deadline vastleggen" not in seen
    assert as_editor.post(path, {"title": "Eigen", "due_on": "2026-12-01"}).status_code == 403
    assert ReportingDeadline.objects.count() == 1
    assert client_for(w.users["outsider"]).get(path).status_code == 403
    # A week before: the worker's hourly schedule reminds, once, and mails it (urgent).
    with time_machine.travel(dt.datetime(2026, 9, 24, 10, tzinfo=AMS), tick=False):
        run_pending()  # the request's own mail
        mail.outbox.clear()
        run_pending(schedules=True)
        run_pending(schedules=True)
    assert events_of(w.users["dock"], "reporting.progress_reminder") == [
        "Herinnering: de voortgang van Focus op Overvecht wordt uiterlijk 01-10-2026 verwacht"
    ]
    assert [m.subject for m in mail.outbox if m.to == ["dock@example.org"]] == [
        "Herinnering: de voortgang van Focus op Overvecht wordt uiterlijk 01-10-2026 verwacht"
    ]
