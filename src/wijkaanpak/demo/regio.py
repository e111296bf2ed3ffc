"""The demo's second municipality and the programme lineage (issue 13; docs/demo.md).

- Zeist (GM0355) with programme Vollenhove, the third neighbourhood of the Regio Deal vitale
  wijken (seed 001, voorwoord: Overvecht, Batau and Vollenhove). Area codes from the CBS files
  in ../shared/data: buurt BU03550205 "Vollenhove" (buurtenrecommender_buurten_provincie_utrecht
  .csv, columns buurt_code and regio) in wijk WK035502 "Wijk 02 Zeist-Noord" of gemeente GM0355
  Zeist (wijk_2016_6.geojson, properties WKC, WKN, GMC, GMN). Its ambitions, kansen, coalitions
  and amounts are invented for the demo and say so in their descriptions.
- The predecessor programme De Versnelling in Overvecht (2016–2019, seed 000): its five pillars
  as ambitions, the initiatives under each as kansen, poverty as its cross-cutting theme; Samen
  voor Overvecht continues it, each ambition linked to the pillars it took over.
- Users: the coordinator of Vollenhove, a municipality administrator per municipality and the
  installation's data steward (password as the other demo users).

Idempotent, through the services as the system, like every app's demo step (docs/adr/0009).
"""

from __future__ import annotations

import datetime as dt

from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.accounts.services import (
    data_steward_set,
    demo_user_create,
    municipality_membership_set,
    programme_membership_set,
)
from wijkaanpak.areas.models import Area, AreaLevel
from wijkaanpak.areas.services import area_create_or_update
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.finance.models import BudgetLine, FundingSource
from wijkaanpak.finance.services import (
    budget_funding_set,
    budget_line_create,
    budget_set,
    funding_share_set,
)
from wijkaanpak.opportunities.models import (
    CoalitionRole,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
)
from wijkaanpak.opportunities.services import (
    coalition_member_set,
    opportunity_create,
    opportunity_transition,
    progress_update_create,
)
from wijkaanpak.organisations.models import Organisation, OrganisationType
from wijkaanpak.organisations.services import organisation_create_or_update
from wijkaanpak.programmes.models import Ambition, Programme, Theme
from wijkaanpak.programmes.services import (
    ambition_create_or_update,
    programme_create_or_update,
    programme_lineage_set,
    theme_create_or_update,
)

EXAMPLE = "Voorbeeldgegevens: verzonnen voor de demo, niet uit een bron."

ZEIST_SLUG = "vollenhove"
VERSNELLING_SLUG = "de-versnelling-in-overvecht"
OVERVECHT_SLUG = "samen-voor-overvecht"

# (number, short name, name, icon, colour) — invented for the demo.
ZEIST_AMBITIONS = [
    (1, "Wonen", "Prettig wonen in Vollenhove", "home", "#00689e"),
    (2, "Jeugd", "Kansen voor kinderen en jongeren", "child", "#e17000"),
    (3, "Meedoen", "Iedereen doet mee", "briefcase", "#6b4c9a"),
]

# (title, ambitions, start, coalition [(organisation, role)], progress) — invented.
ZEIST_KANSEN = [
    (
        "Buurtkamer Vollenhove",
        [1, 3],
        dt.date(2021, 3, 1),
        [
            ("Portaal", CoalitionRole.LEAD),
            ("Gemeente Zeist", CoalitionRole.PARTNER),
            ("Rabobank", CoalitionRole.FUNDER),
        ],
        (dt.date(2021, 9, 15), "Ruimte gevonden in de plint van een flat; eerste inloopochtend."),
    ),
    (
        "Schuldhulp aan de keukentafel",
        [3],
        dt.date(2021, 5, 1),
        [("Gemeente Zeist", CoalitionRole.LEAD), ("Portaal", CoalitionRole.PARTNER)],
        (dt.date(2021, 11, 1), "Huurachterstanden eerder in beeld door afspraken met Portaal."),
    ),
    (
        "Veilig naar school",
        [2],
        dt.date(2021, 8, 15),
        [("Gemeente Zeist", CoalitionRole.LEAD), ("Politie", CoalitionRole.PARTNER)],
        (dt.date(2021, 10, 1), "Oversteekplaatsen bij de scholen samen met ouders bekeken."),
    ),
]

