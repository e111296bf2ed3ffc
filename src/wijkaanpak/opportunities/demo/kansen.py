"""The kansen of Samen voor Overvecht: the ten of 2019 and the two added at the review of 2020.

Source: seed 001 (Voortgangsrapportage Samen voor Overvecht, april 2020), section 2 "Kansen";
Sportpark Vechtzoom and Ivoordreef from section 3, where they went after the review.
Facts are restated in Dutch; dates follow the rules in docs/demo.md.
"""

from __future__ import annotations

import datetime as dt

from wijkaanpak.opportunities.demo.spec import (
    BETTER_OFF,
    FUNDER,
    HOW_MUCH,
    LEAD,
    PARTNER,
    PROGRAMME_START,
    REPORT,
    REVIEW,
    MeasureSpec,
    OpportunitySpec,
)

D = dt.date

CENTRUM = OpportunitySpec(
    title="Centrumgebied Overvecht",
    source="seed 001 §2, Kans: Centrumgebied Overvecht",
    start=PROGRAMME_START,
    ambitions=(1, 2, 3, 5),
    location="NPD-strook en Shopping Center Overvecht",
    description=(
        "Op de NPD-strook bouwen AM (drie gebouwen, DeBuurt) en Van Wijnen (één gebouw, Op Dreef) "
        "woongebouwen met woningen, centrumfuncties en studentenhuisvesting. Die bouw benutten we "
        "voor sociaaleconomische impact en perspectief voor bewoners. Daarnaast een bredere "
        "gebiedsontwikkeling van het centrumgebied met de eigenaren van het winkelcentrum, AM, "
        "Van Wijnen, Mitros, Bo-Ex, Portaal en particuliere eigenaren."
    ),
    goal=(
        "Eind 2020 een door de raad vastgestelde gebiedsvisie met kaders en uitgangspunten, zodat "
        "kansen voor Overvecht Centrum vanaf 2021 per plot benut kunnen worden; werk, stages en "
        "leerwerkplekken voor bewoners bij de bouw."
    ),
    next_steps=(
        "Vervolgproces inrichten naar een gezamenlijk vernieuwingsplan voor het centrumgebied; "
        "gebiedsvisie eind 2020 naar de raad; meer leerwerkplekken in de afbouwfase van DeBuurt "
        "(tweede helft 2020)."
    ),
    coalition=(
        ("Gemeente Utrecht", LEAD),
        ("AM", PARTNER),
        ("Van Wijnen", PARTNER),
        ("BAM", PARTNER),
        ("Mitros", PARTNER),
        ("Portaal", PARTNER),
        ("Bo-Ex", PARTNER),
        ("Politie", PARTNER),
        ("JINC", PARTNER),
        ("Ampliar", PARTNER),
        ("ROC Midden Nederland", PARTNER),
        ("Trajectum College", PARTNER),
        ("De Piramide", PARTNER),
        ("OBO de Gagel", PARTNER),
        ("Gerrit Rietveld College", PARTNER),
        ("Wellantcollege", PARTNER),
    ),
    updates=(
        (
            D(2020, 1, 15),
            "JINC en Van Wijnen zijn op de NPD-strook gestart met Bliksemstages voor 50 leerlingen "
            "(januari tot en met mei 2020) van het Trajectum College, De Piramide (locatie West), "
            "OBO de Gagel, het Gerrit Rietveld College en het Wellantcollege. Leerlingen zien zo "
            "wat werken in bouw en techniek inhoudt.",
        ),
        (
            D(2020, 2, 10),
            "Eerste 'koffie met een cop' met politie en team veiligheid bij de McDonald's in "
            "Shopping Center Overvecht. Voortaan elke tweede maandag van de maand: bewoners "
            "bespreken laagdrempelig hun zorgen over de wijk met de politie.",
        ),
        (
            REPORT,
            "Ampliar heeft via Bouw=Wouw één kandidaat geplaatst op een leerwerkplek "
            "(terreinbeveiliging) bij DeBuurt van BAM en AM. Met BAM zijn zeven tot tien "
            "leerwerkplekken besproken; de meeste komen in de afbouwfase (tweede helft 2020).",
        ),
        (
            REPORT,
            "Hostproject in en rond het Shopping Center gestart: studenten van het ROC heten "
            "bezoekers welkom, zijn extra ogen en oren en melden knelpunten in schoon, heel en "
            "veilig.",
        ),
        (
            REPORT,
            "Oriënterende gesprekken over een gebiedsvisie gevoerd met AM, Van Wijnen, Portaal, "
            "Bo-Ex, de eigenaren van Shopping Center Overvecht en particuliere vastgoedeigenaren; "
            "hun kansen en zorgen voor Overvecht Centrum zijn opgehaald.",
        ),
        (
            REPORT,
            "Aanpak Seinedreef: ondernemers, eigenaren, politie en gemeente namen samen "
            "maatregelen tegen overlast, vervuiling en voor verkeersveiligheid rond het "
            "winkelcentrum. De overlast is deels afgenomen; partijen volgen de effecten samen.",
        ),
    ),
    measures=(
        MeasureSpec("Leerlingen in Bliksemstages op de NPD-strook", HOW_MUCH, target=50),
        MeasureSpec(
            "Leerwerkplekken bij BAM op de NPD-strook",
            BETTER_OFF,
            target=7,
            values=((REPORT, 1, "Eén kandidaat via Ampliar geplaatst (terreinbeveiliging)."),),
        ),
    ),
)

