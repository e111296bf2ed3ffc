"""Service levels in working days and the events they cause: a referral sent to Mitros notifies
Mitros's members; past its service level the hourly check reminds them, later it escalates to the
back office; running the check twice notifies once; no resident's data in any subject."""

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
from wijkaanpak.opportunities.services import coalition_member_set, progress_update_create
from wijkaanpak.outreach import services
from wijkaanpak.outreach.models import Escalation, ProgrammeServiceLevel, Referral

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


def at(y: int, m: int, d: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(y, m, d, hour, 0, tzinfo=AMS)


def subjects(user: User, event: str | None = None) -> list[str]:
    """The subjects of the user's notifications (optionally of one event)."""
    found = Notification.objects.filter(recipient=user).order_by("id")
    if event is not None:
        found = found.filter(event=event)
    return list(found.values_list("subject", flat=True))


PERSONAL = ("Fam. Test", "Nigerdreef", "3561AB", "06-00000000")


def assert_no_personal_data(texts: list[str]) -> None:
    for text in texts:
        for value in PERSONAL:
            assert value not in text, (value, text)


def test_referral_chain_reminder_then_escalation_once(world: Any, api: Any) -> None:
    w = world
    mitros, backoffice = w.users["mitros"], w.users["backoffice"]
    User.objects.filter(pk=mitros.pk).update(email="mitros@example.org")
    # Wednesday 22 April 2026; 5 working days skip the weekend and Koningsdag (Monday 27 April).
    with time_machine.travel(at(2026, 4, 22), tick=False):
        r = services.referral_create(
            household=w.households[3],
            organisation=w.mitros,
            theme=w.themes["werk"],
            by=w.users["worker"],
            send=True,
        )
        assert r.accept_due == dt.date(2026, 4, 30)
        new = subjects(mitros, "referral.sent")
        assert "Er is een nieuwe doorverwijzing voor Mitros" in new
        mail.outbox.clear()
        run_pending()
        sent = [m for m in mail.outbox if m.to == ["mitros@example.org"]]
        assert [m.subject for m in sent] == ["Er is een nieuwe doorverwijzing voor Mitros"]
        assert_no_personal_data([sent[0].body, *[str(a[0]) for a in sent[0].alternatives]])
        # DOCK's members hear of DOCK's referral (the world's), not of this one.
        assert subjects(w.users["dock"], "referral.sent") == [
            "Er is een nieuwe doorverwijzing voor DOCK"
        ]
    with time_machine.travel(at(2026, 4, 30, 18), tick=False):
        assert services.service_level_check()["accept_reminders"] == 0  # due today: not late
    # Friday 1 May: one working day late → the worker's hourly schedule reminds Mitros; no
    # escalation yet.
    with time_machine.travel(at(2026, 5, 1), tick=False):
        mail.outbox.clear()
        run_pending(schedules=True)
        assert len(subjects(mitros, "referral.accept_overdue")) == 1
        assert subjects(backoffice, "escalation.raised") == []
        # Urgent: mailed at once, with a link into the app and no personal data.
        (message,) = [m for m in mail.outbox if m.to == ["mitros@example.org"]]
        assert message.subject == "Een doorverwijzing voor Mitros wacht op acceptatie"
        assert f"#referral-{r.pk}" in message.body
        assert_no_personal_data([message.subject, message.body])
        item = next(
            i for i in api(mitros).get("/outreach/referrals/").json()["items"] if i["id"] == r.pk
        )
        assert item["accept_due"] == "2026-04-30"
        assert item["overdue"] is True
        # The hourly check again: nothing new.
        assert services.service_level_check() == {
            "accept_reminders": 0,
            "escalations": 0,
            "first_contact_reminders": 0,
        }
        assert len(subjects(mitros, "referral.accept_overdue")) == 1
    # Wednesday 6 May: more than 3 working days after the due date → escalation.
    with time_machine.travel(at(2026, 5, 6), tick=False):
        assert services.service_level_check()["escalations"] == 1
        assert services.service_level_check()["escalations"] == 0
        run_pending(schedules=True)  # the schedule's own run changes nothing either
    r.refresh_from_db()
    assert r.escalation is not None
    assert Escalation.objects.filter(campaign=w.campaign, raised_by=None).count() == 1
    assert "Mitros" in r.escalation.needed and "30-04-2026" in r.escalation.needed
    assert len(subjects(backoffice, "escalation.raised")) == 1
    assert subjects(mitros, "escalation.raised") == []
    everything = [s for u in User.objects.all() for s in subjects(u)]
    assert everything
    assert_no_personal_data(everything + [r.escalation.needed])


def test_first_contact_overdue_reminds_the_organisation(world: Any) -> None:
    w = world
    with time_machine.travel(at(2026, 3, 2), tick=False):  # Monday
        r = services.referral_transition(
            referral=w.referral_dock, to="accepted", by=w.users["dock"]
        )
        assert r.first_contact_due == dt.date(2026, 3, 16)  # 10 working days
    with time_machine.travel(at(2026, 3, 17), tick=False):
        assert services.service_level_check()["first_contact_reminders"] == 1
        assert services.service_level_check()["first_contact_reminders"] == 0
    assert len(subjects(w.users["dock"], "referral.first_contact_overdue")) == 1


def test_programme_and_organisation_service_levels(world: Any) -> None:
    w = world
    ProgrammeServiceLevel.objects.create(
        programme=w.campaign.programme, referral_accept_days=2, first_contact_days=3
    )
    with time_machine.travel(at(2026, 4, 24), tick=False):  # Friday before Koningsdag
        r = services.referral_create(
            household=w.households[3],
            organisation=w.mitros,
            theme=w.themes["werk"],
            by=w.users["worker"],
            send=True,
        )
        assert r.accept_due == dt.date(2026, 4, 29)  # Tue 28, Wed 29
        services.service_level_set(
            organisation=w.mitros, theme=None, days_to_accept=1, days_to_first_contact=1
        )
        r2 = services.referral_create(
            household=w.households[2],
            organisation=w.mitros,
            theme=w.themes["werk"],
            by=w.users["worker"],
            send=True,
        )
        assert r2.accept_due == dt.date(2026, 4, 28)


def test_escalation_resolved_notifies_who_raised_it(world: Any) -> None:
    w = world
    e = services.escalation_create(
        campaign=w.campaign, category="money", needed="Schuldhulp wachtlijst", by=w.users["worker"]
    )
    assert len(subjects(w.users["backoffice"], "escalation.raised")) == 1
    services.escalation_resolve(escalation=e, resolution="Geregeld", by=w.users["backoffice"])
    assert len(subjects(w.users["worker"], "escalation.resolved")) == 1
    assert_no_personal_data(subjects(w.users["worker"]))


def test_referral_page_shows_due_dates_in_dutch(world: Any) -> None:
    w = world
    Referral.objects.filter(pk=w.referral_mitros.pk).update(accept_due=dt.date(2026, 4, 30))
    c = Client()
    c.force_login(w.users["mitros"])
    otp_verify_session(c, w.users["mitros"])
    html = c.get("/outreach/referrals/").content.decode()
    # The queue's "due" column: to accept, before 30 April (a Dutch month, in lower case).
    row = html.split(f'data-referral="{w.referral_mitros.pk}"')[1].split("</tr>")[0]
    assert (
        'data-label="Uiterlijk">Accepteren vóór <time datetime="2026-04-30">30 april 2026</time>'
        in row
    )


def test_reporting_deadline_requests_progress_and_reminds_a_week_before(
    world: Any, kans: Any, editor: User, api: Any
) -> None:
    w = world
    coalition_member_set(opportunity=kans, organisation=w.dock, role="lead", by=SYSTEM)
    slug = w.campaign.programme.slug
    with time_machine.travel(at(2026, 9, 1), tick=False):
        path = f"/outreach/programmes/{slug}/reporting-deadlines/"
        body = {"title": "Jaarverslag", "due_on": "2026-10-01"}
        denied = api(editor).post(path, body)
        assert denied.status_code == 403
        made = api(w.users["coordinator"]).post(path, body)
        assert made.status_code == 201, made.content
        assert (
            api(w.users["coordinator"]).post(path, {**body, "due_on": "2026-08-01"}).status_code
            == 400
        )
        got = api(editor).get(path)
        assert got.status_code == 200, got.content[:3000]
        listed = got.json()
        assert [d["due_on"] for d in listed] == ["2026-10-01"]
    asked = subjects(w.users["dock"], "reporting.progress_requested")
    assert asked == ["Voortgang van Focus op Overvecht gevraagd vóór 01-10-2026"]
    assert len(subjects(editor, "reporting.progress_requested")) == 1
    assert subjects(w.users["mitros"], "reporting.progress_requested") == []
    with time_machine.travel(at(2026, 9, 20), tick=False):
        assert services.reporting_check() == 0  # more than a week before
    with time_machine.travel(at(2026, 9, 24), tick=False):
        assert services.reporting_check() == 3  # DOCK's member, the editor, the coordinator
        assert services.reporting_check() == 0
    # A kans that reported progress is not reminded.
    with time_machine.travel(at(2026, 9, 25), tick=False):
        made2 = services.reporting_deadline_create(
            programme=w.campaign.programme, title="Q4", due_on=dt.date(2026, 10, 2), by=SYSTEM
        )
        progress_update_create(opportunity=kans, date=dt.date(2026, 9, 25), text="Loopt", by=SYSTEM)
        assert services.reporting_check() == 0
    assert made2.pk
