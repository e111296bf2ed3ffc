"""The field flow on a phone (issue 15): find the address by typing, record the visit with
consent in the same form, land on the household, warned before a duplicate referral."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import otp_verify_session
from wijkaanpak.outreach import selectors, services
from wijkaanpak.outreach.models import Address, Answer, Household, Referral
from wijkaanpak.outreach.selectors.lookups import ADDRESS_SEARCH_LIMIT

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(user)
    otp_verify_session(client, user)
    return client


@pytest.mark.parametrize(
    "typed", ["niger 3", "Nigerdreef 3", "nigerdreef3", "3 nigerdreef", "3561 ab 3", "3561AB 3"]
)
def test_the_address_search_forgives_how_it_was_typed(world: Any, typed: str) -> None:
    found = selectors.address_search(campaign=world.campaign, q=typed)
    assert [str(a) for a in found] == ["Nigerdreef 3, 3561AB"]


def test_the_address_search_finds_additions_and_stays_in_its_campaign(world: Any) -> None:
    Address.objects.create(
        campaign=world.campaign,
        street="Nigerdreef",
        house_number=3,
        addition="A",
        postcode="3561AB",
    )
    assert [
        a.addition for a in selectors.address_search(campaign=world.campaign, q="niger 3a")
    ] == ["A"]
    assert [
        a.addition for a in selectors.address_search(campaign=world.campaign, q="niger 3 a")
    ] == ["A"]
    # Zambesidreef 1 is on the other campaign's list only.
    assert selectors.address_search(campaign=world.campaign, q="zambesi 1") == []
    assert selectors.address_search(campaign=world.campaign, q="   ") == []


def test_the_visit_page_searches_instead_of_listing_every_address(world: Any) -> None:
    for n in range(10, 60):
        Address.objects.create(
            campaign=world.campaign, street="Nigerdreef", house_number=n, postcode="3561AB"
        )
    client = _client(world.users["worker"])
    url = f"/outreach/campaigns/{world.campaign.pk}/visit/"
    html = client.get(url).content.decode()
    assert 'name="q"' in html and "Nigerdreef" not in html  # no list of 56 addresses
    html = client.get(url, {"q": "nigerdreef 1"}).content.decode()
    assert html.count('class="app-pick"') == 1
    html = client.get(url, {"q": "nigerdreef"}).content.decode()
    assert html.count('class="app-pick"') == ADDRESS_SEARCH_LIMIT == 15


def test_a_visit_with_consent_makes_the_household_and_lands_on_it(world: Any) -> None:
    address = world.addresses[4]  # on the list, nobody met there yet
    client = _client(world.users["worker"])
    today = timezone.localdate()
    response = client.post(
        f"/outreach/campaigns/{world.campaign.pk}/visit/",
        {
            "address": address.pk,
            "date": today.isoformat(),
            "outcome": "reached",
            "display_name": "Fam. Veld",
            "legal_basis": "consent",
            "consent_purpose": "doorverwijzing naar Mitros",
            "share_with": [world.mitros.pk],
            "shared_fields": ["display_name", "address", "nonsense"],
            "contact": "06-12345678",
        },
    )
    household = Household.objects.get(address=address)
    assert response.status_code == 302
    assert response["Location"] == f"/outreach/households/{household.pk}/"
    assert household.legal_basis == "consent" and household.consent_date == today
    assert household.consent_purpose == "doorverwijzing naar Mitros"
    assert household.shared_fields == ["display_name", "address"]
    assert list(household.share_with.all()) == [world.mitros]
    # The consent makes a referral possible at once.
    client.post(
        f"/outreach/households/{household.pk}/act/",
        {"action": "referral", "organisation": world.mitros.pk, "theme": world.themes["wonen"].pk},
    )
    referral = Referral.objects.get(household=household)
    assert referral.shared_data == {"display_name": "Fam. Veld", "address": str(address)}


def test_consent_can_be_recorded_for_a_known_household(world: Any) -> None:
    household = services.household_create(
        campaign=world.campaign, address=world.addresses[5], by=world.users["worker"]
    )
    client = _client(world.users["worker"])
    page = client.get(f"/outreach/households/{household.pk}/").content.decode()
    assert "Toestemming vastleggen" in page  # the way to fix a missing consent
    client.post(
        f"/outreach/campaigns/{world.campaign.pk}/visit/",
        {
            "address": world.addresses[5].pk,
            "date": timezone.localdate().isoformat(),
            "outcome": "reached",
            "legal_basis": "consent",
            "share_with": [world.dock.pk],
            "shared_fields": ["display_name"],
        },
    )
    household.refresh_from_db()
    assert household.legal_basis == "consent"
    assert list(household.share_with.all()) == [world.dock]


def test_a_number_answer_takes_a_decimal_comma(world: Any) -> None:
    services.question_create(
        campaign=world.campaign,
        theme=world.themes["wonen"],
        code="jaren",
        text="Hoeveel jaar woont u hier?",
        type="number",
    )
    client = _client(world.users["worker"])
    response = client.post(
        f"/outreach/campaigns/{world.campaign.pk}/visit/",
        {
            "address": world.addresses[4].pk,
            "date": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
            "outcome": "interviewed",
            "q_jaren": "12,5",
        },
    )
    assert response.status_code == 302
    assert Answer.objects.get(question__code="jaren").value == "12.5"


def test_a_second_open_referral_to_the_same_organisation_is_warned_about(world: Any) -> None:
    household = world.households[1]  # already referred to Mitros (sent)
    client = _client(world.users["worker"])
    data = {"action": "referral", "organisation": world.mitros.pk, "theme": world.themes["werk"].pk}
    response = client.post(f"/outreach/households/{household.pk}/act/", data, follow=True)
    assert Referral.objects.filter(household=household, organisation=world.mitros).count() == 1
    assert "heeft al een lopende verwijzing naar Mitros" in response.content.decode()
    assert 'name="confirm_duplicate"' in response.content.decode()
    client.post(f"/outreach/households/{household.pk}/act/", {**data, "confirm_duplicate": "1"})
    assert Referral.objects.filter(household=household, organisation=world.mitros).count() == 2


def test_the_household_list_searches_filters_and_shows_names(world: Any) -> None:
    from wijkaanpak.outreach.models import Address as A

    A.objects.filter(pk=world.addresses[2].pk).update(reached=True, interviewed=True)
    world.users["coach"].first_name, world.users["coach"].last_name = "Cas", "Coach"
    world.users["coach"].save()
    client = _client(world.users["worker"])
    html = client.get("/outreach/households/", {"q": "niger 2"}).content.decode()
    assert "Fam. Test1" in html and "Fam. Test0" not in html
    assert "Fam. Test3" in client.get("/outreach/households/", {"q": "test3"}).content.decode()
    html = client.get("/outreach/households/", {"status": "interviewed"}).content.decode()
    assert "Fam. Test2" in html and "Fam. Test1" not in html
    html = client.get("/outreach/households/").content.decode()
    assert "Cas Coach" in html  # the coach's name, not the username
    html = client.get("/outreach/households/", {"coach": "none"}).content.decode()
    assert "Fam. Test0" not in html and "Fam. Test1" in html


def test_an_address_on_a_street_the_area_does_not_know_is_still_found(world: Any) -> None:
    Address.objects.create(
        campaign=world.campaign, street="Tigrisdreef", house_number=8, postcode="3562AB"
    )
    found = selectors.address_search(campaign=world.campaign, q="tigris 8")
    assert [str(a) for a in found] == ["Tigrisdreef 8, 3562AB"]
