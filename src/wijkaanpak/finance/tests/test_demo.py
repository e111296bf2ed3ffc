"""The demo reproduces the seed's 2019 and 2020 budget tables."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from wijkaanpak.finance.models import BudgetLine
from wijkaanpak.finance.selectors import budget_summary, organisation_year_comparison
from wijkaanpak.programmes.models import Programme


@pytest.fixture
def demo(demo_db: None, settings: Any) -> Programme:
    settings.DEBUG = True
    return Programme.objects.get(slug="samen-voor-overvecht")


def test_2019_sums_to_three_million_over_34_lines_with_35k_not_spent(demo: Programme) -> None:
    summary = budget_summary(programme=demo, year=2019)
    assert len(summary.lines) == 34
    assert summary.budget == 3_000_000
    assert summary.allocated == 3_000_000
    assert summary.unallocated == 0
    assert summary.not_spent == 35_000
    assert summary.ok


def test_2020_prints_2614_as_allocated_over_lines_of_3000(demo: Programme) -> None:
    summary = budget_summary(programme=demo, year=2020)
    assert len(summary.lines) == 27
    assert sum(line["amount"] for line in summary.lines) == 3_000_000
    assert (summary.budget, summary.allocated, summary.unallocated) == (
        3_000_000,
        2_614_000,
        386_000,
    )
    printed = next(c for c in summary.checks if c.rule == "printed_total")
    assert printed.ok and "2.614.000" in printed.message
    assert summary.ok


def test_demo_links_lines_to_organisations_and_ambitions(demo: Programme) -> None:
    summary = budget_summary(programme=demo, year=2020)
    by_org = {row["name"]: row["amount"] for row in summary.by_organisation}
    assert by_org["DOCK"] == 220_000
    assert by_org["Pozitive"] == 30_000
    assert sum(row["amount"] for row in summary.by_ambition) == summary.allocated
    comparison = organisation_year_comparison(programme=demo)
    dock = next(r for r in comparison["rows"] if r["organisation"] == "DOCK")
    assert dock["amounts"] == [255_000, 220_000] and dock["change"] == -35_000


def test_demo_is_idempotent(demo: Programme) -> None:
    before = list(BudgetLine.objects.order_by("pk").values_list("pk", "subject", "amount"))
    call_command("load_demo", stdout=io.StringIO())
    assert list(BudgetLine.objects.order_by("pk").values_list("pk", "subject", "amount")) == before


def test_demo_links_kansen_by_title_when_they_exist(db: Any, settings: Any, kans: Any) -> None:
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())  # over a database that has a kans
    line = BudgetLine.objects.get(budget__year=2020, subject="Focus op Overvecht")
    assert line.opportunity == kans
    wonen = BudgetLine.objects.get(budget__year=2020, subject="Veelzijdig wonen").opportunity
    assert wonen is not None and wonen.title == "Veelzijdig wonen"
    assert (
        BudgetLine.objects.get(budget__year=2020, subject="Bewonersinitiatieven").opportunity
        is None
    )


def test_the_demo_api_shows_2019_and_2020_as_the_report(demo: Programme, api: Any) -> None:
    body = api().get("/programmes/samen-voor-overvecht/budgets/2019/").json()
    assert (body["budget"], body["allocated"], body["unallocated"], body["not_spent"]) == (
        3_000_000,
        3_000_000,
        0,
        35_000,
    )
    assert len(body["lines"]) == 34
    body = api().get("/programmes/samen-voor-overvecht/budgets/2020/").json()
    assert (body["budget"], body["allocated"], body["unallocated"]) == (
        3_000_000,
        2_614_000,
        386_000,
    )
    assert len(body["lines"]) == 27
    assert sum(a["amount"] for a in body["by_ambition"]) == 2_614_000
    assert {"name": "Buurtteam Sociaal", "amount": 272_000, "spent": 0, "lines": 1} in body[
        "by_organisation"
    ]
    assert all(check["ok"] for check in body["checks"])


def test_the_year_api_takes_a_constant_number_of_queries(
    demo: Programme, api: Any, django_assert_max_num_queries: Any
) -> None:
    client = api()
    with django_assert_max_num_queries(8):
        assert client.get("/programmes/samen-voor-overvecht/budgets/2020/").status_code == 200
