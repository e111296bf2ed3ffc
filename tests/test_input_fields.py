"""Input is validated at the edge (issue #12, item 6), field by field: integers out of range,
texts longer than their column and unknown choices are refused with 422 (API) or 400 (pages)
and a message naming the field, before the database sees them, on SQLite and PostgreSQL alike.
The sweep of every route is tests/test_input_bounds.py."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(programme: Any, coordinator: Any) -> Any:
    from wijkaanpak.finance.services import budget_set

    return budget_set(programme=programme, year=2020, amount=1_000_000, by=coordinator)


@pytest.mark.parametrize(
    "path",
    [
        "/programmes/samen-voor-overvecht/opportunities/?limit=99999999999999999999",
        "/programmes/samen-voor-overvecht/opportunities/?offset=-99999999999999999999",
        "/programmes/samen-voor-overvecht/opportunities/?ambition=99999999999999999999",
        "/opportunities/99999999999999999999/",
        "/areas/?offset=99999999999999999999",
        "/areas/GM0344/profile/?year=99999999999999999999",
        "/areas/GM0344/profile/?year=10000",
        "/indicators/?limit=99999999999999999999",
        "/indicators/interpretations/?year=-1",
        "/organisations/99999999999999999999/",
        "/programmes/?limit=0",
        "/programmes/samen-voor-overvecht/budgets/99999999999999999999/",
        "/funding-sources/?offset=99999999999999999999",
    ],
)
def test_an_out_of_range_number_is_a_422_naming_the_parameter(
    api: Any, programme: Any, path: str
) -> None:
    response = api().get(path)
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    name = re.split(r"[?=/]", path.rstrip("/"))[-2] if "?" in path else None
    fields = {e["field"] for e in response.json()["errors"]}
    if name:
        assert name in fields, fields
    assert all(e["message"] for e in response.json()["errors"])


def test_the_openapi_document_states_the_ranges(api: Any, db: Any) -> None:
    paths = api().get("/openapi.json").json()["paths"]
    limit = next(
        p
        for p in paths["/api/v1/programmes/{slug}/opportunities/"]["get"]["parameters"]
        if p["name"] == "limit"
    )
    assert limit["schema"]["maximum"] >= 500 and limit["schema"]["minimum"] == 1
    (detail,) = paths["/api/v1/opportunities/{opportunity_id}/"]["get"]["parameters"]
    assert detail["schema"]["maximum"] == 2**63 - 1


@pytest.mark.parametrize(
    "body, field",
    [
        ({"subject": "x" * 3000, "amount": 1}, "subject"),
        ({"subject": "Nieuw", "amount": 10**20}, "amount"),
        ({"subject": "Nieuw", "amount": 1, "note": "x" * 3000}, "note"),
        ({"subject": "Nieuw", "amount": 1, "organisation_id": 10**20}, "organisation_id"),
        ({"subject": "Nieuw", "amount": 1, "ambitions": [10**20]}, "ambitions.0"),
    ],
)
def test_a_budget_line_too_long_or_too_large_is_refused_before_the_database(
    api: Any, budget: Any, coordinator: Any, body: dict[str, Any], field: str
) -> None:
    from wijkaanpak.finance.models import BudgetLine

    response = api(coordinator).post("/programmes/samen-voor-overvecht/budgets/2020/lines", body)
    assert response.status_code == 422, response.content
    assert field in {e["field"] for e in response.json()["errors"]}
    assert not BudgetLine.objects.exists()


@pytest.mark.parametrize("field", ["kind", "status"])
def test_a_budget_line_choice_outside_its_list_is_a_400_naming_the_field(
    api: Any, budget: Any, coordinator: Any, field: str
) -> None:
    from wijkaanpak.finance.models import BudgetLine

    body = {"subject": "Nieuw", "amount": 1, field: "anything"}
    response = api(coordinator).post("/programmes/samen-voor-overvecht/budgets/2020/lines", body)
    assert response.status_code == 400, response.content
    assert field in {e["field"] for e in response.json()["errors"]}
    assert not BudgetLine.objects.exists()


def test_a_realisation_or_budget_too_large_is_refused(
    api: Any, budget: Any, coordinator: Any
) -> None:
    client = api(coordinator)
    response = client.client.put(
        "/api/v1/programmes/samen-voor-overvecht/budgets/2020/",
        json.dumps({"amount": 10**20, "note": "x"}),
        content_type="application/json",
        headers=client.headers,
    )
    assert response.status_code == 422
    assert "amount" in {e["field"] for e in response.json()["errors"]}


def test_a_transition_with_an_out_of_range_version_is_refused(
    api: Any, kans: Any, editor: Any
) -> None:
    response = api(editor).post(
        f"/opportunities/{kans.pk}/transition/",
        {"to": "completed", "version": 10**20, "merged_into": 10**20},
    )
    assert response.status_code == 422
    assert {"version", "merged_into"} <= {e["field"] for e in response.json()["errors"]}


def test_budget_line_page_refuses_an_amount_beyond_a_database_integer(
    client: Client, budget: Any, coordinator: Any
) -> None:
    from wijkaanpak.finance.models import BudgetLine

    client.force_login(coordinator)
    response = client.post(
        "/finance/samen-voor-overvecht/2020/lines/new/",
        {"subject": "Nieuw", "amount": str(10**20), "kind": "regular", "status": "allocated"},
    )
    assert response.status_code == 400
    assert not BudgetLine.objects.exists()


def test_an_indicator_import_with_a_long_source_or_a_year_out_of_range_is_refused(
    api: Any, coordinator: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wijkaanpak.indicators.models import ImportRun

    client = api(coordinator)
    for fields, name in [
        ({"format": "long", "source": "x" * 3000}, "source"),
        ({"format": "long", "year": "99999999999999999999"}, "year"),
    ]:
        content = b"indicator;area;period;value\nww_bijstand_hh;WK034403;2023;16,1\n"
        body = {"file": SimpleUploadedFile("figures.csv", content), **fields}
        response = client.post_multipart("/indicators/imports", body)
        assert response.status_code == 422, (fields, response.content)
        assert name in {e["field"] for e in response.json()["errors"]}
    assert not ImportRun.objects.exists()
    ok = {"file": SimpleUploadedFile("figures.csv", b"a;b\n"), "format": "long", "source": "CBS"}
    assert client.post_multipart("/indicators/imports", ok).status_code != 422


def test_a_date_given_as_a_number_is_refused(api: Any, kans: Any, editor: Any) -> None:
    from wijkaanpak.opportunities.models import ProgressUpdate

    response = api(editor).post(
        f"/opportunities/{kans.pk}/progress-updates/", {"date": 0, "text": "Voortgang"}
    )
    assert response.status_code == 422, response.content
    assert "date" in {e["field"] for e in response.json()["errors"]}
    assert not ProgressUpdate.objects.exists()
    ok = api(editor).post(
        f"/opportunities/{kans.pk}/progress-updates/", {"date": "2020-03-01", "text": "Voortgang"}
    )
    assert ok.status_code == 201, ok.content


def test_an_oversized_token_id_or_a_numeric_deadline_date_is_a_422(
    api: Any, programme: Any, coordinator: Any
) -> None:
    client = api(coordinator)
    response = client.client.delete(
        "/api/v1/auth/tokens/99999999999999999999/", headers=client.headers
    )
    assert response.status_code == 422, response.content
    assert "token_id" in {e["field"] for e in response.json()["errors"]}
    response = client.post(
        "/outreach/programmes/samen-voor-overvecht/reporting-deadlines/",
        {"title": "Q1", "due_on": 0},
    )
    assert response.status_code == 422, response.content
    assert "due_on" in {e["field"] for e in response.json()["errors"]}