BEDRIJVENTERREIN = OpportunitySpec(
    title="Bedrijventerrein Nieuw-Overvecht",
    source="seed 001 §2, Kans: Bedrijventerrein Nieuw-Overvecht",
    start=PROGRAMME_START,
    ambitions=(2, 3, 5),
    area="BU03440333",
    location="Bedrijventerrein Nieuw-Overvecht",
    description=(
        "Het bedrijventerrein ontwikkelde zich de afgelopen jaren goed: nieuwe bedrijvigheid, "
        "glasvezel, betere veiligheid en weinig leegstand. Ondernemersvereniging en gemeente zien "
        "er meer economische potentie en meer kansen voor werk en stages voor Overvechters."
    ),
    goal=(
        "Een veiliger en leefbaarder bedrijventerrein dat minder aantrekkelijk is voor malafide "
        "ondernemers, en meer werk en stages voor bewoners van Overvecht."
    ),
    next_steps=(
        "Pilot Beroepentuin starten in april/mei 2020 (afhankelijk van de coronacrisis); plan "
        "van aanpak veiligheid en leefbaarheid 2020 uitvoeren; met de ondernemersvereniging een "
        "aangescherpte visie op het terrein ontwikkelen."
    ),
    coalition=(
        ("Gemeente Utrecht", LEAD),
        ("Ondernemersvereniging Nieuw Overvecht", PARTNER),
        ("Bos Installatie Techniek", PARTNER),
        ("Bos Daktechniek", PARTNER),
        ("ULC", PARTNER),
        ("Solarteam", PARTNER),
        ("Loogman Autowasstraat", PARTNER),
        ("Willemse Infra", PARTNER),
        ("Van Wijnen", PARTNER),
        ("Coen Hagedoorn Bouwgroep", PARTNER),
        ("Vios Bouw", PARTNER),
        ("Van den Pol Elektrotechniek", PARTNER),
        ("Van der Sluis Technische Bedrijven", PARTNER),
        ("B. van Hees en Zonen", PARTNER),
    ),
    updates=(
        (
            D(2019, 12, 31),
            "Gestart met het Digitaal opkopersregister (DOR) voor de autobranche op het terrein: "
            "een uitbreiding van de helingaanpak vanwege het aanhoudend hoge aantal auto-inbraken "
            "en een barrière tegen ondermijnende criminaliteit.",
        ),
        (
            D(2019, 12, 31),
            "De afdeling VTH controleert sinds 2019 of panden worden gebruikt volgens het "
            "bestemmingsplan; alle panden komen over een langere periode aan de beurt.",
        ),
        (
            REPORT,
            "Plan van aanpak 2020 opgesteld voor veiligheid en leefbaarheid: meer vertrouwen van "
            "ondernemers in de overheid, minder anonimiteit op het terrein, minder ruimte voor "
            "malafide ondernemers en een groter veiligheidsgevoel. Kick-off met de "
            "ondernemersvereniging voor een gezamenlijke visie.",
        ),
        (
            REPORT,
            "Pilot Beroepentuin voorbereid met de opgave Werk voor Iedereen: 15 tot 20 "
            "werkzoekenden krijgen in het leegstaande Tuinwinkelcentrum een beroepsgerichte "
            "training in vier beroepen, onder meer elektromonteur en zonnepanelenmontage, door "
            "leermeesters van twaalf bedrijven. Wie slaagt krijgt een contract van minstens een "
            "half jaar. De start is uitgesteld door het coronavirus.",
        ),
    ),
    measures=(
        MeasureSpec("Werkzoekenden in training in de Beroepentuin", HOW_MUCH, target=15),
        MeasureSpec(
            "Bedrijven die leermeesters leveren voor de Beroepentuin",
            HOW_MUCH,
            values=((REPORT, 12, ""),),
        ),
    ),
)

