"""The residents API (/api/v1/residents/): public reads of what is public (granted initiatives,
the fund's figures, a signal by its follow code, the report summary), the public forms, and the
team's and partners' queues with the same role rules as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Field, Form, Router, Schema

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.areas.models import Area
from wijkaanpak.core.api_utils import (
    READ_ERRORS,
    WRITE_ERRORS,
    Id,
    Limit,
    Offset,
    Problem,
    Version,
    Year,
    page_bounds,
)
from wijkaanpak.core.exceptions import DomainError, InvalidInput, NotFound
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.programmes.selectors import programme_get
from wijkaanpak.residents import selectors, services
from wijkaanpak.residents.access import ambassador_of
from wijkaanpak.residents.models import InitiativeApplication, Signal, SignalTheme
from wijkaanpak.residents.ratelimit import rate_limited

router = Router(tags=["residents"])
T = TypeVar("T", bound=Model)

Text = Field(default="", max_length=4000)


class TooMany(DomainError):
    status = 429


def _limit(request: HttpRequest, form: str) -> None:
    if rate_limited(request, form=form):
        raise TooMany(
            "U heeft dit formulier te vaak verstuurd. Probeer het over tien minuten opnieuw."
        )


class InitiativeOut(Schema):
    id: int
    year: int
    title: str
    place: str
    audience: str
    amount_granted: int | None
    state: str
    ambitions: list[int]


class FundOut(Schema):
    year: int
    name: str
    budget: int
    granted: int
    left: int
    open: bool


class FollowOut(Schema):
    code: str
    theme: str
    buurt: str
    state: str
    received_at: dt.datetime
    due_at: dt.datetime
    overdue: bool
    feedback: str


class SignalOut(FollowOut):
    id: int
    description: str
    organisation: str | None
    has_photo: bool
    version: int


class ApplicationOut(Schema):
    id: int
    title: str
    place: str
    audience: str
    description: str
    amount_asked: int
    amount_granted: int | None
    state: str
    decline_reason: str
    report: str
    contact_name: str
    contact_email: str
    contact_phone: str
    received_at: dt.datetime
    version: int


class ApplicationIn(Schema):
    title: str = Field(max_length=200)
    place: str = Field(max_length=200)
    audience: str = Field(max_length=200)
    description: str = Text
    amount_asked: int = Field(ge=1, le=10_000_000)
    contact_name: str = Field(max_length=120)
    contact_email: str = Field(max_length=254)
    contact_phone: str = Field(default="", max_length=30)
    consent: bool
    website: str = Field(default="", max_length=200)


class ApplicationTransitionIn(Schema):
    to: str = Field(max_length=20)
    version: Version
    amount: int | None = Field(default=None, ge=1, le=10_000_000)
    reason: str = Text
    report: str = Text


class SignalTransitionIn(Schema):
    to: str = Field(max_length=20)
    version: Version
    feedback: str = Text
    organisation: Id | None = None


def _slice(items: QuerySet[T], limit: int, offset: int) -> list[T]:
    limit, offset = page_bounds(limit, offset)
    return list(items[offset : offset + limit])


def _initiative(app: InitiativeApplication) -> dict[str, Any]:
    return {
        "id": app.pk,
        "year": app.fund.year,
        "title": app.title,
        "place": app.place,
        "audience": app.audience,
        "amount_granted": app.amount_granted,
        "state": app.state,
        "ambitions": [a.pk for a in app.ambitions.all()],
    }


def _follow(s: Signal) -> dict[str, Any]:
    return {
        "code": s.code,
        "theme": s.theme.name,
        "buurt": s.buurt.name,
        "state": s.state,
        "received_at": s.received_at,
        "due_at": s.due_at,
        "overdue": selectors.is_overdue(s),
        "feedback": s.feedback,
    }


def _signal(s: Signal) -> dict[str, Any]:
    return {
        **_follow(s),
        "id": s.pk,
        "description": s.description,
        "organisation": s.organisation.name if s.organisation else None,
        "has_photo": bool(s.photo),
        "version": s.version,
    }


@router.get("/programmes/{slug}/initiatives/", response={200: list[InitiativeOut], **READ_ERRORS})
def initiatives(request: HttpRequest, slug: str, limit: Limit = 100, offset: Offset = 0) -> Any:
    programme = programme_get(slug=slug)
    items = selectors.initiatives_public(programme=programme)
    return [_initiative(a) for a in _slice(items, limit, offset)]


@router.get("/programmes/{slug}/funds/", response={200: list[FundOut], **READ_ERRORS})
def funds(request: HttpRequest, slug: str) -> Any:
    programme = programme_get(slug=slug)
    return [
        {
            "year": f.year,
            "name": f.name,
            "budget": int(f.line.amount),
            "granted": selectors.fund_granted(f),
            "left": selectors.fund_left(f),
            "open": f.open,
        }
        for f in programme.initiative_funds.select_related("line").order_by("-year")
    ]


@router.get("/programmes/{slug}/summary/{year}/", response={200: dict[str, Any], **READ_ERRORS})
def summary(request: HttpRequest, slug: str, year: Year) -> Any:
    return selectors.report_summary(programme_get(slug=slug), year)


@router.post(
    "/programmes/{slug}/applications/", response={201: dict[str, str], 429: Problem, **WRITE_ERRORS}
)
def application_create(request: HttpRequest, slug: str, data: ApplicationIn) -> Any:
    """The fund's public form (no login). `website` is a honeypot: leave it empty."""
    _limit(request, "fund")
    programme = programme_get(slug=slug)
    fund = selectors.fund_current(programme=programme)
    if data.website:
        return 201, {"status": "received"}
    services.application_submit(
        fund=fund,
        title=data.title,
        place=data.place,
        audience=data.audience,
        description=data.description,
        amount_asked=data.amount_asked,
        contact_name=data.contact_name,
        contact_email=data.contact_email,
        contact_phone=data.contact_phone,
        consent=data.consent,
        by=request.user,
    )
    return 201, {"status": "received"}


