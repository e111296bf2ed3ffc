"""Consistency rules of the budget and how realisations obey them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.exceptions import Forbidden, InvalidInput
from wijkaanpak.finance.models import LineKind, LineStatus
from wijkaanpak.finance.selectors import budget_summary
from wijkaanpak.finance.services import (
    budget_funding_set,
    budget_line_create,
    budget_line_update,
    budget_set,
    funding_share_set,
    funding_source_create_or_update,
    realisation_record,
)

DAY = dt.date(2020, 5, 1)


@pytest.fixture
def budget(programme: Any) -> Any:
    return budget_set(programme=programme, year=2020, amount=1_000, by=SYSTEM)


def _check(programme: Any, rule: str) -> Any:
    return next(c for c in budget_summary(programme=programme, year=2020).checks if c.rule == rule)


def test_allocated_plus_unallocated_must_be_the_budget(programme: Any, budget: Any) -> None:
    budget_line_create(budget=budget, subject="DOCK", amount=600, by=SYSTEM)
    assert not _check(programme, "balance").ok
    budget_line_create(
        budget=budget,
        subject="Nog in te vullen",
        amount=400,
        status=LineStatus.UNALLOCATED,
        by=SYSTEM,
    )
    assert _check(programme, "balance").ok


def test_spending_beyond_a_line_is_refused_unless_marked_overrun(
    programme: Any, budget: Any
) -> None:
    line = budget_line_create(budget=budget, subject="DOCK", amount=600, by=SYSTEM)
    realisation_record(line=line, date=DAY, amount=500, by=SYSTEM)
    with pytest.raises(InvalidInput, match="overrun"):
        realisation_record(line=line, date=DAY, amount=200, by=SYSTEM)
    budget_line_update(line=line, overrun=True, by=SYSTEM)
    realisation_record(line=line, date=DAY, amount=200, by=SYSTEM)
    summary = budget_summary(programme=programme, year=2020)
    assert summary.spent == 700
    assert _check(programme, "spent_within_line").ok


def test_a_line_cut_below_its_spending_is_flagged(programme: Any, budget: Any) -> None:
    line = budget_line_create(budget=budget, subject="DOCK", amount=600, by=SYSTEM)
    realisation_record(line=line, date=DAY, amount=500, by=SYSTEM)
    budget_line_update(line=line, amount=400, by=SYSTEM)
    check = _check(programme, "spent_within_line")
    assert not check.ok and check.lines == ["DOCK"]


def test_a_fully_realised_line_becomes_spent(programme: Any, budget: Any) -> None:
    line = budget_line_create(budget=budget, subject="DOCK", amount=600, by=SYSTEM)
    realisation_record(line=line, date=DAY, amount=600, by=SYSTEM)
    line.refresh_from_db()
    assert line.status == LineStatus.SPENT
    assert budget_summary(programme=programme, year=2020).allocated == 600


@pytest.mark.parametrize("status", [LineStatus.UNALLOCATED, LineStatus.NOT_SPENT])
def test_money_not_allocated_cannot_be_spent(budget: Any, status: str) -> None:
    line = budget_line_create(budget=budget, subject="Rest", amount=100, status=status, by=SYSTEM)
    with pytest.raises(InvalidInput):
        realisation_record(line=line, date=DAY, amount=10, by=SYSTEM)


def test_realisations_must_be_positive(budget: Any) -> None:
    line = budget_line_create(budget=budget, subject="DOCK", amount=100, by=SYSTEM)
    with pytest.raises(InvalidInput):
        realisation_record(line=line, date=DAY, amount=0, by=SYSTEM)


def test_a_line_paying_for_a_stopped_kans_is_flagged(
    programme: Any, budget: Any, kans: Any
) -> None:
    from wijkaanpak.opportunities.services import opportunity_transition

    budget_line_create(
        budget=budget, subject="Focus op Overvecht", amount=100, opportunity=kans, by=SYSTEM
    )
    assert _check(programme, "stopped_kans").ok
    opportunity_transition(
        opportunity=kans, to="stopped", on=DAY, reason="minder kansrijk", by=SYSTEM
    )
    check = _check(programme, "stopped_kans")
    assert not check.ok and check.lines == ["Focus op Overvecht"]


def test_bad_lines_are_refused(programme: Any, budget: Any) -> None:
    budget_line_create(budget=budget, subject="DOCK", amount=1, by=SYSTEM)
    with pytest.raises(InvalidInput) as exc:
        budget_line_create(
            budget=budget, subject="DOCK", amount=-1, kind="other", status="x", by=SYSTEM
        )
    fields = {e["field"] for e in exc.value.errors}
    assert fields == {"subject", "amount", "kind", "status"}


def test_budget_year_and_amount_are_checked(programme: Any) -> None:
    with pytest.raises(InvalidInput, match="Unknown year"):
        budget_set(programme=programme, year=1990, amount=1, by=SYSTEM)
    with pytest.raises(InvalidInput):
        budget_set(programme=programme, year=2020, amount=-1, by=SYSTEM)


def test_only_coordinators_write(
    programme: Any, budget: Any, editor: Any, coordinator: Any
) -> None:
    with pytest.raises(Forbidden):
        budget_line_create(budget=budget, subject="DOCK", amount=1, by=editor)
    line = budget_line_create(budget=budget, subject="DOCK", amount=1, by=coordinator)
    with pytest.raises(Forbidden):
        realisation_record(line=line, date=DAY, amount=1, by=editor)


def test_rollups_per_ambition_split_shared_lines_and_add_up(programme: Any, budget: Any) -> None:
    both = list(programme.ambitions.all())
    budget_line_create(budget=budget, subject="DOCK", amount=601, ambitions=both, by=SYSTEM)
    budget_line_create(
        budget=budget, subject="Proceskosten", amount=399, kind=LineKind.PROCESS, by=SYSTEM
    )
    summary = budget_summary(programme=programme, year=2020)
    amounts = {row["number"]: row["amount"] for row in summary.by_ambition}
    assert amounts == {1: 301, 2: 300, None: 399}
    assert summary.process_costs == 399


def test_funding_contributions_must_make_up_the_budget(programme: Any, budget: Any) -> None:
    source = funding_source_create_or_update(name="Gemeente", kind="municipality")
    budget_funding_set(budget=budget, source=source, amount=900, by=SYSTEM)
    assert not _check(programme, "funding").ok
    budget_funding_set(budget=budget, source=source, amount=1_000, by=SYSTEM)
    assert _check(programme, "funding").ok
    summary = budget_summary(programme=programme, year=2020)
    assert summary.by_funding_source == [
        {"name": "Gemeente", "kind": "municipality", "amount": 1_000}
    ]


def test_shares_of_a_funding_source_cannot_exceed_its_total(programme: Any) -> None:
    deal = funding_source_create_or_update(name="Regio Deal", kind="state", total_amount=15)
    funding_share_set(source=deal, recipient="Overvecht", programme=programme, amount=5)
    funding_share_set(source=deal, recipient="Batau", amount=5)
    with pytest.raises(InvalidInput):
        funding_share_set(source=deal, recipient="Vollenhove", amount=6)
    funding_share_set(source=deal, recipient="Vollenhove", amount=5)
    assert deal.shares.count() == 3