ENERGIE = OpportunitySpec(
    title="Energie voor jongeren",
    source="seed 001 §2, Kans: Energie voor jongeren (TEC Utrecht, Bouw=Wouw)",
    start=PROGRAMME_START,
    ambitions=(1, 2, 5),
    description=(
        "Jongeren op een speelse en innovatieve manier kennis laten maken met de techniek van de "
        "toekomst. Bedrijven, scholen en gemeente realiseren samen het Techniek Experience Center "
        "(TEC Utrecht) in Overvecht, met Europese subsidie via Kansen voor West (EFRO). Met "
        "Eneco, Stedin, Portaal, Bo-Ex, AM en ERA Contour breiden we de methodiek van "
        "Bouw=Wouw uit naar heel Overvecht."
    ),
    goal=(
        "De mismatch op de arbeidsmarkt verkleinen door meer instroom van technisch geschoold "
        "personeel: kinderen vroeg inspireren, jongeren technische en creatieve "
        "basisvaardigheden leren en het beeld van bouw en techniek bij jongeren en ouders "
        "verbeteren."
    ),
    next_steps=(
        "TEC Utrecht kiest na gesprekken met de eigenaren (maart/april 2020) één van drie "
        "locaties in Overvecht; gebundelde wervingsactie voor werk en scholing in Bouw, Techniek "
        "en Energietransitie in het voorjaar van 2020; leerwerkplekken bij Mitros (CJ-dreven), "
        "DeBuurt en Bo-Ex invullen."
    ),
    coalition=(
        ("Gemeente Utrecht", LEAD),
        ("TEC Utrecht", PARTNER),
        ("Eneco", PARTNER),
        ("Portaal", PARTNER),
        ("Bouwmensen", PARTNER),
        ("BAM", PARTNER),
        ("Heijmans", PARTNER),
        ("ROC Midden Nederland", PARTNER),
        ("Nuovo", PARTNER),
        ("PCOU Willibrord", PARTNER),
        ("Dietz", PARTNER),
        ("Singel PD", PARTNER),
        ("Stedin", PARTNER),
        ("Bo-Ex", PARTNER),
        ("AM", PARTNER),
        ("ERA Contour", PARTNER),
        ("Mitros", PARTNER),
        ("Kansen voor West", FUNDER),
    ),
    updates=(
        (
            D(2020, 1, 31),
            "Stichting TEC Utrecht is formeel opgericht. In het bestuur zitten onder anderen "
            "vertegenwoordigers van BAM Wonen, Bouwmensen, ROC Midden Nederland en PCOU "
            "Willibrord.",
        ),
        (
            D(2020, 3, 4),
            "Beroepenmarkt Bouw & Techniek in theater Stefanus met doe-activiteiten en gesprekken "
            "met rolmodellen: meer dan 175 bezoekers. Interesse en achtergrond van de kandidaten "
            "zijn vastgelegd en per kandidaat is het best passende traject bekeken.",
        ),
        (
            REPORT,
            "Voor Bouw=Wouw zijn in 2020 en 2021 ongeveer 30 leerwerkplekken beschikbaar: "
            "renovatie CJ-dreven door Mitros vanaf maart 2020 (ongeveer twaalf), nieuwbouw "
            "DeBuurt (ongeveer zeven) en nieuwbouw Ivoordreef van Bo-Ex. Met Bo-Ex ook plekken "
            "bij de onderhoudsdienst (Tennesseedreef).",
        ),
        (
            REPORT,
            "Van een longlist van 15 locaties zijn er 3 in Overvecht over waar TEC Utrecht zich "
            "kan vestigen.",
        ),
        (
            REPORT,
            "Via PCOU Willibrord benaderde TEC Utrecht alle Utrechtse basisscholen voor de "
            "lesprogramma's van De Uitvinders: meer dan 40 klassen doen mee. Daarnaast de "
            "maquettewedstrijd van Bouwmensen en 'Invented By All' voor het voortgezet onderwijs.",
        ),
    ),
    measures=(
        MeasureSpec(
            "Bezoekers Beroepenmarkt Bouw & Techniek",
            HOW_MUCH,
            values=((D(2020, 3, 4), 175, "Meer dan 175 bezoekers."),),
        ),
        MeasureSpec(
            "Leerwerkplekken Bouw=Wouw in 2020 en 2021",
            HOW_MUCH,
            target=30,
            target_is_minimum=False,
        ),
        MeasureSpec(
            "Klassen in de lesprogramma's van De Uitvinders",
            HOW_MUCH,
            values=((REPORT, 40, "Meer dan 40 klassen in Utrecht."),),
        ),
    ),
)

