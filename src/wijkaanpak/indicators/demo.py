"""Demo of the indicator monitor: the programme's indicators linked to its five ambitions,
real CBS figures and the WijkWijzer 2017 table (demo_data/overvecht_figures.csv, each row with
its source), a target and one kenniskring interpretation in 2020. Idempotent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from wijkaanpak.areas.models import Area
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.indicators.models import Indicator
from wijkaanpak.indicators.services import (
    area_name_mapping_set,
    indicator_create_or_update,
    indicators_import,
    interpretation_create_or_update,
    target_set,
)
from wijkaanpak.programmes.models import Programme

FIGURES = Path(__file__).parent / "demo_data" / "overvecht_figures.csv"
CBS = "CBS Kerncijfers wijken en buurten"
WW = "WijkWijzer 2017, gemeente Utrecht"

# code, Dutch name, English name, unit, direction, source, ambition numbers, definition
INDICATORS = [
    ("ww_bijstand_hh", "Huishoudens met bijstand", "Households on welfare", "percent",
     "lower", WW, [5], "Aandeel huishoudens met een bijstandsuitkering."),
    ("ww_banen_per_100", "Werkgelegenheid in de wijk (banen per 100 inwoners)",
     "Jobs in the district per 100 inhabitants", "per_100", "higher", WW, [5], ""),
    ("ww_slechte_gezondheid", "Slechte ervaren gezondheid", "Poor self-rated health", "percent",
     "lower", WW, [4], "Aandeel inwoners dat de eigen gezondheid als slecht ervaart."),
    ("ww_onveilig", "Voelt zich wel eens onveilig in de wijk",
     "Feels unsafe in the district at times", "percent", "lower", WW, [3], ""),
    ("ww_rapportcijfer_buurt", "Rapportcijfer buurtoordeel", "Report grade for the neighbourhood",
     "grade", "higher", WW, [3], ""),
    ("ww_sociale_cohesie", "Rapportcijfer sociale cohesie", "Report grade for social cohesion",
     "grade", "higher", WW, [3], ""),
    ("a_inw", "Aantal inwoners", "Inhabitants", "count", "neutral", CBS, [], ""),
    ("a_hh", "Aantal huishoudens", "Households", "count", "neutral", CBS, [], ""),
    ("a_soz_wb", "Personen met een bijstandsuitkering", "People on welfare", "count", "lower",
     CBS, [5], ""),
    ("p_wcorpw", "Woningen in bezit van een woningcorporatie", "Homes owned by a housing "
     "corporation", "percent", "lower", CBS, [1], "Meer menging: minder eenzijdige voorraad."),
    ("p_koopw", "Koopwoningen", "Owner-occupied homes", "percent", "higher", CBS, [1], ""),
    ("g_wozbag", "Gemiddelde WOZ-waarde van woningen (x 1.000 euro)", "Mean WOZ value of homes "
     "(x 1,000 euro)", "euro_x1000", "higher", CBS, [1], ""),
    ("p_hh_li", "Huishoudens met een laag inkomen", "Low-income households", "percent", "lower",
     CBS, [5], ""),
    ("p_hh_osm", "Huishoudens onder of rond het sociaal minimum", "Households at or around the "
     "social minimum", "percent", "lower", CBS, [5], ""),
    ("p_jz_tn", "Jongeren met jeugdzorg", "Young people in youth care", "percent", "lower", CBS,
     [2], ""),
    ("p_wmo_t", "Wmo-cliënten per 1.000 inwoners", "Wmo clients per 1,000 inhabitants",
     "per_1000", "neutral", CBS, [4], ""),
    ("misdrijven_totaal", "Geregistreerde misdrijven", "Registered crimes", "count", "lower",
     "Politie/CBS 47018NED", [3], ""),
]  # fmt: skip


def load() -> None:
    programme = Programme.objects.get(slug="samen-voor-overvecht")
    ambitions = {a.number: a for a in programme.ambitions.all()}
    for code, nl, en, unit, direction, source, numbers, definition in INDICATORS:
        indicator_create_or_update(
            code=code,
            name_nl=nl,
            name_en=en,
            unit=unit,
            direction=direction,
            source=source,
            definition=definition,
            ambitions=[ambitions[n] for n in numbers if n in ambitions],
        )
    indicator_create_or_update(
        code="bijstand_per_1000",
        name_nl="Bijstandsontvangers per 1.000 inwoners",
        name_en="Welfare recipients per 1,000 inhabitants",
        unit="per_1000",
        direction="lower",
        source="Berekend uit CBS-cijfers",
        ambitions=[ambitions[5]] if 5 in ambitions else [],
        numerator=Indicator.objects.get(code="a_soz_wb"),
        denominator=Indicator.objects.get(code="a_inw"),
        factor=1000,
    )
    with FIGURES.open("rb") as stream:
        indicators_import(
            user=SYSTEM,
            stream=stream,
            file_name=FIGURES.name,
            fmt="long",
            source="Demo: projectbestand met CBS- en WijkWijzer-cijfers",
            keep_unchanged_run=False,
        )
    overvecht = Area.objects.get(code="WK034403")
    utrecht = Area.objects.get(code="GM0344")
    area_name_mapping_set(name="Overvecht", area=overvecht)
    area_name_mapping_set(name="Utrecht", area=utrecht)
    target_set(
        indicator=Indicator.objects.get(code="ww_bijstand_hh"),
        area=overvecht,
        year=2030,
        value=12.35,
        description="Voorbeelddoel: het verschil met de stad (18,2 % tegen 6,5 % in 2017) "
        "gehalveerd in 2030",
    )
    interpretation_create_or_update(
        programme=programme,
        date=dt.date(2020, 6, 11),
        title="Kenniskring Meedoen & Ondernemen",
        participants="Bewoners en wijkambassadeurs, buurtteam, Werk & Inkomen, de Werkplaats "
        "en het programmateam (beschrijving, geen persoonsgegevens)",
        text="Voorbeeldduiding voor de demo, volgens de werkwijze uit de voortgangsrapportage "
        "van april 2020. Het aandeel huishoudens met bijstand is bijna drie keer zo hoog als in "
        "de stad en er zijn half zoveel banen per inwoner. De kring ziet dat werk in de wijk "
        "(bedrijventerrein, Beroepentuin, leerwerkplekken bij renovaties) alleen helpt als "
        "bewoners er ook op af kunnen; de coronacrisis maakt de wijk kwetsbaar. Gevolg voor de "
        "aanpak: werving via Bouw=Wouw en de Oriëntatiesprint bundelen en de cijfers per "
        "subwijk volgen.",
        indicators=Indicator.objects.filter(code__in=["ww_bijstand_hh", "ww_banen_per_100"]),
        areas=[overvecht],
        years=[2017],
    )
