"""Tenancy (issue 13, docs/adr/0010): one municipality's users cannot change or see another's
non-public data; municipality admins act in their own municipality only; query counts per page
do not grow with the number of municipalities, programmes or roles."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wijkaanpak.core.actors import SYSTEM

pytestmark = pytest.mark.django_db


def _municipality(n: int) -> dict[str, Any]:
    """Municipality number n (GM09n0 …) with a wijk, a programme, a kans and an own indicator."""
    from wijkaanpak.areas.models import AreaLevel
    from wijkaanpak.areas.services import area_create_or_update
    from wijkaanpak.indicators.models import Indicator
    from wijkaanpak.indicators.services import observation_set
    from wijkaanpak.opportunities.services import opportunity_create
    from wijkaanpak.programmes.services import ambition_create_or_update, programme_create_or_update

    gm = area_create_or_update(
        code=f"GM09{n:02d}", name=f"Gemeente {n}", level=AreaLevel.MUNICIPALITY
    )
    wijk = area_create_or_update(
        code=f"WK09{n:02d}01", name=f"Wijk {n}", level=AreaLevel.DISTRICT, parent=gm
    )
    programme = programme_create_or_update(
        slug=f"programma-{n}", name=f"Programma {n}", municipality=gm, area=wijk, start_year=2020
    )
    ambition_create_or_update(programme=programme, number=1, short_name="Wonen", name="Wonen")
    kans = opportunity_create(
        programme=programme, title=f"Kans {n}", start_date=dt.date(2021, 1, 1), by=SYSTEM
    )
    own = Indicator.objects.create(code=f"eigen_{n}", name_nl=f"Eigen monitor {n}", municipality=gm)
    observation_set(indicator=own, area=wijk, period=2023, value=n, source="test")
    return {"gm": gm, "wijk": wijk, "programme": programme, "kans": kans, "own": own}


def _user(username: str, **kw: Any) -> Any:
    from wijkaanpak.accounts.models import User

    return User.objects.create_user(username=username, password=f"pw-{username}-123", **kw)


def _admin_of(user: Any, gm: Any) -> None:
    from wijkaanpak.accounts.models import MunicipalityMembership

    MunicipalityMembership.objects.create(user=user, municipality=gm, role="admin")


@pytest.fixture
def two() -> tuple[dict[str, Any], dict[str, Any]]:
    from wijkaanpak.accounts.services import programme_membership_set

    a, b = _municipality(1), _municipality(2)
    for m, name in ((a, "a"), (b, "b")):
        m["coordinator"] = _user(f"coordinator-{name}")
        programme_membership_set(
            user=m["coordinator"], programme=m["programme"], role="coordinator"
        )
        m["admin"] = _user(f"gemeente-{name}")
        _admin_of(m["admin"], m["gm"])
    return a, b


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_municipality_admin_counts_as_coordinator_of_its_own_programmes_only(two: Any) -> None:
    from wijkaanpak.accounts.selectors import (
        is_municipality_admin,
        municipality_admin_of,
        user_programme_role,
    )

    a, b = two
    assert user_programme_role(user=a["admin"], programme=a["programme"]) == "coordinator"
    assert user_programme_role(user=a["admin"], programme=b["programme"]) is None
    assert municipality_admin_of(user=a["admin"]) == {a["gm"].pk}
    assert is_municipality_admin(user=a["admin"], municipality_id=a["gm"].pk)
    assert not is_municipality_admin(user=a["admin"], municipality_id=b["gm"].pk)
    a["admin"].is_active = False  # deactivated: no role at once
    assert user_programme_role(user=a["admin"], programme=a["programme"]) is None


@pytest.mark.parametrize("who", ["coordinator", "admin"])
def test_no_writes_into_another_municipalitys_programme(two: Any, who: str) -> None:
    from wijkaanpak.opportunities.models import ProgressUpdate

    a, b = two
    url = f"/api/v1/opportunities/{b['kans'].pk}/progress-updates/"
    other = _client(a[who]).post(url, {"text": "van gemeente 1"}, content_type="application/json")
    assert other.status_code == 403
    assert not ProgressUpdate.objects.exists()
    own = _client(b[who]).post(url, {"text": "eigen"}, content_type="application/json")
    assert own.status_code == 201
    assert list(ProgressUpdate.objects.values_list("text", flat=True)) == ["eigen"]


def test_budget_import_into_another_municipalitys_programme_is_refused(two: Any) -> None:
    from wijkaanpak.finance.models import Budget

    a, b = two
    table = "Onderwerp;Bedrag (x 1.000 euro)\nDOCK;255\nTotaal;255\n"
    r = _client(a["coordinator"]).post(
        f"/api/v1/programmes/{b['programme'].slug}/budgets/2024/imports",
        {"file": SimpleUploadedFile("begroting.csv", table.encode())},
    )
    assert r.status_code == 403
    assert not Budget.objects.exists()


def test_a_campaign_lies_inside_the_programmes_municipality(two: Any) -> None:
    from wijkaanpak.core.exceptions import InvalidInput
    from wijkaanpak.outreach.models import Campaign
    from wijkaanpak.outreach.services import campaign_create

    a, b = two
    with pytest.raises(InvalidInput) as refused:
        campaign_create(
            programme=a["programme"],
            area=b["wijk"],
            name="Deur aan deur",
            start_date=dt.date(2026, 1, 1),
            end_date=dt.date(2026, 6, 30),
            by=a["coordinator"],
        )
    assert refused.value.errors[0]["field"] == "area"
    assert not Campaign.objects.exists()
    campaign_create(
        programme=a["programme"],
        area=a["wijk"],
        name="Deur aan deur",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 6, 30),
        by=a["admin"],
    )
    assert Campaign.objects.count() == 1


def test_a_municipalitys_own_indicators_are_invisible_to_another(two: Any) -> None:
    a, b = two
    steward = _user("databeheerder", is_data_steward=True)

    def codes(user: Any) -> set[str]:
        body = _client(user).get("/api/v1/indicators/").json()
        return {i["code"] for i in body["items"]}

    assert codes(None) == set()
    assert codes(a["coordinator"]) == codes(a["admin"]) == {"eigen_1"}
    assert codes(b["coordinator"]) == {"eigen_2"}
    assert codes(steward) == {"eigen_1", "eigen_2"}
    detail = "/api/v1/indicators/eigen_1/observations/"
    assert _client(b["coordinator"]).get(detail).status_code == 404
    assert _client(a["coordinator"]).get(detail).json()["count"] == 1
    assert "Eigen monitor 1" not in _client(b["admin"]).get("/indicators/").content.decode()
    assert _client(b["admin"]).get("/indicators/indicator/eigen_1/").status_code == 404
    profile = _client(b["coordinator"]).get("/api/v1/areas/WK090101/profile/").json()
    assert profile["count"] == 0
    assert _client(a["coordinator"]).get("/api/v1/areas/WK090101/profile/").json()["count"] == 1


def test_linked_to_an_ambition_an_own_indicator_is_public(two: Any) -> None:
    """Shown on the programme's public pages, as before issue 13."""
    a, _b = two
    a["own"].ambitions.add(a["programme"].ambitions.get())
    body = Client().get("/api/v1/indicators/").json()
    assert [i["code"] for i in body["items"]] == ["eigen_1"]


