"""Reads and who may see what (residents/access.py). Personal data read here is logged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from wijkaanpak.accounts.actors import Viewer
from wijkaanpak.accounts.models import User
from wijkaanpak.accounts.selectors import user_organisation_ids
from wijkaanpak.core.exceptions import Forbidden, NotFound
from wijkaanpak.programmes.models import Programme
from wijkaanpak.residents.access import ambassador_of, is_signal_handler, is_team
from wijkaanpak.residents.audit import audit
from wijkaanpak.residents.models import (
    OPEN_SIGNAL_STATES,
    Ambassador,
    ApplicationState,
    InitiativeApplication,
    InitiativeFund,
    Signal,
    SignalState,
    SignalTheme,
)

PUBLIC_STATES = (ApplicationState.GRANTED, ApplicationState.REPORTED)


# --- Ambassadors ------------------------------------------------------------------------------


def ambassador_list(*, programme: Programme, user: Viewer, source: str) -> list[Ambassador]:
    if not is_team(user, programme):
        raise Forbidden("Only the programme's team sees the ambassadors.")
    items = list(
        Ambassador.objects.filter(programme=programme, erased_at__isnull=True)
        .select_related("buurt")
        .order_by("name", "pk")
    )
    audit(
        user=user,
        action="read",
        record_type="ambassador",
        record_ids=[a.pk for a in items],
        source=source,
        programme=programme,
    )
    return items


def ambassador_get(*, pk: int, user: Viewer, source: str) -> Ambassador:
    """One ambassador: to the team, and to the ambassador themself."""
    ambassador = Ambassador.objects.select_related("programme", "buurt").filter(pk=pk).first()
    if ambassador is None:
        raise NotFound("No such ambassador.")
    own = ambassador_of(user)
    if not (is_team(user, ambassador.programme) or (own is not None and own.pk == pk)):
        raise NotFound("No such ambassador.")
    audit(
        user=user,
        action="read",
        record_type="ambassador",
        record_ids=[pk],
        source=source,
        programme=ambassador.programme,
    )
    return ambassador


# --- Signals ----------------------------------------------------------------------------------


def signal_themes(*, programme: Programme) -> QuerySet[SignalTheme]:
    return SignalTheme.objects.filter(programme=programme).order_by("name")


def is_overdue(signal: Signal, *, now: dt.datetime | None = None) -> bool:
    if signal.state == SignalState.HANDLED:
        return signal.handled_at is not None and signal.handled_at > signal.due_at
    return (now or timezone.now()) > signal.due_at


@dataclass
class SignalQuery:
    q: str = ""
    state: str = ""
    theme: int | None = None
    overdue: bool = False
    sort: str = "-received_at"


SORTS = {
    "received_at": ("received_at", "pk"),
    "-received_at": ("-received_at", "-pk"),
    "due_at": ("due_at", "pk"),
    "-due_at": ("-due_at", "-pk"),
    "state": ("state", "pk"),
}


def signal_queue(*, programme: Programme, user: Viewer, query: SignalQuery) -> QuerySet[Signal]:
    """The work queue: the team sees every signal of the programme, an organisation member
    those routed to their organisations; anyone else is refused."""
    items = Signal.objects.filter(programme=programme).select_related(
        "theme", "buurt", "organisation"
    )
    if not is_team(user, programme):
        orgs = user_organisation_ids(user=user) if isinstance(user, User) else set()
        if not orgs:
            raise Forbidden("Only the team and the partners who handle signals see them.")
        items = items.filter(organisation_id__in=orgs)
    if query.q:
        items = items.filter(
            Q(description__icontains=query.q)
            | Q(code__iexact=query.q)
            | Q(buurt__name__icontains=query.q)
        )
    if query.state:
        items = items.filter(state=query.state)
    if query.theme:
        items = items.filter(theme_id=query.theme)
    if query.overdue:
        items = items.filter(state__in=OPEN_SIGNAL_STATES, due_at__lt=timezone.now())
    return items.order_by(*SORTS.get(query.sort, SORTS["-received_at"]))


def signal_get(*, pk: int, user: Viewer) -> Signal:
    """One signal, with its history: to its handlers and to the ambassador who sent it."""
    signal = (
        Signal.objects.select_related("programme", "theme", "buurt", "organisation", "ambassador")
        .filter(pk=pk)
        .first()
    )
    if signal is None:
        raise NotFound("No such signal.")
    own = ambassador_of(user)
    if not (
        is_signal_handler(user, signal) or (own is not None and signal.ambassador_id == own.pk)
    ):
        raise NotFound("No such signal.")
    return signal


def signal_follow(*, code: str) -> Signal:
    """What a public sender sees with their follow code: state, dates, feedback."""
    signal = (
        Signal.objects.select_related("theme", "buurt", "programme")
        .filter(code=code.strip().upper())
        .first()
    )
    if signal is None:
        raise NotFound("No signal with this code.")
    return signal


def signals_of_ambassador(*, user: Viewer) -> QuerySet[Signal]:
    own = ambassador_of(user)
    if own is None:
        raise Forbidden("Only ambassadors have a list of their signals.")
    return Signal.objects.filter(ambassador=own).select_related("theme", "buurt")


# --- Initiative fund --------------------------------------------------------------------------


def fund_get(*, programme: Programme, year: int) -> InitiativeFund:
    fund = (
        InitiativeFund.objects.select_related("line", "programme")
        .filter(programme=programme, year=year)
        .first()
    )
    if fund is None:
        raise NotFound("No initiative fund for this year.")
    return fund


def fund_current(*, programme: Programme) -> InitiativeFund:
    fund = (
        InitiativeFund.objects.select_related("line", "programme")
        .filter(programme=programme)
        .order_by("-open", "-year")
        .first()
    )
    if fund is None:
        raise NotFound("This programme has no initiative fund.")
    return fund


def fund_granted(fund: InitiativeFund) -> int:
    total = fund.applications.filter(state__in=PUBLIC_STATES).aggregate(s=Sum("amount_granted"))[
        "s"
    ]
    return int(total or 0)


def fund_left(fund: InitiativeFund) -> int:
    return int(fund.line.amount) - fund_granted(fund)


def application_queue(
    *, fund: InitiativeFund, user: Viewer, q: str = "", state: str = "", sort: str = "-received_at"
) -> QuerySet[InitiativeApplication]:
    if not is_team(user, fund.programme):
        raise Forbidden("Only the programme's team handles applications.")
    items = fund.applications.all()
    if q:
        items = items.filter(Q(title__icontains=q) | Q(place__icontains=q))
    if state:
        items = items.filter(state=state)
    order = {
        "received_at": ("received_at", "pk"),
        "-received_at": ("-received_at", "-pk"),
        "amount_asked": ("amount_asked", "pk"),
        "-amount_asked": ("-amount_asked", "-pk"),
    }.get(sort, ("-received_at", "-pk"))
    return items.order_by(*order)


def application_get(*, pk: int, user: Viewer, source: str) -> InitiativeApplication:
    """One application with the applicant's contact details: the team only (logged)."""
    app = (
        InitiativeApplication.objects.select_related("fund__programme", "fund__line")
        .filter(pk=pk)
        .first()
    )
    if app is None or not is_team(user, app.fund.programme):
        raise NotFound("No such application.")
    audit(
        user=user,
        action="read",
        record_type="application",
        record_ids=[pk],
        source=source,
        programme=app.fund.programme,
    )
    return app


