"""A small outreach world: one campaign with a worker, a coach, two partner organisations,
the back office, the privacy officer, and the personas of /conftest.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from wijkaanpak.accounts.models import User
from wijkaanpak.accounts.services import organisation_membership_add
from wijkaanpak.areas.models import Area
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.organisations.services import organisation_ensure
from wijkaanpak.outreach import services
from wijkaanpak.outreach.models import Address, Campaign, Household, Referral, Theme


@dataclass
class World:
    campaign: Campaign
    other_campaign: Campaign
    themes: dict[str, Theme]
    addresses: list[Address]
    households: list[Household]
    other_household: Household
    mitros: Any
    dock: Any
    users: dict[str, User]
    referral_mitros: Referral
    referral_dock: Referral


def make_user(username: str) -> User:
    return User.objects.create_user(username=username, password=f"pw-{username}-123")


@pytest.fixture
def world(programme: Any, coordinator: User, outsider: User) -> World:
    area = Area.objects.get(code="WK034403")
    themes = {
        code: services.theme_ensure(code=code, name=name, order=i)
        for i, (code, name) in enumerate(
            [("wonen", "Wonen"), ("welzijn", "Welzijn"), ("werk", "Werk")]
        )
    }
    services.street_register(area=area, names=["Nigerdreef", "Zambesidreef"])
    campaign = services.campaign_create(
        programme=programme,
        area=area,
        name="Wonen en Kansen",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
        themes=list(themes.values()),
        by=SYSTEM,
    )
    other = services.campaign_create(
        programme=programme,
        area=area,
        name="Andere campagne",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
        themes=[themes["werk"]],
        by=SYSTEM,
    )
    services.question_create(
        campaign=campaign,
        theme=themes["wonen"],
        code="tevreden",
        text="Tevreden met uw woning?",
        type="scale",
        options=[{"value": str(i), "label": str(i)} for i in range(1, 6)],
        positive_values=["4", "5"],
        positive_label="tevreden",
    )
    services.question_create(
        campaign=campaign,
        theme=themes["wonen"],
        code="veilig",
        text="Voelt u zich veilig?",
        type="yes_no",
        positive_values=["yes"],
        positive_label="voelt zich veilig",
    )
    services.question_create(
        campaign=campaign,
        theme=themes["welzijn"],
        code="opmerking",
        text="Opmerkingen",
        type="text",
    )
    users = {
        name: make_user(name)
        for name in ("worker", "coach", "mitros", "dock", "backoffice", "privacy", "otherworker")
    }
    users["coordinator"] = coordinator
    users["outsider"] = outsider
    services.campaign_worker_add(campaign=campaign, user=users["worker"])
    services.campaign_worker_add(campaign=other, user=users["otherworker"])
    services.outreach_role_set(user=users["backoffice"], programme=programme, role="back_office")
    services.outreach_role_set(user=users["privacy"], programme=programme, role="privacy_officer")
    services.outreach_role_set(user=users["coach"], programme=programme, role="coach")
    mitros = organisation_ensure(name="Mitros", type="housing_corporation")
    dock = organisation_ensure(name="DOCK", type="welfare")
    organisation_membership_add(user=users["mitros"], organisation=mitros)
    organisation_membership_add(user=users["dock"], organisation=dock)
    addresses = [
        Address.objects.create(
            campaign=campaign, street="Nigerdreef", house_number=n, postcode="3561AB"
        )
        for n in range(1, 7)
    ]
    other_address = Address.objects.create(
        campaign=other, street="Zambesidreef", house_number=1, postcode="3562CD"
    )
    households = [
        services.household_create(
            campaign=campaign,
            address=a,
            by=users["worker"],
            display_name=f"Fam. Test{i}",
            contact="06-00000000",
            legal_basis="consent",
            consent_date=dt.date(2026, 2, 1),
            consent_purpose="doorverwijzing",
            shared_fields=["display_name", "address"],
            share_with=[mitros, dock],
        )
        for i, a in enumerate(addresses[:4])
    ]
    services.coach_assign(
        household=households[0],
        coach=users["coach"],
        version=households[0].version,
        by=users["worker"],
    )
    households[0].refresh_from_db()
    other_household = services.household_create(
        campaign=other, address=other_address, by=users["otherworker"], display_name="Fam. Ander"
    )
    r_mitros = services.referral_create(
        household=households[1],
        organisation=mitros,
        theme=themes["wonen"],
        by=users["worker"],
        send=True,
    )
    r_dock = services.referral_create(
        household=households[2],
        organisation=dock,
        theme=themes["welzijn"],
        by=users["worker"],
        send=True,
    )
    return World(
        campaign=campaign,
        other_campaign=other,
        themes=themes,
        addresses=addresses,
        households=households,
        other_household=other_household,
        mitros=mitros,
        dock=dock,
        users=users,
        referral_mitros=r_mitros,
        referral_dock=r_dock,
    )
