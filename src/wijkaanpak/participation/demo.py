"""Demo of meetings, communication and stories (seed 000 "Betrokkenheid bewoners"; seed 001
section 2 and section 4, "Communicatie"; seed 004 "laten zien en vieren van resultaten").

Dates the seeds do not give (the day of a meeting in a named month, the Versnellingscafés'
dates, the publication days of articles and films) are the demo's own and are marked so in
`source`. Idempotent: items are found again by programme and title and left as they are.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.opportunities.models import Opportunity
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.participation import services
from wijkaanpak.participation.models import (
    Activity,
    ActivityKind,
    Channel,
    ChannelKind,
    CommunicationOutput,
    OutputKind,
    OutputStatus,
    Story,
)
from wijkaanpak.programmes.models import Programme

AMS = ZoneInfo("Europe/Amsterdam")
SLUG = "samen-voor-overvecht"
VERSNELLING_SLUG = "de-versnelling-in-overvecht"
S000 = "seed 000, Betrokkenheid bewoners"
S001_2 = "seed 001 §2"
S001_4 = "seed 001 §4 Communicatie"
INVENTED = "datum door de demo gekozen"


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMS)


def _orgs(*names: str) -> list[Organisation]:
    return list(Organisation.objects.filter(name__in=names))


def _kans(programme: Programme, title: str) -> Opportunity | None:
    return Opportunity.objects.filter(programme=programme, title__iexact=title).first()


def _activity(programme: Programme, title: str, **fields: Any) -> Activity:
    found = Activity.objects.filter(programme=programme, title=title).first()
    if found is not None:
        return found
    follow_ups = fields.pop("follow_ups", [])
    activity = services.activity_create(programme=programme, title=title, by=SYSTEM, **fields)
    for text, kans in follow_ups:
        services.follow_up_create(activity=activity, text=text, opportunity=kans, by=SYSTEM)
    return activity


MEETINGS_2019_2020: list[dict[str, Any]] = [
    {
        "title": "Startende ondernemersdag",
        "kind": ActivityKind.OTHER,
        "starts_at": _at(dt.date(2019, 11, 9), 10),
        "ends_at": _at(dt.date(2019, 11, 9), 16),
        "place": "Overvecht",
        "organisers": (
            "UWV",
            "Gemeente Utrecht",
            "DOK030",
            "Project O",
            "Power by Peers",
            "KvK",
            "Rabobank",
            "Over Rood",
        ),
        "actual_attendance": 30,
        "description": "Inspiratieverhalen, een meet & greet met ondernemers uit de wijk en "
        "workshops voor bewoners met een idee voor een bedrijf.",
        "outcomes": "Zo'n 30 bewoners met een idee voor een bedrijf. Een prijs "
        "(coachingsgesprekken met de Rabobank) voor het beste startersidee. DOK030 neemt na "
        "afloop contact op met de bezoekers om hen verder te begeleiden.",
        "source": f"{S001_2}, Ondernemersdag (9 november 2019); tijden: {INVENTED}",
        "kans": "Ondernemersdag",
        "follow_ups": ["Jaarlijks een ondernemersdag organiseren in Overvecht."],
    },
    {
        "title": "Beroepenmarkt Bouw & Techniek",
        "kind": ActivityKind.MARKET,
        "starts_at": _at(dt.date(2020, 3, 4), 14),
        "ends_at": _at(dt.date(2020, 3, 4), 20),
        "place": "Theater Stefanus, Overvecht",
        "organisers": ("Ampliar", "Bouwmensen", "Mitros", "Portaal", "Eneco", "Stedin"),
        "expected_attendance": 150,
        "actual_attendance": 175,
        "description": "Gebundelde wervingsactie voor werk of scholing in Bouw, Techniek en "
        "Energietransitie, met doe-activiteiten en gesprekken met rolmodellen.",
        "outcomes": "Meer dan 175 bezoekers. De interesse en achtergronden van de kandidaten "
        "zijn geregistreerd; per kandidaat is bekeken wat het best passende traject is.",
        "source": f"{S001_2}, Kans Energie voor jongeren, Bouw=Wouw (woensdag 4 maart 2020); "
        f"tijden: {INVENTED}",
        "kans": "Energie voor jongeren",
        "follow_ups": [
            "Kandidaten van de beroepenmarkt koppelen aan de circa 30 leerwerkplekken van "
            "Bouw=Wouw in 2020 en 2021."
        ],
    },
    {
        "title": "Tweede bijeenkomst wijkambassadeurs",
        "kind": ActivityKind.DIALOGUE,
        "starts_at": _at(dt.date(2020, 3, 11), 19),
        "ends_at": _at(dt.date(2020, 3, 11), 21),
        "place": "Wijkbureau Overvecht",
        "organisers": ("Gemeente Utrecht",),
        "actual_attendance": 20,
        "public": False,
        "description": "Met 20 wijkambassadeurs en wijkwethouder Kees Diepenveen.",
        "outcomes": "De wijkambassadeurs deelden eigen ideeën voor de wijk en dachten mee over "
        "een bewonersbijeenkomst rond Samen voor Overvecht, beter gebruik van het "
        "Initiatievenfonds, wat zij nodig hebben als wijkambassadeur en hoe de ambities het "
        "best verwoord worden richting bewoners.",
        "source": f"{S001_4} (maart 2020); dag: {INVENTED}",
        "kans": "Wijkambassadeurs",
        "follow_ups": ["Een bewonersbijeenkomst over Samen voor Overvecht voorbereiden."],
    },
    {
        "title": "Kenniskring: duiding van de cijfers over 2019",
        "kind": ActivityKind.KENNISKRING,
        "starts_at": _at(dt.date(2020, 6, 10), 15),
        "ends_at": _at(dt.date(2020, 6, 10), 17),
        "place": "Wijkbureau Overvecht",
        "organisers": ("Gemeente Utrecht",),
        "expected_attendance": 25,
        "description": "Partners en bewoners duiden samen wat de cijfers van de monitor zeggen "
        "en wat dat betekent voor de aanpak.",
        "source": f"seed 001 §1, werkwijze: kenniskringen in het tweede kwartaal; dag: {INVENTED}",
        "follow_ups": ["De duiding van de kenniskring vastleggen bij de indicatoren."],
    },
    *[
        {
            "title": f"Overleg communicatieadviseurs partners ({month})",
            "kind": ActivityKind.OTHER,
            "starts_at": _at(day, 10),
            "ends_at": _at(day, 11, 30),
            "place": "Wijkbureau Overvecht",
            "organisers": ("Gemeente Utrecht", "Mitros", "DOCK"),
            "public": False,
            "description": "Actualiteiten en communicatiemiddelen delen, voortgang van de "
            "communicatiestrategie bespreken.",
            "source": f"{S001_4} (maandelijks; tot nu toe drie bijeenkomsten); data: {INVENTED}",
        }
        for month, day in (
            ("januari", dt.date(2020, 1, 15)),
            ("februari", dt.date(2020, 2, 12)),
            ("maart", dt.date(2020, 3, 18)),
        )
    ],
]

CAFES = [
    ("werk", dt.date(2017, 2, 15), None),
    ("opvoeden", dt.date(2017, 4, 12), None),
    ("geld", dt.date(2017, 6, 14), "Armoede"),
    ("veiligheid", dt.date(2017, 9, 20), None),
]

CHANNELS = [
    (
        "Echt Overvecht",
        ChannelKind.WEBSITE,
        "Het centrale platform: wekelijks nieuws over "
        "Samen voor Overvecht; alle uitingen linken hiernaar.",
        52,
    ),
    (
        "Dreefnieuws",
        ChannelKind.PRINT,
        "Huis-aan-huisblad, vier keer per jaar; per kwartaal "
        "een artikel over Samen voor Overvecht.",
        4,
    ),
    (
        "Nieuwsbrief wijkbureau",
        ChannelKind.NEWSLETTER,
        "Tweewekelijkse digitale nieuwsbrief voor professionals en bewoners.",
        None,
    ),
    ("Sociale media", ChannelKind.SOCIAL, "Kanalen van de partners; #samenvoorovervecht.", None),
    (
        "Films",
        ChannelKind.FILM,
        "Overvechtse filmers maken maandelijks filmpjes met verhalen van betrokken Overvechters.",
        8,
    ),
]

# (channel, kind, title, date, status, kans); dates marked invented in `source`.
OUTPUTS = [
    (
        "Dreefnieuws",
        OutputKind.ARTICLE,
        "De buurtambassadeurs",
        dt.date(2019, 3, 28),
        "made",
        "Wijkambassadeurs",
    ),
    (
        "Dreefnieuws",
        OutputKind.ARTICLE,
        "Kennismaken met de wijkwethouder",
        dt.date(2019, 6, 27),
        "made",
        None,
    ),
    ("Dreefnieuws", OutputKind.ARTICLE, "Overvecht Werkt", dt.date(2019, 9, 26), "made", None),
    (
        "Dreefnieuws",
        OutputKind.ARTICLE,
        "De wijkambassadeurs",
        dt.date(2019, 12, 19),
        "made",
        "Wijkambassadeurs",
    ),
    (
        "Dreefnieuws",
        OutputKind.ARTICLE,
        "Beroepentuin in Overvecht",
        dt.date(2020, 3, 26),
        "made",
        "Energie voor jongeren",
    ),
    (
        "Dreefnieuws",
        OutputKind.ARTICLE,
        "Speciale editie: 60 jaar Overvecht",
        dt.date(2020, 9, 24),
        "planned",
        None,
    ),
    (
        "Films",
        OutputKind.FILM,
        "Film: de eerste wijkambassadeur",
        dt.date(2020, 1, 24),
        "made",
        "Wijkambassadeurs",
    ),
    (
        "Films",
        OutputKind.FILM,
        "Film: Overvechters aan het woord (2)",
        dt.date(2020, 2, 21),
        "made",
        None,
    ),
    (
        "Films",
        OutputKind.FILM,
        "Film: Overvechters aan het woord (3)",
        dt.date(2020, 3, 20),
        "made",
        None,
    ),
    *[
        (
            "Films",
            OutputKind.FILM,
            f"Film: Overvechters aan het woord ({n})",
            dt.date(2020, n + 1, 20),
            "planned",
            None,
        )
        for n in range(4, 9)
    ],
    (
        "Nieuwsbrief wijkbureau",
        OutputKind.NEWSLETTER_ITEM,
        "De Regio Deal",
        dt.date(2020, 1, 16),
        "made",
        None,
    ),
    (
        "Nieuwsbrief wijkbureau",
        OutputKind.NEWSLETTER_ITEM,
        "Introductie van de wijkambassadeurs",
        dt.date(2020, 2, 13),
        "made",
        "Wijkambassadeurs",
    ),
    (
        "Nieuwsbrief wijkbureau",
        OutputKind.NEWSLETTER_ITEM,
        "Maandelijks spreekuur met de wijkagent",
        dt.date(2020, 3, 12),
        "made",
        None,
    ),
    (
        "Sociale media",
        OutputKind.POST,
        "Films gedeeld met #samenvoorovervecht",
        dt.date(2020, 3, 21),
        "made",
        None,
    ),
]

STORIES = [
    (
        "Meer dan 175 bezoekers op de Beroepenmarkt Bouw & Techniek",
        "Op woensdag 4 maart kwamen meer dan 175 bezoekers naar theater Stefanus voor doe-"
        "activiteiten en gesprekken met rolmodellen uit de bouw en techniek. Voor elke kandidaat "
        "is gekeken welk traject het best past; Bouw=Wouw heeft omstreeks 30 leerwerkplekken.",
        dt.date(2020, 3, 10),
        "Energie voor jongeren",
        f"{S001_2}, Bouw=Wouw",
    ),
    (
        "Een prijs voor het beste startersidee",
        "Zo'n 30 bewoners met een idee voor een eigen bedrijf kwamen op 9 november 2019 naar de "
        "startende ondernemersdag. De bewoner met het beste startersidee won coachingsgesprekken "
        "met de Rabobank.",
        dt.date(2019, 11, 15),
        "Ondernemersdag",
        f"{S001_2}, Ondernemersdag",
    ),
    (
        "Wijkambassadeurs: ogen en oren van Overvecht",
        "25 wijkambassadeurs delen positieve verhalen over de wijk. Het eerste filmpje van een "
        "wijkambassadeur is gemaakt en verspreid, met veel positieve reacties.",
        dt.date(2020, 1, 30),
        "Wijkambassadeurs",
        S001_4,
    ),
]


def _meetings(programme: Programme) -> None:
    for spec in MEETINGS_2019_2020:
        values = dict(spec)
        kans = _kans(programme, values.pop("kans")) if "kans" in values else None
        values["organisers"] = _orgs(*values["organisers"])
        values["follow_ups"] = [(text, kans) for text in values.get("follow_ups", [])]
        _activity(programme, values.pop("title"), **values)


def _cafes() -> None:
    versnelling = Programme.objects.filter(slug=VERSNELLING_SLUG).first()
    if versnelling is None:
        return
    for theme_name, day, theme in CAFES:
        _activity(
            versnelling,
            f"Versnellingscafé {theme_name}",
            kind=ActivityKind.VERSNELLINGSCAFE,
            starts_at=_at(day, 19, 30),
            ends_at=_at(day, 21, 30),
            theme=versnelling.themes.filter(name=theme).first() if theme else None,
            place="Overvecht",
            description=f"Versnellingscafé over {theme_name}, voor binding en betrokkenheid; "
            "divers in locaties en manieren van uitnodigen.",
            source=f"{S000} (thema's werk, opvoeden, geld, veiligheid); data: {INVENTED}",
        )
    _activity(
        versnelling,
        "Dialoogbijeenkomst polarisatie en radicalisering",
        kind=ActivityKind.DIALOGUE,
        starts_at=_at(dt.date(2017, 11, 8), 19, 30),
        place="Overvecht",
        description="Dialoog over polarisatie en radicalisering: inclusie.",
        source=f"{S000} (dialoogbijeenkomsten); datum: {INVENTED}",
    )


def _communication(programme: Programme) -> None:
    channels: dict[str, Channel] = {}
    for name, channel_kind, description, planned in CHANNELS:
        channels[name] = services.channel_ensure(
            programme=programme, name=name, kind=channel_kind, description=description, by=SYSTEM
        )
        if planned is not None:
            services.channel_plan_set(
                channel=channels[name], year=2020, planned=planned, note=S001_4, by=SYSTEM
            )
    for channel, kind, title, date, status, kans_title in OUTPUTS:
        if CommunicationOutput.objects.filter(programme=programme, title=title).exists():
            continue
        kans = _kans(programme, kans_title) if kans_title else None
        services.output_create(
            programme=programme,
            channel=channels[channel],
            kind=kind,
            title=title,
            date=date,
            status=OutputStatus(status),
            opportunities=[kans] if kans else [],
            source=f"{S001_4}; datum: {INVENTED}",
            by=SYSTEM,
        )


def _stories(programme: Programme) -> None:
    for title, text, published_on, kans_title, source in STORIES:
        if Story.objects.filter(programme=programme, title=title).exists():
            continue
        kans = _kans(programme, kans_title)
        services.story_create(
            programme=programme,
            title=title,
            text=text,
            published=True,
            published_on=published_on,
            opportunities=[kans] if kans else [],
            ambitions=list(kans.ambitions.all()) if kans else [],
            source=source,
            by=SYSTEM,
        )


def load() -> None:
    programme = Programme.objects.filter(slug=SLUG).first()
    if programme is None:
        return
    _meetings(programme)
    _cafes()
    _communication(programme)
    _stories(programme)
