"""The Overvecht demo: every app contributes a `demo.load()` step, run here in order."""

from __future__ import annotations

import importlib

from django.db import transaction

# Order matters: later steps refer to what earlier ones made.
DEMO_STEPS = [
    "wijkaanpak.areas.demo",
    "wijkaanpak.organisations.demo",
    "wijkaanpak.programmes.demo",
    "wijkaanpak.opportunities.demo",
    "wijkaanpak.accounts.demo",
    "wijkaanpak.indicators.demo",
    "wijkaanpak.finance.demo",
    "wijkaanpak.outreach.demo",
]


def demo_is_loaded() -> bool:
    from wijkaanpak.programmes.models import Programme

    return Programme.objects.filter(slug="samen-voor-overvecht").exists()


@transaction.atomic
def demo_load() -> None:
    """Load (or refresh) the demo. Idempotent: running it twice changes nothing the second time."""
    for module in DEMO_STEPS:
        importlib.import_module(module).load()
