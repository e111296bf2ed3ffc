"""A demo-like world for the system-wide proof: the Overvecht demo plus one user per persona.

Used by the authorisation matrix, the API fuzzing and the accessibility checks. Viewer, editor
and coordinator are programme members; the outreach worker works on the demo campaign, the
coach coaches one household, partner A/B belong to Mitros/DOCK (which receive referrals), and
back office and privacy officer have their outreach roles (`_grant_app_roles`). When an app adds
a role, give the persona that role in `_grant_app_roles` and update tests/policy.py.
The demo is copied in (tests/demo_db.py), not loaded again for every world.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.test import Client

from wijkaanpak.core.actors import SYSTEM

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
    # Tenancy (docs/roles.md, docs/adr/0010): Utrecht's municipality administrator, the
    # second municipality's coordinator and administrator (Zeist, programme Vollenhove), and
    # the installation's data steward.
    "gemeente_utrecht",
    "coordinator_zeist",
    "gemeente_zeist",
    "data_steward",
    # Residents (issue 17): a neighbourhood ambassador with a light account (no programme role).
    "ambassador",
)

# The installation admin (a superuser) is checked on the Django admin only
# (test_authorisation_matrix.test_admin_is_for_installation_admins), not on every endpoint.
INSTALLATION_ADMIN = "installation_admin"

# Personas of the second municipality: they may change nothing of Utrecht's (checked on the
# database after every write they make, `other_fingerprint`).
ZEIST_PERSONAS = {"coordinator_zeist", "gemeente_zeist"}

# Personas whose roles see personal data: they pass two-factor authentication in the matrix.
TWO_FACTOR_PERSONAS = {
    "outreach_worker",
    "coach",
    "partner_a",
    "partner_b",
    "back_office",
    "privacy_officer",
}


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
            if persona in TWO_FACTOR_PERSONAS or persona == INSTALLATION_ADMIN:
                otp_verify_session(client, user)
        return client

    def api_headers(self, persona: str) -> dict[str, str]:
        if persona == "anonymous":
            return {}
        return {"Authorization": f"Bearer {self.tokens[persona]}"}


def build_world() -> World:
    from tests.demo_db import demo_restore
    from wijkaanpak.accounts.models import ApiToken, ProgrammeRole, User
    from wijkaanpak.accounts.services import organisation_membership_add, programme_membership_set
    from wijkaanpak.areas.models import Area
    from wijkaanpak.opportunities.models import Measure, Opportunity, RbaClass
    from wijkaanpak.opportunities.services import measure_create, opportunity_create
    from wijkaanpak.organisations.models import Organisation, OrganisationType
    from wijkaanpak.organisations.services import organisation_ensure
    from wijkaanpak.programmes.models import Programme

    demo_restore()
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
            programme=programme, title="Matrix-kans", start_date=dt.date(2019, 7, 1), by=SYSTEM
        )
    measure = Measure.objects.filter(opportunity__programme=programme).order_by("pk").first()
    if measure is None:
        measure = measure_create(
            opportunity=kans, name="Deelnemers", rba_class=RbaClass.HOW_MUCH, target=10, by=SYSTEM
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
        token = ApiToken.objects.create(user=user, key_hash=ApiToken.hash(raw), two_factor=True)
        world.values[f"{persona}_token_id"] = token.pk
        world.users[persona] = user
        world.tokens[persona] = raw
    _grant_app_roles(world)
    _notify_editor(world)
    world.values.update(report_section="foreword", report_number=1, report_format="html")
    _team_values(world)
    _kans_editing(world)
    _second_municipality(world)
    _participation_values(world)
    _residents(world)
    return world


def _kans_editing(world: World) -> None:
    """For the kans editing endpoints: an organisation outside the kans's coalition, a partner
    membership to change and end, a progress update written by the editor (only its author
    and coordinators change it), and the versions to send."""
    from wijkaanpak.opportunities.models import CoalitionMember, Measure, ProgressUpdate
    from wijkaanpak.opportunities.services import progress_update_create
    from wijkaanpak.organisations.models import OrganisationType
    from wijkaanpak.organisations.services import organisation_ensure

    kans = world["kans"]
    outside = organisation_ensure(name="Matrix-organisatie", type=OrganisationType.WELFARE)
    partner = CoalitionMember.objects.filter(opportunity=kans, role="partner").order_by("pk")
    member = partner.first()
    assert member is not None, "the matrix kans has a partner in its coalition"
    update = progress_update_create(
        opportunity=kans,
        date=dt.date(2020, 2, 1),
        text="Matrix: van de editor",
        by=world.users["editor"],
    )
    assert isinstance(update, ProgressUpdate)
    world.values.update(
        outside_org_id=outside.pk,
        coalition_member_id=member.pk,
        coalition_member_version=member.version,
        progress_update_id=update.pk,
        progress_update_version=update.version,
        measure_version=Measure.objects.get(pk=world["measure_id"]).version,
    )
    _kenniskring(world)


def _kenniskring(world: World) -> None:
    """An interpretation and a target of the programme, for the pages and API that change them."""
    from wijkaanpak.core.actors import SYSTEM
    from wijkaanpak.indicators.models import Interpretation
    from wijkaanpak.indicators.selectors import programme_indicators
    from wijkaanpak.indicators.services import interpretation_create, target_create

    programme = world["programme"]
    interpretation = Interpretation.objects.filter(programme=programme).order_by("pk").first()
    if interpretation is None:
        interpretation = interpretation_create(
            programme=programme,
            date=dt.date(2021, 3, 1),
            title="Matrix-duiding",
            participants="bewoners",
            text="Matrix",
            by=SYSTEM,
        )
    indicator = programme_indicators(programme=programme).first()
    assert indicator is not None
    target = target_create(
        programme=programme,
        indicator=indicator,
        area=programme.area,
        year=2099,
        value=1,
        by=SYSTEM,
    )
    world.values.update(
        interpretation_id=interpretation.pk,
        interpretation_version=interpretation.version,
        target_id=target.pk,
        target_version=target.version,
        indicator_id=indicator.pk,
        programme_area_id=programme.area_id,
    )


def _second_municipality(world: World) -> None:
    """Zeist beside Utrecht: its programme Vollenhove (buurt BU03550205, as in the demo), a
    kans, and an indicator of each municipality's own monitor that only that municipality's
    users (and the data steward) may see; the municipality administrators and the steward."""
    from wijkaanpak.accounts.models import MunicipalityMembership, User
    from wijkaanpak.accounts.services import programme_membership_set
    from wijkaanpak.areas.models import Area, AreaLevel
    from wijkaanpak.areas.services import area_create_or_update
    from wijkaanpak.indicators.models import Indicator
    from wijkaanpak.indicators.services import observation_set
    from wijkaanpak.opportunities.models import Opportunity
    from wijkaanpak.opportunities.services import opportunity_create
    from wijkaanpak.programmes.models import Programme
    from wijkaanpak.programmes.services import programme_create_or_update

    utrecht = world["programme"].municipality
    country = Area.objects.filter(code="NL00").first()
    zeist = area_create_or_update(
        code="GM0355", name="Zeist", level=AreaLevel.MUNICIPALITY, parent=country
    )
    noord = area_create_or_update(
        code="WK035502", name="Zeist-Noord", level=AreaLevel.DISTRICT, parent=zeist
    )
    vollenhove = area_create_or_update(
        code="BU03550205", name="Vollenhove", level=AreaLevel.NEIGHBOURHOOD, parent=noord
    )
    # The demo's programme Vollenhove when the demo has it (docs/demo.md), else a plain one.
    programme = Programme.objects.filter(slug="vollenhove").first() or programme_create_or_update(
        slug="vollenhove", name="Vollenhove", municipality=zeist, area=vollenhove, start_year=2020
    )
    kans = Opportunity.objects.filter(programme=programme).order_by("pk").first() or (
        opportunity_create(
            programme=programme,
            title="Matrix-kans Zeist",
            start_date=dt.date(2021, 3, 1),
            by=SYSTEM,
        )
    )
    for code, name, owner, area in (
        ("matrix_zeist_eigen", "Matrix Zeist eigen monitor", zeist, vollenhove),
        ("matrix_utrecht_eigen", "Matrix Utrecht eigen monitor", utrecht, world["programme"].area),
    ):
        indicator = Indicator.objects.create(code=code, name_nl=name, municipality=owner)
        observation_set(indicator=indicator, area=area, period=2023, value=42, source="matrix")
    world.private_markers.update(
        {
            "Matrix Zeist eigen monitor": {"coordinator_zeist", "gemeente_zeist", "data_steward"},
            "Matrix Utrecht eigen monitor": {
                "viewer",
                "editor",
                "coordinator",
                "gemeente_utrecht",
                "data_steward",
            },
        }
    )
    users = world.users
    programme_membership_set(
        user=users["coordinator_zeist"], programme=programme, role="coordinator"
    )
    MunicipalityMembership.objects.create(
        user=users["gemeente_utrecht"], municipality=utrecht, role="admin"
    )
    MunicipalityMembership.objects.create(
        user=users["gemeente_zeist"], municipality=zeist, role="admin"
    )
    users[INSTALLATION_ADMIN] = User.objects.create_superuser(
        username="matrix-installation-admin", password="pw-installation-admin-matrix"
    )
    users["data_steward"].is_data_steward = True
    users["data_steward"].save(update_fields=["is_data_steward"])
    world.values.update(
        zeist_programme=programme,
        zeist_programme_slug=programme.slug,
        zeist_kans_id=kans.pk,
        zeist_area_code=vollenhove.code,
    )


def other_fingerprint(world: World, persona: str) -> tuple[object, ...]:
    """The fingerprint of the programme of the other municipality than the persona's: Utrecht's
    for Zeist's personas, Zeist's for everyone else. A write may never change it."""
    key = "programme" if persona in ZEIST_PERSONAS else "zeist_programme"
    return programme_fingerprint(world[key])


def programme_fingerprint(programme: Any) -> tuple[object, ...]:
    """Everything of a programme a write could change, cheaply compared: checked before and
    after every write in the matrix (other_fingerprint)."""
    from django.db.models import Count, Max, Sum

    from wijkaanpak.accounts.models import ProgrammeMembership
    from wijkaanpak.finance.models import BudgetLine
    from wijkaanpak.indicators.models import Observation
    from wijkaanpak.opportunities.models import Measure, Opportunity, ProgressUpdate
    from wijkaanpak.outreach.models import Campaign

    area_ids = [programme.area_id, programme.municipality_id]
    return (
        tuple(
            Opportunity.objects.filter(programme=programme)
            .order_by("pk")
            .values_list("pk", "status", "version", "title")
        ),
        ProgressUpdate.objects.filter(opportunity__programme=programme).aggregate(
            n=Count("pk"), last=Max("pk")
        ),
        Measure.objects.filter(opportunity__programme=programme).aggregate(
            n=Count("values"), last=Max("values__pk")
        ),
        BudgetLine.objects.filter(budget__programme=programme).aggregate(
            n=Count("pk"), total=Sum("amount"), last=Max("pk")
        ),
        Observation.objects.filter(area_id__in=area_ids).aggregate(
            n=Count("pk"), total=Sum("value"), last=Max("pk")
        ),
        tuple(
            ProgrammeMembership.objects.filter(programme=programme)
            .order_by("pk")
            .values_list("user_id", "role")
        ),
        Campaign.objects.filter(programme=programme).aggregate(n=Count("pk"), last=Max("pk")),
        tuple(programme.ambitions.order_by("pk").values_list("pk", "name")),
    )


def _notify_editor(world: World) -> None:
    """A notification for the editor: only the recipient may mark it read (others: 404)."""
    from wijkaanpak.notifications.models import Notification

    note = Notification.objects.create(
        recipient=world.users["editor"], event="matrix", key="matrix:1", subject="Matrix", url="/"
    )
    world.values["editor_notification_id"] = note.pk


def _grant_app_roles(world: World) -> None:
    """Give personas the roles of the outreach app, on the demo campaign (docs/adr/0005)."""
    from wijkaanpak.accounts.services import organisation_membership_add
    from wijkaanpak.organisations.models import Organisation
    from wijkaanpak.outreach import services as outreach
    from wijkaanpak.outreach.models import (
        Address,
        Campaign,
        Commitment,
        Escalation,
        OutreachRoleKind,
        Referral,
    )

    users, programme = world.users, world["programme"]
    campaign = Campaign.objects.filter(programme=programme).order_by("pk").first()
    assert campaign is not None, "the outreach demo has a campaign"
    # Partner users belong to the two organisations that receive referrals in the demo.
    org_a = Organisation.objects.get(name="Mitros")
    org_b = Organisation.objects.get(name="DOCK")
    for persona, org in (("partner_a", org_a), ("partner_b", org_b)):
        users[persona].organisation_memberships.all().delete()
        organisation_membership_add(user=users[persona], organisation=org)
    outreach.campaign_worker_add(campaign=campaign, user=users["outreach_worker"])
    outreach.outreach_role_set(
        user=users["back_office"], programme=programme, role=OutreachRoleKind.BACK_OFFICE
    )
    outreach.outreach_role_set(
        user=users["privacy_officer"], programme=programme, role=OutreachRoleKind.PRIVACY_OFFICER
    )
    outreach.outreach_role_set(
        user=users["coach"], programme=programme, role=OutreachRoleKind.COACH
    )
    # A household referred to A only and one referred to B only, each with a unique name.
    ref_a = _only_referral_to(Referral, campaign, org_a, org_b, state="sent")
    ref_b = _only_referral_to(Referral, campaign, org_b, org_a, state="sent")
    household_a, household_b = ref_a.household, ref_b.household
    outreach.coach_assign(
        household=household_a, coach=users["coach"], version=household_a.version, by=SYSTEM
    )
    household_a.refresh_from_db()
    for household, name in (
        (household_a, "Fam. Matrixgeheim-A"),
        (household_b, "Fam. Matrixgeheim-B"),
    ):
        household.refresh_from_db()
        outreach.household_update(
            household=household, version=household.version, by=SYSTEM, display_name=name
        )
    household_a.refresh_from_db()
    world.private_markers.update(
        {
            "Fam. Matrixgeheim-A": {"outreach_worker", "coach", "partner_a", "privacy_officer"},
            "Fam. Matrixgeheim-B": {"outreach_worker", "partner_b", "privacy_officer"},
        }
    )
    commitment = Commitment.objects.filter(household=household_a).order_by("pk").first()
    if commitment is None:
        commitment = outreach.commitment_create(
            household=household_a,
            theme=outreach.theme_ensure(code="wonen", name="Wonen"),
            description="Matrix-afspraak",
            by=SYSTEM,
        )
    escalation = Escalation.objects.filter(campaign=campaign).order_by("pk").first()
    free_address = Address.objects.filter(campaign=campaign, households__isnull=True).first()
    world.values.update(
        campaign_id=campaign.pk,
        household_id=household_a.pk,
        household_version=household_a.version,
        referral_a_id=ref_a.pk,
        referral_a_version=ref_a.version,
        referral_b_id=ref_b.pk,
        commitment_id=commitment.pk,
        commitment_version=commitment.version,
        escalation_id=escalation.pk if escalation else 0,
        free_address_id=free_address.pk if free_address else 0,
        org_a_id=org_a.pk,
        org_a_slug=org_a.slug,
        org_b_id=org_b.pk,
        referral_a_unsent_id=_unsent_referral_to(Referral, campaign, org_a, household_a).pk,
    )


def _only_referral_to(Referral: Any, campaign: Any, org: Any, other: Any, state: str) -> Any:
    candidates = (
        Referral.objects.filter(campaign=campaign, organisation=org)
        .exclude(household__referrals__organisation=other)
        .order_by("state" if state else "pk", "pk")
    )
    return candidates.filter(state=state).first() or candidates.first()


def _unsent_referral_to(Referral: Any, campaign: Any, org: Any, coached: Any) -> Any:
    """A referral to `org` that was never sent (proposed, or withdrawn before sending), of a
    household the coach persona does not coach."""
    referral = (
        Referral.objects.filter(campaign=campaign, organisation=org, sent_at__isnull=True)
        .exclude(household=coached)
        .order_by("pk")
        .first()
    )
    assert referral is not None, "the outreach demo has unsent referrals to each organisation"
    return referral


def _team_values(world: World) -> None:
    """The programme set-up and team pages (team app): an ambition, a theme and an open
    invitation of the demo programme, with their versions."""
    from wijkaanpak.accounts.models import Invitation
    from wijkaanpak.team import services as team

    programme = world["programme"]
    ambition = programme.ambitions.order_by("number").first()
    assert ambition is not None, "the demo programme has ambitions"
    theme = programme.themes.order_by("pk").first() or team.theme_create(
        by=SYSTEM, programme=programme, name="Matrix-thema"
    )
    invitation = team.invitation_create(
        by=SYSTEM, programme=programme, email="uitgenodigd@example.org", role="editor"
    )
    world.values.update(
        ambition_id=ambition.pk,
        ambition_version=ambition.version,
        theme_id=theme.pk,
        theme_version=theme.version,
        invitation_id=invitation.pk,
        invitation_token=Invitation.token_for(invitation.secret),
        viewer_user_id=world.users["viewer"].pk,
        municipality_pk=programme.municipality_id,
        target_area_pk=programme.area_id,
    )


def _participation_values(world: World) -> None:
    """The participation app (issue 17): a public demo meeting organised by Mitros (partner A's
    organisation) with an open follow-up action, an internal meeting, a communication output,
    a published story with a photo, and a secret calendar address of the viewer."""
    import io

    from PIL import Image

    from wijkaanpak.participation import services as participation
    from wijkaanpak.participation.models import Activity, Channel, CommunicationOutput, Story

    programme = world["programme"]
    public = Activity.objects.get(programme=programme, title="Beroepenmarkt Bouw & Techniek")
    internal = Activity.objects.filter(programme=programme, public=False).order_by("pk").first()
    assert internal is not None, "the participation demo has internal meetings"
    follow_up = public.follow_ups.order_by("pk").first()
    assert follow_up is not None, "the demo meeting has a follow-up action"
    output = CommunicationOutput.objects.filter(programme=programme).order_by("pk").first()
    assert output is not None
    story = Story.objects.filter(programme=programme, published=True).order_by("pk").first()
    assert story is not None
    photo = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(photo, format="PNG")
    story = participation.story_update(story=story, image=photo.getvalue(), by=SYSTEM)
    _token, raw = participation.feed_token_create(programme=programme, by=world.users["viewer"])
    viewer_token = world.users["viewer"].calendar_feed_tokens.get()
    world.values.update(
        activity_id=public.pk,
        activity_version=public.version,
        internal_activity_id=internal.pk,
        follow_up_id=follow_up.pk,
        follow_up_version=follow_up.version,
        channel_id=Channel.objects.filter(programme=programme).order_by("pk").first().pk,
        output_id=output.pk,
        output_version=output.version,
        story_id=story.pk,
        story_version=story.version,
        feed_token=raw,
        feed_token_id=viewer_token.pk,
        plan_year=2020,
        media_quarter=1,
    )


def _residents(world: World) -> None:
    """Residents (issue 17): the ambassador persona is a registered ambassador of the programme
    (its light account replaces the plain user), a signal it sent with a photo, routed to
    partner_a's Mitros, and an application received by the 2020 fund."""
    import io

    from django.contrib.auth.models import AnonymousUser
    from PIL import Image

    from wijkaanpak.accounts.models import ApiToken
    from wijkaanpak.areas.models import Area
    from wijkaanpak.residents import services as residents
    from wijkaanpak.residents.models import SignalTheme
    from wijkaanpak.residents.selectors import fund_get

    programme = world["programme"]
    buurt = Area.objects.get(code="BU03440341")
    old = world.users["ambassador"]
    ApiToken.objects.filter(user=old).delete()
    ambassador = residents.ambassador_register(
        programme=programme,
        name="Matrix Ambassadeur Naam",
        email="matrix-ambassadeur@example.org",
        buurt=buurt,
        consent=True,
        username="matrix-ambassador-light",
        password="pw-ambassador-matrix",
        by=SYSTEM,
    )
    assert ambassador.user is not None
    raw = "matrix-token-ambassador"
    token = ApiToken.objects.create(
        user=ambassador.user, key_hash=ApiToken.hash(raw), two_factor=True
    )
    world.users["ambassador"] = ambassador.user
    world.tokens["ambassador"] = raw
    world.values["ambassador_token_id"] = token.pk
    theme = SignalTheme.objects.get(programme=programme, name="Woning en portiek")  # to Mitros
    photo = io.BytesIO()
    Image.new("RGB", (32, 24), (10, 120, 30)).save(photo, format="JPEG")
    photo.seek(0)
    signal = residents.signal_submit(
        programme=programme,
        theme=theme,
        buurt=buurt,
        description="Matrix: lift kapot",
        photo=photo,
        by=ambassador.user,
    )
    fund = fund_get(programme=programme, year=2020)
    application = residents.application_submit(
        fund=fund,
        title="Matrix-initiatief",
        place="Zambesidreef",
        audience="Bewoners",
        amount_asked=100,
        contact_name="Matrix Aanvrager Naam",
        contact_email="matrix-aanvrager@example.org",
        consent=True,
        by=AnonymousUser(),
    )
    granted = residents.application_submit(
        fund=fund,
        title="Matrix-toegekend",
        place="Tigrisdreef",
        audience="Kinderen",
        amount_asked=100,
        contact_name="Matrix Aanvrager Naam",
        contact_email="matrix-aanvrager@example.org",
        consent=True,
        by=AnonymousUser(),
    )
    granted = residents.application_transition(
        application=granted, to="in_review", version=granted.version, by=SYSTEM
    )
    granted = residents.application_transition(
        application=granted, to="granted", version=granted.version, amount=100, by=SYSTEM
    )
    photo.seek(0)
    granted_photo = residents.application_photo_add(application=granted, photo=photo, by=SYSTEM)
    world.values.update(
        granted_application_id=granted.pk,
        granted_photo_id=granted_photo.pk,
        residents_theme_id=theme.pk,
        residents_buurt_code=buurt.code,
        signal_id=signal.pk,
        signal_version=signal.version,
        signal_code=signal.code,
        application_id=application.pk,
        application_version=application.version,
        ambassador_id=ambassador.pk,
        ambassador_version=ambassador.version,
    )
    team = {"editor", "coordinator", "gemeente_utrecht"}
    world.private_markers.update(
        {
            "Matrix Ambassadeur Naam": team | {"ambassador"},
            "matrix-ambassadeur@example.org": team | {"ambassador"},
            "Matrix Aanvrager Naam": team,
            "matrix-aanvrager@example.org": team,
        }
    )
