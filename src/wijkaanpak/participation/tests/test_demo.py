"""The demo reproduces the seeds' meetings and communication figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from wijkaanpak.participation import demo, selectors
from wijkaanpak.participation.models import Activity, CommunicationOutput, Story
from wijkaanpak.programmes.models import Programme


def _local_date(activity: Activity) -> dt.date:
    return timezone.localtime(activity.starts_at).date()


@pytest.mark.django_db
def test_the_seed_meetings_and_communication(demo_db: Any) -> None:
    programme = Programme.objects.get(slug="samen-voor-overvecht")
    meetings = {a.title: a for a in Activity.objects.filter(programme=programme)}
    market = meetings["Beroepenmarkt Bouw & Techniek"]
    assert _local_date(market) == dt.date(2020, 3, 4) and market.actual_attendance == 175
    assert "Meer dan 175" in market.outcomes and "seed 001" in market.source
    day = meetings["Startende ondernemersdag"]
    assert _local_date(day) == dt.date(2019, 11, 9) and day.actual_attendance == 30
    assert {"UWV", "Rabobank", "DOK030"} <= {o.name for o in day.organisers.all()}
    ambassadors = meetings["Tweede bijeenkomst wijkambassadeurs"]
    assert _local_date(ambassadors).strftime("%Y-%m") == "2020-03"
    assert ambassadors.actual_attendance == 20
    kenniskring = [a for a in meetings.values() if a.kind == "kenniskring"]
    assert [(_local_date(a).month - 1) // 3 + 1 for a in kenniskring] == [2]
    cafes = Activity.objects.filter(
        programme__slug="de-versnelling-in-overvecht", kind="versnellingscafe"
    )
    assert cafes.count() == 4

    rows = {r["channel"]: r for r in selectors.planned_vs_made(programme=programme, year=2020)}
    assert (rows["Films"]["planned"], rows["Films"]["made"]) == (8, 3)
    articles = CommunicationOutput.objects.filter(
        programme=programme, channel__name="Dreefnieuws", kind="article", status="made"
    )
    assert articles.count() == 5
    assert Story.objects.filter(programme=programme, published=True).count() >= 3
    section = selectors.report_section(programme=programme, year=2020)
    assert "Beroepenmarkt Bouw & Techniek" in [m["title"] for m in section["meetings"]]
    assert "Tweede bijeenkomst wijkambassadeurs" not in [m["title"] for m in section["meetings"]]


@pytest.mark.django_db
def test_loading_twice_changes_nothing(demo_db: Any) -> None:
    counts = (Activity.objects.count(), CommunicationOutput.objects.count(), Story.objects.count())
    demo.load()
    assert counts == (
        Activity.objects.count(),
        CommunicationOutput.objects.count(),
        Story.objects.count(),
    )
