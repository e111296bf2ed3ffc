"""Demo: campaign "Wonen en Kansen" (seed 002) with 724 synthetic households in Overvecht.

Everything is invented and deterministic: street names are Overvecht's, but names, house
numbers, postcodes and answers are generated. The figures reproduce the seed: 724 addresses,
564 reached, 459 interviewed, and the survey percentages (56% satisfied with their home …).
Idempotent: a second run only refreshes users and roles.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from wijkaanpak.accounts.services import demo_user_create, organisation_membership_add
from wijkaanpak.areas.models import Area
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.organisations.models import OrganisationType
from wijkaanpak.organisations.services import organisation_ensure
from wijkaanpak.outreach import services
from wijkaanpak.outreach.models import (
    Address,
    Answer,
    Campaign,
    Composition,
    ContactPreference,
    Conversation,
    Household,
    LegalBasis,
    OutreachRoleKind,
    ReferralState,
    Theme,
    VisitAttempt,
    VisitOutcome,
)
from wijkaanpak.programmes.models import Programme

CAMPAIGN = "Wonen en Kansen"
N_ADDRESSES, N_REACHED, N_INTERVIEWED = 724, 564, 459
# Addresses on the list that nobody has visited yet: the funnel's "visited" step differs from
# the list by more than the suppression threshold, so it shows a number (not "<5").
N_NOT_VISITED = 40

THEMES = [
    ("wonen", "Wonen, woonomgeving en leefbaarheid"),
    ("werk", "Werk in brede zin"),
    ("inkomen", "Inkomen"),
    ("welzijn", "Welzijn en ontmoeting"),
    ("gezondheid", "Gezondheid, beweging en opvoeding"),
    ("onderwijs", "Onderwijs"),
    ("vrije-tijd", "Vrije tijd"),
]

STREETS = [
    ("Nigerdreef", "3561"),
    ("Zambesidreef", "3562"),
    ("Tigrisdreef", "3562"),
    ("Wolgadreef", "3564"),
    ("Donaudreef", "3564"),
    ("Taagdreef", "3564"),
    ("Rubicondreef", "3564"),
    ("Zamenhofdreef", "3562"),
    ("Neckardreef", "3562"),
    ("Gambiadreef", "3564"),
]

#: The CBS buurt (2024 division) whose name carries the street; Nigerdreef and Gambiadreef are
#: named by no buurt and stay without one.
STREET_BUURT = {
    "Taagdreef": "BU03440311",
    "Rubicondreef": "BU03440311",
    "Wolgadreef": "BU03440312",
    "Donaudreef": "BU03440312",
    "Zamenhofdreef": "BU03440321",
    "Neckardreef": "BU03440322",
    "Zambesidreef": "BU03440341",
    "Tigrisdreef": "BU03440342",
}

SCALE = [
    {"value": "1", "label": "Zeer ontevreden"},
    {"value": "2", "label": "Ontevreden"},
    {"value": "3", "label": "Neutraal"},
    {"value": "4", "label": "Tevreden"},
    {"value": "5", "label": "Zeer tevreden"},
]
# (code, theme, text, type, positives out of 459, label of the percentage)
QUESTIONS: list[tuple[str, str, str, str, int, str]] = [
    (
        "tevreden-woning",
        "wonen",
        "Hoe tevreden bent u met uw woning?",
        "scale",
        257,
        "tevreden tot zeer tevreden met de woning",
    ),
    (
        "verbeteringen-nodig",
        "wonen",
        "Zijn er verbeteringen aan woningen en buurt nodig?",
        "yes_no",
        372,
        "vindt verbeteringen nodig",
    ),
    (
        "blijven-wonen",
        "wonen",
        "Wilt u in Overvecht blijven wonen?",
        "yes_no",
        266,
        "wil in Overvecht blijven wonen",
    ),
    (
        "kennen-elkaar-niet",
        "welzijn",
        "Mensen in deze buurt kennen elkaar niet. Eens?",
        "yes_no",
        188,
        "eens: mensen kennen elkaar niet",
    ),
    (
        "meedenken",
        "wonen",
        "Wilt u meedenken over de plannen voor de wijk?",
        "yes_no",
        184,
        "wil meedenken",
    ),
    (
        "verantwoordelijk-portiek",
        "wonen",
        "Voelt u zich verantwoordelijk voor uw portiek?",
        "yes_no",
        399,
        "voelt zich verantwoordelijk voor de portiek",
    ),
    ("veilig", "wonen", "Voelt u zich veilig in de wijk?", "yes_no", 303, "voelt zich veilig"),
    (
        "jongeren-overlast",
        "wonen",
        "Zorgen jongeren voor overlast?",
        "yes_no",
        230,
        "vindt dat jongeren voor overlast zorgen",
    ),
    ("wat-kan-beter", "wonen", "Wat kan er beter in uw buurt?", "text", 0, ""),
]

PARTNERS = [
    ("Mitros", OrganisationType.HOUSING_CORPORATION, "wonen", 5, 10),
    ("Portaal", OrganisationType.HOUSING_CORPORATION, "wonen", 5, 10),
    ("DOCK", OrganisationType.WELFARE, "welzijn", 7, 14),
    ("Buurtteam Sociaal", OrganisationType.NEIGHBOURHOOD_TEAM, "inkomen", 3, 7),
    ("UWV", OrganisationType.GOVERNMENT, "werk", 10, 20),
    ("ROC Midden Nederland", OrganisationType.SCHOOL, "onderwijs", 10, 20),
]

# Every state of the referral state machine, with the path to reach it.
PATHS: list[list[str]] = [
    [],
    ["sent"],
    ["sent", "accepted"],
    ["sent", "declined"],
    ["sent", "accepted", "first_contact"],
    ["sent", "accepted", "first_contact", "completed"],
    ["sent", "accepted", "first_contact", "completed"],
    ["sent", "stalled"],
    ["withdrawn"],
]

SYLLABLES_A = ["Ber", "Dal", "Kor", "Mes", "Nov", "Tal", "Vin", "Zon", "Hal", "Rim", "Sel", "Bor"]
SYLLABLES_B = ["ema", "huis", "stra", "ink", "ouw", "ing", "oza", "edi", "ani", "ert", "ova"]
START = dt.date(2026, 3, 2)


def _name(i: int) -> str:
    return f"Fam. {SYLLABLES_A[i % 12]}{SYLLABLES_B[(i * 7) % 11]}"


def load() -> None:
    programme = Programme.objects.get(slug="samen-voor-overvecht")
    area = Area.objects.get(code="WK034403")
    themes = {
        code: services.theme_ensure(code=code, name=name, order=i)
        for i, (code, name) in enumerate(THEMES, 1)
    }
    services.street_register(area=area, names=[s for s, _ in STREETS])
    campaign = services.campaign_create(
        programme=programme,
        area=area,
        name=CAMPAIGN,
        start_date=dt.date(2026, 3, 1),
        end_date=dt.date(2026, 12, 31),
        themes=list(themes.values()),
        retention_days=730,
        by=SYSTEM,
    )
    for order, (code, theme, text, qtype, _n, label) in enumerate(QUESTIONS):
        services.question_create(
            campaign=campaign,
            theme=themes[theme],
            code=code,
            text=text,
            type=qtype,
            options=SCALE if qtype == "scale" else [],
            positive_values=["4", "5"]
            if qtype == "scale"
            else ["yes"]
            if qtype == "yes_no"
            else [],
            positive_label=label,
            order=order,
        )
    orgs = {}
    for name, otype, _theme, accept, contact in PARTNERS:
        orgs[name] = organisation_ensure(name=name, type=otype)
        services.service_level_set(
            organisation=orgs[name],
            theme=None,
            days_to_accept=accept,
            days_to_first_contact=contact,
        )
    users = _users(programme, campaign, orgs)
    if not Address.objects.filter(campaign=campaign).exists():
        _fieldwork(campaign, themes, orgs, users)


def _users(programme: Programme, campaign: Campaign, orgs: dict[str, Any]) -> dict[str, Any]:
    users = {
        "veldwerker": demo_user_create(username="veldwerker", first_name="Vera", last_name="Veld"),
        "coach": demo_user_create(username="coach", first_name="Cas", last_name="Coach"),
        "mitros": demo_user_create(username="mitros", first_name="Mila", last_name="(Mitros)"),
        "dock": demo_user_create(username="dock", first_name="Daan", last_name="(DOCK)"),
        "backoffice": demo_user_create(
            username="backoffice", first_name="Bo", last_name="Backoffice"
        ),
        "privacy": demo_user_create(username="privacy", first_name="Pim", last_name="Privacy"),
    }
    services.campaign_worker_add(campaign=campaign, user=users["veldwerker"])
    organisation_membership_add(
        user=users["mitros"], organisation=orgs["Mitros"], job_title="Wijkconsulent"
    )
    organisation_membership_add(
        user=users["dock"], organisation=orgs["DOCK"], job_title="Opbouwwerker"
    )
    services.outreach_role_set(
        user=users["backoffice"], programme=programme, role=OutreachRoleKind.BACK_OFFICE
    )
    services.outreach_role_set(
        user=users["privacy"], programme=programme, role=OutreachRoleKind.PRIVACY_OFFICER
    )
    services.outreach_role_set(
        user=users["coach"], programme=programme, role=OutreachRoleKind.COACH
    )
    return users


def _spread(i: int, k: int, n: int, salt: int) -> bool:
    """Deterministically pick exactly k of n indices, spread over the range."""
    return ((i * 7919 + salt * 104729) % n) < k


def _fieldwork(
    campaign: Campaign, themes: dict[str, Theme], orgs: dict[str, Any], users: dict[str, Any]
) -> None:
    worker = users["veldwerker"]
    buurten = dict(
        Area.objects.filter(code__in=set(STREET_BUURT.values())).values_list("code", "pk")
    )
    addresses = []
    for i in range(N_ADDRESSES):
        street, pc4 = STREETS[i % len(STREETS)]
        number = 1 + (i // len(STREETS)) * 2
        addresses.append(
            Address(
                campaign=campaign,
                street=street,
                house_number=number,
                addition=["", "A", "B", "C"][i % 4] if i % 3 == 0 else "",
                postcode=f"{pc4}{'ABCDEFGHJK'[i % 10]}{'LMNPRSTVWX'[(i // 10) % 10]}",
                buurt_id=buurten.get(STREET_BUURT.get(street, "")),
            )
        )
    Address.objects.bulk_create(addresses)
    addresses = list(Address.objects.filter(campaign=campaign).order_by("id"))
    # Outcomes: the first 459 interviewed, the next 105 reached only, the rest not reached.
    not_reached: list[VisitOutcome | None] = (
        [None] * N_NOT_VISITED
        + [VisitOutcome.NOT_AT_HOME] * (110 - N_NOT_VISITED)
        + [VisitOutcome.REFUSED] * 30
        + [VisitOutcome.MOVED] * 12
        + [VisitOutcome.ADDRESS_NOT_FOUND] * 8
    )
    share = ["display_name", "address", "contact_preference", "composition"]
    households = [
        Household(
            campaign=campaign,
            address=a,
            display_name=_name(i),
            composition=list(Composition)[i % 5],
            contact_preference=list(ContactPreference)[i % 3],
            legal_basis=LegalBasis.CONSENT if i % 10 else LegalBasis.NONE,
            consent_date=START + dt.timedelta(days=i % 180) if i % 10 else None,
            consent_purpose="Doorverwijzing naar partners van Wonen en Kansen" if i % 10 else "",
            shared_fields=share if i % 10 else [],
        )
        for i, a in enumerate(addresses[:N_REACHED])
    ]
    Household.objects.bulk_create(households)
    households = list(Household.objects.filter(campaign=campaign).order_by("id"))
    coach_ids = [h.pk for h in households[:12]]
    Household.objects.filter(pk__in=coach_ids).update(coach=users["coach"])
    through = Household.share_with.through
    through.objects.bulk_create(
        [
            through(household_id=h.pk, organisation_id=o.pk)
            for i, h in enumerate(households)
            if i % 10
            for o in orgs.values()
        ]
    )
    visits = []
    for i, a in enumerate(addresses):
        day = START + dt.timedelta(days=(i * 3) % 200)
        household = households[i] if i < N_REACHED else None
        outcome = (
            VisitOutcome.INTERVIEWED
            if i < N_INTERVIEWED
            else VisitOutcome.REACHED
            if i < N_REACHED
            else not_reached[i - N_REACHED]
        )
        if outcome is None:
            continue  # not visited yet
        if i % 2:
            visits.append(
                VisitAttempt(
                    campaign=campaign,
                    address=a,
                    household=household,
                    date=day - dt.timedelta(days=7),
                    worker=worker,
                    outcome=VisitOutcome.NOT_AT_HOME,
                )
            )
        visits.append(
            VisitAttempt(
                campaign=campaign,
                address=a,
                household=household,
                date=day,
                worker=worker,
                outcome=outcome,
            )
        )
    VisitAttempt.objects.bulk_create(visits)
    services.address_outcomes_refresh(campaign=campaign)
    interviews = {
        v.address_id: v
        for v in VisitAttempt.objects.filter(campaign=campaign, outcome=VisitOutcome.INTERVIEWED)
    }
    conversations = [
        Conversation(
            campaign=campaign,
            household=h,
            visit=interviews[h.address_id or 0],
            date=interviews[h.address_id or 0].date,
            worker=worker,
        )
        for h in households[:N_INTERVIEWED]
    ]
    Conversation.objects.bulk_create(conversations)
    conversations = list(Conversation.objects.filter(campaign=campaign).order_by("household_id"))
    theme_list = list(themes.values())
    through_t = Conversation.themes.through
    through_t.objects.bulk_create(
        [
            through_t(conversation_id=c.pk, theme_id=theme_list[(i + k) % 7].pk)
            for i, c in enumerate(conversations)
            for k in range(1 + i % 3)
        ]
    )
    questions = {q.code: q for q in campaign.questions.all()}
    answers = []
    for salt, (code, _t, _text, qtype, k, _l) in enumerate(QUESTIONS, 1):
        q = questions[code]
        for i, c in enumerate(conversations):
            positive = _spread(i, k, N_INTERVIEWED, salt)
            if qtype == "scale":
                value = ("4", "5")[i % 2] if positive else ("1", "2", "3")[i % 3]
            elif qtype == "yes_no":
                value = "yes" if positive else "no"
            elif i % 9:
                continue
            else:
                value = [
                    "Meer groen",
                    "Betere verlichting in de portiek",
                    "Speelplek voor kinderen",
                ][i % 3]
            answers.append(Answer(conversation=c, question=q, value=value))
    Answer.objects.bulk_create(answers)
    _agreements_and_referrals(campaign, households, themes, orgs, users)


def _agreements_and_referrals(
    campaign: Campaign,
    households: list[Household],
    themes: dict[str, Theme],
    orgs: dict[str, Any],
    users: dict[str, Any],
) -> None:
    org_list = list(orgs.values())
    consenting = [h for i, h in enumerate(households[:N_INTERVIEWED]) if i % 10]
    for i, h in enumerate(consenting[:240]):
        org = org_list[i % len(org_list)]
        theme = themes[PARTNERS[i % len(PARTNERS)][2]]
        services.commitment_create(
            household=h,
            theme=theme,
            organisation=org,
            description=f"Afspraak over {theme.name.lower()} met {org.name}",
            due_date=START + dt.timedelta(days=60 + i % 120),
            by=SYSTEM,
        )
    base = timezone.make_aware(dt.datetime(2026, 4, 1, 10, 0))
    for i, h in enumerate(consenting[:162]):
        org_name, _type, theme_code, _a, _c = PARTNERS[i % len(PARTNERS)]
        referral = services.referral_create(
            household=h,
            organisation=orgs[org_name],
            theme=themes[theme_code],
            by=SYSTEM,
            reason="Warme overdracht na gesprek achter de voordeur",
        )
        at = base + dt.timedelta(days=i % 150)
        for step, to in enumerate(PATHS[(i // len(PARTNERS)) % len(PATHS)]):
            note = (
                "Geen passend aanbod; verwezen naar buurtteam"
                if to == ReferralState.DECLINED
                else ""
            )
            referral = services.referral_transition(
                referral=referral,
                to=to,
                by=SYSTEM,
                note=note,
                at=at + dt.timedelta(days=3 * (step + 1) + i % 5),
            )
    services.escalation_create(
        campaign=campaign,
        household=households[3],
        category="waiting_list",
        by=SYSTEM,
        needed="Urgentie voor passende woning; wachtlijst van twee jaar bij gezin met vijf kinderen",
        raised_on=dt.date(2026, 5, 12),
    )
    escalation = services.escalation_create(
        campaign=campaign,
        household=households[7],
        category="money",
        by=SYSTEM,
        needed="Schuldhulp loopt vast op ontbrekende inkomensgegevens",
        raised_on=dt.date(2026, 4, 20),
    )
    services.escalation_resolve(
        escalation=escalation,
        resolution="Backoffice heeft gegevens bij Werk en Inkomen opgevraagd",
        by=SYSTEM,
        resolved_on=dt.date(2026, 5, 2),
    )
