"""Observations refer to areas, indicators and import runs without database constraints
(docs/adr/0007): deleting any of them must still cascade or set null through Django."""

from __future__ import annotations

from typing import Any

import pytest

from wijkaanpak.areas.models import Area
from wijkaanpak.indicators.models import ImportRun, Indicator, Observation

pytestmark = pytest.mark.django_db

CONTENT = (
    "indicator,area,period,value,source\n"
    "ww_bijstand_hh,WK034403,2017,18.2,W\nww_bijstand_hh,WK034401,2017,12.5,W\n"
    "a_inw,WK034403,2023,34910,CBS\na_inw,GM0344,2023,367947,CBS\n"
)


def test_deleting_an_area_deletes_its_observations_only(
    areas: Any, welfare: Any, inhabitants: Any, imp: Any
) -> None:
    imp(CONTENT, "long")
    Area.objects.filter(code="WK034401").delete()
    assert sorted(Observation.objects.values_list("area__code", flat=True)) == [
        "GM0344", "WK034403", "WK034403"
    ]  # fmt: skip
    assert not Observation.objects.filter(area_id__in=[areas["west"].pk]).exists()


def test_deleting_an_indicator_deletes_its_observations_only(
    areas: Any, welfare: Any, inhabitants: Any, imp: Any
) -> None:
    imp(CONTENT, "long")
    pk = welfare.pk
    Indicator.objects.filter(code="ww_bijstand_hh").delete()
    assert not Observation.objects.filter(indicator_id=pk).exists()
    assert Observation.objects.filter(indicator=inhabitants).count() == 2


def test_deleting_an_import_run_keeps_its_observations(
    areas: Any, welfare: Any, inhabitants: Any, imp: Any
) -> None:
    report = imp(CONTENT, "long")
    ImportRun.objects.filter(pk=report["import_id"]).delete()
    assert Observation.objects.count() == 4
    assert not Observation.objects.filter(import_run__isnull=False).exists()
