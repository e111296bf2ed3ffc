"""The finance page (public) and the import page (coordinators)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.finance.models import Budget

TABLE = "2020: Onderwerp;Bedrag (x 1.000 euro)\nDOCK;220\nNog in te vullen;386\nTotaal;220\n"


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def demo(demo_db: None, settings: Any) -> None:
    settings.DEBUG = True


def test_the_demo_finance_page_shows_2020_with_charts_and_tables(demo: None) -> None:
    response = _client().get("/finance/samen-voor-overvecht/2020/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "€ 3.000.000" in html and "€ 2.614.000" in html and "€ 386.000" in html
    assert html.count("<svg") == 4 and "<title>" in html
    assert "Regio Deal vitale wijken" in html and "Batau (Nieuwegein)" in html
    assert "Focus op Overvecht" in html and "DOCK" in html


def test_the_finance_menu_goes_to_the_latest_year(demo: None) -> None:
    # The demo has several programmes: the menu lists them, each leading to its latest year.
    listing = _client().get("/finance/", follow=True)
    assert listing.status_code == 200
    assert b'href="/finance/samen-voor-overvecht/"' in listing.content
    response = _client().get("/finance/samen-voor-overvecht/")
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
    assert response.status_code == 400
    assert 'id="import-problem"' in response.content.decode()
    assert not Budget.objects.exists()


def test_a_coordinator_records_spending_on_the_finance_page(
    programme: Any, coordinator: Any, viewer: Any
) -> None:
    from wijkaanpak.finance.services import budget_line_create, budget_set

    budget = budget_set(programme=programme, year=2020, amount=1_000, by=SYSTEM)
    line = budget_line_create(budget=budget, subject="DOCK", amount=1_000, by=SYSTEM)
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


LINES = "/finance/samen-voor-overvecht/2020/lines/"


@pytest.fixture
def budget(programme: Any) -> Any:
    from wijkaanpak.finance.services import budget_set

    return budget_set(programme=programme, year=2020, amount=100_000, by=SYSTEM)


def test_the_line_pages_need_a_coordinator(budget: Any, editor: Any, viewer: Any) -> None:
    assert _client().get(LINES + "new/").status_code == 302  # to the login page
    for user in (editor, viewer):
        assert _client(user).get(LINES + "new/").status_code == 403
        assert _client(user).post(LINES + "new/", {"subject": "x", "amount": 1}).status_code == 403
    assert not budget.lines.exists()


def test_a_coordinator_adds_and_edits_a_budget_line(
    budget: Any, programme: Any, coordinator: Any, viewer: Any
) -> None:
    from wijkaanpak.opportunities.services import opportunity_create
    from wijkaanpak.organisations.services import organisation_create_or_update

    dock = organisation_create_or_update(name="DOCK", type="welfare")
    kans = opportunity_create(
        programme=programme, title="Focus op Overvecht", start_date=dt.date(2020, 1, 1), by=SYSTEM
    )
    jeugd = programme.ambitions.get(number=2)
    client = _client(coordinator)
    page = client.get("/finance/samen-voor-overvecht/2020/").content.decode()
    assert f'href="{LINES}new/"' in page
    form = client.get(LINES + "new/").content.decode()
    assert "2. Perspectief jeugd" in form and "Focus op Overvecht" in form

    response = client.post(
        LINES + "new/",
        {
            "subject": " Jongerenwerk ",
            "amount": 25_000,
            "kind": "regular",
            "status": "allocated",
            "organisation": dock.pk,
            "opportunity": kans.pk,
            "ambitions": [jeugd.pk],
            "note": "eerste jaar",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/finance/samen-voor-overvecht/2020/#lines"
    line = budget.lines.get()
    assert (line.subject, line.amount, line.organisation, line.opportunity) == (
        "Jongerenwerk", 25_000, dock, kans
    )  # fmt: skip
    assert list(line.ambitions.all()) == [jeugd] and not line.overrun

    page = client.get("/finance/samen-voor-overvecht/2020/").content.decode()
    assert f'href="{LINES}{line.pk}/"' in page
    viewer_page = _client(viewer).get("/finance/samen-voor-overvecht/2020/").content.decode()
    assert f"{LINES}{line.pk}/" not in viewer_page and f"{LINES}new/" not in viewer_page

    edit = client.get(f"{LINES}{line.pk}/").content.decode()
    assert 'value="Jongerenwerk"' in edit and 'value="25000"' in edit
    response = client.post(
        f"{LINES}{line.pk}/",
        {"subject": "Jongerenwerk", "amount": 30_000, "kind": "process", "status": "not_spent",
         "overrun": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.amount, line.kind, line.status, line.overrun) == (
        30_000, "process", "not_spent", True
    )  # fmt: skip
    assert line.organisation is None and line.opportunity is None
    assert not line.ambitions.exists()


def test_a_bad_line_is_refused_at_its_field_and_nothing_is_saved(
    budget: Any, programme: Any, coordinator: Any
) -> None:
    from wijkaanpak.finance.services import budget_line_create
    from wijkaanpak.programmes.services import ambition_create_or_update, programme_create_or_update

    budget_line_create(budget=budget, subject="DOCK", amount=1_000, by=SYSTEM)
    other = programme_create_or_update(
        slug="elders", name="Elders", municipality=programme.municipality, area=programme.area,
        start_year=2019,
    )  # fmt: skip
    foreign = ambition_create_or_update(programme=other, number=1, short_name="X", name="X")
    client = _client(coordinator)
    valid = {"subject": "Buurtteam", "amount": 1, "kind": "regular", "status": "allocated"}
    cases = [
        ({"subject": "DOCK"}, "subject", "This year already has that line."),
        ({"amount": "veel"}, "amount", "Enter a whole number."),
        ({"amount": -5}, "amount", "Ensure this value is greater than or equal to 0."),
        ({"status": "gone"}, "status", "Select a valid choice."),
        ({"ambitions": [foreign.pk]}, "ambitions", "Select a valid choice."),
    ]
    for change, field, message in cases:
        with translation.override("en"):
            response = client.post(LINES + "new/", {**valid, **change}, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400, change
        errors = response.context["form"].errors
        assert field in errors and any(message in e for e in errors[field]), (change, errors)
        assert 'role="alert"' in response.content.decode()
    assert list(budget.lines.values_list("subject", flat=True)) == ["DOCK"]
    assert client.get(LINES + "999/").status_code == 404
    assert client.get("/finance/samen-voor-overvecht/2031/lines/new/").status_code == 404


def test_a_budget_line_keeps_its_history_and_refuses_a_stale_edit(
    budget: Any, coordinator: Any
) -> None:
    """Who changed what on a budget line shows on its page; an edit based on an old version
    answers 409 with the change made meanwhile at the field, and nothing is written."""
    from wijkaanpak.finance.services import budget_line_create, budget_line_update

    line = budget_line_create(budget=budget, subject="DOCK", amount=1_000, by=SYSTEM)
    version = line.version
    budget_line_update(line=line, note="Eerste notitie", by=coordinator)
    url = f"{LINES}{line.pk}/"
    data = {
        "subject": "DOCK",
        "amount": 1_000,
        "kind": line.kind,
        "status": line.status,
        "note": "Mijn notitie",
        "version": version,
    }
    stale = _client(coordinator).post(url, data)
    assert stale.status_code == 409
    html = stale.content.decode()
    assert "Eerste notitie" in html
    assert f'name="version" value="{version + 1}"' in html
    line.refresh_from_db()
    assert line.note == "Eerste notitie"
    page = _client(coordinator).get(url).content.decode()
    assert 'id="wijzigingen"' in page and "coordinator" in page
    again = _client(coordinator).post(url, {**data, "version": version + 1})
    assert again.status_code == 302
    line.refresh_from_db()
    assert (line.note, line.version) == ("Mijn notitie", version + 2)