SOCIAAL_RENOVEREN = OpportunitySpec(
    title="Sociaal renoveren",
    themes=("Armoede",),
    source="seed 001 §2, Kans: Sociaal renoveren en snel en slim wegnemen van geldzorgen",
    start=PROGRAMME_START,
    ambitions=(1, 4, 5),
    location="Nigerdreef, Ibisdreef en THEMA-dreven",
    description=(
        "Bij alle renovaties in Overvecht passen we sociaal renoveren toe, het meest intensief "
        "in de buurtaanpakgebieden: sociale ondersteuning gekoppeld aan de fysieke renovatie, "
        "zodat bewoners verder geholpen worden en er per complex een betere menging van "
        "bewoners ontstaat. Werk & Inkomen biedt gecombineerde ondersteuning. Sinds de "
        "herijking van 2020 is de kans 'Slim wegnemen van geldzorgen' hierin opgegaan."
    ),
    goal=(
        "Bewoners van renovatiecomplexen tijdens de renovatie verder helpen met geld, werk en "
        "meedoen, en een betere menging van bewoners per complex."
    ),
    next_steps=(
        "Versneld schuldregelen bij de eerste 25 huishoudens van de Nigerdreef; huisbezoeken "
        "door DOCK vanaf april 2020; in de THEMA-dreven een draagvlakmeting begin 2021 en de "
        "fysieke renovatie vanaf de zomer van 2021."
    ),
    coalition=(
        ("Mitros", LEAD),
        ("Portaal", PARTNER),
        ("Werk & Inkomen", PARTNER),
        ("DOCK", PARTNER),
        ("Al Amal", PARTNER),
        ("Buurtteam Sociaal", PARTNER),
        ("Buurtteam Jeugd en Gezin", PARTNER),
        ("Gemeente Utrecht", PARTNER),
    ),
    updates=(
        (
            D(2019, 11, 15),
            "THEMA-dreven: afspraken over sociaal renoveren gemaakt, complexdata verzameld en "
            "gedeeld, en een projectcoalitie gevormd van Mitros, Portaal, bewoners, de "
            "buurtteams Sociaal en Jeugd en Gezin, DOCK en de gemeente.",
        ),
        (
            D(2020, 1, 15),
            "Huisbezoeken voor de fysieke renovatie gestart aan de Tigrisdreef en de Haifadreef; "
            "de buurtaanpakpartijen bieden bewoners van renovatieadressen daarbij extra "
            "begeleiding.",
        ),
        (
            REPORT,
            "Mitros heeft een projectwoning ingericht voor projectconsulenten, "
            "buurtaanpakpartijen en bewoners; Werk & Inkomen gaat er een laagdrempelig spreekuur "
            "houden. De huisbezoekers van Mitros nemen sociale vragen mee. Medewerkers van "
            "Mitros, Al Amal en Werk & Inkomen volgen eind maart de training 'Geldzorgen "
            "bespreekbaar maken'.",
        ),
        (
            REPORT,
            "Nigerdreef: Werk & Inkomen gaat bij de eerste 25 huishoudens met de meest prangende "
            "schulden over tot versneld schuldregelen; DOCK gaat vanaf april op huisbezoek en "
            "geeft signalen door.",
        ),
        (
            REPORT,
            "Vanwege de coronacrisis zijn de huisbezoeken in de THEMA-dreven tijdelijk gestopt. "
            "Mitros onderzoekt toewijzing en innovatieve woonvormen.",
        ),
    ),
    measures=(
        MeasureSpec("Huishoudens Nigerdreef in versneld schuldregelen", HOW_MUCH, target=25),
    ),
)

GELDZORGEN = OpportunitySpec(
    title="Slim wegnemen van geldzorgen",
    themes=("Armoede",),
    source="seed 001 §1 (schuldenaanpak) and §2 (merged kans)",
    start=PROGRAMME_START,
    ambitions=(4, 5),
    description=(
        "Huishoudens met schulden ontzorgen door geldstress zo snel mogelijk weg te nemen met "
        "versneld oplossen van schulden, en tegelijk werken aan perspectief: stappen richting "
        "meedoen, werk of scholing."
    ),
    goal="Sneller opgeloste schulden en minder geldzorgen bij huishoudens in Overvecht.",
    next_steps="Opgegaan in de kans 'Sociaal renoveren' (herijking 2020).",
    coalition=(
        ("Werk & Inkomen", LEAD),
        ("DOCK", PARTNER),
        ("Mitros", PARTNER),
        ("Al Amal", PARTNER),
    ),
    updates=(
        (
            D(2019, 12, 15),
            "Bij de start van de schuldenaanpak is een doelgroepenanalyse gemaakt. Daardoor ligt "
            "de focus op de Nigerdreef, waar sociale renovatie als eerste wordt gecombineerd met "
            "de schuldenaanpak.",
        ),
    ),
)
GELDZORGEN_MERGE_REASON = (
    "Herijking 2020: samengevoegd met 'Sociaal renoveren'. Sociale renovatie en schuldenaanpak "
    "worden gecombineerd, als eerste aan de Nigerdreef, om meer 1+1=3 te bereiken."
)

