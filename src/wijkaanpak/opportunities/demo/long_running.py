"""Long-running work of Samen voor Overvecht ("Langjarig werken aan onze ambities").

Source: seed 001 section 3; the wijkambassadeurs from section 4 (Communicatie). Sportpark
Vechtzoom and Ivoordreef are kansen of 2019 that moved here at the review (see kansen.py).
"""

from __future__ import annotations

import datetime as dt

from wijkaanpak.opportunities.demo.spec import (
    BETTER_OFF,
    FUNDER,
    HOW_MUCH,
    HOW_WELL,
    LEAD,
    PARTNER,
    PROGRAMME_START,
    REPORT,
    MeasureSpec,
    OpportunitySpec,
)
from wijkaanpak.opportunities.models import OpportunityKind

D = dt.date
LR = OpportunityKind.LONG_RUNNING

CITYDEAL = OpportunitySpec(
    title="Citydeal Eenvoudig Maatwerk",
    source="seed 001 §3, Citydeal Eenvoudig Maatwerk",
    kind=LR,
    start=PROGRAMME_START,
    ambitions=(4, 5),
    description=(
        "Vervolg op de Citydeal Inclusieve Stad (2017) en de aanpak Ondiep Ontregelt: betere "
        "ondersteuning op armoede, schulden, wonen, werk en zorg door meer maatwerk. Na "
        "Kanaleneiland en Zuilen (2018) wordt de Citydeal voorbereid in Overvecht."
    ),
    goal="Meer maatwerk voor inwoners van Overvecht die vastlopen in regels en loketten.",
    next_steps="Besluiten of in Overvecht gestart wordt met één of meer buurtteams.",
    coalition=(("Gemeente Utrecht", LEAD), ("Buurtteam Sociaal", PARTNER)),
    updates=(
        (D(2019, 12, 31), "Raadsbrief met meer informatie over de Citydeal verzonden."),
        (REPORT, "Onderzocht wordt of de Citydeal start met één of meer buurtteams."),
    ),
)

VEELZIJDIG_WONEN = OpportunitySpec(
    title="Veelzijdig wonen",
    source="seed 001 §3, Veelzijdig wonen",
    kind=LR,
    start=PROGRAMME_START,
    ambitions=(1, 4),
    location="Sint Maartendreef en Theemsdreef",
    description=(
        "Actieplan Veelzijdig Wonen in Overvecht: in de praktijk toetsen hoe werkbare onderdelen "
        "van gemengd wonen werken in een flat met reguliere bewoners en mensen die begeleiding "
        "krijgen."
    ),
    goal="Een goed werkend instrumentarium voor veelzijdig wonen in bestaande complexen.",
    next_steps="Ontmoetingen en ABCD-training inhalen na de coronamaatregelen.",
    coalition=(
        ("Portaal", LEAD),
        ("Tussenvoorziening", PARTNER),
        ("Lister", PARTNER),
        ("Abrona", PARTNER),
        ("Buurtteam Sociaal", PARTNER),
        ("DOCK", PARTNER),
        ("Hogeschool Utrecht", PARTNER),
    ),
    updates=(
        (
            D(2019, 12, 31),
            "Tussenvoorziening, Portaal, Lister, Abrona, buurtteams, DOCK en Hogeschool Utrecht "
            "hebben het Actieplan Veelzijdig Wonen in Overvecht opgesteld.",
        ),
        (
            D(2020, 1, 15),
            "Gestart met veelzijdig wonen aan de Sint Maartendreef (hoogbouw) en een wijkkring "
            "rond de Theemsdreef (laagbouw).",
        ),
        (
            D(2020, 2, 15),
            "Portaal stelde een woning beschikbaar als uitvalsbasis voor twee flatcoaches. Met de "
            "begeleiders van de zorgpartijen volgden zij een training over samenwerking en "
            "privacy.",
        ),
        (
            REPORT,
            "Door de coronacrisis zijn ontmoetingen en de ABCD-training uitgesteld; de "
            "flatcoaches startten een flat-app die hulpvragen en hulpaanbod bij elkaar brengt.",
        ),
    ),
    measures=(
        MeasureSpec(
            "Flatcoaches aan de Sint Maartendreef", HOW_MUCH, values=((D(2020, 2, 15), 2, ""),)
        ),
    ),
)

