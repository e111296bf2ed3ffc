"""In the browser, at phone and desktop width: the back office assigns an escalation; a
coordinator sets a reporting deadline; the jobs page shows Dutch names. Nothing is wider than
the screen."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from wijkaanpak.accounts.models import User
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.jobs.worker import run_pending
from wijkaanpak.notifications.models import Notification
from wijkaanpak.opportunities.services import coalition_member_set
from wijkaanpak.outreach import services
from wijkaanpak.outreach.models import Escalation, ReportingDeadline
from wijkaanpak.outreach.tests.test_browser import _login

pytestmark = pytest.mark.browser

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


@pytest.mark.parametrize("width", [390, 1366])
def test_back_office_assigns_an_escalation(
    transactional_db: Any, live_server: Any, world: Any, page: Any, screenshot: Any, width: int
) -> None:
    colleague = User.objects.create_user("backoffice2", first_name="Bas", last_name="Collega")
    services.outreach_role_set(
        user=colleague, programme=world.campaign.programme, role="back_office"
    )
    e = services.escalation_create(
        campaign=world.campaign, category="money", needed="Wachtlijst schuldhulp", by=SYSTEM
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.set_extra_http_headers({"Accept-Language": "nl-NL,nl"})
    _login(page, live_server, "backoffice")
    page.goto(live_server.url + "/outreach/escalations/")
    page.select_option(f"#assignee-{e.pk}", label="Bas Collega")
    screenshot(f"form-{width}")
    with page.expect_navigation():
        page.click(f"form[action$='/{e.pk}/assign/'] button")
    assigned = page.locator(f"#escalation-{e.pk} td[data-label='Toegewezen aan']")
    assert assigned.inner_text().strip() == "Bas Collega"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(f"assigned-{width}")
    assert Escalation.objects.get(pk=e.pk).assignee == colleague
    assert Notification.objects.filter(recipient=colleague, event="escalation.assigned").exists()


@pytest.mark.parametrize("width", [390, 1366])
def test_coordinator_sets_a_reporting_deadline_and_sees_jobs_in_dutch(
    transactional_db: Any,
    live_server: Any,
    world: Any,
    kans: Any,
    page: Any,
    screenshot: Any,
    width: int,
) -> None:
    coalition_member_set(opportunity=kans, organisation=world.dock, role="lead", by=SYSTEM)
    run_pending(schedules=True)  # the schedules have run once
    page.set_viewport_size({"width": width, "height": 900})
    page.set_extra_http_headers({"Accept-Language": "nl-NL,nl"})
    _login(page, live_server, "coordinator")
    page.goto(live_server.url + "/outreach/")
    page.click("text=Rapportagedeadlines van Samen voor Overvecht")
    page.fill("#id_title", "Jaarverslag 2026")
    due = timezone.localdate() + dt.timedelta(days=40)
    page.fill("#id_due_on", due.isoformat())
    screenshot(f"form-{width}")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    main = page.locator("main").inner_text()
    assert f"Jaarverslag 2026: {due.day} {MONTHS[due.month - 1]} {due.year}" in main
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(f"set-{width}")
    assert ReportingDeadline.objects.filter(title="Jaarverslag 2026").exists()
    assert Notification.objects.filter(
        recipient=world.users["dock"], event="reporting.progress_requested"
    ).exists()
    page.goto(live_server.url + "/jobs/")
    main = page.locator("main").inner_text()
    assert "Bewaartermijnen toepassen" in main and "outreach.apply_retention" not in main
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(f"jobs-{width}")