BUURTAANPAKKEN = OpportunitySpec(
    title="Buurtaanpakken",
    source="seed 001 §2, Kans: Buurtaanpakken",
    start=PROGRAMME_START,
    ambitions=(1, 3, 4),
    location="Zambesidreefbuurt en THEMA-dreven",
    description=(
        "Een brede, samenhangende aanpak per buurt (ruimte, sociaal, veilig): corporaties, "
        "politie, bewoners, zorg- en welzijnsorganisaties, gemeente, jongerenwerk en buurtteams "
        "pakken als coalitie hardnekkige problemen aan. De aanpak in de Zambesidreefbuurt loopt "
        "door; in de THEMA-dreven is een nieuwe buurtaanpak gestart."
    ),
    goal="Duurzame verbetering van de veiligheid en leefbaarheid in de buurt.",
    next_steps=(
        "Tweede groep van vijf buurtambassadeurs in de Zambesidreefbuurt vanaf half april 2020; "
        "betere verlichting en indeling van het plein van winkelcentrum Gagelhof in het voorjaar "
        "van 2020; knelpunten uit de schouw in de THEMA-dreven aanpakken."
    ),
    coalition=(
        ("Gemeente Utrecht", LEAD),
        ("Mitros", PARTNER),
        ("Portaal", PARTNER),
        ("Politie", PARTNER),
        ("Buurtteam Sociaal", PARTNER),
        ("Buurtteam Jeugd en Gezin", PARTNER),
        ("DOCK", PARTNER),
        ("Jongerenwerk Utrecht", PARTNER),
        ("Al Amal", PARTNER),
        ("Pozitive", PARTNER),
        ("Jellinek", PARTNER),
        ("Altrecht", PARTNER),
        ("Lister", PARTNER),
        ("Abrona", PARTNER),
        ("Tussenvoorziening", PARTNER),
        ("Kwazega", PARTNER),
    ),
    updates=(
        (
            D(2019, 11, 15),
            "Na gesprekken met bewoners zijn verkeersdrempels geplaatst op de Ibisdreef.",
        ),
        (
            D(2020, 1, 15),
            "Zambesidreefbuurt geëvalueerd; voor 2020 zijn tien prioriteiten benoemd, waaronder "
            "sociaal renoveren Nigerdreef, een moedernetwerk, buurtambassadeurs, preventie voor "
            "8 tot 14 jaar, winkelcentrum Gagelhof, verkeersveiligheid, leegstaande scholen en "
            "perspectief voor bewoners.",
        ),
        (
            D(2020, 1, 15),
            "Portaal, Tussenvoorziening, Lister, Abrona en DOCK zijn gestart met flatcoaches aan "
            "de Sint Maartendreef (actieplan veelzijdig wonen).",
        ),
        (
            REPORT,
            "Eerste bijeenkomsten van het moedernetwerk met 10 moeders: netwerkvorming, thema's "
            "ophalen en signalen delen.",
        ),
        (
            REPORT,
            "THEMA-dreven: samenwerking van bewoners, Mitros, Portaal, gemeente, politie, "
            "scholen, buurtteams, DOCK, JoU, Al Amal, Pozitive, Jellinek, Altrecht en Lister. "
            "In de projectwoning van Mitros en Portaal kunnen partijen samenwerken en bewoners "
            "laagdrempelig binnenlopen. Een fysieke schouw schoon, heel en veilig is gehouden.",
        ),
    ),
    measures=(
        MeasureSpec(
            "Prioriteiten buurtaanpak Zambesidreefbuurt 2020",
            HOW_MUCH,
            values=((D(2020, 1, 15), 10, ""),),
        ),
        MeasureSpec("Moeders in het moedernetwerk", HOW_MUCH, values=((REPORT, 10, ""),)),
        MeasureSpec("Buurtambassadeurs Zambesidreefbuurt, tweede groep", HOW_MUCH, target=5),
    ),
)