ONDERNEMERSDAG = OpportunitySpec(
    title="Ondernemersdag",
    source="seed 001 §3, Ondernemersdag",
    kind=LR,
    start=D(2019, 11, 9),
    ambitions=(5,),
    description=(
        "Een jaarlijkse dag voor startende ondernemers uit Overvecht, met inspiratieverhalen, "
        "een meet & greet met ondernemers uit de wijk en workshops."
    ),
    goal="Bewoners met een idee voor een bedrijf op weg helpen naar ondernemerschap.",
    next_steps="Jaarlijks een ondernemersdag in Overvecht organiseren.",
    coalition=(
        ("Gemeente Utrecht", LEAD),
        ("UWV", PARTNER),
        ("DOK030", PARTNER),
        ("Project O", PARTNER),
        ("Power by Peers", PARTNER),
        ("KvK", PARTNER),
        ("Rabobank", PARTNER),
        ("Over Rood", PARTNER),
        ("Ondernemersvereniging Nieuw Overvecht", PARTNER),
    ),
    updates=(
        (
            D(2019, 11, 9),
            "Startende ondernemersdag met zo'n 30 bewoners met een idee voor een bedrijf. De "
            "Rabobank reikte coachingsgesprekken uit voor het beste startersidee.",
        ),
        (REPORT, "DOK030 nam contact op met de bezoekers om hen verder te begeleiden."),
    ),
    measures=(
        MeasureSpec(
            "Bewoners met een ondernemersidee op de ondernemersdag",
            HOW_MUCH,
            values=((D(2019, 11, 9), 30, "Zo'n 30 bewoners."),),
        ),
    ),
)

ANDERS_TOEWIJZEN = OpportunitySpec(
    title="Anders toewijzen in de Bangkokdreef",
    source="seed 001 §3, Anders toewijzen in de Bangkokdreef",
    kind=LR,
    start=PROGRAMME_START,
    ambitions=(1,),
    location="Bangkokdreef",
    description=(
        "Na de renovatie zocht Portaal voor 20 woningen gericht huurders met een wat hoger "
        "inkomen die extra omkijken naar buren en woonomgeving. Anders toewijzen is een vaste "
        "fase van sociaal renoveren bij Portaal geworden."
    ),
    goal="Een betere mix van bewoners en meer leefbaarheid in het complex.",
    next_steps=(
        "Evaluatie en draaiboek in het eerste kwartaal van 2020; effect op de leefbaarheid "
        "volgen in 2020; zo snel mogelijk anders toewijzen bij Nigerdreef en Ibisdreef."
    ),
    coalition=(("Portaal", LEAD),),
    updates=(
        (
            REPORT,
            "Portaal bereidt de renovatie van Nigerdreef en Ibisdreef voor en wil daar zo snel "
            "mogelijk ook anders toewijzen.",
        ),
    ),
    measures=(
        MeasureSpec(
            "Woningen gericht toegewezen aan huurders met een wat hoger inkomen",
            HOW_MUCH,
            values=((REPORT, 20, ""),),
        ),
    ),
)

JCHO = OpportunitySpec(
    title="Jongerencultuurhuis",
    source="seed 001 §3, Jongerencultuurhuis; voorwoord (opening uitgesteld)",
    kind=LR,
    start=PROGRAMME_START,
    ambitions=(2,),
    location="Scharlakendreef 3",
    description=(
        "Het Jongerencultuurhuis Overvecht (JCHO) maakt van een leegstaand schoolgebouw dé plek "
        "waar jongeren hun creatieve talenten ontwikkelen, met een cultuurcoach op werkdagen van "
        "13.00 tot 20.00 uur."
    ),
    goal=(
        "Een broedplaats voor jonge creatieve ondernemers en makers, als schakel in een "
        "doorlopende lijn van artistieke talentontwikkeling."
    ),
    next_steps="Formele opening zodra de coronamaatregelen het toelaten.",
    coalition=(("Jongerencultuurhuis Overvecht", LEAD), ("Jongerenwerk Utrecht", PARTNER)),
    updates=(
        (
            REPORT,
            "Het JCHO verhuist van de tijdelijke plek aan de Schooneggendreef naar "
            "Scharlakendreef 3; open vanaf begin april 2020 verwacht. De formele opening is "
            "uitgesteld door het coronavirus.",
        ),
    ),
)

WERKPLAATS = OpportunitySpec(
    title="Werkplaats Overvecht",
    source="seed 001 §3, Werkplaats Overvecht; voorwoord",
    kind=LR,
    start=PROGRAMME_START,
    ambitions=(1,),
    description=(
        "Tien woningcorporaties, beleggers en ontwikkelaars werken samen aan wijkverbetering "
        "door fysieke ingrepen die bijdragen aan de vijf ambities."
    ),
    goal="Kansen voor transformatie van de wijk verzilveren in de periode 2020-2040.",
    next_steps="Startproduct met buurtprofielen voor de zomer van 2020; daarna met omwonenden "
    "en gemeente kansen op locaties verkennen.",
    coalition=(("Werkplaats Overvecht", LEAD), ("Gemeente Utrecht", PARTNER)),
    updates=(
        (
            REPORT,
            "De Werkplaats maakte een wijkanalyse, een kansenkaart met zes uitgangspunten en een "
            "ontwikkelstrategie, en stelt buurtprofielen op met voorgestelde verbeteringen.",
        ),
    ),
    measures=(MeasureSpec("Organisaties in de Werkplaats", HOW_MUCH, values=((REPORT, 10, ""),)),),
)

