"""The public dashboard: no login, Dutch, the programme's public data, no personal data, from a
cache refreshed when the data change; another municipality's indicators never show (the
report neither)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wijkaanpak.programmes.models import Programme

SLUG = "samen-voor-overvecht"
URL = f"/programmas/{SLUG}/dashboard/"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _get(url: str = URL) -> Any:
    return Client(HTTP_ACCEPT_LANGUAGE="nl").get(url)


def test_the_dashboard_shows_the_programme_without_login(demo_db: Any) -> None:
    r = _get()
    assert r.status_code == 200
    html = r.content.decode()
    for text in (
        "Ambities en cijfers",
        "Kansen en resultaten",
        "Geld per ambitie",
        "Resultaten om te vieren",
        "Rapportages en open data",
        "Project O",
        "CC BY 4.0",
        f"/api/v1/programmes/{SLUG}/datapackage.zip",
    ):
        assert text in html, text
    assert "<script>" not in html.split("</header>", 1)[1]


def test_no_personal_data_on_the_dashboard(demo_db: Any) -> None:
    from django.contrib.auth import get_user_model

    from wijkaanpak.outreach.models import Household

    html = _get().content.decode()
    body = html.split('<main id="main"', 1)[1]
    for user in get_user_model().objects.exclude(email=""):
        assert user.email not in body, user.email
        if user.get_full_name():
            assert user.get_full_name() not in body, user.get_full_name()
    for household in Household.objects.all()[:50]:
        if household.display_name:
            assert household.display_name not in body


def test_unknown_programme_is_404(demo_db: Any) -> None:
    assert _get("/programmas/bestaat-niet/dashboard/").status_code == 404


def test_served_from_the_cache_and_refreshed_when_the_data_change(
    demo_db: Any, django_capture_on_commit_callbacks: Any
) -> None:
    first = _get()
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert _get().status_code == 200
    # From the cache: the programme and the data version, nothing of the dashboard's data.
    assert len(queries) <= 3, [q["sql"] for q in queries]
    programme = Programme.objects.get(slug=SLUG)
    ambition = programme.ambitions.order_by("number").first()
    assert ambition is not None
    with django_capture_on_commit_callbacks(execute=True):
        ambition.name = "Gezond opgroeien in de wijk (nieuw)"
        ambition.save()
    assert "Gezond opgroeien in de wijk (nieuw)" in _get().content.decode()


def test_another_municipalitys_indicator_never_appears(demo_db: Any) -> None:
    """Zeist's own indicator, linked to an Overvecht ambition by mistake and with a figure for
    Overvecht: not on Overvecht's dashboard, report or open data."""
    from wijkaanpak.areas.models import Area
    from wijkaanpak.indicators.models import Indicator, Observation
    from wijkaanpak.reports.builder import report_build
    from wijkaanpak.reports.datapackage import package_tables

    programme = Programme.objects.get(slug=SLUG)
    zeist = Area.objects.get(code="GM0355")
    ind = Indicator.objects.create(
        code="zeist_eigen_geheim", name_nl="Zeist eigen geheim", unit="percent", municipality=zeist
    )
    ambition = programme.ambitions.order_by("number").first()
    assert ambition is not None
    ind.ambitions.add(ambition)
    for area in (programme.area, programme.municipality):
        Observation.objects.create(
            indicator=ind, area=area, period=2020, value=42.0, source="Zeist"
        )
    assert "Zeist eigen geheim" not in _get().content.decode()
    report = report_build(programme=programme, year=2020)
    assert all(f.code != ind.code for a in report.monitoring for f in a.figures)
    assert "Zeist eigen geheim" not in [m for a in report.monitoring for m in a.missing]
    tables = package_tables(programme=programme)
    assert ind.code not in {r["code"] for r in tables["indicators"]}
    assert ind.code not in {r["indicator"] for r in tables["observations"]}