# --- Query counts at two sizes -----------------------------------------------------------------


def _pages(m: dict[str, Any]) -> list[str]:
    p, kans = m["programme"], m["kans"]
    return [
        "/",
        f"/programmas/{p.slug}/",
        f"/kansen/{kans.pk}/",
        "/indicators/",
        f"/indicators/gebied/{m['wijk'].code}/",
        f"/finance/{p.slug}/",
        "/api/v1/indicators/",
        "/api/v1/programmes/",
        f"/api/v1/areas/{m['wijk'].code}/profile/",
        f"/api/v1/opportunities/{kans.pk}/",
    ]


def _counts(user: Any, pages: list[str]) -> dict[str, int]:
    counts = {}
    for url in pages:
        client = _client(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code in (200, 302), (url, response.status_code)
        counts[url] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_municipalities_programmes_or_roles() -> None:
    """The same pages of municipality 1, as a visitor and as a user with roles in one
    programme and one municipality (of two), then with roles in six of each (of six)."""
    from wijkaanpak.accounts.services import programme_membership_set

    first, _second = _municipality(1), _municipality(2)
    user = _user("veel-rollen")
    programme_membership_set(user=user, programme=first["programme"], role="coordinator")
    _admin_of(user, first["gm"])
    pages = _pages(first)
    small = _counts(user, pages), _counts(None, pages)
    for n in range(2, 7):
        m = _municipality(n) if n > 2 else _second
        programme_membership_set(user=user, programme=m["programme"], role="editor")
        _admin_of(user, m["gm"])
    large = _counts(user, pages), _counts(None, pages)
    assert large == small