POZITIVE = OpportunitySpec(
    title="Pozitive",
    source="seed 001 §3, Pozitive",
    kind=LR,
    start=PROGRAMME_START,
    ambitions=(5,),
    description=(
        "Pozitive, een zzp'er uit Overvecht, bereikt en begeleidt werkzoekenden die reguliere "
        "partijen niet bereiken: persoonlijk, cultureel sensitief en stap voor stap, met zijn "
        "netwerk in de wijk en de dienstverlening van bestaande partners."
    ),
    goal="Bewoners van Overvecht toeleiden naar werk, opleiding of stage.",
    next_steps="Begeleiding voortzetten, ook vanuit de backoffice van de Werkwinkel.",
    coalition=(("Pozitive", LEAD), ("Gemeente Utrecht", FUNDER)),
    updates=(
        (
            D(2020, 3, 15),
            "In 2019 en 2020 samen 91 bewoners in begeleiding genomen; medio maart zijn 56 van "
            "hen uitgestroomd naar werk, 5 naar een opleiding en 6 naar een stage.",
        ),
    ),
    measures=(
        MeasureSpec(
            "Bewoners in begeleiding", HOW_MUCH, values=((D(2020, 3, 15), 91, "2019 en 2020."),)
        ),
        MeasureSpec(
            "Uitgestroomd naar werk", BETTER_OFF, values=((D(2020, 3, 15), 56, "Medio maart."),)
        ),
        MeasureSpec(
            "Uitgestroomd naar een opleiding",
            BETTER_OFF,
            values=((D(2020, 3, 15), 5, "Medio maart."),),
        ),
        MeasureSpec(
            "Uitgestroomd naar een stage", BETTER_OFF, values=((D(2020, 3, 15), 6, "Medio maart."),)
        ),
    ),
)

FOCUS = OpportunitySpec(
    title="Focus op Overvecht",
    source="seed 001 §3, Jongeren (18-23) met grote afstand tot de arbeidsmarkt",
    kind=LR,
    start=D(2020, 1, 1),
    ambitions=(2,),
    description=(
        "Pilot van de afdeling Leerlingzaken met extra capaciteit uit Samen voor Overvecht: "
        "medewerkers van Focus zoeken jongeren van 18 tot 23 jaar op die langdurig thuiszitten, "
        "zonder startkwalificatie, schoolinschrijving of inkomen, en werken met 'de belangrijke "
        "ander' en 'de coach'."
    ),
    goal=(
        "Jongeren met een grote afstand tot onderwijs en arbeidsmarkt weer in beeld en op weg; "
        "duurzaam: een sterk netwerk in de wijk en ervaring met 'de belangrijke ander' die ook "
        "in andere wijken bruikbaar is."
    ),
    next_steps="Netwerk van partijen, initiatieven, werkgevers en sleutelfiguren in de wijk "
    "uitbouwen.",
    coalition=(("Gemeente Utrecht", LEAD),),
    updates=(
        (
            D(2020, 1, 15),
            "Pilot Focus op Overvecht gestart: intensivering en vernieuwing van de Focus-aanpak, "
            "met huisbezoeken aan langdurig thuiszittende jongeren.",
        ),
    ),
    measures=(
        MeasureSpec("Onzichtbare jongeren benaderd", HOW_MUCH, target=100, funnel_order=1),
        MeasureSpec("Jongeren in beeld", HOW_MUCH, target=80, funnel_order=2),
        MeasureSpec(
            "Jongeren verwezen, gekoppeld of overgedragen aan partners",
            HOW_WELL,
            target=20,
            funnel_order=3,
        ),
        MeasureSpec(
            "Jongeren weer op weg (belangrijke ander, toekomstplan, schulden en inkomen)",
            BETTER_OFF,
            target=15,
            funnel_order=4,
        ),
    ),
)

IMPULS_30 = OpportunitySpec(
    title="Impuls straten naar 30 km/u",
    source="seed 001 §3, Impuls straten naar 30 km/u",
    kind=LR,
    start=D(2019, 11, 27),
    ambitions=(3,),
    location="Carnegiedreef, Japuradreef, Vecht en Paranadreef",
    description=(
        "Het gebied tussen Carnegiedreef, Japuradreef, Vecht en Paranadreef wordt 30 km-gebied, "
        "samen met onderhoud aan riolering en wegdek van de Rio Negrodreef; ook de ventwegen van "
        "de Japuradreef worden 30 km."
    ),
    goal="Veiliger verkeer in Overvecht.",
    next_steps="Prijswinnende ideeën van de prijsvraag 30 km verder uitwerken.",
    coalition=(("Gemeente Utrecht", LEAD), ("Project O", PARTNER)),
    updates=(
        (D(2019, 11, 27), "Raadsbrief over de projecten van de Impuls straten 30 verzonden."),
        (
            D(2020, 1, 15),
            "De Prijsvraag 30 km kreeg dankzij Project O meer dan 100 inzendingen.",
        ),
    ),
)

