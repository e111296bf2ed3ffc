"""The annual report from the Overvecht demo: sections, key figures, checks, access, same bytes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from wijkaanpak.programmes.models import Programme
from wijkaanpak.reports.builder import report_build

SLUG = "samen-voor-overvecht"
URL = f"/programmas/{SLUG}/rapportage/%s/"

pytestmark = pytest.mark.django_db


def _client(username: str | None = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    if username is not None:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def _page(year: int, username: str = "coordinator") -> str:
    response = _client(username).get(URL % year)
    assert response.status_code == 200
    return response.content.decode()


def test_2020_report_has_sections_and_key_figures(demo_db: Any) -> None:
    html = _page(2020)
    for heading in (
        "Voorwoord",
        "Het programma in één oogopslag",
        "1. Monitoring van de ambities",
        "2. De kansen",
        "De jaarlijkse herijking",
        "3. Langjarig werken",
        "5. Financiën",
        "Controles",
    ):
        assert heading in html, heading
    for figure in ("€ 3.000.000", "€ 2.614.000", "€ 386.000", "Project O", "18,2"):
        assert figure in html, figure


def test_2020_checks_name_the_printed_total_and_the_lines(demo_db: Any) -> None:
    programme = Programme.objects.get(slug=SLUG)
    report = report_build(programme=programme, year=2020)
    finding = next(c for c in report.checks if c.rule == "printed_total")
    assert "€ 2.614.000" in finding.message and "€ 3.000.000" in finding.message
    html = _page(2020)
    assert 'data-rule="printed_total"' in html


def test_outreach_only_as_suppressed_aggregates(demo_db: Any) -> None:
    programme = Programme.objects.get(slug=SLUG)
    years = [y for y in range(2019, 2027) if report_build(programme=programme, year=y).outreach]
    assert years, "the demo campaign falls in some report year"
    html = _page(years[0])
    assert ">724<" in html
    assert "@" not in html.split("4. ")[1].split("5. ")[0]  # no e-mail addresses, no people


def test_a_year_without_data_says_so(demo_db: Any) -> None:
    programme = Programme.objects.get(slug=SLUG)
    from wijkaanpak.reports.builder import report_years

    empty = report_years(programme=programme)[-1]
    html = _page(empty)
    assert f"Geen gegevens voor {empty}" in html


def test_unknown_programme_or_year_is_404(demo_db: Any) -> None:
    client = _client("coordinator")
    assert client.get(URL % 1990).status_code == 404
    assert client.get("/programmas/bestaat-niet/rapportage/2020/").status_code == 404


def test_the_draft_is_for_the_programme_team(demo_db: Any) -> None:
    assert _client("viewer").get(URL % 2020).status_code == 200
    anonymous = _client().get(URL % 2020)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    outsider = get_user_model().objects.create_user("buitenstaander", password="x" * 20)
    client = Client()
    client.force_login(outsider)
    assert client.get(URL % 2020).status_code == 403


def test_narratives_are_escaped(demo_db: Any) -> None:
    from wijkaanpak.opportunities.models import Opportunity

    o = Opportunity.objects.get(programme__slug=SLUG, title="Project O")
    Opportunity.objects.filter(pk=o.pk).update(description="<script>alert(1)</script>")
    html = _page(2020)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_command_writes_the_same_bytes_twice(demo_db: Any, tmp_path: Path) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    for out in (first, second):
        call_command(
            "report",
            SLUG,
            "--year",
            "2020",
            "--format",
            "html",
            "--output",
            str(out),
            "--as-of",
            "2021-03-01",
        )
    data = first.read_bytes()
    assert data == second.read_bytes()
    text = data.decode()
    assert "<script" not in text and "<style>" in text and "€ 2.614.000" in text
    assert "Voortgangsrapportage 2020" in text


def test_command_unknown_programme(demo_db: Any, tmp_path: Path) -> None:
    with pytest.raises(CommandError):
        call_command("report", "nope", "--year", "2020", "--output", str(tmp_path / "x.html"))


def test_as_of_limits_the_data(demo_db: Any) -> None:
    programme = Programme.objects.get(slug=SLUG)
    early = report_build(programme=programme, year=2020, as_of=dt.date(2020, 1, 31))
    full = report_build(programme=programme, year=2020)
    assert sum(len(k.progress) for k in early.kansen) <= sum(len(k.progress) for k in full.kansen)


def test_query_count_does_not_grow_with_kansen_and_indicators(demo_db: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wijkaanpak.reports.tests.scale import grow

    programme = Programme.objects.get(slug=SLUG)
    with CaptureQueriesContext(connection) as small:
        before = report_build(programme=programme, year=2020)
    grow(programme, 2)
    programme = Programme.objects.get(slug=SLUG)
    with CaptureQueriesContext(connection) as large:
        after = report_build(programme=programme, year=2020)
    assert len(after.kansen) == 2 * len(before.kansen)
    figures = sum(len(a.figures) for a in before.monitoring)
    assert sum(len(a.figures) for a in after.monitoring) == 2 * figures
    assert len(large) == len(small), (len(small), len(large))
