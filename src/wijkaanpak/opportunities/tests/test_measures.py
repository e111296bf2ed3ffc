"""Measures: targets, actual values, funnels."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.opportunities.models import RbaClass
from wijkaanpak.opportunities.selectors import funnel_steps, opportunity_get
from wijkaanpak.opportunities.services import measure_create, measure_value_record

DAY = dt.date(2020, 3, 1)


@pytest.fixture(autouse=True)
def english():
    """The rules are tested on their English messages; the Dutch ones are in the catalogue."""
    with translation.override("en"):
        yield


@pytest.fixture
def funnel(kans):
    names = ["benaderd", "in beeld", "toegeleid", "op de rit"]
    targets = [100, 80, 20, 15]
    return [
        measure_create(
            opportunity=kans,
            name=name,
            rba_class=RbaClass.HOW_MUCH,
            target=target,
            funnel_order=i + 1,
            by=SYSTEM,
        )
        for i, (name, target) in enumerate(zip(names, targets, strict=True))
    ]


def test_funnel_steps_come_in_order_with_targets(kans, funnel):
    steps = funnel_steps(opportunity=opportunity_get(pk=kans.pk))
    assert [s.measure.target for s in steps] == [100, 80, 20, 15]


def test_a_funnel_target_larger_than_the_step_before_is_refused(kans, funnel):
    with pytest.raises(InvalidInput, match="larger target"):
        measure_create(
            opportunity=kans,
            name="te veel",
            rba_class=RbaClass.HOW_MUCH,
            target=30,
            funnel_order=5,
            by=SYSTEM,
        )


def test_a_funnel_value_larger_than_the_step_before_is_refused(kans, funnel):
    measure_value_record(measure=funnel[0], date=DAY, value=60, by=SYSTEM)
    with pytest.raises(InvalidInput, match="larger than the step before") as exc:
        measure_value_record(measure=funnel[1], date=DAY, value=61, by=SYSTEM)
    assert exc.value.errors[0]["field"] == "value"
    measure_value_record(measure=funnel[1], date=DAY, value=60, by=SYSTEM)


def test_a_funnel_value_smaller_than_the_step_after_is_refused(kans, funnel):
    measure_value_record(measure=funnel[0], date=DAY, value=60, by=SYSTEM)
    measure_value_record(measure=funnel[1], date=DAY, value=40, by=SYSTEM)
    with pytest.raises(InvalidInput, match="smaller than the step after"):
        measure_value_record(measure=funnel[0], date=DAY, value=39, by=SYSTEM)


def test_a_negative_value_is_refused(kans, funnel):
    with pytest.raises(InvalidInput, match="negative"):
        measure_value_record(measure=funnel[0], date=DAY, value=-1, by=SYSTEM)


def test_the_latest_value_is_the_actual(kans, funnel):
    measure_value_record(measure=funnel[0], date=DAY, value=50, by=SYSTEM)
    measure_value_record(measure=funnel[0], date=DAY + dt.timedelta(days=30), value=70, by=SYSTEM)
    steps = funnel_steps(opportunity=opportunity_get(pk=kans.pk))
    assert steps[0].actual == Decimal(70)
    assert steps[0].share_of_target == pytest.approx(0.7)


def test_a_funnel_without_measured_values_draws_its_targets_not_dashes(kans, funnel, client):
    """Issue 15: Focus op Overvecht drew four dashed outlines labelled "– / 100"."""
    html = client.get(f"/kansen/{kans.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    svg = html.split('<svg class="app-funnel"')[1].split("</svg>")[0]
    assert "– / " not in svg
    assert svg.count('data-unmeasured="1"') == 4
    assert "benaderd: target 100, not yet measured" in svg
    measure_value_record(measure=funnel[0], date=DAY, value=Decimal(64), by=SYSTEM)
    html = client.get(f"/kansen/{kans.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    svg = html.split('<svg class="app-funnel"')[1].split("</svg>")[0]
    assert "benaderd: 64 / 100" in svg and svg.count('data-unmeasured="1"') == 3
