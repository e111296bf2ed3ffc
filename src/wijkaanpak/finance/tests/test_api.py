"""The budget API: public reads, writes only for coordinators."""

from __future__ import annotations

from typing import Any

import pytest

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.finance.models import BudgetLine, LineStatus
from wijkaanpak.finance.services import budget_line_create, budget_set

TABLE_2020 = "Onderwerp;Bedrag (x 1.000 euro)\nDOCK;220\nNog in te vullen;386\nTotaal;220\n"


@pytest.fixture
def budget(programme: Any, kans: Any) -> Any:
    budget = budget_set(programme=programme, year=2020, amount=1_000_000, by=SYSTEM)
    budget_line_create(
        budget=budget,
        subject="Focus op Overvecht",
        amount=600_000,
        opportunity=kans,
        ambitions=list(programme.ambitions.filter(number=2)),
        by=SYSTEM,
    )
    budget_line_create(
        budget=budget,
        subject="Nog in te vullen",
        amount=400_000,
        status=LineStatus.UNALLOCATED,
        by=SYSTEM,
    )
    return budget


def test_anyone_reads_a_years_budget_in_integer_euros(api: Any, budget: Any) -> None:
    response = api().get("/programmes/samen-voor-overvecht/budgets/2020/")
    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("year", "budget", "allocated", "unallocated", "spent")} == {
        "year": 2020,
        "budget": 1_000_000,
        "allocated": 600_000,
        "unallocated": 400_000,
        "spent": 0,
    }
    line = body["lines"][0]
    assert {k: line[k] for k in ("subject", "amount", "status", "organisation", "opportunity")} == {
        "subject": "Focus op Overvecht",
        "amount": 600_000,
        "status": "allocated",
        "organisation": None,
        "opportunity": "Focus op Overvecht",
    }
    assert line["ambitions"] == [2]
    jeugd = next(a for a in body["by_ambition"] if a["number"] == 2)
    assert jeugd["amount"] == 600_000
    assert {c["rule"]: c["ok"] for c in body["checks"]}["balance"] is True
    years = api().get("/programmes/samen-voor-overvecht/budgets/").json()
    assert years["count"] == 1 and years["items"][0]["year"] == 2020


def test_an_unknown_year_or_programme_is_404(api: Any, budget: Any) -> None:
    assert api().get("/programmes/samen-voor-overvecht/budgets/2031/").status_code == 404
    assert api().get("/programmes/elders/budgets/2020/").status_code == 404


def _writes(client: Any, budget: Any) -> list[Any]:
    line = BudgetLine.objects.get(budget=budget, subject="Focus op Overvecht")
    base = "/programmes/samen-voor-overvecht/budgets/2020"
    return [
        client.post(base + "/lines", {"subject": "Nieuw", "amount": 1000}),
        client.post(f"{base}/lines/{line.pk}/realisations", {"date": "2020-06-01", "amount": 1000}),
        client.post_multipart(
            "/programmes/samen-voor-overvecht/budgets/2021/imports",
            {"file": _upload(TABLE_2020), "total_means": "allocated"},
        ),
    ]


