"""Open data: the Frictionless Data Package of a programme (command, API, dashboard link)
validates with frictionless, carries the licence, units and sources, and no personal data."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

SLUG = "samen-voor-overvecht"

pytestmark = pytest.mark.django_db


def _validate(directory: Path) -> Any:
    from frictionless import validate

    return validate(str(directory / "datapackage.json"))


def test_the_command_writes_a_package_that_validates(demo_db: Any, tmp_path: Path) -> None:
    call_command("export_datapackage", SLUG, "--output", str(tmp_path))
    meta = json.loads((tmp_path / "datapackage.json").read_text())
    assert meta["licenses"][0]["name"] == "CC-BY-4.0"
    assert meta["sources"]
    names = {r["name"] for r in meta["resources"]}
    assert {"indicators", "observations", "kansen", "measures", "budget-lines"} <= names
    report = _validate(tmp_path)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    with (tmp_path / "observations.csv").open() as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["source"] for r in rows if r["value"])
    assert all(r["unit"] for r in rows)
    with (tmp_path / "kansen.csv").open() as f:
        assert "Project O" in {r["title"] for r in csv.DictReader(f)}
    with (tmp_path / "budget_lines.csv").open() as f:
        lines = [r for r in csv.DictReader(f) if r["year"] == "2020"]
    assert sum(int(r["amount"]) for r in lines) == 3_000_000


def test_an_invalid_package_fails_validation(demo_db: Any, tmp_path: Path) -> None:
    """The check itself works: a non-number in a number column is caught."""
    call_command("export_datapackage", SLUG, "--output", str(tmp_path))
    path = tmp_path / "measure_values.csv"
    lines = path.read_text().splitlines()
    assert len(lines) > 1
    first = lines[1].split(",")
    lines[1] = ",".join([*first[:-1], "veel"])
    path.write_text("\n".join(lines) + "\n")
    assert not _validate(tmp_path).valid


def test_no_personal_data_in_the_package(demo_db: Any, tmp_path: Path) -> None:
    from django.contrib.auth import get_user_model

    call_command("export_datapackage", SLUG, "--output", str(tmp_path))
    text = "".join(p.read_text() for p in sorted(tmp_path.iterdir()))
    for user in get_user_model().objects.all():
        if user.email:
            assert user.email not in text
        if user.get_full_name():
            assert user.get_full_name() not in text
    header = (tmp_path / "measure_values.csv").read_text().splitlines()[0]
    assert header == "measure,date,value"  # no notes, no who


def test_the_api_serves_the_zip_to_anyone(demo_db: Any, tmp_path: Path) -> None:
    r = Client().get(f"/api/v1/programmes/{SLUG}/datapackage.zip")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        assert "datapackage.json" in z.namelist()
        z.extractall(tmp_path)
    assert _validate(tmp_path).valid
    again = Client().get(f"/api/v1/programmes/{SLUG}/datapackage.zip")
    assert again.content == r.content  # the same data give the same bytes


def test_unknown_programme(demo_db: Any, tmp_path: Path) -> None:
    assert Client().get("/api/v1/programmes/bestaat-niet/datapackage.zip").status_code == 404
    with pytest.raises(CommandError):
        call_command("export_datapackage", "bestaat-niet", "--output", str(tmp_path))