GROEN_LINT = OpportunitySpec(
    title="Groen lint door de wijk",
    source="seed 001 §2, Kans: Groen lint door de wijk",
    start=PROGRAMME_START,
    ambitions=(1, 4),
    location="Park de Gagel, Gagelbos en groene plekken in de wijk",
    description=(
        "Groene plekken in de wijk verbinden tot een recreatief rondje voor inspanning en "
        "ontspanning. Het Groene Lint nodigt uit tot bewegen, versterkt de sociale cohesie en "
        "verbetert het fysieke leefklimaat."
    ),
    goal="Een gezonder Overvecht met een groen lint dat groene parels en plekken met potentie "
    "verbindt, samen met bewoners ontworpen.",
    next_steps=(
        "Participatie met bewoners door Stipo (maart tot en met juni 2020); uitvoeringsplan en "
        "eerste acties van augustus tot en met december 2020; evaluatie en plan van aanpak in "
        "december 2020; aansluiting op Noorderpark Ruigenhoek met de provincie."
    ),
    coalition=(
        ("Gemeente Utrecht", LEAD),
        ("Stipo", PARTNER),
        ("Provincie Utrecht", PARTNER),
        ("Staatsbosbeheer", PARTNER),
        ("Utrecht Natuurlijk", PARTNER),
        ("Sport Utrecht", PARTNER),
        ("DOCK", PARTNER),
        ("Beheergroep Park de Gagel", PARTNER),
        ("Rabobank", FUNDER),
    ),
    updates=(
        (
            D(2019, 8, 15),
            "Kinderroute naar het Gagelbos aangelegd met Staatsbosbeheer, Utrecht Natuurlijk en "
            "de provincie Utrecht; een mogelijk onderdeel van het Groene Lint.",
        ),
        (
            D(2019, 11, 15),
            "Op een bewonersavond is besloten dat begin 2020 een Contrainer (container met "
            "calisthenicstoestel) in Park de Gagel komt, op initiatief van bewoners. De Rabobank "
            "sponsort een deel.",
        ),
        (
            REPORT,
            "De gemeente heeft vier scenario's van ongeveer 4 km opgesteld die groene parels en "
            "gebieden met potentie verbinden. Stipo is aangetrokken voor het participatieproces.",
        ),
        (
            REPORT,
            "De Contrainer is besteld: de eerste opwaardering van een groene plek langs het lint.",
        ),
    ),
    measures=(MeasureSpec("Scenario's voor het Groene Lint", HOW_MUCH, values=((REPORT, 4, ""),)),),
)

PROJECT_O = OpportunitySpec(
    title="Project O",
    source="seed 001 §2, Kans: Project O",
    start=PROGRAMME_START,
    ambitions=(3, 5),
    location="De Dreef",
    description=(
        "Project O is een netwerkorganisatie in ontwikkeling in de Dreef, die samenwerking "
        "faciliteert tussen Overvechters, ondernemers, organisaties, onderwijs en overheden, "
        "naar de methodiek van Plan Einstein. Motto: alleen ga je sneller, samen kom je verder."
    ),
    goal=(
        "Talenten van Overvechters ontwikkelen, innovatieve bijdragen aan opgaven in de wijk en "
        "meer betrokkenheid van Overvechters."
    ),
    next_steps=(
        "Verkeerssimulator en uitwerking van de prijsvraag 30 km; tweede groep Future Urban "
        "Living in het najaar van 2020; activeringsprogramma rond de Vuelta op 14 augustus 2020; "
        "energiediner in 2020."
    ),
    coalition=(
        ("Project O", LEAD),
        ("Gemeente Utrecht", PARTNER),
        ("Sport Utrecht", PARTNER),
        ("Veilig Verkeer Nederland", PARTNER),
        ("Fietsersbond", PARTNER),
        ("Fietsmeesters", PARTNER),
        ("BikeFlip", PARTNER),
        ("Hogeschool Utrecht", PARTNER),
    ),
    updates=(
        (
            D(2019, 12, 31),
            "In 2019 bijeenkomsten gehouden om ideeën en betrokkenheid voor betere "
            "verkeersveiligheid in Overvecht te verzamelen.",
        ),
        (
            D(2020, 1, 15),
            "De prijsvraag 30 km Goed Idee! van gemeente en Project O leverde meer dan 100 "
            "inzendingen op van buurtbewoners.",
        ),
        (
            D(2020, 3, 2),
            "Future Urban Living (maatschappelijke diensttijd, Missie 030) is gestart met tien "
            "jongeren; eerste halfjaar ingezet op Heel Overvecht Fietst en het Festival Vuelta.",
        ),
        (
            REPORT,
            "Meer dan 10 partners doen mee aan fietsstimulering (Heel Overvecht Fietst): "
            "fietslessen, een fietshub, een educatieprogramma en bike repair. Project O is "
            "gestart met opgaven voedsel en gezondheid, energie en klimaat, en mobiliteit.",
        ),
    ),
    measures=(
        MeasureSpec(
            "Partners in fietsstimulering",
            HOW_MUCH,
            values=((REPORT, 10, "Meer dan 10 partners."),),
        ),
        MeasureSpec(
            "Inzendingen prijsvraag 30 km Goed Idee!",
            HOW_MUCH,
            values=((D(2020, 1, 15), 100, "Meer dan 100 inzendingen."),),
        ),
        MeasureSpec(
            "Jongeren in Future Urban Living",
            HOW_MUCH,
            values=((D(2020, 3, 2), 10, "Eerste groep."),),
        ),
    ),
)

