"""The residents demo: 25 ambassadors, signals in every state, the 2020 fund with applications
in every state, within the €100,000 line; loading twice changes nothing."""

from __future__ import annotations

from typing import Any

from wijkaanpak.programmes.models import Programme
from wijkaanpak.residents import demo, selectors
from wijkaanpak.residents.models import (
    Ambassador,
    ApplicationState,
    InitiativeApplication,
    Signal,
    SignalState,
)


def test_demo_has_every_state(demo_db: Any) -> None:
    programme = Programme.objects.get(slug="samen-voor-overvecht")
    assert Ambassador.objects.filter(programme=programme).count() == 25
    assert set(Signal.objects.values_list("state", flat=True)) == set(SignalState.values)
    assert set(InitiativeApplication.objects.values_list("state", flat=True)) == set(
        ApplicationState.values
    )
    fund = selectors.fund_get(programme=programme, year=2020)
    assert fund.line.amount == 100_000
    assert 0 < selectors.fund_granted(fund) <= 100_000
    summary = selectors.report_summary(programme, 2020)
    assert summary["ambassadors"] == 25 and summary["fund"]["budget"] == 100_000
    counts = (
        Ambassador.objects.count(),
        Signal.objects.count(),
        InitiativeApplication.objects.count(),
    )
    demo.load()
    assert counts == (
        Ambassador.objects.count(),
        Signal.objects.count(),
        InitiativeApplication.objects.count(),
    )
