"""A demo-like world for the system-wide proof: the Overvecht demo plus one user per persona.

Used by the authorisation matrix and the API fuzzing. Personas whose roles do not exist in the
code yet (outreach worker, coach, back office, privacy officer) are plain users without any
role; partner users belong to organisation A or B. When an app adds such a role, give the
persona that role in `_grant_app_roles` below and update tests/policy.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.test import Client, override_settings

PERSONAS = (
    "anonymous",
    "viewer",
    "editor",
    "coordinator",
    "outreach_worker",
    "coach",
    "partner_a",
    "partner_b",
    "back_office",
    "privacy_officer",
)

# Personas whose roles see personal data: they pass two-factor authentication in the matrix.
TWO_FACTOR_PERSONAS = {"outreach_worker", "coach", "back_office", "privacy_officer"}


@dataclass
class World:
    values: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    # Personal data: marker string (a resident's name, an address) -> the personas who may see it.
    # Any answer to another persona that contains the marker is a leak.
    private_markers: dict[str, set[str]] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def page_client(self, persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            from conftest import otp_verify_session

            user = self.users[persona]
            client.force_login(user)
            if persona in TWO_FACTOR_PERSONAS:
                otp_verify_session(client, user)
        return client

    def api_headers(self, persona: str) -> dict[str, str]:
        if persona == "anonymous":
            return {}
        return {"Authorization": f"Bearer {self.tokens[persona]}"}


def build_world() -> World:
    from wijkaanpak.accounts.models import ApiToken, ProgrammeRole, User
    from wijkaanpak.accounts.services import organisation_membership_add, programme_membership_set
    from wijkaanpak.areas.models import Area
    from wijkaanpak.core.demo import demo_load
    from wijkaanpak.opportunities.models import Measure, Opportunity, RbaClass
    from wijkaanpak.opportunities.services import measure_create, opportunity_create
    from wijkaanpak.organisations.models import Organisation, OrganisationType
    from wijkaanpak.organisations.services import organisation_ensure
    from wijkaanpak.programmes.models import Programme

    with override_settings(DEBUG=True):
        demo_load()
    world = World()
    programme = Programme.objects.get(slug="samen-voor-overvecht")
    orgs = list(Organisation.objects.order_by("pk")[:2])
    org_a = (
        orgs[0] if orgs else organisation_ensure(name="Partner A", type=OrganisationType.WELFARE)
    )
    org_b = (
        orgs[1]
        if len(orgs) > 1
        else organisation_ensure(name="Partner B", type=OrganisationType.NEIGHBOURHOOD_TEAM)
    )
    kans = (
        Opportunity.objects.filter(programme=programme, kind="kans", status="active")
        .order_by("pk")
        .first()
    )
    if kans is None:
        kans = opportunity_create(
            programme=programme, title="Matrix-kans", start_date=dt.date(2019, 7, 1)
        )
    measure = Measure.objects.filter(opportunity__programme=programme).order_by("pk").first()
    if measure is None:
        measure = measure_create(
            opportunity=kans, name="Deelnemers", rba_class=RbaClass.HOW_MUCH, target=10
        )
    area = Area.objects.order_by("pk").first()
    from wijkaanpak.finance.models import Budget

    budget = Budget.objects.filter(programme=programme).order_by("-year").first()
    assert budget is not None, "the finance demo has budgets"
    line = budget.lines.filter(status="allocated").order_by("pk").first() or budget.lines.first()
    world.values.update(
        programme=programme,
        programme_slug=programme.slug,
        kans=kans,
        kans_id=kans.pk,
        measure_id=measure.pk,
        org_a=org_a,
        org_b=org_b,
        org_a_id=org_a.pk,
        org_a_slug=org_a.slug,
        area_code=area.code if area else "GM0344",
        district_code="WK034403",
        indicator_code="a_inw",
        budget_year=budget.year,
        budget_amount=budget.amount,
        budget_line_id=line.pk,
    )

    roles = {
        "viewer": ProgrammeRole.VIEWER,
        "editor": ProgrammeRole.EDITOR,
        "coordinator": ProgrammeRole.COORDINATOR,
    }
    for persona in PERSONAS[1:]:
        user = User.objects.create_user(
            username=f"matrix-{persona}",
            password=f"pw-{persona}-matrix",
            requires_two_factor=persona in TWO_FACTOR_PERSONAS,
        )
        if persona in roles:
            programme_membership_set(user=user, programme=programme, role=roles[persona])
        if persona == "partner_a":
            organisation_membership_add(user=user, organisation=org_a)
        if persona == "partner_b":
            organisation_membership_add(user=user, organisation=org_b)
        raw = f"matrix-token-{persona}"
        ApiToken.objects.create(user=user, key_hash=ApiToken.hash(raw))
        world.users[persona] = user
        world.tokens[persona] = raw
    _grant_app_roles(world)
    return world


def _grant_app_roles(world: World) -> None:
    """Give personas the roles that later apps define (outreach, finance). None exist yet."""
