"""The Overvecht demo: every app contributes a `demo.load()` step, run here in order."""

from __future__ import annotations

from types import ModuleType

from django.db import transaction

from wijkaanpak.accounts import demo as accounts_demo
from wijkaanpak.areas import demo as areas_demo
from wijkaanpak.demo import regio as regio_demo
from wijkaanpak.finance import demo as finance_demo
from wijkaanpak.indicators import demo as indicators_demo
from wijkaanpak.opportunities import demo as opportunities_demo
from wijkaanpak.organisations import demo as organisations_demo
from wijkaanpak.outreach import demo as outreach_demo
from wijkaanpak.participation import demo as participation_demo
from wijkaanpak.programmes import demo as programmes_demo
from wijkaanpak.programmes.models import Programme
from wijkaanpak.residents import demo as residents_demo

# Order matters: later steps refer to what earlier ones made.
DEMO_STEPS: list[ModuleType] = [
    areas_demo,
    organisations_demo,
    programmes_demo,
    opportunities_demo,
    accounts_demo,
    indicators_demo,
    finance_demo,
    outreach_demo,
    regio_demo,  # Zeist/Vollenhove and De Versnelling (issue 13)
    participation_demo,  # meetings, communication, stories (issue 17; after De Versnelling)
    residents_demo,  # ambassadors, signals, the initiative fund (issue 17)
]


def demo_is_loaded() -> bool:
    return Programme.objects.filter(slug="samen-voor-overvecht").exists()


@transaction.atomic
def demo_load() -> None:
    """Load (or refresh) the demo. Idempotent: running it twice changes nothing the second time."""
    for module in DEMO_STEPS:
        module.load()
