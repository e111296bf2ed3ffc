"""Residents' scheduled work (imported from ResidentsConfig.ready): retention, daily."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from wijkaanpak.jobs.schedule import scheduled
from wijkaanpak.residents.services import retention_apply


@scheduled(
    name="residents.apply_retention",
    every=dt.timedelta(days=1),
    label=_("Apply retention terms to residents' personal data"),
)
def apply_retention() -> None:
    retention_apply()
