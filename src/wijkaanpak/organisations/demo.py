"""Demo organisations: the partners that seed 001 (Voortgangsrapportage Samen voor Overvecht,
april 2020) names in its kansen (section 2), long-running work (section 3) and budget tables
(section 5), plus the pillars of seed 000. Names are short and canonical, as the seed writes
them; where the seed spells a name in several ways one spelling was chosen (see docs/demo.md).

Other apps refer to these organisations by name through `ORGANISATIONS` and
`organisations.services.organisation_ensure`.
"""

from __future__ import annotations

from wijkaanpak.organisations.models import OrganisationType as T
from wijkaanpak.organisations.services import organisation_create_or_update

# (canonical name, type, one-line Dutch description)
DIRECTORY: tuple[tuple[str, T, str], ...] = (
    # Government
    (
        "Gemeente Utrecht",
        T.MUNICIPALITY,
        "Gemeente; trekker van Samen voor Overvecht, met 3 miljoen euro per jaar in 2019 en 2020.",
    ),
    (
        "Werk & Inkomen",
        T.MUNICIPALITY,
        "Afdeling van de gemeente Utrecht voor werk, inkomen en schuldregelen; spreekuren in de wijk.",
    ),
    (
        "Provincie Utrecht",
        T.GOVERNMENT,
        "Provincie; partner bij het Groene Lint en medefinancier van de Regio Deal.",
    ),
    (
        "Kansen voor West",
        T.GOVERNMENT,
        "Europees subsidieprogramma (EFRO) dat TEC Utrecht financiert.",
    ),
    ("UWV", T.GOVERNMENT, "Uitvoeringsinstituut werknemersverzekeringen; frontoffice Werkwinkel."),
    ("KvK", T.GOVERNMENT, "Kamer van Koophandel; mede-organisator van de ondernemersdag 2019."),
    (
        "Staatsbosbeheer",
        T.GOVERNMENT,
        "Natuurbeheerder; legde met partners de kinderroute naar het Gagelbos aan.",
    ),
    # Housing corporations
    (
        "Mitros",
        T.HOUSING_CORPORATION,
        "Woningcorporatie; renoveert de CJ-dreven en THEMA-dreven met sociaal renoveren.",
    ),
    (
        "Portaal",
        T.HOUSING_CORPORATION,
        "Woningcorporatie; anders toewijzen aan de Bangkokdreef en veelzijdig wonen.",
    ),
    (
        "Bo-Ex",
        T.HOUSING_CORPORATION,
        "Woningcorporatie; sloop en nieuwbouw aan de Ivoordreef.",
    ),
    # Neighbourhood teams
    (
        "Buurtteam Sociaal",
        T.NEIGHBOURHOOD_TEAM,
        "Buurtteam voor volwassenen; extra inzet in Overvecht sinds De Versnelling.",
    ),
    (
        "Buurtteam Jeugd en Gezin",
        T.NEIGHBOURHOOD_TEAM,
        "Buurtteam voor kinderen, jongeren en gezinnen; extra inzet in Overvecht.",
    ),
    # Welfare
    ("DOCK", T.WELFARE, "Welzijnsorganisatie; huisbezoeken en werken met sterke bewoners."),
    ("Al Amal", T.WELFARE, "Welzijnsorganisatie die de sociale cohesie in Overvecht versterkt."),
    ("Jongerenwerk Utrecht", T.WELFARE, "Jongerenwerk in Utrecht (Stichting JoU)."),
    (
        "U Centraal",
        T.WELFARE,
        "Bemant het spreekuur van De Geldzaak voor mensen die moeite hebben met rondkomen.",
    ),
    (
        "Vrijwilligerscentrale Utrecht",
        T.WELFARE,
        "Bemiddelt vrijwilligerswerk; backoffice van de Werkwinkel.",
    ),
    ("Taal Doet Meer", T.WELFARE, "Voert de Taalalliantie in Overvecht uit."),
    (
        "Kwazega",
        T.WELFARE,
        "Begeleidt de buurtambassadeurs van de buurtaanpak Zambesidreefbuurt.",
    ),
    # Health
    (
        "Gezondheidscentrum Amazonedreef",
        T.HEALTH,
        "Gezondheidscentrum dat actief en preventief werkt aan de gezondheid van bewoners.",
    ),
    ("Jeugdgezondheidszorg", T.HEALTH, "Jeugdgezondheidszorg, uitgebreid in Overvecht."),
    ("Jellinek", T.HEALTH, "Verslavingszorg; partner in de buurtaanpak THEMA-dreven."),
    ("Altrecht", T.HEALTH, "Geestelijke gezondheidszorg; partner in de buurtaanpak THEMA-dreven."),
    ("Lister", T.HEALTH, "Begeleiding en wonen bij psychische problemen; veelzijdig wonen."),
    ("Abrona", T.HEALTH, "Zorg voor mensen met een verstandelijke beperking; veelzijdig wonen."),
    ("Tussenvoorziening", T.HEALTH, "Opvang en begeleid wonen; partner in veelzijdig wonen."),
    ("Careyn", T.HEALTH, "Zorgorganisatie; nieuwbouw van woonzorgcentrum Rosendael."),
    # Police
    ("Politie", T.POLICE, "Politie Utrecht; wijkagenten en 'koffie met een cop' in Overvecht."),
    # Schools and education
    (
        "ROC Midden Nederland",
        T.SCHOOL,
        "Mbo-instelling; studenten lopen stage in het hostproject, partner van TEC Utrecht.",
    ),
    ("Hogeschool Utrecht", T.SCHOOL, "Hogeschool; partner in veelzijdig wonen en Project O."),
    ("PCOU Willibrord", T.SCHOOL, "Schoolbestuur; projectpartner van TEC Utrecht."),
    ("Nuovo", T.SCHOOL, "Scholengroep voor voortgezet onderwijs; partner van TEC Utrecht."),
    ("Bouwmensen", T.SCHOOL, "Opleider voor de bouw; partner van TEC Utrecht, maquettewedstrijd."),
    ("Trajectum College", T.SCHOOL, "School; leerlingen doen mee aan de Bliksemstages."),
    ("De Piramide", T.SCHOOL, "School (locatie West); leerlingen doen mee aan de Bliksemstages."),
    ("OBO de Gagel", T.SCHOOL, "School; leerlingen doen mee aan de Bliksemstages."),
    ("Gerrit Rietveld College", T.SCHOOL, "School; leerlingen doen mee aan de Bliksemstages."),
    ("Wellantcollege", T.SCHOOL, "School in Utrecht; leerlingen doen mee aan de Bliksemstages."),
    # Companies
    ("AM", T.COMPANY, "Projectontwikkelaar; bouwt drie gebouwen (DeBuurt) op de NPD-strook."),
    ("Van Wijnen", T.COMPANY, "Bouwbedrijf; bouwt Op Dreef op de NPD-strook."),
    ("BAM", T.COMPANY, "Bouwbedrijf; bouwt DeBuurt en biedt leerwerkplekken."),
    ("Heijmans", T.COMPANY, "Bouwbedrijf; partner van TEC Utrecht."),
    ("Eneco", T.COMPANY, "Energiebedrijf; partner van TEC Utrecht en Bouw=Wouw."),
    ("Stedin", T.COMPANY, "Netbeheerder; partner van Bouw=Wouw."),
    ("ERA Contour", T.COMPANY, "Ontwikkelaar en bouwer; partner van Bouw=Wouw."),
    ("Ampliar", T.COMPANY, "Plaatst kandidaten op leerwerkplekken voor Bouw=Wouw."),
    ("Dietz", T.COMPANY, "Strategie- en communicatiebureau; partner van TEC Utrecht."),
    ("Singel PD", T.COMPANY, "Partner van TEC Utrecht."),
    ("Rabobank", T.COMPANY, "Bank; sponsort de Contrainer in Park de Gagel."),
    ("Stipo", T.COMPANY, "Bureau dat het participatieproces van het Groene Lint vormgeeft."),
    (
        "Pozitive",
        T.COMPANY,
        "Zzp'er uit Overvecht die werkzoekenden bereikt en stap voor stap naar werk begeleidt.",
    ),
    ("Bos Installatie Techniek", T.COMPANY, "Installatiebedrijf; leermeester in de Beroepentuin."),
    ("Bos Daktechniek", T.COMPANY, "Dakdekkersbedrijf; leermeester in de Beroepentuin."),
    ("ULC", T.COMPANY, "Bedrijf; leermeester in de Beroepentuin."),
    ("Solarteam", T.COMPANY, "Zonnepanelenmonteur; leermeester in de Beroepentuin."),
    ("Loogman Autowasstraat", T.COMPANY, "Autowasstraat; leermeester in de Beroepentuin."),
    ("Willemse Infra", T.COMPANY, "Infrabedrijf; leermeester in de Beroepentuin."),
    ("Coen Hagedoorn Bouwgroep", T.COMPANY, "Bouwbedrijf; leermeester in de Beroepentuin."),
    ("Vios Bouw", T.COMPANY, "Bouwbedrijf; leermeester in de Beroepentuin."),
    ("Van den Pol Elektrotechniek", T.COMPANY, "Elektrotechnisch bedrijf; Beroepentuin."),
    ("Van der Sluis Technische Bedrijven", T.COMPANY, "Technisch bedrijf; Beroepentuin."),
    ("B. van Hees en Zonen", T.COMPANY, "Bedrijf; leermeester in de Beroepentuin."),
    ("Fietsmeesters", T.COMPANY, "Fietsbedrijf; partner van Project O in fietsstimulering."),
    ("BikeFlip", T.COMPANY, "Fietsbedrijf; partner van Project O in fietsstimulering."),
    # Foundations and networks
    (
        "TEC Utrecht",
        T.FOUNDATION,
        "Stichting Techniek Experience Center; opgericht eind januari 2020.",
    ),
    ("JINC", T.FOUNDATION, "Organiseert met bedrijven Bliksemstages voor leerlingen."),
    (
        "Big Brother Big Sister",
        T.FOUNDATION,
        "Mentorprogramma voor kinderen van 6 tot 18 jaar die opgroeien in armoede.",
    ),
    ("DOK030", T.FOUNDATION, "Begeleidt bewoners richting ondernemerschap."),
    ("Power by Peers", T.FOUNDATION, "Initiatief binnen werk en ondernemerschap in Overvecht."),
    ("Over Rood", T.FOUNDATION, "Mede-organisator van de startende ondernemersdag 2019."),
    ("Sport Utrecht", T.FOUNDATION, "Sportorganisatie van Utrecht; partner van Project O."),
    ("Utrecht Natuurlijk", T.FOUNDATION, "Natuur- en milieueducatie; kinderroute Gagelbos."),
    ("Veilig Verkeer Nederland", T.FOUNDATION, "Verkeersveiligheid; partner van Project O."),
    ("Fietsersbond", T.FOUNDATION, "Belangenvereniging van fietsers; partner van Project O."),
    (
        "Project O",
        T.OTHER,
        "Netwerkorganisatie in de Dreef voor Overvechters, ondernemers, organisaties, onderwijs "
        "en overheden.",
    ),
    (
        "Werkplaats Overvecht",
        T.OTHER,
        "Tien woningcorporaties, beleggers en ontwikkelaars die werken aan wijkverbetering.",
    ),
    (
        "Jongerencultuurhuis Overvecht",
        T.FOUNDATION,
        "Plek waar jongeren hun creatieve talenten ontwikkelen (JCHO), Scharlakendreef 3.",
    ),
    ("Leerwerkloket", T.OTHER, "Advies over leren en werken; frontoffice van de Werkwinkel."),
    (
        "Ondernemersvereniging Nieuw Overvecht",
        T.OTHER,
        "Vereniging van ondernemers op het bedrijventerrein Nieuw-Overvecht.",
    ),
    ("SV Vechtzoom", T.OTHER, "Voetbalvereniging op Sportpark Vechtzoom."),
    ("UNO", T.OTHER, "Hockeyvereniging; komt naar Sportpark Vechtzoom."),
    # Residents
    (
        "Beheergroep Park de Gagel",
        T.RESIDENT_GROUP,
        "Bewoners die meedenken over Park de Gagel en het Groene Lint.",
    ),
    (
        "Wijkambassadeurs Overvecht",
        T.RESIDENT_GROUP,
        "Bewoners die positieve verhalen delen en ogen en oren in de wijk zijn.",
    ),
)

ORGANISATIONS: tuple[str, ...] = tuple(name for name, _type, _description in DIRECTORY)


def load() -> None:
    for name, type_, description in DIRECTORY:
        organisation_create_or_update(name=name, type=type_, description=description)