SPORTPARK = OpportunitySpec(
    title="Sportpark Vechtzoom",
    source="seed 001 §2 (review) and §3, Sportpark Vechtzoom",
    start=PROGRAMME_START,
    ambitions=(2, 5),
    location="Sportpark Vechtzoom",
    description=(
        "Sportpark Vechtzoom versterken als plek waar meer bewoners en vrijwilligers sporten en "
        "meedoen, met voetbalvereniging SV Vechtzoom en hockeyvereniging UNO samen op het park."
    ),
    goal=(
        "Vanaf seizoen 2021-2022 draait het sportpark met twee verenigingen (voetbal en hockey), "
        "met meer activiteiten en meer betrokken bewoners en vrijwilligers."
    ),
    next_steps=(
        "Afspraken over het gebruik van de kantine afronden; daarna bespreken SV Vechtzoom, "
        "Sport Utrecht en gemeente hoe de vitaliteit van SV Vechtzoom versterkt wordt."
    ),
    coalition=(
        ("Gemeente Utrecht", LEAD),
        ("SV Vechtzoom", PARTNER),
        ("UNO", PARTNER),
        ("Sport Utrecht", PARTNER),
    ),
    updates=(
        (
            REPORT,
            "De aanpassing van de velden is vertraagd door de ingewikkelde inpassing en een "
            "zorgvuldige procedure. SV Vechtzoom en UNO praten verder over het gebruik van "
            "kantine en sportpark.",
        ),
    ),
    measures=(
        MeasureSpec("Verenigingen op het sportpark vanaf seizoen 2021-2022", HOW_MUCH, target=2),
    ),
)
SPORTPARK_REASON = (
    "Herijking 2020: minder kansrijk voor komend jaar. De ontwikkelingen lopen trager dan "
    "verwacht; pas in seizoen 2021-2022 draait het park met twee verenigingen."
)

IVOORDREEF = OpportunitySpec(
    title="Ivoordreef",
    source="seed 001 §2 (review) and §3, Ivoordreef",
    start=PROGRAMME_START,
    ambitions=(1, 2, 3, 5),
    location="Ivoordreef",
    description=(
        "De flat aan de Ivoordreef krijgt door sloop en nieuwbouw een nieuwe invulling, met "
        "meer menging en verdichting."
    ),
    goal=(
        "Een meer gemengde en veiligere wijk, een betere openbare ruimte en kansen voor "
        "jongeren en werkzoekenden in de wijk."
    ),
    next_steps=(
        "Na financiële goedkeuring van het plan: bouwenvelop en daarna bestemmingsplan; tot die "
        "tijd de flat en de directe omgeving schoon, heel en veilig houden."
    ),
    coalition=(("Bo-Ex", LEAD), ("Gemeente Utrecht", PARTNER)),
    updates=(
        (
            REPORT,
            "Het plan wacht op financiële goedkeuring; intussen wordt de flat met de directe "
            "omgeving schoon, heel en veilig gehouden. Bo-Ex wil bij de nieuwbouw "
            "leerwerkplekken voor Bouw=Wouw inbrengen.",
        ),
    ),
)
IVOORDREEF_REASON = (
    "Herijking 2020: minder kansrijk voor komend jaar, omdat het plan eerst financieel moet "
    "worden goedgekeurd voordat bouwenvelop en bestemmingsplan volgen."
)