def initiatives_public(*, programme: Programme) -> QuerySet[InitiativeApplication]:
    """Granted (and reported) initiatives: public, without personal data."""
    return (
        InitiativeApplication.objects.filter(fund__programme=programme, state__in=PUBLIC_STATES)
        .select_related("fund")
        .prefetch_related("ambitions")
        .order_by("-fund__year", "title", "pk")
    )


def initiative_public_get(*, pk: int) -> InitiativeApplication:
    app = InitiativeApplication.objects.filter(pk=pk, state__in=PUBLIC_STATES).first()
    if app is None:
        raise NotFound("No such initiative.")
    return app


# --- Report ------------------------------------------------------------------------------------


def report_summary(programme: Programme, year: int) -> dict[str, Any]:
    """Section 4 of the annual report and the public dashboard: no personal data."""
    start = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC)
    ambassadors = Ambassador.objects.filter(
        programme=programme, joined_on__lt=dt.date(year + 1, 1, 1)
    ).filter(Q(left_on__isnull=True) | Q(left_on__gte=dt.date(year, 1, 1)))
    signals = Signal.objects.filter(
        programme=programme, received_at__gte=start, received_at__lt=end
    )
    by_state = {s.value: 0 for s in SignalState}
    for row in signals.values("state").annotate(n=Count("pk")):
        by_state[row["state"]] = row["n"]
    overdue = sum(1 for s in signals.only("state", "due_at", "handled_at") if is_overdue(s))
    fund = (
        InitiativeFund.objects.select_related("line").filter(programme=programme, year=year).first()
    )
    fund_out: dict[str, Any] | None = None
    initiatives: list[dict[str, Any]] = []
    if fund is not None:
        granted = fund_granted(fund)
        apps = fund.applications.all()
        fund_out = {
            "name": fund.name,
            "budget": int(fund.line.amount),
            "granted": granted,
            "left": int(fund.line.amount) - granted,
            "applications": apps.count(),
            "by_state": {s.value: apps.filter(state=s.value).count() for s in ApplicationState},
        }
        for app in apps.filter(state__in=PUBLIC_STATES).prefetch_related("ambitions"):
            initiatives.append(
                {
                    "title": app.title,
                    "place": app.place,
                    "audience": app.audience,
                    "amount": app.amount_granted,
                    "reported": app.state == ApplicationState.REPORTED,
                    "ambitions": [a.pk for a in app.ambitions.all()],
                }
            )
    return {
        "year": year,
        "ambassadors": ambassadors.count(),
        "signals": {"total": signals.count(), "by_state": by_state, "overdue": overdue},
        "fund": fund_out,
        "initiatives": initiatives,
    }
