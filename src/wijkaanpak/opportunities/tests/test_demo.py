"""The Overvecht demo's kansen: the ten of 2019, the review of 2020 and the long-running work."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command

from wijkaanpak.opportunities.demo import REVIEW
from wijkaanpak.opportunities.models import (
    CoalitionMember,
    Measure,
    MeasureValue,
    Opportunity,
    OpportunityStatus,
    OpportunityStatusChange,
    ProgressUpdate,
)
from wijkaanpak.opportunities.selectors import opportunity_list
from wijkaanpak.programmes.models import Programme

KANSEN_2019 = {
    "Centrumgebied Overvecht",
    "Bedrijventerrein Nieuw-Overvecht",
    "Energie voor jongeren",
    "Sociaal renoveren",
    "Slim wegnemen van geldzorgen",
    "Buurtaanpakken",
    "Groen lint door de wijk",
    "Project O",
    "Sportpark Vechtzoom",
    "Ivoordreef",
}
KANSEN_2020 = KANSEN_2019 - {
    "Slim wegnemen van geldzorgen",
    "Sportpark Vechtzoom",
    "Ivoordreef",
} | {"Gezondheidscentrum Amazonedreef", "Ontwikkelingen rondom Gagelsteede"}


@pytest.fixture
def overvecht(demo_db: None, settings: Any) -> Programme:
    settings.DEBUG = True  # the demo users are only made with DEBUG on
    return Programme.objects.get(slug="samen-voor-overvecht")


def kansen_on(programme: Programme, day: dt.date) -> set[str]:
    qs = opportunity_list(programme=programme, kind="kans", active_on=day)
    return {o.title for o in qs}


def long_running_on(programme: Programme, day: dt.date) -> set[str]:
    qs = opportunity_list(programme=programme, kind="long_running", active_on=day)
    return {o.title for o in qs}


def test_ten_kansen_are_active_at_the_end_of_2019(overvecht: Programme) -> None:
    assert kansen_on(overvecht, dt.date(2019, 12, 31)) == KANSEN_2019


def test_nine_kansen_are_active_at_the_end_of_april_2020(overvecht: Programme) -> None:
    assert kansen_on(overvecht, dt.date(2020, 4, 30)) == KANSEN_2020
    assert len(KANSEN_2020) == 9


def test_the_review_changes_the_set_from_one_day_to_the_next(overvecht: Programme) -> None:
    day_before = REVIEW - dt.timedelta(days=1)
    assert kansen_on(overvecht, day_before) == KANSEN_2019
    assert kansen_on(overvecht, REVIEW) == KANSEN_2020
    assert kansen_on(overvecht, REVIEW + dt.timedelta(days=1)) == KANSEN_2020


def test_before_the_programme_started_there_were_no_kansen(overvecht: Programme) -> None:
    assert kansen_on(overvecht, dt.date(2019, 6, 30)) == set()


def test_geldzorgen_merged_into_sociaal_renoveren_with_a_reason(overvecht: Programme) -> None:
    merged = Opportunity.objects.get(programme=overvecht, title="Slim wegnemen van geldzorgen")
    assert merged.status == OpportunityStatus.MERGED
    change = merged.status_changes.get(status=OpportunityStatus.MERGED)
    assert change.merged_into is not None
    assert change.merged_into.title == "Sociaal renoveren"
    assert change.merged_into.status == OpportunityStatus.ACTIVE
    assert change.effective_date == REVIEW
    assert "Sociaal renoveren" in change.reason


def test_vechtzoom_and_ivoordreef_moved_to_long_running_work(overvecht: Programme) -> None:
    for title in ("Sportpark Vechtzoom", "Ivoordreef"):
        o = Opportunity.objects.get(programme=overvecht, title=title)
        assert o.status == OpportunityStatus.LONG_RUNNING
        assert o.kind == "long_running"
        change = o.status_changes.get(status=OpportunityStatus.LONG_RUNNING)
        assert change.effective_date == REVIEW
        assert "minder kansrijk" in change.reason
    before = long_running_on(overvecht, REVIEW - dt.timedelta(days=1))
    after = long_running_on(overvecht, dt.date(2020, 4, 30))
    assert {"Sportpark Vechtzoom", "Ivoordreef"}.isdisjoint(before)
    assert {"Sportpark Vechtzoom", "Ivoordreef"} <= after


def test_long_running_work_of_section_3_is_there(overvecht: Programme) -> None:
    running = long_running_on(overvecht, dt.date(2020, 4, 30))
    assert {
        "Citydeal Eenvoudig Maatwerk",
        "Veelzijdig wonen",
        "Pozitive",
        "Focus op Overvecht",
        "Big Brother Big Sister",
        "Werkplaats Overvecht",
        "Jongerencultuurhuis",
    } <= running
    created = OpportunityStatusChange.objects.filter(
        opportunity__programme=overvecht, from_status="", kind="long_running"
    )
    assert all(c.status == OpportunityStatus.LONG_RUNNING for c in created)
    # Focus op Overvecht started in January 2020.
    assert "Focus op Overvecht" not in long_running_on(overvecht, dt.date(2019, 12, 31))


def measures_of(programme: Programme, title: str) -> list[Measure]:
    o = Opportunity.objects.get(programme=programme, title=title)
    return list(o.measures.order_by("funnel_order", "order"))


def latest(measure: Measure) -> int:
    return int(measure.values.order_by("-date").first().value)  # type: ignore[union-attr]


def test_focus_funnel_targets_100_80_20_15(overvecht: Programme) -> None:
    steps = [m for m in measures_of(overvecht, "Focus op Overvecht") if m.funnel_order]
    assert [m.funnel_order for m in steps] == [1, 2, 3, 4]
    assert [int(m.target or 0) for m in steps] == [100, 80, 20, 15]
    assert [m.rba_class for m in steps][-1] == "better_off"
    assert not MeasureValue.objects.filter(measure__in=steps).exists()


def test_pozitive_91_guided_56_to_work_5_to_education_6_to_internship(
    overvecht: Programme,
) -> None:
    measures = measures_of(overvecht, "Pozitive")
    assert [latest(m) for m in measures] == [91, 56, 5, 6]
    assert [m.rba_class for m in measures] == ["how_much", "better_off", "better_off", "better_off"]


ACTUALS = [
    ("Big Brother Big Sister", "Actieve matches", 50),
    ("Big Brother Big Sister", "Actieve matches in Overvecht", 34),
    ("Wijkambassadeurs", "Actieve wijkambassadeurs", 25),
    ("Energie voor jongeren", "Bezoekers Beroepenmarkt Bouw & Techniek", 175),
]
TARGETS = [
    ("Bedrijventerrein Nieuw-Overvecht", "Werkzoekenden in training in de Beroepentuin", 15),
    ("Energie voor jongeren", "Leerwerkplekken Bouw=Wouw in 2020 en 2021", 30),
    ("Centrumgebied Overvecht", "Leerlingen in Bliksemstages op de NPD-strook", 50),
    ("Sociaal renoveren", "Huishoudens Nigerdreef in versneld schuldregelen", 25),
]


def test_actual_values_and_targets_from_the_report(overvecht: Programme) -> None:
    for title, name, value in ACTUALS:
        assert latest(Measure.objects.get(opportunity__title=title, name=name)) == value, name
    for title, name, target in TARGETS:
        assert Measure.objects.get(opportunity__title=title, name=name).target == target, name


def test_every_kans_has_ambitions_a_lead_and_dated_progress(overvecht: Programme) -> None:
    for o in Opportunity.objects.filter(programme=overvecht):
        assert o.ambitions.exists(), o.title
        assert o.coalition.filter(role="lead").exists(), o.title
        dates = list(o.progress_updates.values_list("date", flat=True))
        assert dates, o.title
        assert all(dt.date(2019, 7, 1) <= d <= dt.date(2020, 4, 30) for d in dates), o.title
    centrum = Opportunity.objects.get(programme=overvecht, title="Centrumgebied Overvecht")
    assert sorted(a.number for a in centrum.ambitions.all()) == [1, 2, 3, 5]
    assert centrum.progress_updates.count() >= 3


def test_loading_twice_changes_nothing(overvecht: Programme) -> None:
    models = [
        Opportunity,
        OpportunityStatusChange,
        CoalitionMember,
        ProgressUpdate,
        Measure,
        MeasureValue,
    ]
    before = {m.__name__: m.objects.count() for m in models}
    call_command("load_demo", stdout=io.StringIO())
    assert {m.__name__: m.objects.count() for m in models} == before
    assert kansen_on(overvecht, dt.date(2020, 4, 30)) == KANSEN_2020


def test_api_lists_the_nine_kansen_of_april_2020(overvecht: Programme, api: Any) -> None:
    response = api().get(
        "/programmes/samen-voor-overvecht/opportunities/", kind="kans", active_on="2020-04-30"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 9
    assert {item["title"] for item in body["items"]} == KANSEN_2020
    for item in body["items"]:
        assert item["status"] == "active"
        assert item["ambitions"]
        assert item["coalition"]
        assert "measures" in item
    energie = next(i for i in body["items"] if i["title"] == "Energie voor jongeren")
    visitors = next(m for m in energie["measures"] if m["name"].startswith("Bezoekers"))
    assert visitors["actual"] == 175
    assert any(c["organisation"]["name"] == "Eneco" for c in energie["coalition"])


def test_api_tells_the_history_of_the_review(overvecht: Programme, api: Any) -> None:
    response = api().get(
        "/programmes/samen-voor-overvecht/opportunities/", kind="kans", active_on="2019-12-31"
    )
    assert {item["title"] for item in response.json()["items"]} == KANSEN_2019
    merged = Opportunity.objects.get(programme=overvecht, title="Slim wegnemen van geldzorgen")
    survivor = Opportunity.objects.get(programme=overvecht, title="Sociaal renoveren")
    history = api().get(f"/opportunities/{merged.pk}/").json()["history"]
    assert [(h["status"], h["effective_date"], h["merged_into"]) for h in history] == [
        ("active", "2019-07-01", None),
        ("merged", "2020-01-01", survivor.pk),
    ]


def test_poverty_is_a_cross_cutting_theme_of_the_money_worries_kansen(overvecht: Programme) -> None:
    linked = set(overvecht.themes.get(name="Armoede").opportunities.values_list("title", flat=True))
    assert linked == {"Sociaal renoveren", "Slim wegnemen van geldzorgen"}