AMAZONEDREEF = OpportunitySpec(
    title="Gezondheidscentrum Amazonedreef",
    source="seed 001 §2, Kans: Gezondheidscentrum Amazonedreef",
    start=REVIEW,
    ambitions=(4, 5),
    location="Amazonedreef",
    description=(
        "Het gezondheidscentrum aan de Amazonedreef wil een breed centrum voor de wijk zijn, "
        "waarin actief en preventief wordt gewerkt aan de gezondheid van bewoners. Sinds 2020 "
        "een kans van Samen voor Overvecht."
    ),
    goal=(
        "Betere gezondheid van bewoners door preventie, met onder één dak hulp bij stappen naar "
        "werk of scholing en bij rondkomen."
    ),
    next_steps=(
        "Spreekuren van de Werkwinkel en De Geldzaak hervatten zodra de coronamaatregelen het "
        "toelaten; medewerkers trainen in integraal werken en een gezamenlijke werkwijze."
    ),
    coalition=(
        ("Gezondheidscentrum Amazonedreef", LEAD),
        ("Werk & Inkomen", PARTNER),
        ("UWV", PARTNER),
        ("Leerwerkloket", PARTNER),
        ("Buurtteam Sociaal", PARTNER),
        ("Buurtteam Jeugd en Gezin", PARTNER),
        ("DOCK", PARTNER),
        ("Vrijwilligerscentrale Utrecht", PARTNER),
        ("Pozitive", PARTNER),
        ("U Centraal", PARTNER),
    ),
    updates=(
        (
            D(2019, 9, 15),
            "Buurttuin De Amazone is van start gegaan; de contouren van de tuin worden aangelegd.",
        ),
        (
            D(2020, 3, 5),
            "De Geldzaak is gestart: U Centraal bemant het spreekuur voor mensen die moeite "
            "hebben met rondkomen.",
        ),
        (
            D(2020, 3, 9),
            "De Werkwinkel is gestart als pilot van een jaar: zes dagdelen per week open inloop "
            "voor wie stappen wil zetten naar werk of scholing. Frontoffice: Werk & Inkomen, UWV "
            "en Leerwerkloket; backoffice: buurtteams, DOCK, Vrijwilligerscentrale Utrecht en "
            "Pozitive.",
        ),
        (
            REPORT,
            "Gemiddeld 10 buurtbewoners werken als vrijwilliger in de buurttuin. Twee "
            "gastvrouwen vervulden een half jaar vanuit een werkervaringsplaats de gastvrouwrol. "
            "De spreekuren van Werkwinkel en De Geldzaak liggen tijdelijk stil door het "
            "coronavirus.",
        ),
    ),
    measures=(
        MeasureSpec(
            "Vrijwilligers in buurttuin De Amazone",
            HOW_MUCH,
            values=((REPORT, 10, "Gemiddeld."),),
        ),
        MeasureSpec(
            "Gastvrouwen vanuit een werkervaringsplaats",
            BETTER_OFF,
            values=((REPORT, 2, ""),),
        ),
        MeasureSpec(
            "Dagdelen open inloop Werkwinkel",
            HOW_MUCH,
            target=6,
            unit="dagdelen per week",
        ),
    ),
)

GAGELSTEEDE = OpportunitySpec(
    title="Ontwikkelingen rondom Gagelsteede",
    source="seed 001 §2, Kans: Ontwikkelingen rondom Gagelsteede; §5 begroting 2019",
    start=REVIEW,
    ambitions=(1, 4),
    location="Gagelsteede, woonzorgcentrum Rosendael en Gagelpark",
    description=(
        "Rondom Gagelsteede lopen veel ontwikkelingen tegelijk, van de gemeente en van "
        "marktpartijen. Door ze op elkaar af te stemmen kan het gebied samen met partners en "
        "bewoners sterker worden ontwikkeld (1+1=3)."
    ),
    goal=(
        "De kansen benutten die vijf losse ruimtelijke projecten in samenhang bieden voor de "
        "ambities van Samen voor Overvecht."
    ),
    next_steps="Kansenanalyse afronden in het tweede kwartaal van 2020.",
    coalition=(
        ("Gemeente Utrecht", LEAD),
        ("Careyn", PARTNER),
        ("Mitros", PARTNER),
        ("Portaal", PARTNER),
    ),
    updates=(
        (
            D(2019, 12, 31),
            "Onderzoek naar de watertoren in het Gagelpark en een haalbaarheidsonderzoek "
            "Gagelsteede uitgevoerd (begroting 2019).",
        ),
        (
            REPORT,
            "Brede verkenning rond woonzorgcentrum Rosendael en het Gagelpark naar vijf projecten "
            "op korte afstand: nieuwbouw Careyn Rosendael, Gagelsteede, buurtaanpak THEMA-dreven, "
            "renovaties door de corporaties en het Groene Lint.",
        ),
    ),
    measures=(
        MeasureSpec("Ruimtelijke projecten in de verkenning", HOW_MUCH, values=((REPORT, 5, ""),)),
    ),
)

# The ten kansen with which Samen voor Overvecht started in 2019.
KANSEN_2019 = (
    CENTRUM,
    BEDRIJVENTERREIN,
    ENERGIE,
    SOCIAAL_RENOVEREN,
    GELDZORGEN,
    BUURTAANPAKKEN,
    GROEN_LINT,
    PROJECT_O,
    SPORTPARK,
    IVOORDREEF,
)
# Added at the review of 2020.
KANSEN_NEW_2020 = (AMAZONEDREEF, GAGELSTEEDE)
# (merged kans, kans it merged into, reason)
MERGES = ((GELDZORGEN, SOCIAAL_RENOVEREN, GELDZORGEN_MERGE_REASON),)
# (kans, reason): moved to long-running work at the review
MOVES = ((SPORTPARK, SPORTPARK_REASON), (IVOORDREEF, IVOORDREEF_REASON))
