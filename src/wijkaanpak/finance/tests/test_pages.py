"""The finance page (public) and the import page (coordinators)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from wijkaanpak.finance.models import Budget

TABLE = "2020: Onderwerp;Bedrag (x 1.000 euro)\nDOCK;220\nNog in te vullen;386\nTotaal;220\n"


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def demo(db: Any, settings: Any) -> None:
    from wijkaanpak.core.demo import demo_load

    settings.DEBUG = True
    demo_load()


def test_the_demo_finance_page_shows_2020_with_charts_and_tables(demo: None) -> None:
    response = _client().get("/finance/samen-voor-overvecht/2020/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "€ 3.000.000" in html and "€ 2.614.000" in html and "€ 386.000" in html
    assert html.count("<svg") == 4 and "<title>" in html
    assert "Regio Deal vitale wijken" in html and "Batau (Nieuwegein)" in html
    assert "Focus op Overvecht" in html and "DOCK" in html


def test_the_finance_menu_goes_to_the_latest_year(demo: None) -> None:
    response = _client().get("/finance/", follow=True)
    assert response.status_code == 200
    assert b"2020" in response.content
    assert b'href="/finance/"' in response.content


def test_an_unknown_year_is_404(demo: None) -> None:
    assert _client().get("/finance/samen-voor-overvecht/2030/").status_code == 404


def test_the_import_page_needs_a_coordinator(programme: Any, editor: Any) -> None:
    assert _client().get("/finance/samen-voor-overvecht/import/").status_code == 302
    assert _client(editor).get("/finance/samen-voor-overvecht/import/").status_code == 403


def test_the_import_page_asks_what_the_total_means_and_keeps_the_file(
    programme: Any, coordinator: Any
) -> None:
    client = _client(coordinator)
    upload = SimpleUploadedFile("t.csv", TABLE.encode(), content_type="text/csv")
    response = client.post("/finance/samen-voor-overvecht/import/", {"year": 2020, "file": upload})
    assert response.status_code == 200
    assert "€ 606.000" in response.content.decode()
    assert not Budget.objects.exists()
    response = client.post(
        "/finance/samen-voor-overvecht/import/", {"year": 2020, "total_means": "allocated"}
    )
    assert response.status_code == 302 and response["Location"].endswith("/2020/")
    assert Budget.objects.get().amount == 606_000


def test_import_errors_name_the_row(programme: Any, coordinator: Any) -> None:
    upload = SimpleUploadedFile("t.csv", b"Onderwerp;Bedrag\nDOCK;-1\nTotaal;0\n")
    response = _client(coordinator).post(
        "/finance/samen-voor-overvecht/import/", {"year": 2020, "file": upload}
    )
    assert response.status_code == 200
    assert 'id="import-problem"' in response.content.decode()
    assert not Budget.objects.exists()


def test_a_coordinator_records_spending_on_the_finance_page(
    programme: Any, coordinator: Any, viewer: Any
) -> None:
    from wijkaanpak.finance.services import budget_line_create, budget_set

    budget = budget_set(programme=programme, year=2020, amount=1_000)
    line = budget_line_create(budget=budget, subject="DOCK", amount=1_000)
    url = "/finance/samen-voor-overvecht/2020/realisations/"
    data = {"line": line.pk, "date": "2020-06-01", "amount": 400, "note": "eerste termijn"}
    assert _client(viewer).post(url, data).status_code == 403
    page = _client(coordinator).get("/finance/samen-voor-overvecht/2020/").content.decode()
    assert 'id="record"' in page
    assert (
        'id="record"'
        not in _client(viewer).get("/finance/samen-voor-overvecht/2020/").content.decode()
    )
    response = _client(coordinator).post(url, data, follow=True)
    assert response.status_code == 200
    assert line.realisations.get().amount == 400
    response = _client(coordinator).post(url, {**data, "amount": 700}, follow=True)
    assert "overrun" in response.content.decode() or "overschrijding" in response.content.decode()
    assert line.realisations.count() == 1
