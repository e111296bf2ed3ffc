"""The kans's ambitions and themes, a measure's and an interpretation's indicators are in the
change history (simple-history `m2m_fields`): on the kans's history in the API, with who."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from wijkaanpak.indicators.models import Indicator
from wijkaanpak.indicators.selectors import interpretation_history
from wijkaanpak.indicators.services import interpretation_create, interpretation_update
from wijkaanpak.opportunities.services import measure_create, measure_update, opportunity_update
from wijkaanpak.programmes.models import Theme

pytestmark = pytest.mark.django_db


def _changes(items: list[dict[str, Any]], object_type: str, field: str) -> list[dict[str, Any]]:
    return [
        {**c, "by": e["by"]}
        for e in items
        if e["object_type"] == object_type
        for c in e["changes"]
        if c["field"] == field
    ]


def test_ambitions_themes_and_indicators_are_in_the_kans_history(
    api: Any, editor: Any, kans: Any, programme: Any
) -> None:
    wonen = programme.ambitions.get(number=1)
    armoede = Theme.objects.create(programme=programme, name="Armoede")
    kans = opportunity_update(
        opportunity=kans, version=kans.version, by=editor, ambitions=[wonen], themes=[armoede]
    )
    welfare = Indicator.objects.create(code="ww_bijstand_hh", name_nl="Huishoudens met bijstand")
    measure = measure_create(opportunity=kans, name="Gesprekken", rba_class="how_much", by=editor)
    measure_update(measure=measure, version=measure.version, by=editor, indicators=[welfare])

    items = api(editor).get(f"/opportunities/{kans.pk}/history/").json()["items"]
    # set() removes and adds: recorded as two rows, newest first.
    ambitions = [(c["old"], c["new"], c["by"]) for c in _changes(items, "kans", "ambitions")]
    assert ambitions[:2] == [(None, "1. Wonen", "editor"), ("2. Jeugd", None, "editor")]
    themes = _changes(items, "kans", "themes")
    assert themes[0]["new"] == "Armoede" and themes[0]["old"] is None
    indicators = _changes(items, "measure", "indicators")
    assert indicators[0]["new"] == "Huishoudens met bijstand" and indicators[0]["by"] == "editor"


def test_an_interpretations_indicators_and_areas_are_in_its_history(
    editor: Any, programme: Any
) -> None:
    welfare = Indicator.objects.create(code="ww_bijstand_hh", name_nl="Huishoudens met bijstand")
    made = interpretation_create(
        programme=programme,
        date=dt.date(2024, 10, 1),
        title="Kenniskring",
        participants="bewoners",
        text="tekst",
        indicators=[welfare],
        areas=[programme.area],
        by=editor,
    )
    interpretation_update(interpretation=made, version=made.version, by=editor, indicators=[])
    changes = [
        (c.field, c.old, c.new)
        for e in interpretation_history(interpretation=made)
        for c in e.changes
        if c.field in ("indicators", "areas")
    ]
    assert ("indicators", "Huishoudens met bijstand", None) in changes
    assert ("areas", None, "Overvecht") in changes