# Seed 000: the five pillars of De Versnelling in Overvecht and the initiatives under each.
PILLARS = [
    (
        1,
        "Gezonde wijk",
        "heart",
        "#39870c",
        [
            "Gezonde leefstijl - Vitaal in Overvecht",
            "Alliantie Gezonde Wijk Utrecht",
            "LEFF voor kinderen boven gezond gewicht",
            "Ouder-babygroepen",
            "Uitbreiding jeugdgezondheidszorg",
        ],
    ),
    (
        2,
        "Samenleven en zorg",
        "home",
        "#00689e",
        [
            "Extra inzet Buurteams Sociaal",
            "Bijenkorven - ontmoetingsplekken (De Klop, Burezina, De Dreef)",
            "Al Amal - Sociale cohesie versterken",
            "Taalalliantie",
            "Thuis in Overvecht (Wijk&Co)",
            "Verenigingsmanagement Vechtzoom",
        ],
    ),
    (
        3,
        "Opvoeden en opgroeien",
        "child",
        "#e17000",
        [
            "Extra inzet Buurteams Jeugd en Gezin",
            "Begeleiding risicojongeren",
            "Alliantie Vreedzaam Opvoeden en Opgroeien",
            "Aanpak 'thuiszitters'",
            "Nieuwe impuls vreedzame wijk en versterken ouderbetrokkenheid",
        ],
    ),
    (
        4,
        "Werk en ondernemerschap",
        "briefcase",
        "#6b4c9a",
        [
            "Vooruitgeschoven post Werk en Inkomen",
            "Extra Wijkcontactdagen (6 weken)",
            "Stagestraat",
            "Positive",
            "Power by peers",
            "Werken aan Werk beter aansluiten",
        ],
    ),
    (
        5,
        "Veiligheid",
        "shield",
        "#c0392b",
        [
            "Uitbreiding aanpak jeugdgroepen",
            "BOA's speciaal voor Overvecht",
            "Voorkomen van polarisatie en radicalisering",
            "Aanpak ondermijnende criminaliteit",
        ],
    ),
]

# Structural extra capacity that outlived the programme: recorded as long-running work; the other
# initiatives as completed when De Versnelling ended. The seed gives no end per initiative.
LONG_RUNNING = {
    "Extra inzet Buurteams Sociaal",
    "Extra inzet Buurteams Jeugd en Gezin",
    "Vooruitgeschoven post Werk en Inkomen",
    "BOA's speciaal voor Overvecht",
}
VERSNELLING_START = dt.date(2016, 1, 15)  # "begin 2016" (seed 000; docs/demo.md, Dates)
VERSNELLING_END = dt.date(2019, 12, 31)

# Samen voor Overvecht's ambitions (seed 001) and the pillars of seed 000 each took over: the
# project's reading of the two documents (docs/demo.md, "Lineage").
CONTINUES = {
    1: [2],  # Plezierig wonen in een meer gemengde wijk <- Samenleven en zorg
    2: [3],  # Perspectief voor jeugd <- Opvoeden en opgroeien
    3: [5],  # Veilige buurten <- Veiligheid
    4: [1, 2],  # Zorg dichtbij <- Gezonde wijk, Samenleven en zorg
    5: [4],  # Meedoen & Ondernemen <- Werk en ondernemerschap
}

# username, first name, last name
USERS = [
    ("coordinator-zeist", "Zara", "Coördinator Zeist"),
    ("gemeente-utrecht", "Ulla", "Beheerder Utrecht"),
    ("gemeente-zeist", "Zeger", "Beheerder Zeist"),
    ("databeheerder", "Daan", "Databeheerder"),
]


def load() -> None:
    zeist, vollenhove = _areas()
    programme = _zeist_programme(zeist, vollenhove)
    _zeist_finance(programme)
    _lineage()
    _users(programme, zeist)


def _areas() -> tuple[Area, Area]:
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
    return zeist, vollenhove


def _zeist_programme(zeist: Area, vollenhove: Area) -> Programme:
    programme = programme_create_or_update(
        slug=ZEIST_SLUG,
        name="Vollenhove",
        municipality=zeist,
        area=vollenhove,
        start_year=2020,
        description=(
            "Wijkaanpak in Vollenhove (Zeist), een van de drie wijken van de Regio Deal vitale "
            f"wijken met Overvecht en Batau. {EXAMPLE}"
        ),
    )
    for number, short, name, icon, colour in ZEIST_AMBITIONS:
        ambition_create_or_update(
            programme=programme,
            number=number,
            short_name=short,
            name=name,
            icon=icon,
            colour=colour,
            description=EXAMPLE,
        )
    if not Organisation.objects.filter(name="Gemeente Zeist").exists():
        organisation_create_or_update(
            name="Gemeente Zeist", type=OrganisationType.MUNICIPALITY, description=EXAMPLE
        )
    organisations = {o.name: o for o in Organisation.objects.all()}
    ambitions = {a.number: a for a in programme.ambitions.all()}
    for title, numbers, start, coalition, (date, text) in ZEIST_KANSEN:
        kans = Opportunity.objects.filter(programme=programme, title=title).first()
        if kans is None:
            kans = opportunity_create(
                programme=programme,
                title=title,
                description=EXAMPLE,
                ambitions=[ambitions[n] for n in numbers],
                area=vollenhove,
                start_date=start,
                by=SYSTEM,
            )
        for name, role in coalition:
            coalition_member_set(
                opportunity=kans, organisation=organisations[name], role=role, by=SYSTEM
            )
        if not kans.progress_updates.filter(date=date, text=text).exists():
            progress_update_create(opportunity=kans, date=date, text=text, by=SYSTEM)
    return programme


