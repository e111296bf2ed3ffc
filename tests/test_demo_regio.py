"""The demo's second municipality (Zeist, Vollenhove) and the programme lineage (De Versnelling
in Overvecht), and the issue's reproduction against the demo (docs/demo.md)."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

pytestmark = pytest.mark.django_db


def _login(username: str) -> Client:
    from wijkaanpak.accounts.models import User

    user = User.objects.get(username=username)
    assert user.check_password(settings.DEMO_PASSWORD), username  # "password as the others"
    client = Client()
    client.force_login(user)
    return client


def test_the_reproduction_on_the_demo(demo_db: Any) -> None:
    """Zeist's coordinator replaced Overvecht's "18.2% of households on welfare" with 1.0
    (201 Created); now 403, naming the area and the indicator, and nothing changes."""
    from wijkaanpak.indicators.models import ImportRun, Observation

    current = Observation.objects.filter(is_current=True)
    before = sorted(current.values_list("indicator__code", "area__code", "period", "value"))
    runs = ImportRun.objects.count()
    file = "indicator,area,period,value,source\nww_bijstand_hh,WK034403,2017,1.0,Zeist\n"
    r = _login("coordinator-zeist").post(
        "/api/v1/indicators/imports",
        {"file": SimpleUploadedFile("cijfers.csv", file.encode()), "format": "long"},
    )
    assert r.status_code == 403, r.content
    messages = " ".join(e["message"] for e in r.json()["errors"])
    assert "WK034403" in messages and "ww_bijstand_hh" in messages
    assert sorted(current.values_list("indicator__code", "area__code", "period", "value")) == before
    assert ImportRun.objects.count() == runs


def test_zeist_users_roles_and_example_data(demo_db: Any) -> None:
    from wijkaanpak.accounts.models import MunicipalityMembership, User
    from wijkaanpak.opportunities.models import CoalitionMember, Opportunity
    from wijkaanpak.programmes.models import Programme

    vollenhove = Programme.objects.get(slug="vollenhove")
    assert (vollenhove.municipality.code, vollenhove.area.code) == ("GM0355", "BU03550205")
    coordinator = User.objects.get(username="coordinator-zeist")
    assert list(coordinator.programme_memberships.values_list("programme__slug", "role")) == [
        ("vollenhove", "coordinator")
    ]
    assert set(
        MunicipalityMembership.objects.values_list("user__username", "municipality__code")
    ) >= {("gemeente-utrecht", "GM0344"), ("gemeente-zeist", "GM0355")}
    assert User.objects.get(username="databeheerder").is_data_steward
    kansen = Opportunity.objects.filter(programme=vollenhove)
    assert kansen.count() == 3
    assert all("Voorbeeldgegevens" in k.description for k in kansen)
    # A housing corporation in both municipalities, each programme with its own coalition rows.
    portaal = CoalitionMember.objects.filter(organisation__name="Portaal")
    assert set(portaal.values_list("opportunity__programme__slug", flat=True)) >= {
        "vollenhove",
        "samen-voor-overvecht",
    }


def test_vollenhove_is_co_funded_from_the_shared_regio_deal(demo_db: Any) -> None:
    from wijkaanpak.finance.models import BudgetFunding, FundingShare

    shares = FundingShare.objects.filter(recipient="Vollenhove (Zeist)")
    assert shares.count() == 2 and all(s.programme.slug == "vollenhove" for s in shares)
    funding = BudgetFunding.objects.filter(budget__programme__slug="vollenhove")
    assert {f.source.name for f in funding} == {s.source.name for s in shares}
    # The same sources as Overvecht's shares (one Regio Deal for the three neighbourhoods).
    overvecht = FundingShare.objects.filter(recipient="Overvecht (Utrecht)")
    assert {s.source_id for s in overvecht} == {s.source_id for s in shares}
    assert Client().get("/finance/vollenhove/2021/").status_code == 200


def test_the_lineage_of_samen_voor_overvecht(demo_db: Any) -> None:
    from wijkaanpak.opportunities.models import Opportunity
    from wijkaanpak.programmes.models import Programme

    overvecht = Programme.objects.get(slug="samen-voor-overvecht")
    versnelling = overvecht.predecessor
    assert versnelling is not None
    assert (versnelling.name, versnelling.start_year, versnelling.end_year) == (
        "De Versnelling in Overvecht",
        2016,
        2019,
    )
    assert list(versnelling.ambitions.values_list("name", flat=True)) == [
        "Gezonde wijk",
        "Samenleven en zorg",
        "Opvoeden en opgroeien",
        "Werk en ondernemerschap",
        "Veiligheid",
    ]
    assert list(versnelling.themes.values_list("name", flat=True)) == ["Armoede"]
    initiatives = Opportunity.objects.filter(programme=versnelling)
    assert initiatives.count() == 26
    assert set(initiatives.values_list("status", flat=True)) == {"completed", "long_running"}
    assert all(i.themes.filter(name="Armoede").exists() for i in initiatives)
    for ambition in overvecht.ambitions.all():
        pillars = list(ambition.continues.all())
        assert pillars and all(p.programme_id == versnelling.pk for p in pillars), ambition
    taken_over = {p.pk for a in overvecht.ambitions.all() for p in a.continues.all()}
    assert taken_over == set(versnelling.ambitions.values_list("pk", flat=True))


def test_the_programme_pages_show_the_lineage(demo_db: Any) -> None:
    page = Client().get("/programmas/samen-voor-overvecht/").content.decode()
    assert 'id="lineage-heading"' in page
    assert 'href="/programmas/de-versnelling-in-overvecht/"' in page
    assert "Werk en ondernemerschap" in page
    earlier = Client().get("/programmas/de-versnelling-in-overvecht/").content.decode()
    assert 'href="/programmas/samen-voor-overvecht/"' in earlier
    assert "Meedoen &amp; Ondernemen" in earlier
    zeist = Client().get("/programmas/vollenhove/").content.decode()
    assert 'id="lineage-heading"' not in zeist