BBBS = OpportunitySpec(
    title="Big Brother Big Sister",
    source="seed 001 §3, Big Brother, Big Sister",
    kind=LR,
    start=PROGRAMME_START,
    ambitions=(2,),
    description=(
        "Mentorprogramma voor kinderen van 6 tot 18 jaar die opgroeien in armoede: minstens een "
        "jaar lang elke week een afspraak met een vrijwillige mentor."
    ),
    goal="Betere schoolresultaten, meer zelfvertrouwen en betere sociale vaardigheden.",
    next_steps="Matches voortzetten en uitbreiden in Overvecht.",
    coalition=(("Big Brother Big Sister", LEAD), ("Gemeente Utrecht", FUNDER)),
    updates=(
        (
            D(2019, 12, 31),
            "In 2019 50 actieve matches, waarvan 34 in Overvecht. Uit de evaluatie: betere "
            "schoolresultaten, meer zelfvertrouwen, meer kennis en levenservaring en betere "
            "sociale vaardigheden bij kinderen met een mentor.",
        ),
    ),
    measures=(
        MeasureSpec("Actieve matches", HOW_MUCH, values=((D(2019, 12, 31), 50, "In 2019."),)),
        MeasureSpec(
            "Actieve matches in Overvecht", HOW_MUCH, values=((D(2019, 12, 31), 34, "In 2019."),)
        ),
    ),
)

PLINTEN = OpportunitySpec(
    title="Plintenstrategie",
    source="seed 001 §3, Plintenstrategie",
    kind=LR,
    start=D(2020, 1, 1),
    ambitions=(1, 3),
    description=(
        "Met de corporaties goede voorbeelden bekijken en in beeld brengen waar plinten kunnen "
        "worden omgezet; aangevuld met een aanpak voor verloederde winkelstrips en losse "
        "garageboxen."
    ),
    goal="Levendige en veilige plinten op plekken waar ontwikkelingen zijn voorzien.",
    next_steps="Beoordelen welke locaties omgezet kunnen worden; toolbox voor kennisdeling.",
    coalition=(
        ("Gemeente Utrecht", LEAD),
        ("Mitros", PARTNER),
        ("Portaal", PARTNER),
        ("Bo-Ex", PARTNER),
    ),
    updates=(
        (
            D(2020, 1, 15),
            "Met de corporaties gestart met het verzamelen van goede voorbeelden en locaties "
            "waar omzetting van plinten mogelijk is.",
        ),
    ),
)

WIJKAMBASSADEURS = OpportunitySpec(
    title="Wijkambassadeurs",
    source="seed 001 §4, Communicatie: concrete resultaten",
    kind=LR,
    start=PROGRAMME_START,
    ambitions=(5,),
    description=(
        "Bewoners die positieve verhalen over de wijk delen en ogen en oren in Overvecht zijn: "
        "doen we de goede dingen en doen we ze goed?"
    ),
    goal="Bewoners verbinden en betrekken, en een beter imago van Overvecht.",
    next_steps="Gesprekken met wijkambassadeurs om signalen uit de wijk op te halen.",
    coalition=(("Gemeente Utrecht", LEAD), ("Wijkambassadeurs Overvecht", PARTNER)),
    updates=(
        (
            D(2020, 3, 15),
            "Tweede bijeenkomst met 20 wijkambassadeurs en de wijkwethouder: eigen "
            "ideeën voor de wijk, het Initiatievenfonds en een bewonersbijeenkomst over Samen "
            "voor Overvecht.",
        ),
        (
            REPORT,
            "25 wijkambassadeurs zijn actief. Het eerste filmpje van een wijkambassadeur is "
            "gemaakt; ambassadeurs verspreiden flyers en sluiten aan bij evenementen.",
        ),
    ),
    measures=(MeasureSpec("Actieve wijkambassadeurs", HOW_MUCH, values=((REPORT, 25, ""),)),),
)

LONG_RUNNING = (
    CITYDEAL,
    VEELZIJDIG_WONEN,
    ONDERNEMERSDAG,
    ANDERS_TOEWIJZEN,
    JCHO,
    WERKPLAATS,
    POZITIVE,
    FOCUS,
    IMPULS_30,
    BBBS,
    PLINTEN,
    WIJKAMBASSADEURS,
)