def _zeist_finance(programme: Programme) -> None:
    """Co-funded from the shared Regio Deal sources (finance/demo.py makes them): Vollenhove's
    share is linked to its programme, and its 2021 budget draws on them (invented amounts)."""
    sources = list(FundingSource.objects.filter(name__startswith="Regio Deal vitale wijken"))
    for source in sources:
        funding_share_set(
            source=source,
            recipient="Vollenhove (Zeist)",
            programme=programme,
            note="Verdeling wordt uitgewerkt in het convenant met rijk en regio.",
        )
    budget = budget_set(programme=programme, year=2021, amount=400_000, note=EXAMPLE, by=SYSTEM)
    for source in sources:
        budget_funding_set(budget=budget, source=source, amount=200_000, by=SYSTEM)
    for order, (title, amount) in enumerate(
        (("Buurtkamer Vollenhove", 150_000), ("Schuldhulp aan de keukentafel", 250_000)), 1
    ):
        if not BudgetLine.objects.filter(budget=budget, subject=title).exists():
            budget_line_create(
                budget=budget,
                subject=title,
                amount=amount,
                opportunity=Opportunity.objects.filter(programme=programme, title=title).first(),
                note=EXAMPLE,
                order=order,
                by=SYSTEM,
            )


def _lineage() -> None:
    overvecht = Programme.objects.get(slug=OVERVECHT_SLUG)
    versnelling = programme_create_or_update(
        slug=VERSNELLING_SLUG,
        name="De Versnelling in Overvecht",
        municipality=overvecht.municipality,
        area=overvecht.area,
        start_year=2016,
        description=(
            "De aanpak van 2016 tot en met 2019: niet wachten op de hulpvraag maar erop af, "
            "bewoners doen mee, vitale coalities. Vijf pijlers; armoede is een thema binnen "
            "alle pijlers (seed 000)."
        ),
    )
    programme_lineage_set(programme=versnelling, predecessor=None, end_year=2019)
    poverty = theme_create_or_update(
        programme=versnelling,
        name="Armoede",
        description="Armoede is een thema binnen alle pijlers (seed 000).",
    )
    pillars: dict[int, Ambition] = {}
    for number, name, icon, colour, initiatives in PILLARS:
        pillar = pillars[number] = ambition_create_or_update(
            programme=versnelling,
            number=number,
            short_name=name[:60],
            name=name,
            icon=icon,
            colour=colour,
            description="Pijler van De Versnelling in Overvecht (seed 000).",
        )
        for title in initiatives:
            _initiative(versnelling, pillar, poverty, title)
    ambitions = {a.number: a for a in overvecht.ambitions.all()}
    programme_lineage_set(
        programme=overvecht,
        predecessor=versnelling,
        continues={
            ambitions[n]: [pillars[p] for p in ps] for n, ps in CONTINUES.items() if n in ambitions
        },
    )


def _initiative(programme: Programme, pillar: Ambition, poverty: Theme, title: str) -> None:
    kans = Opportunity.objects.filter(programme=programme, title=title).first()
    if kans is None:
        kans = opportunity_create(
            programme=programme,
            title=title,
            kind=OpportunityKind.KANS,
            description=f"Initiatief onder de pijler {pillar.name} (seed 000).",
            ambitions=[pillar],
            themes=[poverty],
            area=programme.area,
            start_date=VERSNELLING_START,
            by=SYSTEM,
        )
    if kans.status != OpportunityStatus.ACTIVE:
        return
    if title in LONG_RUNNING:
        to, reason = (
            OpportunityStatus.LONG_RUNNING,
            "Loopt na De Versnelling door als langjarig werk (de seed noemt geen einddatum).",
        )
    else:
        to, reason = (
            OpportunityStatus.COMPLETED,
            "Afgesloten met het einde van De Versnelling in 2019 (de seed noemt geen "
            "einddatum per initiatief).",
        )
    opportunity_transition(opportunity=kans, to=to, on=VERSNELLING_END, reason=reason, by=SYSTEM)


def _users(programme: Programme, zeist: Area) -> None:
    made = {
        username: demo_user_create(username=username, first_name=first, last_name=last)
        for username, first, last in USERS
    }
    programme_membership_set(
        user=made["coordinator-zeist"], programme=programme, role=ProgrammeRole.COORDINATOR
    )
    utrecht = Programme.objects.get(slug=OVERVECHT_SLUG).municipality
    municipality_membership_set(user=made["gemeente-utrecht"], municipality=utrecht)
    municipality_membership_set(user=made["gemeente-zeist"], municipality=zeist)
    data_steward_set(user=made["databeheerder"])
