"""Outreach's scheduled work (imported from OutreachConfig.ready): retention, daily; the
service-level and reporting checks, hourly (services.events)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from wijkaanpak.jobs.schedule import scheduled
from wijkaanpak.outreach import services
from wijkaanpak.outreach.privacy import retention_apply


@scheduled(
    name="outreach.apply_retention",
    every=dt.timedelta(days=1),
    label=_("Apply retention periods"),
)
def apply_retention() -> None:
    retention_apply()


@scheduled(
    name="outreach.service_levels",
    every=dt.timedelta(hours=1),
    label=_("Check referral service levels"),
)
def service_level_check() -> None:
    """Referrals past their service level: reminders, then escalation to the back office."""
    services.service_level_check()


@scheduled(
    name="outreach.reporting_reminders",
    every=dt.timedelta(hours=1),
    label=_("Remind of reporting deadlines"),
)
def reporting_reminders() -> None:
    """Progress requested before a reporting deadline: a reminder a week before."""
    services.reporting_check()
