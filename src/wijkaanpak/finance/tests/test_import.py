"""Importing a budget table as the progress report prints it."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.finance.importing import parse_amount
from wijkaanpak.finance.models import Budget, BudgetLine
from wijkaanpak.finance.selectors import budget_summary
from wijkaanpak.finance.services import budget_import, budget_set, realisation_record

# Seed 001, section 5, the 2020 table exactly as printed (x 1.000 euro).
SEED_2020 = """2020: Onderwerp;Bedrag (x 1.000 euro)
DOCK;220
Buurtteam Jeugd en Gezin;253
Buurtteam Sociaal;272
Al Amal;151
Jongerenwerk Utrecht;214
Inzet wijkboa’s;195
Jeugdgezondheidszorg;154
Aanpak ondermijning;86
Fysieke aanpakken;21
Spreekuren in de wijk Werk&Inkomen;90
Sport Utrecht;43
Taalalliantie (via Taal Doet Meer);78
Pozitive;30
Spelenderwijs;20
DOK030;58
Brede school Overvecht;36
Ontwikkeling Overvecht Centrum;46
Buurtaanpak THEMA dreven;46
Power by Peers;35
Bewonersverbinder;28
Inzet buurtambassadeurs (kwazega);6
Veelzijdig wonen;52
Bewonersinitiatieven;100
Ondernemershuis;10
Focus op Overvecht;70
Proceskosten (programmamanagement, communicatie, monitoring, bijeenkomsten);300
Nog in te vullen;386
Totaal;2.614
"""


def _import(programme: Any, text: str, year: int = 2020, **kwargs: Any) -> Any:
    kwargs.setdefault("by", SYSTEM)
    return budget_import(
        programme=programme, year=year, content=text.encode(), filename="tabel.csv", **kwargs
    )


def _errors(exc: Any) -> list[dict[str, Any]]:
    return exc.value.errors


# --- the seed's 2020 table ---------------------------------------------------------------


def test_the_2020_table_asks_what_its_total_means_and_writes_nothing(
    programme: Any, kans: Any
) -> None:
    report = _import(programme, SEED_2020)
    assert report.needs_decision and not report.written
    assert (report.printed_total, report.sum_of_lines) == (2_614_000, 3_000_000)
    assert report.explained_by == [{"row": 28, "subject": "Nog in te vullen", "amount": 386_000}]
    assert "€ 2.614.000" in report.message and "€ 3.000.000" in report.message
    assert "Nog in te vullen € 386.000" in report.message
    assert not Budget.objects.exists()


def test_the_2020_table_reproduces_the_demo(demo_db: None, settings: Any, tmp_path: Path) -> None:
    from wijkaanpak.programmes.models import Programme

    settings.DEBUG = True
    programme = Programme.objects.get(slug="samen-voor-overvecht")

    def lines() -> list[tuple[str, int, str, str]]:
        return list(
            BudgetLine.objects.filter(budget__year=2020)
            .order_by("order")
            .values_list("subject", "amount", "status", "kind")
        )

    demo_lines = lines()
    path = tmp_path / "begroting-2020.csv"
    path.write_text(SEED_2020, encoding="utf-8")
    # The demo's initiative fund pays from the 2020 "Bewonersinitiatieven" line: while it
    # does, the table cannot be imported again (409 on the API), and nothing changes.
    with pytest.raises(CommandError, match="Bewonersinitiatievenfonds 2020"):
        call_command(
            "import_budget",
            str(path),
            programme="samen-voor-overvecht",
            year=2020,
            total_means="allocated",
            stdout=io.StringIO(),
        )
    assert lines() == demo_lines
    from wijkaanpak.residents.models import InitiativeFund

    fund = InitiativeFund.objects.get(programme=programme, year=2020)
    fund.applications.all().delete()
    fund.delete()
    out = io.StringIO()
    call_command(
        "import_budget",
        str(path),
        programme="samen-voor-overvecht",
        year=2020,
        total_means="allocated",
        stdout=out,
    )
    assert "€ 2.614.000" in out.getvalue() and "Nog in te vullen € 386.000" in out.getvalue()
    assert lines() == demo_lines
    summary = budget_summary(programme=programme, year=2020)
    assert (summary.budget, summary.allocated, summary.unallocated) == (
        3_000_000,
        2_614_000,
        386_000,
    )
    assert summary.ok
    by_org = {row["name"] for row in summary.by_organisation}
    assert {"DOCK", "Pozitive", "Buurtteam Jeugd en Gezin", "DOK030"} <= by_org


def test_the_command_refuses_without_total_means_and_dry_run_writes_nothing(
    programme: Any, tmp_path: Path
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(SEED_2020, encoding="utf-8")
    with pytest.raises(CommandError, match="--total-means"):
        call_command(
            "import_budget", str(path), programme=programme.slug, year=2020, stdout=io.StringIO()
        )
    out = io.StringIO()
    call_command(
        "import_budget",
        str(path),
        programme=programme.slug,
        year=2020,
        total_means="allocated",
        dry_run=True,
        stdout=out,
    )
    assert "Dry run" in out.getvalue()
    assert not Budget.objects.exists()


def test_total_means_budget_refuses_lines_above_the_printed_total(programme: Any) -> None:
    with pytest.raises(InvalidInput) as exc:
        _import(programme, SEED_2020, total_means="budget")
    assert _errors(exc)[0]["row"] == 29
    assert not Budget.objects.exists()


def test_total_means_budget_when_lines_fall_short(programme: Any) -> None:
    text = "Onderwerp;Bedrag (x 1.000 euro)\nDOCK;200\nTotaal;300\n"
    report = _import(programme, text, total_means="budget")
    summary = budget_summary(programme=programme, year=2020)
    assert report.written and summary.budget == 300_000 and summary.allocated == 200_000
    assert not next(c for c in summary.checks if c.rule == "balance").ok


def test_a_table_that_adds_up_needs_no_decision(programme: Any) -> None:
    text = (
        "Onderwerp;Bedrag (x 1.000 euro)\nDOCK;255\nNiet besteed;35\nProceskosten;10\nTotaal;300\n"
    )
    report = _import(programme, text)
    assert report.written and not report.needs_decision
    summary = budget_summary(programme=programme, year=2020)
    assert (summary.budget, summary.allocated, summary.not_spent, summary.process_costs) == (
        300_000,
        300_000,
        35_000,
        10_000,
    )


def test_subjects_are_matched_to_organisations_and_kansen_and_the_rest_listed(
    programme: Any, kans: Any
) -> None:
    from wijkaanpak.organisations.services import organisation_ensure

    organisation_ensure(name="DOK030", type="foundation")
    text = (
        "Onderwerp;Bedrag (x 1.000 euro)\nDOK 030;56\nPilot Focus op Overvecht;70\n"
        "Aanpak garageboxen;10\nProceskosten;5\nTotaal;141\n"
    )
    report = _import(programme, text)
    matched = {line.subject: (line.organisation, line.opportunity) for line in report.lines}
    assert matched["DOK 030"] == ("DOK030", None)
    assert matched["Pilot Focus op Overvecht"] == (None, "Focus op Overvecht")
    assert report.unmatched == [{"row": 4, "subject": "Aanpak garageboxen"}]
    line = BudgetLine.objects.get(subject="Pilot Focus op Overvecht")
    assert [a.number for a in line.ambitions.all()] == [2]


def test_an_xlsx_table_in_euros(programme: Any) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in [
        ("Onderwerp", "Bedrag (euro)"),
        ("DOCK", 1250),
        ("Al Amal", "2.500"),
        ("Totaal", 3750),
    ]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = budget_import(
        programme=programme, year=2020, content=buffer.getvalue(), filename="t.xlsx", by=SYSTEM
    )
    assert report.unit == "euros" and report.written
    assert [line.amount for line in report.lines] == [1250, 2500]


# --- Dutch notation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "unit", "euros"),
    [
        ("1.250", "thousands", 1_250_000),
        ("2,5", "thousands", 2_500),
        ("2.614", "thousands", 2_614_000),
        ("255 ", "thousands", 255_000),
        ("€ 1.250", "euros", 1_250),
        ("1.250.000", "euros", 1_250_000),
        ("1.250,00", "euros", 1_250),
        (2.5, "thousands", 2_500),
        (386, "thousands", 386_000),
    ],
)
def test_amounts_in_dutch_notation(raw: Any, unit: str, euros: int) -> None:
    assert parse_amount(raw, unit=unit) == euros


@pytest.mark.parametrize(
    ("raw", "unit", "message"),
    [
        ("-5", "thousands", "negative"),
        ("(5)", "thousands", "negative"),
        ("n.v.t.", "thousands", "not an amount"),
        ("1.25", "thousands", "Dutch notation"),
        ("2,5", "euros", "whole euros"),
        ("", "thousands", "empty"),
    ],
)
def test_bad_amounts_are_refused(raw: str, unit: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_amount(raw, unit=unit)


# --- bad input: errors name the row, nothing is written -------------------------------------

BAD = {
    "negative": (
        "Onderwerp;Bedrag (x 1.000 euro)\nDOCK;220\nAl Amal;-5\nTotaal;215\n",
        3,
        "negative",
    ),
    "text": ("Onderwerp;Bedrag (x 1.000 euro)\nDOCK;veel\nTotaal;0\n", 2, "not an amount"),
    "duplicate": (
        "Onderwerp;Bedrag (x 1.000 euro)\nDOK 030;5\nDOCK;1\nDOK030;5\nTotaal;11\n",
        4,
        "twice",
    ),
    "after total": ("Onderwerp;Bedrag (x 1.000 euro)\nDOCK;1\nTotaal;1\nAl Amal;2\n", 4, "after"),
    "wrong year": ("2019: Onderwerp;Bedrag (x 1.000 euro)\nDOCK;1\nTotaal;1\n", 1, "2019"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_rows_are_named_and_nothing_is_written(programme: Any, case: str) -> None:
    budget = budget_set(programme=programme, year=2020, amount=10, by=SYSTEM)
    text, row, message = BAD[case]
    with pytest.raises(InvalidInput) as exc:
        _import(programme, text)
    assert any(e.get("row") == row and message in e["message"] for e in _errors(exc)), _errors(exc)
    budget.refresh_from_db()
    assert budget.amount == 10 and not budget.lines.exists()


def test_all_problems_are_reported_at_once(programme: Any) -> None:
    text = "Onderwerp;Bedrag (x 1.000 euro)\nA;-1\nB;x\nA;-1\nTotaal;0\n"
    with pytest.raises(InvalidInput) as exc:
        _import(programme, text)
    assert [e["row"] for e in _errors(exc)] == [2, 3, 4]


def test_a_missing_total_row_is_an_error(programme: Any) -> None:
    with pytest.raises(InvalidInput) as exc:
        _import(programme, "Onderwerp;Bedrag (x 1.000 euro)\nDOCK;220\n")
    assert "Totaal" in _errors(exc)[0]["message"]


def test_a_missing_header_is_an_error(programme: Any) -> None:
    with pytest.raises(InvalidInput) as exc:
        _import(programme, "DOCK;220\nTotaal;220\n")
    assert "header" in _errors(exc)[-1]["message"]


@pytest.mark.parametrize("year", [2015, 2099])
def test_an_unknown_year_is_refused(programme: Any, year: int) -> None:
    with pytest.raises(InvalidInput, match="Unknown year"):
        _import(programme, SEED_2020.replace("2020: ", ""), year=year, total_means="allocated")


def test_unknown_unit_or_meaning_is_refused(programme: Any) -> None:
    with pytest.raises(InvalidInput):
        _import(programme, SEED_2020, unit="millions")
    with pytest.raises(InvalidInput):
        _import(programme, SEED_2020, total_means="spent")


def test_a_broken_xlsx_is_a_clear_error(programme: Any) -> None:
    with pytest.raises(InvalidInput) as exc:
        budget_import(
            programme=programme, year=2020, content=b"not a zip", filename="t.xlsx", by=SYSTEM
        )
    assert "XLSX" in _errors(exc)[0]["message"]


def test_an_unexplained_difference_cannot_be_called_allocated(programme: Any) -> None:
    text = "Onderwerp;Bedrag (x 1.000 euro)\nDOCK;220\nAl Amal;150\nTotaal;100\n"
    with pytest.raises(InvalidInput, match="No line explains"):
        _import(programme, text, total_means="allocated")


def test_reimport_replaces_lines_but_not_once_money_was_spent(programme: Any) -> None:
    text = "Onderwerp;Bedrag (x 1.000 euro)\nDOCK;220\nTotaal;220\n"
    _import(programme, text)
    report = _import(programme, text.replace("220", "230"))
    assert report.replaced == 1
    line = BudgetLine.objects.get()
    assert line.amount == 230_000
    import datetime as dt

    realisation_record(line=line, date=dt.date(2020, 3, 1), amount=1000, by=SYSTEM)
    with pytest.raises(Conflict):
        _import(programme, text)
    assert BudgetLine.objects.get().amount == 230_000


def test_only_a_coordinator_imports(programme: Any, editor: Any, coordinator: Any) -> None:
    with pytest.raises(Forbidden):
        _import(programme, SEED_2020, total_means="allocated", by=editor)
    assert _import(programme, SEED_2020, total_means="allocated", by=coordinator).written
