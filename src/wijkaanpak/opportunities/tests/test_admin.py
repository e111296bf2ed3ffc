"""The admin shows everything; the lifecycle and measured values stay with the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from conftest import otp_verify_session
from wijkaanpak.accounts.models import User
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.opportunities import services
from wijkaanpak.opportunities.models import Opportunity, OpportunityStatusChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(db: Any) -> Client:
    admin = User.objects.create_superuser("root", "root@example.invalid", "pw-root-123")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(admin)
    otp_verify_session(client, admin)  # superusers need two-factor authentication
    return client


ADMIN_PAGES = [
    "areas/area",
    "organisations/organisation",
    "programmes/programme",
    "programmes/ambition",
    "opportunities/opportunity",
    "opportunities/measure",
    "opportunities/measurevalue",
    "opportunities/progressupdate",
    "opportunities/opportunitystatuschange",
    "accounts/user",
    "accounts/programmemembership",
    "accounts/apitoken",
]


@pytest.mark.parametrize("model", ADMIN_PAGES)
def test_every_foundation_model_has_an_admin_list(
    admin_client_: Client, kans: Any, model: str
) -> None:
    assert admin_client_.get(f"/admin/{model}/").status_code == 200


def test_the_kans_admin_shows_status_read_only_with_a_link_to_the_status_form(
    admin_client_: Client, kans: Any, programme: Any
) -> None:
    services.measure_create(
        opportunity=kans, name="Approached", rba_class="how_much", target=100, by=SYSTEM
    )
    response = admin_client_.get(f"/admin/opportunities/opportunity/{kans.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="status"' not in html and 'name="kind"' not in html
    assert f'href="/kansen/{kans.pk}/status/"' in html
    assert (
        admin_client_.get(
            f"/admin/accounts/user/{User.objects.get(username='root').pk}/change/"
        ).status_code
        == 200
    )
    assert (
        admin_client_.get(f"/admin/programmes/programme/{programme.pk}/change/").status_code == 200
    )


def test_status_history_cannot_be_changed_in_the_admin(admin_client_: Client, kans: Any) -> None:
    change = OpportunityStatusChange.objects.get(opportunity=kans)
    url = f"/admin/opportunities/opportunitystatuschange/{change.pk}/"
    assert admin_client_.get(url + "change/").status_code == 200  # view only
    admin_client_.post(url + "change/", {"status": "stopped", "reason": "x"})
    assert admin_client_.post(url + "delete/", {"post": "yes"}).status_code == 403
    change.refresh_from_db()
    assert change.status == "active"
    assert admin_client_.get("/admin/opportunities/opportunitystatuschange/add/").status_code == 403
    assert admin_client_.get("/admin/opportunities/measurevalue/add/").status_code == 403


def test_a_kans_added_in_the_admin_starts_its_history(
    admin_client_: Client, programme: Any
) -> None:
    response = admin_client_.post(
        "/admin/opportunities/opportunity/add/",
        {
            "programme": programme.pk,
            "kind": "kans",
            "title": "Gezondheidscentrum Amazonedreef",
            "ambitions": [a.pk for a in programme.ambitions.all()],
            "start_date": "2020-03-01",
            "initial_status": "active",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    kans = Opportunity.objects.get(title="Gezondheidscentrum Amazonedreef")
    assert kans.slug == "gezondheidscentrum-amazonedreef"
    assert kans.ambitions.count() == 2
    assert list(kans.status_changes.values_list("status", "effective_date")) == [
        ("active", dt.date(2020, 3, 1))
    ]


def test_the_admin_refuses_a_negative_target(admin_client_: Client, kans: Any) -> None:
    measure = services.measure_create(
        opportunity=kans, name="Matches", rba_class="how_much", target=50, by=SYSTEM
    )
    response = admin_client_.post(
        f"/admin/opportunities/measure/{measure.pk}/change/",
        {
            "opportunity": kans.pk,
            "name": "Matches",
            "unit": "aantal",
            "target": "-1",
            "target_is_minimum": "on",
            "rba_class": "how_much",
            "order": "0",
        },
    )
    assert response.status_code == 200
    assert "A target cannot be negative." in response.content.decode()
    measure.refresh_from_db()
    assert measure.target == 50
