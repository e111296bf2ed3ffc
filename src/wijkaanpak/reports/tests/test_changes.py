"""A published version keeps the data it was made from (JSON with its SHA-256); a new draft
after publication shows the figures and texts that differ, side by side."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.finance.models import BudgetLine
from wijkaanpak.programmes.models import Programme
from wijkaanpak.reports import services
from wijkaanpak.reports.models import PublishedVersion

SLUG = "samen-voor-overvecht"
BASE = f"/programmas/{SLUG}/rapportage/2020/"

pytestmark = pytest.mark.django_db


def test_published_data_json_and_the_changes_since(demo_db: Any) -> None:
    programme = Programme.objects.get(slug=SLUG)
    services.narrative_save(
        programme=programme, year=2020, section="foreword", text="Oud", version=0, by=SYSTEM
    )
    for to in ("review", "approved", "published"):
        services.report_transition(programme=programme, year=2020, to=to, by=SYSTEM)
    version = PublishedVersion.objects.get(report__programme=programme, report__year=2020)
    data = bytes(version.json)
    assert hashlib.sha256(data).hexdigest() == version.json_sha256
    frozen = json.loads(data)
    assert frozen["year"] == 2020 and frozen["published"] == 1
    assert frozen["data"]["glance.allocated"]["value"] == "2614000"
    assert frozen["data"]["text.foreword"]["value"] == "Oud"

    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    r = client.get(f"{BASE}versies/1.json")  # public, byte for byte
    assert r.status_code == 200 and r.content == data
    assert r["X-Content-SHA256"] == version.json_sha256

    # A new draft; a figure and a text change.
    services.report_transition(programme=programme, year=2020, to="draft", by=SYSTEM)
    services.narrative_save(
        programme=programme, year=2020, section="foreword", text="Nieuw", version=1, by=SYSTEM
    )
    line = (
        BudgetLine.objects.filter(budget__programme=programme, budget__year=2020)
        .exclude(status="unallocated")
        .order_by("pk")
        .first()
    )
    assert line is not None
    BudgetLine.objects.filter(pk=line.pk).update(amount=line.amount + 1000)
    client.force_login(get_user_model().objects.get(username="coordinator"))
    html = client.get(BASE).content.decode()
    assert "Wat is veranderd sinds gepubliceerde versie 1" in html
    table = html.split("data-changes", 1)[1].split("</table>", 1)[0]
    assert "Oud" in table and "Nieuw" in table
    assert "2614000" in table and "2615000" in table
    # The frozen data did not change.
    assert bytes(PublishedVersion.objects.get(pk=version.pk).json) == data
