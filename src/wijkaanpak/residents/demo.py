"""Residents in the Overvecht demo: 25 invented ambassadors (the seed's number), signal themes
with service levels and routing, signals in every state, and the 2020 initiative fund on the
€100,000 "Bewonersinitiatieven" budget line with applications in every state. Idempotent: made
once, through the services as the system. Every name here is invented."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from wijkaanpak.areas.models import Area
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.finance.models import BudgetLine
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.programmes.models import Programme
from wijkaanpak.residents import services
from wijkaanpak.residents.models import Ambassador, InitiativeApplication, Signal

FIRST = [
    "Fatima",
    "Henk",
    "Samira",
    "Kees",
    "Yasmina",
    "Mohamed",
    "Ans",
    "Bilal",
    "Marieke",
    "Ahmed",
    "Gerda",
    "Kofi",
    "Linda",
    "Hasan",
    "Petra",
    "Rachid",
    "Wilma",
    "Emre",
    "Sanne",
    "Driss",
    "Ria",
    "Nadia",
    "Jan",
    "Ilse",
    "Omar",
]
LAST = [
    "de Vries",
    "Bakker",
    "El Amrani",
    "Jansen",
    "Öztürk",
    "Visser",
    "Mulder",
    "Boukhari",
    "de Jong",
    "Smit",
    "Meijer",
    "Mensah",
    "van Dijk",
    "Yilmaz",
    "de Boer",
    "Tahiri",
    "Bos",
    "Kaya",
    "Vos",
    "Benali",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
]
# Theme, service level in working days, organisation that handles it.
THEMES: list[tuple[str, int, str | None]] = [
    ("Afval en zwerfvuil", 3, "Gemeente Utrecht"),
    ("Groen en speelplekken", 10, "Gemeente Utrecht"),
    ("Overlast en veiligheid", 5, "Buurtteam Sociaal"),
    ("Woning en portiek", 10, "Mitros"),
    ("Ontmoeting en activiteiten", 15, None),  # routed by hand by the team
]
SIGNALS = [
    # theme index, buurt code, description, final state, days ago
    (
        0,
        "BU03440341",
        "Vuilniszakken naast de ondergrondse container bij de Zambesidreef.",
        "handled",
        40,
    ),
    (0, "BU03440342", "Grofvuil bij de flat aan de Tigrisdreef, al een week.", "in_progress", 6),
    (
        1,
        "BU03440311",
        "Het hek om de speeltuin is kapot; kinderen lopen zo de weg op.",
        "routed",
        2,
    ),
    (1, "BU03440321", "Bankjes in het park zijn beklad.", "received", 1),
    (
        2,
        "BU03440312",
        "Jongeren hangen 's avonds laat in de portiek en het is erg luidruchtig.",
        "in_progress",
        12,
    ),
    (2, "BU03440322", "Fietsen worden gestolen bij het winkelcentrum.", "handled", 30),
    (
        3,
        "BU03440341",
        "Lift in de flat is al drie dagen stuk; ouderen komen de deur niet uit.",
        "routed",
        20,
    ),
    (3, "BU03440342", "Schimmel in de bergingen van het portiek.", "handled", 60),
    (4, "BU03440331", "Bewoners willen een buurtmaaltijd organiseren, wie helpt?", "received", 3),
    (4, "BU03440332", "Vraag om een ruimte voor het taalcafé.", "in_progress", 9),
    (0, "BU03440311", "Zwerfvuil langs het fietspad bij de Taagdreef.", "routed", 8),
    (1, "BU03440312", "Boom waait bijna om bij de Wolgadreef.", "handled", 15),
]
FEEDBACK = (
    "Dank voor uw melding. Het is opgepakt en afgehandeld; laat het ons weten als het terugkomt."
)
APPLICATIONS = [
    # title, place, audience, asked, final state, granted/ reason / report
    (
        "Buurtbarbecue Zambesidreef",
        "Grasveld Zambesidreef",
        "Bewoners van de flats",
        750,
        "reported",
        750,
    ),
    ("Moestuin achter de school", "Tigrisdreef", "Kinderen en ouders", 2500, "granted", 2000),
    (
        "Taalcafé voor vrouwen",
        "Buurthuis De Dreef",
        "Vrouwen die Nederlands leren",
        1800,
        "granted",
        1800,
    ),
    (
        "Voetbaltoernooi zomervakantie",
        "Trapveld Neckardreef",
        "Jongeren 10-16 jaar",
        1200,
        "reported",
        1000,
    ),
    (
        "Kerstmarkt in de portiek",
        "Wolgadreef",
        "Bewoners van het portiek",
        900,
        "declined",
        "Valt buiten de periode van het fonds.",
    ),
    (
        "Schilderproject muurschildering",
        "Onderdoorgang Vechtzoom",
        "Jongeren uit de buurt",
        4000,
        "in_review",
        None,
    ),
    ("Buurtkoor Overvecht", "Wijkcentrum", "Iedereen die wil zingen", 600, "received", None),
    ("Repair café", "Bibliotheek Overvecht", "Alle bewoners", 1500, "in_review", None),
]


def _programme() -> Programme | None:
    return Programme.objects.filter(slug="samen-voor-overvecht").first()


def load() -> None:
    programme = _programme()
    if programme is None or Ambassador.objects.filter(programme=programme).exists():
        return
    now = timezone.now()
    buurten = {a.code: a for a in Area.objects.filter(code__in={s[1] for s in SIGNALS})}
    themes = []
    for name, days, org_name in THEMES:
        theme = services.signal_theme_set(
            programme=programme, name=name, service_days=days, by=SYSTEM
        )
        org = Organisation.objects.filter(name=org_name).first() if org_name else None
        if org is not None:
            services.routing_rule_set(theme=theme, area=None, organisation=org, by=SYSTEM)
        themes.append(theme)
    password = settings.DEMO_PASSWORD if settings.DEBUG else None
    codes = sorted(buurten)
    ambassadors = []
    for i in range(25):
        ambassadors.append(
            services.ambassador_register(
                programme=programme,
                name=f"{FIRST[i]} {LAST[i]}",
                email=f"ambassadeur{i + 1:02d}@demo.invalid",
                phone="",
                buurt=buurten.get(codes[i % len(codes)]) if codes else None,
                consent=True,
                username=f"ambassadeur{i + 1:02d}",
                password=password,
                joined_on=dt.date(2020, 3, 1) if i < 20 else dt.date(2020, 9, 1),
                by=SYSTEM,
            )
        )
    for n, (t, code, text, state, days_ago) in enumerate(SIGNALS):
        buurt = buurten.get(code)
        if buurt is None:
            continue
        by = ambassadors[n % 25].user if n % 3 else AnonymousUser()
        signal = services.signal_submit(
            programme=programme,
            theme=themes[t],
            buurt=buurt,
            description=text,
            received_at=now - dt.timedelta(days=days_ago),
            by=by or AnonymousUser(),
        )
        _advance(signal, state)
    _fund(programme)


def _advance(signal: Signal, state: str) -> None:
    if state == "received" and signal.state == "routed":
        return  # routed at once by its rule; "received" stays for the signals without a rule
    if signal.state == "received" and state != "received":
        org = Organisation.objects.filter(name="Gemeente Utrecht").first()
        signal = services.signal_transition(
            signal=signal, to="routed", version=signal.version, organisation=org, by=SYSTEM
        )
    if state in ("in_progress", "handled") and signal.state == "routed":
        signal = services.signal_transition(
            signal=signal, to="in_progress", version=signal.version, by=SYSTEM
        )
    if state == "handled":
        services.signal_transition(
            signal=signal, to="handled", version=signal.version, feedback=FEEDBACK, by=SYSTEM
        )


def _fund(programme: Programme) -> None:
    line = BudgetLine.objects.filter(
        budget__programme=programme, budget__year=2020, subject="Bewonersinitiatieven"
    ).first()
    if line is None:
        return
    fund = services.fund_set(
        programme=programme,
        year=2020,
        name="Bewonersinitiatievenfonds",
        line=line,
        by=SYSTEM,
    )
    if InitiativeApplication.objects.filter(fund=fund).exists():
        return
    ambitions = list(programme.ambitions.filter(number__in=[1]))
    base = timezone.make_aware(dt.datetime(2020, 3, 2, 10, 0))
    for i, (title, place, audience, asked, state, extra) in enumerate(APPLICATIONS):
        app = services.application_submit(
            fund=fund,
            title=title,
            place=place,
            audience=audience,
            amount_asked=asked,
            contact_name=f"{FIRST[-1 - i]} {LAST[-1 - i]}",
            contact_email=f"aanvrager{i + 1}@demo.invalid",
            consent=True,
            ambitions=ambitions,
            received_at=base + dt.timedelta(days=14 * i),
            by=AnonymousUser(),
        )
        if state == "received":
            continue
        if state == "declined":
            services.application_transition(
                application=app, to="declined", version=app.version, reason=str(extra), by=SYSTEM
            )
            continue
        app = services.application_transition(
            application=app, to="in_review", version=app.version, by=SYSTEM
        )
        if state == "in_review":
            continue
        app = services.application_transition(
            application=app, to="granted", version=app.version, amount=int(str(extra)), by=SYSTEM
        )
        if state == "reported":
            services.application_transition(
                application=app,
                to="reported",
                version=app.version,
                report="Het ging goed: veel bewoners kwamen en er zijn nieuwe contacten gelegd.",
                by=SYSTEM,
            )