def _upload(text: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("begroting.csv", text.encode(), content_type="text/csv")


def test_anonymous_cannot_write(api: Any, budget: Any) -> None:
    assert [r.status_code for r in _writes(api(), budget)] == [401, 401, 401]


@pytest.mark.parametrize("persona", ["viewer", "editor", "outsider"])
def test_viewer_editor_and_outsider_may_not_write(
    api: Any, budget: Any, persona: str, request: Any
) -> None:
    user = request.getfixturevalue(persona)
    assert [r.status_code for r in _writes(api(user), budget)] == [403, 403, 403]
    assert BudgetLine.objects.filter(budget=budget).count() == 2


def test_coordinator_adds_a_line_records_spending_and_imports(
    api: Any, budget: Any, coordinator: Any
) -> None:
    client = api(coordinator)
    created, realised, imported = _writes(client, budget)
    assert created.status_code == 201, created.json()
    assert created.json()["amount"] == 1000
    assert realised.status_code == 201 and realised.json()["amount"] == 1000
    assert imported.status_code == 201, imported.json()
    body = api().get("/programmes/samen-voor-overvecht/budgets/2021/").json()
    assert (body["budget"], body["allocated"], body["unallocated"]) == (606_000, 220_000, 386_000)
    again = client.post_multipart(
        "/programmes/samen-voor-overvecht/budgets/2020/imports",
        {"file": _upload(TABLE_2020.replace("2020", "")), "total_means": "allocated"},
    )
    assert again.status_code == 409  # 2020 has recorded spending now


def test_coordinator_changes_a_line(api: Any, budget: Any, coordinator: Any, kans: Any) -> None:
    line = BudgetLine.objects.get(budget=budget, subject="Focus op Overvecht")
    response = api(coordinator).client.patch(
        f"/api/v1/programmes/samen-voor-overvecht/budgets/2020/lines/{line.pk}",
        '{"amount": 500000, "overrun": true, "ambitions": [1, 2]}',
        content_type="application/json",
        headers=api(coordinator).headers,
    )
    assert response.status_code == 200, response.json()
    assert response.json()["amount"] == 500_000 and response.json()["ambitions"] == [1, 2]
    body = api().get("/programmes/samen-voor-overvecht/budgets/2020/").json()
    balance = next(c for c in body["checks"] if c["rule"] == "balance")
    assert balance["ok"] is False


def test_a_bad_line_is_a_problem_naming_the_field(api: Any, budget: Any, coordinator: Any) -> None:
    response = api(coordinator).post(
        "/programmes/samen-voor-overvecht/budgets/2020/lines",
        {"subject": "Nog in te vullen", "amount": -5, "ambitions": [9]},
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    fields = {e["field"] for e in response.json()["errors"]}
    assert "ambitions" in fields


def test_import_without_saying_what_the_total_means_asks(
    api: Any, budget: Any, coordinator: Any
) -> None:
    response = api(coordinator).post_multipart(
        "/programmes/samen-voor-overvecht/budgets/2020/imports", {"file": _upload(TABLE_2020)}
    )
    assert response.status_code == 400
    problem = response.json()
    assert "606.000" in problem["detail"] and "220.000" in problem["detail"]
    assert problem["errors"][0]["field"] == "total_means"
    assert problem["errors"][1]["row"] == 3
    assert BudgetLine.objects.filter(budget=budget).count() == 2


def test_funding_sources_are_public(api: Any, db: Any) -> None:
    from wijkaanpak.finance.services import funding_share_set, funding_source_create_or_update

    source = funding_source_create_or_update(
        name="Regio Deal", kind="state", total_amount=15_000_000
    )
    funding_share_set(source=source, recipient="Batau (Nieuwegein)", amount=5_000_000)
    body = api().get("/funding-sources/").json()
    assert body["items"][0]["shares"][0]["recipient"] == "Batau (Nieuwegein)"


def test_the_openapi_document_describes_the_finance_endpoints(api: Any, db: Any) -> None:
    paths = api().get("/openapi.json").json()["paths"]
    assert "/api/v1/programmes/{slug}/budgets/{year}/" in paths
    imports = paths["/api/v1/programmes/{slug}/budgets/{year}/imports"]["post"]
    assert "multipart/form-data" in imports["requestBody"]["content"]
    assert "403" in imports["responses"]


def test_coordinator_sets_a_years_budget_and_funding(api: Any, coordinator: Any) -> None:
    from wijkaanpak.finance.services import funding_source_create_or_update

    funding_source_create_or_update(name="Gemeente Utrecht", kind="municipality")
    client = api(coordinator)
    response = client.client.put(
        "/api/v1/programmes/samen-voor-overvecht/budgets/2021/",
        '{"amount": 3000000, "funding": [{"source": "gemeente-utrecht", "amount": 3000000}]}',
        content_type="application/json",
        headers=client.headers,
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["budget"] == 3_000_000
    assert body["by_funding_source"] == [
        {"name": "Gemeente Utrecht", "kind": "municipality", "amount": 3_000_000}
    ]
    bad = client.client.put(
        "/api/v1/programmes/samen-voor-overvecht/budgets/2021/",
        '{"amount": 1, "funding": [{"source": "nergens", "amount": 1}]}',
        content_type="application/json",
        headers=client.headers,
    )
    assert bad.status_code == 400
    assert api().get("/programmes/samen-voor-overvecht/budgets/2021/").json()["budget"] == 3_000_000