@router.get(
    "/programmes/{slug}/applications/",
    response={200: list[ApplicationOut], **READ_ERRORS, 403: Problem},
    auth=logged_in,
)
def application_list(
    request: HttpRequest,
    slug: str,
    q: str = "",
    state: str = "",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    programme = programme_get(slug=slug)
    fund = selectors.fund_current(programme=programme)
    items = _slice(
        selectors.application_queue(fund=fund, user=request.user, q=q[:100], state=state[:20]),
        limit,
        offset,
    )
    from wijkaanpak.residents.audit import audit

    audit(
        user=request.user,
        action="read",
        record_type="application",
        record_ids=[a.pk for a in items],
        source=f"api:applications:{slug}",
        programme=programme,
    )
    return items


@router.get(
    "/applications/{application_id}/", response={200: ApplicationOut, **READ_ERRORS}, auth=logged_in
)
def application_get(request: HttpRequest, application_id: Id) -> Any:
    return selectors.application_get(
        pk=application_id, user=request.user, source=f"api:application:{application_id}"
    )


@router.post(
    "/applications/{application_id}/transition/",
    response={200: ApplicationOut, **WRITE_ERRORS},
    auth=logged_in,
)
def application_transition(
    request: HttpRequest, application_id: Id, data: ApplicationTransitionIn
) -> Any:
    app = selectors.application_get(
        pk=application_id, user=request.user, source=f"api:application:{application_id}"
    )
    return services.application_transition(
        application=app,
        to=data.to,
        version=data.version,
        amount=data.amount,
        reason=data.reason,
        report=data.report,
        by=request.user,
    )


@router.post("/programmes/{slug}/signals/", response={201: FollowOut, 429: Problem, **WRITE_ERRORS})
def signal_create(
    request: HttpRequest,
    slug: str,
    theme: Form[Id],
    buurt: Form[str],
    description: Form[str],
    website: Form[str] = "",
) -> Any:
    """The signal form (no login; an ambassador's token or session links it to them). The
    answer's `code` lets the sender follow it. `website` is a honeypot: leave it empty. An
    optional photo travels as the file part `photo` (JPEG, PNG, WebP or GIF, at most 10 MB)."""
    photo = request.FILES.get("photo")
    _limit(request, "signal")
    programme = programme_get(slug=slug)
    found = SignalTheme.objects.filter(programme=programme, pk=theme).first()
    area = Area.objects.filter(code=buurt[:20]).first()
    if found is None or area is None:
        raise InvalidInput(
            "Kies een thema en een buurt van het programma.",
            errors=[{"field": "theme" if found is None else "buurt", "message": "onbekend"}],
        )
    if website:
        raise InvalidInput("Laat het veld website leeg.")
    signal = services.signal_submit(
        programme=programme,
        theme=found,
        buurt=area,
        description=description,
        photo=photo.file if photo else None,
        photo_size=photo.size if photo else None,
        by=request.user,
    )
    return 201, _follow(signal)


@router.get("/follow/{code}/", response={200: FollowOut, **READ_ERRORS})
def follow(request: HttpRequest, code: str) -> Any:
    return _follow(selectors.signal_follow(code=code[:20]))


@router.get(
    "/programmes/{slug}/signals/",
    response={200: list[SignalOut], **READ_ERRORS, 403: Problem},
    auth=logged_in,
)
def signal_list(
    request: HttpRequest,
    slug: str,
    q: str = "",
    state: str = "",
    overdue: bool = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    programme = programme_get(slug=slug)
    query = selectors.SignalQuery(q=q[:100], state=state[:20], overdue=overdue)
    items = selectors.signal_queue(programme=programme, user=request.user, query=query)
    return [_signal(s) for s in _slice(items, limit, offset)]


@router.get("/signals/{signal_id}/", response={200: SignalOut, **READ_ERRORS}, auth=logged_in)
def signal_get(request: HttpRequest, signal_id: Id) -> Any:
    return _signal(selectors.signal_get(pk=signal_id, user=request.user))


@router.post(
    "/signals/{signal_id}/transition/", response={200: SignalOut, **WRITE_ERRORS}, auth=logged_in
)
def signal_transition(request: HttpRequest, signal_id: Id, data: SignalTransitionIn) -> Any:
    signal = selectors.signal_get(pk=signal_id, user=request.user)
    org = Organisation.objects.filter(pk=data.organisation).first() if data.organisation else None
    updated = services.signal_transition(
        signal=signal,
        to=data.to,
        version=data.version,
        feedback=data.feedback,
        organisation=org,
        by=request.user,
    )
    return _signal(selectors.signal_get(pk=updated.pk, user=request.user))


@router.get("/me/", response={200: dict[str, Any], **READ_ERRORS}, auth=logged_in)
def me(request: HttpRequest) -> Any:
    """Everything held about the ambassador who asks (right of access)."""
    own = ambassador_of(request.user)
    if own is None:
        raise NotFound("U bent geen buurtambassadeur.")
    return services.ambassador_export(ambassador=own, by=request.user)


@router.post("/me/forget/", response={204: None, **WRITE_ERRORS}, auth=logged_in)
def me_forget(request: HttpRequest) -> Any:
    own = ambassador_of(request.user)
    if own is None:
        raise NotFound("U bent geen buurtambassadeur.")
    services.ambassador_forget(ambassador=own, by=request.user)
    return 204, None
