"""The report in the API: list, draft for the team, published version for everyone, versions."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.opportunities.models import Opportunity
from wijkaanpak.programmes.models import Programme
from wijkaanpak.reports import services

SLUG = "samen-voor-overvecht"
API = f"/api/v1/programmes/{SLUG}/reports/"

pytestmark = pytest.mark.django_db


def _client(name: str | None = None) -> Client:
    client = Client()
    if name:
        client.force_login(get_user_model().objects.get(username=name))
    return client


def _publish() -> None:
    programme = Programme.objects.get(slug=SLUG)
    for to in ("review", "approved", "published"):
        services.report_transition(programme=programme, year=2020, to=to, by=SYSTEM)


def test_the_list_names_years_status_and_links(demo_db: Any) -> None:
    body = _client().get(API).json()
    row = next(i for i in body["items"] if i["year"] == 2020)
    assert row["status"] == "draft" and row["published_at"] is None and row["sha256"] is None
    assert row["links"]["pdf"] == f"{API}2020/?format=pdf"


def test_the_draft_is_for_the_team_in_every_format(demo_db: Any) -> None:
    viewer = _client("viewer")
    html = viewer.get(f"{API}2020/")
    assert html.status_code == 200 and html["Content-Type"].startswith("text/html")
    assert "€ 2.614.000" in html.content.decode()
    pdf = viewer.get(f"{API}2020/?format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = viewer.get(f"{API}2020/?format=docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert "attachment" in docx["Content-Disposition"]
    assert _client().get(f"{API}2020/").status_code == 401
    outsider = get_user_model().objects.create_user("buiten", password="x" * 20)
    client = Client()
    client.force_login(outsider)
    assert client.get(f"{API}2020/").status_code == 403
    assert viewer.get(f"{API}2020/?format=exe").status_code == 422
    assert viewer.get(f"{API}1990/").status_code == 404
    assert _client().get("/api/v1/programmes/bestaat-niet/reports/2020/").status_code == 404


def test_published_version_for_everyone_and_frozen(demo_db: Any) -> None:
    _publish()
    listed = _client().get(API).json()
    row = next(i for i in listed["items"] if i["year"] == 2020)
    assert row["status"] == "published" and row["sha256"]
    versions = _client().get(f"{API}2020/versions/").json()
    assert versions["count"] == 1
    v = versions["items"][0]
    # json: the data the version was made from (reports/snapshot.py)
    assert set(v["sha256"]) == {"html", "pdf", "docx", "json"}
    anonymous = _client().get(f"{API}2020/")
    assert anonymous.status_code == 200
    assert hashlib.sha256(anonymous.content).hexdigest() == row["sha256"]
    # Data change after publication: the published file does not change; the draft does.
    Opportunity.objects.filter(title="Project O").update(title="Project Omega")
    for fmt in ("html", "pdf", "docx", "json"):
        frozen = _client().get(f"{API}2020/versions/1/?format={fmt}")
        assert frozen.status_code == 200
        assert hashlib.sha256(frozen.content).hexdigest() == v["sha256"][fmt]
        assert frozen["X-Content-SHA256"] == v["sha256"][fmt]
    assert "Project Omega" not in _client().get(f"{API}2020/").content.decode()
    assert "Project Omega" in _client("viewer").get(f"{API}2020/").content.decode()
    assert _client().get(f"{API}2020/versions/2/").status_code == 404
