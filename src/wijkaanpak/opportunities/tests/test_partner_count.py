"""The programme page's "partner organisations" count: the organisations in this programme's
coalitions, not the whole shared directory nor another programme's partners; its link lists
those same organisations."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from wijkaanpak.areas.models import AreaLevel
from wijkaanpak.areas.services import area_create_or_update
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.opportunities.services import coalition_member_set, opportunity_create
from wijkaanpak.organisations.services import organisation_create_or_update
from wijkaanpak.programmes.services import programme_create_or_update

pytestmark = pytest.mark.django_db


def test_the_count_is_the_programmes_coalition_partners(kans: Any, programme: Any) -> None:
    mitros = organisation_create_or_update(name="Mitros", type="housing_corporation")
    dock = organisation_create_or_update(name="DOCK", type="welfare")
    for i in range(5):  # the shared directory holds many more
        organisation_create_or_update(name=f"Elders {i}", type="other")
    zeist = area_create_or_update(code="GM0355", name="Zeist", level=AreaLevel.MUNICIPALITY)
    vollenhove = programme_create_or_update(
        slug="vollenhove", name="Vollenhove", municipality=zeist, area=zeist, start_year=2020
    )
    elsewhere = opportunity_create(
        programme=vollenhove, title="Zeist", start_date=dt.date(2021, 1, 1), by=SYSTEM
    )
    coalition_member_set(opportunity=kans, organisation=mitros, role="lead", by=SYSTEM)
    coalition_member_set(opportunity=kans, organisation=dock, role="partner", by=SYSTEM)
    # Mitros works in both municipalities; Zeist's own partner is not Overvecht's.
    coalition_member_set(opportunity=elsewhere, organisation=mitros, role="lead", by=SYSTEM)
    only_zeist = organisation_create_or_update(name="Zeister partner", type="welfare")
    coalition_member_set(opportunity=elsewhere, organisation=only_zeist, role="partner", by=SYSTEM)

    html = Client().get(f"/programmas/{programme.slug}/").content.decode()
    stat = re.search(r'href="(/organisations/\?programme=[^"]+)"[^<]*</a></dt><dd>(\d+)</dd>', html)
    assert stat is not None, html
    assert stat.group(2) == "2"
    listed = Client().get(stat.group(1).replace("&amp;", "&")).content.decode()
    assert "Mitros" in listed and "DOCK" in listed
    assert "Zeister partner" not in listed and "Elders 0" not in listed
    assert "Elders 0" in Client().get("/organisations/").content.decode()
