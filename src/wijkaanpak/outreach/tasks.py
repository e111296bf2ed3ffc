"""Outreach's scheduled work (imported from OutreachConfig.ready): retention, daily."""

from __future__ import annotations

import datetime as dt

from wijkaanpak.jobs.schedule import scheduled
from wijkaanpak.outreach.privacy import retention_apply


@scheduled(name="outreach.apply_retention", every=dt.timedelta(days=1))
def apply_retention() -> None:
    retention_apply()
