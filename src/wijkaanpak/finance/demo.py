"""Demo money of "Samen voor Overvecht": the 2019 and 2020 tables of seed 001, section 5,
line for line (x 1,000 euro in the seed, whole euros here), and the Regio Deal (voorwoord).

Links to organisations and kansen follow the names in the lines. Kansen are matched at load
time by case-insensitive title containment, so a kans that the kansen demo does not (yet)
create leaves the link empty. The ambitions per line are the demo's reading of what each line
pays for; the seed does not state them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.finance.models import (
    BudgetLine,
    FundingKind,
    FundingSource,
    LineKind,
    LineStatus,
)
from wijkaanpak.finance.services import (
    budget_funding_set,
    budget_line_create,
    budget_line_update,
    budget_set,
    funding_share_set,
    funding_source_create_or_update,
)
from wijkaanpak.opportunities.models import Opportunity
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.organisations.models import OrganisationType as T
from wijkaanpak.organisations.services import organisation_create_or_update
from wijkaanpak.programmes.models import Programme

SLUG = "samen-voor-overvecht"
MUNICIPAL_BUDGET = 3_000_000

# Organisations named by the lines: name -> type.
ORGANISATIONS = {
    "DOCK": T.WELFARE,
    "Buurtteam Jeugd en Gezin": T.NEIGHBOURHOOD_TEAM,
    "Buurtteam Sociaal": T.NEIGHBOURHOOD_TEAM,
    "Al Amal": T.WELFARE,
    "Jongerenwerk Utrecht": T.WELFARE,
    "Jeugdgezondheidszorg": T.HEALTH,
    "Sport Utrecht": T.FOUNDATION,
    "Taal Doet Meer": T.FOUNDATION,
    "Pozitive": T.COMPANY,
    "Spelenderwijs": T.FOUNDATION,
    "DOK030": T.FOUNDATION,
    "Power by Peers": T.COMPANY,
    "TEC Utrecht": T.FOUNDATION,
    "Werk & Inkomen": T.MUNICIPALITY,
    "Big Brother Big Sister": T.FOUNDATION,
    "Bijenkorf de Bram": T.FOUNDATION,
}

PROCESS = "Proceskosten (programmamanagement, communicatie, monitoring, bijeenkomsten)"

# (subject, x 1,000 euro, organisation, kans title fragment, ambition numbers, status)
A, NS, UN = LineStatus.ALLOCATED, LineStatus.NOT_SPENT, LineStatus.UNALLOCATED
LINES_2019 = [
    ("DOCK", 255, "DOCK", None, [4, 5], A),
    ("Buurtteam Jeugd en Gezin", 253, "Buurtteam Jeugd en Gezin", None, [2, 4], A),
    ("Buurtteam Sociaal", 238, "Buurtteam Sociaal", None, [4], A),
    ("Al Amal", 191, "Al Amal", None, [2], A),
    ("Jongerenwerk Utrecht", 214, "Jongerenwerk Utrecht", None, [2], A),
    ("Wijkboa’s", 192, None, None, [3], A),
    ("Jeugdgezondheidszorg", 170, "Jeugdgezondheidszorg", None, [2, 4], A),
    ("Aanpak ondermijning", 106, None, None, [3], A),
    ("Fysieke ingrepen verkeer/veiligheid", 89, None, None, [3], A),
    ("Spreekuren in de wijk Werk & Inkomen", 90, "Werk & Inkomen", None, [5], A),
    ("Sport Utrecht", 87, "Sport Utrecht", None, [2, 4], A),
    ("Taalalliantie (via Taal Doet Meer)", 77, "Taal Doet Meer", None, [5], A),
    ("Pozitive", 68, "Pozitive", "Pozitive", [5], A),
    ("Spelenderwijs", 60, "Spelenderwijs", None, [2], A),
    ("DOK 030", 56, "DOK030", None, [5], A),
    ("Extra inzet Ruimte", 80, None, None, [1], A),
    ("Overvecht gezond", 45, None, None, [4], A),
    ("Brede School", 40, None, None, [2], A),
    ("Nieuw Overvecht", 36, None, "Bedrijventerrein Nieuw-Overvecht", [5], A),
    ("Techniek Experience Center", 33, "TEC Utrecht", None, [2], A),
    ("Big brother big sister", 30, "Big Brother Big Sister", "Big Brother", [2], A),
    ("Ontwikkeling Overvecht Centrum", 43, None, "Centrumgebied", [1, 3], A),
    ("Wij 3.0", 28, None, None, [2], A),
    (
        "Onderzoek Watertoren in Gagelpark en haalbaarheidsonderzoek Gagelstede",
        29,
        None,
        "Gagelsteede",
        [1],
        A,
    ),
    ("Buurtaanpak THEMA dreven", 27, None, "Buurtaanpak", [1], A),
    ("Alliantie gezonde wijk", 25, None, None, [4], A),
    ("Power by Peers", 18, "Power by Peers", None, [5], A),
    ("Gezondheidscentrum Amazone", 15, None, "Gezondheidscentrum Amazone", [4], A),
    ("Bewonersverbinder", 13, None, None, [1], A),
    ("Buurtambassadeurs Kwazega (buurtaanpak Zambesibuurt)", 11, None, "Buurtaanpak", [1], A),
    ("Aanpak garageboxen", 10, None, None, [3], A),
    ("Bijenkorf de Bram/Ondernemershuis", 40, "Bijenkorf de Bram", None, [5], A),
    (PROCESS, 296, None, None, [], A),
    ("Niet besteed", 35, None, None, [], NS),
]
LINES_2020 = [
    ("DOCK", 220, "DOCK", None, [4, 5], A),
    ("Buurtteam Jeugd en Gezin", 253, "Buurtteam Jeugd en Gezin", None, [2, 4], A),
    ("Buurtteam Sociaal", 272, "Buurtteam Sociaal", None, [4], A),
    ("Al Amal", 151, "Al Amal", None, [2], A),
    ("Jongerenwerk Utrecht", 214, "Jongerenwerk Utrecht", None, [2], A),
    ("Inzet wijkboa’s", 195, None, None, [3], A),
    ("Jeugdgezondheidszorg", 154, "Jeugdgezondheidszorg", None, [2, 4], A),
    ("Aanpak ondermijning", 86, None, None, [3], A),
    ("Fysieke aanpakken", 21, None, None, [3], A),
    ("Spreekuren in de wijk Werk&Inkomen", 90, "Werk & Inkomen", None, [5], A),
    ("Sport Utrecht", 43, "Sport Utrecht", None, [2, 4], A),
    ("Taalalliantie (via Taal Doet Meer)", 78, "Taal Doet Meer", None, [5], A),
    ("Pozitive", 30, "Pozitive", "Pozitive", [5], A),
    ("Spelenderwijs", 20, "Spelenderwijs", None, [2], A),
    ("DOK030", 58, "DOK030", None, [5], A),
    ("Brede school Overvecht", 36, None, None, [2], A),
    ("Ontwikkeling Overvecht Centrum", 46, None, "Centrumgebied", [1, 3], A),
    ("Buurtaanpak THEMA dreven", 46, None, "Buurtaanpak", [1], A),
    ("Power by Peers", 35, "Power by Peers", None, [5], A),
    ("Bewonersverbinder", 28, None, None, [1], A),
    ("Inzet buurtambassadeurs (kwazega)", 6, None, "Buurtaanpak", [1], A),
    ("Veelzijdig wonen", 52, None, "Veelzijdig wonen", [1], A),
    ("Bewonersinitiatieven", 100, None, None, [1], A),
    ("Ondernemershuis", 10, "Bijenkorf de Bram", None, [5], A),
    ("Focus op Overvecht", 70, None, "Focus op Overvecht", [2, 5], A),
    (PROCESS, 300, None, None, [], A),
    ("Nog in te vullen", 386, None, None, [], UN),
]
TABLES = {2019: (LINES_2019, 3_000_000, "budget"), 2020: (LINES_2020, 2_614_000, "allocated")}


def _kans(programme: Programme, fragment: str | None) -> Opportunity | None:
    """The kans whose title contains the fragment, or the fragment the title (any case)."""
    if not fragment:
        return None
    found = Opportunity.objects.filter(programme=programme, title__icontains=fragment).order_by(
        "pk"
    )
    if found:
        return found[0]
    for kans in Opportunity.objects.filter(programme=programme).order_by("pk"):
        if kans.title.lower() in fragment.lower():
            return kans
    return None


def _funding(programme: Programme) -> FundingSource:
    municipal = funding_source_create_or_update(
        name="Gemeente Utrecht — Samen voor Overvecht",
        kind=FundingKind.MUNICIPALITY,
        description="In 2019 en 2020 jaarlijks 3 miljoen euro vanuit de gemeente (seed 001, §5).",
    )
    state = funding_source_create_or_update(
        name="Regio Deal vitale wijken — rijksbijdrage",
        kind=FundingKind.STATE,
        total_amount=15_000_000,
        description=(
            "Kabinet stemde op 14 februari 2020 in met de Regio Deal vitale wijken Overvecht, "
            "Batau en Vollenhove: €15 miljoen voor de drie wijken."
        ),
    )
    region = funding_source_create_or_update(
        name="Regio Deal vitale wijken — regionale cofinanciering",
        kind=FundingKind.REGION,
        total_amount=15_000_000,
        description=(
            "Gelijke cofinanciering door de regio: de drie gemeentes en de provincie samen."
        ),
    )
    note = "Verdeling wordt uitgewerkt in het convenant met rijk en regio."
    for source in (state, region):
        funding_share_set(
            source=source, recipient="Overvecht (Utrecht)", programme=programme, note=note
        )
        funding_share_set(source=source, recipient="Batau (Nieuwegein)", note=note)
        funding_share_set(source=source, recipient="Vollenhove (Zeist)", note=note)
    return municipal


def load() -> None:
    programme = Programme.objects.get(slug=SLUG)
    for name, type_ in ORGANISATIONS.items():
        if not Organisation.objects.filter(name=name).exists():
            organisation_create_or_update(
                name=name,
                type=type_,
                description=(
                    "Ontvanger in de begroting van Samen voor Overvecht "
                    "(voortgangsrapportage april 2020, §5)."
                ),
            )

    organisations = {o.name: o for o in Organisation.objects.filter(name__in=ORGANISATIONS)}
    ambitions = {a.number: a for a in programme.ambitions.all()}
    municipal = _funding(programme)
    for year, (rows, printed, means) in TABLES.items():
        budget = budget_set(
            programme=programme,
            year=year,
            amount=MUNICIPAL_BUDGET,
            printed_total=printed,
            printed_total_means=means,
            by=SYSTEM,
        )
        budget_funding_set(budget=budget, source=municipal, amount=MUNICIPAL_BUDGET, by=SYSTEM)
        subjects = [row[0] for row in rows]
        BudgetLine.objects.filter(budget=budget).exclude(subject__in=subjects).filter(
            Q(realisations__isnull=True)
        ).delete()
        for order, (subject, thousands, org, kans, numbers, status) in enumerate(rows, start=1):
            fields: dict[str, Any] = {
                "amount": thousands * 1000,
                "kind": LineKind.PROCESS if subject == PROCESS else LineKind.REGULAR,
                "status": status,
                "organisation": organisations.get(org) if org else None,
                "opportunity": _kans(programme, kans),
                "ambitions": [ambitions[n] for n in numbers if n in ambitions],
            }
            line = BudgetLine.objects.filter(budget=budget, subject=subject).first()
            if line is None:
                line = budget_line_create(
                    budget=budget, subject=subject, order=order, by=SYSTEM, **fields
                )
            else:
                budget_line_update(line=line, by=SYSTEM, **fields)
            if line.order != order:
                BudgetLine.objects.filter(pk=line.pk).update(order=order)
