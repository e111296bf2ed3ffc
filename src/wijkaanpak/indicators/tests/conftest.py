"""Fixtures of the indicator tests: areas of Utrecht, indicators, and an `imp` helper."""

from __future__ import annotations

import io
from typing import Any

import pytest


@pytest.fixture
def areas(utrecht: Any) -> dict[str, Any]:
    from wijkaanpak.areas.models import Area, AreaLevel
    from wijkaanpak.areas.services import area_create_or_update

    nl = area_create_or_update(code="NL00", name="Nederland", level=AreaLevel.COUNTRY)
    utrecht.parent = nl
    utrecht.save()
    overvecht = Area.objects.get(code="WK034403")
    west = area_create_or_update(
        code="WK034401", name="West", level=AreaLevel.DISTRICT, parent=utrecht
    )
    buurt = area_create_or_update(
        code="BU03440311",
        name="Taag- en Rubicondreef",
        level=AreaLevel.NEIGHBOURHOOD,
        parent=overvecht,
    )
    return {"nl": nl, "gm": utrecht, "overvecht": overvecht, "west": west, "buurt": buurt}


@pytest.fixture
def welfare(programme: Any) -> Any:
    from wijkaanpak.indicators.services import indicator_create_or_update

    return indicator_create_or_update(
        code="ww_bijstand_hh",
        name_nl="Huishoudens met bijstand",
        unit="percent",
        direction="lower",
        ambitions=list(programme.ambitions.filter(number=1)),
    )


@pytest.fixture
def inhabitants(db: Any) -> Any:
    from wijkaanpak.indicators.services import indicator_create_or_update

    return indicator_create_or_update(code="a_inw", name_nl="Aantal inwoners", unit="count")


@pytest.fixture
def steward(db: Any) -> Any:
    """A data steward: imports national files (CBS, StatLine, city monitor) for every area."""
    from wijkaanpak.accounts.models import User

    return User.objects.create_user(
        username="databeheerder", password="pw-steward-123", is_data_steward=True
    )


@pytest.fixture
def imp(db: Any) -> Any:
    """`imp(content, fmt, name=..., **kw)` imports bytes or text as a file, as the system."""
    from wijkaanpak.core.actors import SYSTEM
    from wijkaanpak.indicators.services import indicators_import

    def run(content: bytes | str, fmt: str, name: str = "sample.csv", **kw: Any) -> dict[str, Any]:
        data = content.encode("utf-8") if isinstance(content, str) else content
        return indicators_import(
            user=SYSTEM, stream=io.BytesIO(data), file_name=name, fmt=fmt, **kw
        )

    return run


def xlsx_bytes(sheets: dict[str, list[list[Any]]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def english() -> Any:
    """Messages of services called directly are checked in English (msgids); requests go
    through the locale middleware and get Dutch, the default."""
    from django.utils import translation

    with translation.override("en"):
        yield
