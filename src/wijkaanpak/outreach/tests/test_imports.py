"""Address list import, XLSForm export (validated by pyxform + ODK Validate) and ODK CSV import."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.outreach.imports import address_list_import, odk_submissions_import
from wijkaanpak.outreach.models import Address, Conversation, VisitAttempt
from wijkaanpak.outreach.xlsform import xlsform_build


def _csv(rows, sep=","):
    out = io.StringIO()
    csv.writer(out, delimiter=sep).writerows(rows)
    return out.getvalue().encode()


HEADER = ["street", "house_number", "addition", "postcode"]


def test_a_good_address_list_is_imported_via_the_api(world, api):
    content = _csv(
        [HEADER, ["Nigerdreef", "10", "", "3561 ab"], ["Zambesidreef", "3", "a", "3562CD"]], sep=";"
    )
    upload = SimpleUploadedFile("adressen.csv", content, content_type="text/csv")
    response = api(world.users["worker"]).post_multipart(
        f"/outreach/campaigns/{world.campaign.pk}/addresses/import/", {"file": upload}
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"created": 2}
    assert Address.objects.filter(
        campaign=world.campaign, postcode="3561AB", house_number=10
    ).exists()
    assert Address.objects.filter(campaign=world.campaign, addition="A").exists()


def test_xlsx_address_lists_are_read_too(world):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(["Nigerdreef", 12, None, "3561AB"])
    out = io.BytesIO()
    wb.save(out)
    assert (
        address_list_import(
            campaign=world.campaign, filename="a.xlsx", content=out.getvalue(), by=SYSTEM
        )
        == 1
    )


def test_a_bad_address_list_names_every_error_and_writes_nothing(world, api):
    rows = [
        HEADER,
        ["Nigerdreef", "20", "", ""],  # missing postcode
        ["Nigerdreef", "21", "", "356AB"],  # malformed
        ["Nigerdreef", "22", "", "3561AB"],
        ["Nigerdreef", "22", "", "3561 AB"],  # duplicate of the row before
        ["Kalverstraat", "99", "", "3561AB"],  # unknown street in Overvecht
        ["Nigerdreef", "1", "", "3561AB"],  # already on the list
        ["Nigerdreef", "x", "", "3561AB"],  # not a number
    ]
    upload = SimpleUploadedFile("lijst.csv", _csv(rows))
    before = Address.objects.count()
    response = api(world.users["worker"]).post_multipart(
        f"/outreach/campaigns/{world.campaign.pk}/addresses/import/", {"file": upload}
    )
    assert response.status_code == 400
    errors = {(e["row"], e["column"]) for e in response.json()["errors"]}
    assert errors == {
        (2, "postcode"),
        (3, "postcode"),
        (5, "house_number"),
        (6, "street"),
        (7, "house_number"),
        (8, "house_number"),
    }
    assert all(e["file"] == "lijst.csv" for e in response.json()["errors"])
    assert Address.objects.count() == before


def test_a_list_without_the_columns_is_refused(world):
    with pytest.raises(InvalidInput) as exc:
        address_list_import(
            campaign=world.campaign, filename="x.csv", content=_csv([["straat"], ["a"]]), by=SYSTEM
        )
    assert {e["column"] for e in exc.value.errors} == {"street", "house_number", "postcode"}


@pytest.mark.skipif(shutil.which("java") is None, reason="ODK Validate needs Java")
def test_the_xlsform_passes_pyxform_with_odk_validate(world, tmp_path: Path):
    from pyxform.xls2xform import xls2xform_convert

    source = tmp_path / "form.xlsx"
    source.write_bytes(xlsform_build(campaign=world.campaign))
    warnings = xls2xform_convert(str(source), str(tmp_path / "form.xml"), validate=True)
    xml = (tmp_path / "form.xml").read_text()
    assert f'version="{world.campaign.form_version}"' in xml
    assert "q_tevreden" in xml and "q_veilig" in xml
    assert not [w for w in warnings if "error" in w.lower()]


def _odk_export(world, version, rows):
    """The shape of an ODK Central CSV export: group-field columns, meta-instanceID, KEY."""
    header = [
        "SubmissionDate",
        "form_version",
        "postcode",
        "house_number",
        "addition",
        "visit_date",
        "outcome",
        "conversation-themes",
        "conversation-q_tevreden",
        "conversation-q_veilig",
        "conversation-q_opmerking",
        "conversation-note",
        "meta-instanceID",
        "KEY",
    ]
    body = [
        ["2026-03-02T10:00:00Z", version, *r, f"uuid:{i}", f"uuid:{i}"] for i, r in enumerate(rows)
    ]
    return _csv([header, *body])


def test_odk_central_submissions_are_imported_as_visits_and_conversations(world):
    content = _odk_export(
        world,
        world.campaign.form_version,
        [
            [
                "3561 AB",
                "5",
                "",
                "2026-03-02",
                "interviewed",
                "wonen welzijn",
                "4",
                "yes",
                "fijne buurt",
                "",
            ],
            ["3561AB", "6", "", "2026-03-02", "not_at_home", "", "", "", "", ""],
            ["3561AB", "1", "", "2026-03-03", "interviewed", "wonen", "2", "no", "", ""],
        ],
    )
    visits, conversations = odk_submissions_import(
        campaign=world.campaign, filename="odk.csv", content=content, by=world.users["worker"]
    )
    assert (visits, conversations) == (3, 2)
    new = Conversation.objects.get(household__address=world.addresses[4])
    assert {a.question.code: a.value for a in new.answers.all()} == {
        "tevreden": "4",
        "veilig": "yes",
        "opmerking": "fijne buurt",
    }
    assert sorted(t.code for t in new.themes.all()) == ["welzijn", "wonen"]
    assert VisitAttempt.objects.filter(source_key="uuid:1", outcome="not_at_home").exists()


def test_kobo_exports_with_slash_columns_are_read(world):
    header = [
        "form_version",
        "postcode",
        "house_number",
        "addition",
        "visit_date",
        "outcome",
        "conversation/q_veilig",
        "_uuid",
    ]
    content = _csv(
        [
            header,
            [
                world.campaign.form_version,
                "3561AB",
                "2",
                "",
                "2026-03-02",
                "interviewed",
                "yes",
                "k1",
            ],
        ]
    )
    assert odk_submissions_import(
        campaign=world.campaign, filename="kobo.csv", content=content, by=SYSTEM
    ) == (1, 1)


def test_an_export_of_another_form_version_is_refused_whole(world, api):
    content = _odk_export(
        world, "999.1", [["3561AB", "5", "", "2026-03-02", "reached", "", "", "", "", ""]]
    )
    upload = SimpleUploadedFile("odk.csv", content)
    response = api(world.users["worker"]).post_multipart(
        f"/outreach/campaigns/{world.campaign.pk}/submissions/import/", {"file": upload}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["column"] == "form_version"
    assert not VisitAttempt.objects.exists()


def test_bad_submission_rows_are_named_and_nothing_is_written(world):
    content = _odk_export(
        world,
        world.campaign.form_version,
        [
            ["3561AB", "5", "", "2026-03-02", "interviewed", "", "4", "yes", "", ""],
            ["9999ZZ", "5", "", "gisteren", "vertrokken", "", "8", "", "", ""],
        ],
    )
    with pytest.raises(InvalidInput) as exc:
        odk_submissions_import(
            campaign=world.campaign, filename="odk.csv", content=content, by=SYSTEM
        )
    assert {(e["row"], e["column"]) for e in exc.value.errors} == {
        (3, "postcode"),
        (3, "visit_date"),
        (3, "outcome"),
        (3, "conversation-q_tevreden"),
    }
    assert not VisitAttempt.objects.exists()


@pytest.mark.skipif(shutil.which("java") is None, reason="ODK Validate needs Java")
def test_xlsform_round_trip(world, tmp_path: Path):
    """Export the form, check it converts, then import a submission whose columns are the form's fields."""
    from pyxform.xls2xform import convert

    result = convert(xlsform=io.BytesIO(xlsform_build(campaign=world.campaign)), validate=False)
    fields = [
        n
        for n in ("form_version", "postcode", "house_number", "outcome", "q_veilig")
        if n in result.xform
    ]
    assert len(fields) == 5
    content = _csv(
        [
            [
                "form_version",
                "postcode",
                "house_number",
                "addition",
                "visit_date",
                "outcome",
                "conversation-q_veilig",
            ],
            [world.campaign.form_version, "3561AB", "3", "", "2026-04-01", "interviewed", "no"],
        ]
    )
    assert odk_submissions_import(
        campaign=world.campaign, filename="rt.csv", content=content, by=SYSTEM
    ) == (1, 1)
