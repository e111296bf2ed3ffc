"""The long CSV format's fast path stages exactly what the exact path stages, and hands any
unusual file to the exact path (whose refusals the other import tests check)."""

from __future__ import annotations

from typing import Any

import pytest

from wijkaanpak.indicators.importers import fastlong
from wijkaanpak.indicators.models import Observation

pytestmark = pytest.mark.django_db

HEADER = "indicator,area,period,value,source\n"

SAMPLES = {
    "plain": HEADER
    + "ww_bijstand_hh,WK034403,2017,18.2,WijkWijzer\na_inw,GM0344,2023,367947,CBS\n",
    "dutch with bom, crlf and padding": (
        "\ufeffindicator;area;period;value;source\r\n"
        "ww_bijstand_hh;  wk034403  ;2017;18,2;WijkWijzer\r\n"
        "a_inw;WK034403;2023;34.910;CBS\r\n"
        "a_inw;GM0344;2023-01-01;367 947; CBS \r\n"
    ),
    "missing markers, empty cells, blank lines, dates": (
        HEADER + "ww_bijstand_hh,WK034403,2017,.,CBS\n\n"
        "ww_bijstand_hh,GM0344,2017,x,\n"
        "a_inw,WK034403,2023-01-01,1e-05,CBS\n   \n"
        "a_inw,GM0344,2023,,CBS\n"
        "a_inw,NL00,2023.0,17811291,CBS\n"
    ),
    "tabs, no final newline": (
        "area\tindicator\tvalue\tperiod\tsource\nNL00\ta_inw\t17811291\t2023JJ00\tCBS"
    ),
}

Snapshot = tuple[dict[str, Any], list[tuple[Any, ...]]]


def snapshot(report: dict[str, Any]) -> Snapshot:
    rows = Observation.objects.order_by("indicator__code", "area__code", "period").values_list(
        "indicator__code", "area__code", "period", "reference_date", "value",
        "missing_reason", "source", "release", "status", "is_current",
    )  # fmt: skip
    return {k: v for k, v in report.items() if k != "import_id"}, list(rows)


@pytest.fixture
def calls(monkeypatch: Any) -> list[int | None]:
    """What each fast-path attempt returned (None: it gave way to the exact path), with blocks
    of a line or two."""
    seen: list[int | None] = []
    stage = fastlong.stage

    def spy(*args: Any, **kw: Any) -> int | None:
        seen.append(stage(*args, **kw))
        return seen[-1]

    monkeypatch.setattr(fastlong, "BLOCK_BYTES", 40)
    monkeypatch.setattr(fastlong, "stage", spy)
    return seen


@pytest.mark.parametrize("content", list(SAMPLES.values()), ids=list(SAMPLES))
def test_the_fast_path_stages_what_the_exact_path_stages(
    areas: Any,
    welfare: Any,
    inhabitants: Any,
    imp: Any,
    monkeypatch: Any,
    content: str,
    calls: list[int | None],
) -> None:
    fast = snapshot(imp(content, "long", source="Eigen bron"))
    assert len(calls) == 1 and calls[0] is not None, "the fast path was not taken"
    Observation.objects.all().delete()
    monkeypatch.setattr(fastlong, "eligible", lambda parser: False)
    exact = snapshot(imp(content, "long", source="Eigen bron"))
    assert len(calls) == 1
    assert fast == exact
    assert fast[1], "nothing was imported"


UNUSUAL = {
    "quoted source in a later block": HEADER
    + "ww_bijstand_hh,WK034403,2017,18.2,W\n"
    + 'a_inw,GM0344,2023,367947,"CBS, Den Haag"\n',
    "decimal comma in a comma file, quoted": HEADER + 'ww_bijstand_hh,GM0344,2017,"6,5",W\n',
    "trailing empty column": HEADER + "ww_bijstand_hh,GM0344,2017,6.5,W,\n",
    "more distinct sources than kept": HEADER
    + "ww_bijstand_hh,GM0344,2017,6.5,W1\nww_bijstand_hh,WK034403,2017,18.2,W2\n"
    + "a_inw,GM0344,2023,367947,W3\n",
}


@pytest.mark.parametrize("content", list(UNUSUAL.values()), ids=list(UNUSUAL))
def test_an_unusual_file_goes_the_exact_way_and_nothing_staged_stays(
    areas: Any,
    welfare: Any,
    inhabitants: Any,
    imp: Any,
    monkeypatch: Any,
    content: str,
    calls: list[int | None],
) -> None:
    monkeypatch.setattr(fastlong, "MAX_DISTINCT", fastlong.MAX_DISTINCT | {"source": 2})
    report = imp(content, "long")
    assert calls == [None]
    rows = content.strip().count("\n")
    assert report["rows_read"] == rows and report["values_written"] == rows
    assert Observation.objects.count() == rows  # no row twice: the staging table was emptied
