"""Published numbers cannot be unpicked (issue #12, item 5): small complements, sums of
suppressed cells, totals of the cross table and nested funnel steps (docs/outreach.md)."""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

from wijkaanpak.outreach import aggregates
from wijkaanpak.outreach.suppression import (
    THRESHOLD,
    percentage,
    suppress_nested,
    suppress_partition,
    suppress_table,
)


def test_a_percentage_with_a_small_complement_is_left_out() -> None:
    assert percentage(54, 54) is None  # 100 %: 0 were late
    assert percentage(52, 54) is None  # 2 were late
    assert percentage(0, 54) is None
    assert percentage(40, 54) == 74


def test_service_level_of_54_first_contacts_all_in_time_is_not_published() -> None:
    row = {
        "sent": 60,
        "sent_accepted": 54,
        "decided": 54,  # none declined
        "first_contacts": 54,
        "within": 54,  # none late
        "mean_days": None,
    }
    service = aggregates.referral_service(campaign=None, referrals=row)  # type: ignore[arg-type]
    assert service["first_contacts"] == 54
    assert service["first_contact_within_service_level"] is None
    assert service["acceptance_rate"] is None
    row.update(within=40, decided=70)
    service = aggregates.referral_service(campaign=None, referrals=row)  # type: ignore[arg-type]
    assert service["first_contact_within_service_level"] == 74
    assert service["acceptance_rate"] == 77


def test_suppressed_cells_whose_sum_is_small_take_more_cells_with_them() -> None:
    # total 43 - 40 = 3: the two hidden cells together would be "3".
    assert suppress_partition([40, 1, 2]) == [True, True, True]
    assert suppress_partition([40, 0, 0]) == [True, True, True]
    assert suppress_partition([40, 1, 2, 9]) == [False, True, True, True]
    assert suppress_partition([40, 3, 2]) == [False, True, True]  # 5 together: not small


def test_nested_counts_hide_a_step_that_differs_little_from_the_last_shown() -> None:
    assert suppress_nested([100, 98, 60, 59, 20]) == [False, True, False, True, False]
    assert suppress_nested([100, 100, 100]) == [False, True, True]
    assert suppress_nested([100, 4]) == [False, True]


def _rank(rows: list[list[Fraction]]) -> int:
    m = [r[:] for r in rows]
    rank, cols = 0, len(m[0]) if m else 0
    for c in range(cols):
        pivot = next((r for r in range(rank, len(m)) if m[r][c] != 0), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        for r in range(len(m)):
            if r != rank and m[r][c] != 0:
                f = m[r][c] / m[rank][c]
                m[r] = [a - f * b for a, b in zip(m[r], m[rank], strict=True)]
        rank += 1
    return rank


def _disclosures(matrix: list[list[int]]) -> list[str]:
    """What an attacker can derive from the published table by linear algebra: a single hidden
    number, or a small sum of hidden numbers along a row, column or line of totals."""
    hidden, row_hidden, col_hidden = suppress_table(matrix)
    n, m = len(matrix), len(matrix[0])
    unknowns: dict[tuple[str, int, int], int] = {}  # -> value
    for i in range(n):
        for j in range(m):
            if hidden[i][j]:
                unknowns[("cell", i, j)] = matrix[i][j]
        if row_hidden[i]:
            unknowns[("row", i, 0)] = sum(matrix[i])
    for j in range(m):
        if col_hidden[j]:
            unknowns[("col", j, 0)] = sum(matrix[i][j] for i in range(n))
    if not unknowns:
        return []
    index = {k: x for x, k in enumerate(unknowns)}
    equations = []
    for i in range(n):  # row i: cells - total = 0, in the unknowns only
        eq = [Fraction(0)] * len(index)
        for j in range(m):
            if ("cell", i, j) in index:
                eq[index[("cell", i, j)]] += 1
        if ("row", i, 0) in index:
            eq[index[("row", i, 0)]] -= 1
        equations.append(eq)
    for j in range(m):
        eq = [Fraction(0)] * len(index)
        for i in range(n):
            if ("cell", i, j) in index:
                eq[index[("cell", i, j)]] += 1
        if ("col", j, 0) in index:
            eq[index[("col", j, 0)]] -= 1
        equations.append(eq)
    base = _rank(equations)

    def derivable(keys: list[tuple[str, int, int]]) -> bool:
        v = [Fraction(0)] * len(index)
        for k in keys:
            v[index[k]] = Fraction(1)
        return _rank([*equations, v]) == base

    found = []
    for key, value in unknowns.items():
        if derivable([key]):
            found.append(f"{key} = {value}")
    lines = [[("cell", i, j) for j in range(m)] for i in range(n)]
    lines += [[("cell", i, j) for i in range(n)] for j in range(m)]
    lines += [[("row", i, 0) for i in range(n)], [("col", j, 0) for j in range(m)]]
    for line in lines:
        keys = [k for k in line if k in unknowns]
        total = sum(unknowns[k] for k in keys)
        if keys and total < THRESHOLD and derivable(keys):
            found.append(f"sum of {keys} = {total}")
    return found


def test_no_number_or_small_sum_can_be_derived_from_a_cross_table() -> None:
    """Seeded random organisation x theme tables, mostly small counts, with structural zeros."""
    rng = random.Random(12)
    checked = 0
    for _ in range(400):
        n, m = rng.randint(1, 4), rng.randint(1, 4)
        matrix = [
            [rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 8, 12, 30]) for _ in range(m)] for _ in range(n)
        ]
        problems = _disclosures(matrix)
        assert not problems, (matrix, problems)
        checked += 1
    assert checked == 400


def test_the_cross_table_hides_a_second_total_when_one_is_small() -> None:
    # Column totals 8 and 3 (hidden); row totals 5 and 6 shown: 11 - 8 would give 3.
    hidden, row_hidden, col_hidden = suppress_table([[4, 1], [4, 2]])
    assert col_hidden == [True, True]
    assert _disclosures([[4, 1], [4, 2]]) == []


def test_two_bound_kans_measures_never_publish_a_small_difference(world: Any, kans: Any) -> None:
    """Kans pages are public: "6 addresses" and "6 reached" would say that none was missed."""
    import datetime as dt

    from wijkaanpak.core.actors import SYSTEM
    from wijkaanpak.opportunities.services import measure_create
    from wijkaanpak.outreach import services

    addresses = measure_create(opportunity=kans, name="Adressen", rba_class="how_much", by=SYSTEM)
    reached = measure_create(opportunity=kans, name="Bereikt", rba_class="how_much", by=SYSTEM)
    services.measure_bind(measure=addresses, campaign=world.campaign, aggregate="addresses")
    services.measure_bind(measure=reached, campaign=world.campaign, aggregate="reached")
    for a in world.addresses:
        services.visit_record(
            campaign=world.campaign,
            address=a,
            date=dt.date(2026, 3, 1),
            outcome="reached",
            by=world.users["worker"],
        )
    assert [int(v) for v in addresses.values.values_list("value", flat=True)] == [6]
    assert not reached.values.exists()
    funnel = aggregates.funnel(campaign=world.campaign)
    shown = {s["step"]: (s["count"], s["percent"]) for s in funnel["steps"]}
    assert shown["addresses"] == (6, 100)
    assert shown["reached"] == (aggregates.SUPPRESSED, None)
