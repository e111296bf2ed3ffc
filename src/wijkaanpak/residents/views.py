"""Public and ambassador pages: the signal and fund forms, following a signal, my data."""

from __future__ import annotations

from typing import cast

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkaanpak.areas.models import Area
from wijkaanpak.core.exceptions import Conflict, DomainError, InvalidInput, NotFound
from wijkaanpak.core.forms import form_add_domain_errors
from wijkaanpak.core.views import page_errors
from wijkaanpak.programmes.models import Programme
from wijkaanpak.programmes.selectors import programme_get
from wijkaanpak.residents import selectors, services
from wijkaanpak.residents.access import ambassador_of
from wijkaanpak.residents.forms import HONEYPOT, AmbassadorForm, ApplicationForm, SignalForm
from wijkaanpak.residents.models import SignalTheme
from wijkaanpak.residents.ratelimit import rate_limited


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "residents/message.html",
        {
            "title": _("Too many attempts"),
            "message": _(
                "You have sent this form too often in a short time. Please try again in ten minutes."
            ),
        },
        status=429,
    )


def _theme(programme: Programme, raw: str) -> SignalTheme:
    theme = SignalTheme.objects.filter(
        programme=programme, pk=int(raw) if raw.isdigit() else 0
    ).first()
    if theme is None:
        message = _("Choose one of the programme's themes.")
        raise InvalidInput(message, errors=[{"field": "theme", "message": message}])
    return theme


def _buurt(raw: str) -> Area:
    area = Area.objects.filter(code=raw).first()
    if area is None:
        message = _("Choose a neighbourhood (buurt) within the programme's area.")
        raise InvalidInput(message, errors=[{"field": "buurt", "message": message}])
    return area


@page_errors
def signal_create(request: HttpRequest, slug: str) -> HttpResponse:
    """The signal form: for ambassadors (logged in) and for anyone."""
    programme = programme_get(slug=slug)
    form = SignalForm(request.POST or None, request.FILES or None, programme=programme)
    status = 200
    if request.method == "POST":
        if rate_limited(request, form="signal"):
            return _too_many(request)
        if request.POST.get(HONEYPOT):
            return redirect("residents:signal_follow_lookup")  # a bot: nothing is kept
        status = 400
        if form.is_valid():
            photo = form.cleaned_data.get("photo")
            try:
                signal = services.signal_submit(
                    programme=programme,
                    theme=_theme(programme, form.cleaned_data["theme"]),
                    buurt=_buurt(form.cleaned_data["buurt"]),
                    description=form.cleaned_data["description"],
                    photo=photo.file if photo else None,
                    photo_size=photo.size if photo else None,
                    by=request.user,
                )
            except DomainError as exc:
                form_add_domain_errors(form, exc)
            else:
                return redirect("residents:signal_follow", code=signal.code)
    return render(
        request,
        "residents/signal_form.html",
        {"programme": programme, "form": form, "ambassador": ambassador_of(request.user)},
        status=status,
    )


@page_errors
def signal_follow_lookup(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("code", "").strip().upper()
    if code:
        return redirect("residents:signal_follow", code=code[:20])
    return render(request, "residents/follow_lookup.html", {})


@page_errors
def signal_follow(request: HttpRequest, code: str) -> HttpResponse:
    """What the sender sees: state, dates and feedback; no photo, no personal data."""
    signal = selectors.signal_follow(code=code)
    history = list(signal.transitions.order_by("at", "pk").values("to_state", "at"))
    return render(
        request,
        "residents/follow.html",
        {"signal": signal, "history": history, "overdue": selectors.is_overdue(signal)},
    )


@page_errors
def fund_apply(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug=slug)
    fund = selectors.fund_current(programme=programme)
    form = ApplicationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if rate_limited(request, form="fund"):
            return _too_many(request)
        if request.POST.get(HONEYPOT):
            return redirect("residents:fund_thanks", slug=slug)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.application_submit(
                    fund=fund,
                    title=data["title"],
                    place=data["place"],
                    audience=data["audience"],
                    description=data["description"],
                    amount_asked=data["amount_asked"],
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                    contact_phone=data["contact_phone"],
                    consent=data["consent"],
                    by=request.user,
                )
            except DomainError as exc:
                form_add_domain_errors(form, exc)
                status = exc.status
            else:
                return redirect("residents:fund_thanks", slug=slug)
    return render(
        request,
        "residents/fund_form.html",
        {"programme": programme, "fund": fund, "form": form},
        status=status,
    )


@page_errors
def fund_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug=slug)
    return render(
        request,
        "residents/message.html",
        {
            "title": _("Thank you for your application"),
            "message": _(
                "We have received your application. The team will contact you within four weeks."
            ),
            "programme": programme,
        },
    )


@page_errors
def initiatives(request: HttpRequest, slug: str) -> HttpResponse:
    """Granted initiatives, public and without personal data, with what the fund has left."""
    programme = programme_get(slug=slug)
    items = list(selectors.initiatives_public(programme=programme))
    funds = [
        {"fund": f, "granted": selectors.fund_granted(f), "left": selectors.fund_left(f)}
        for f in programme.initiative_funds.select_related("line").order_by("-year")
    ]
    return render(
        request,
        "residents/initiatives.html",
        {"programme": programme, "items": items, "funds": funds},
    )


# --- The ambassador's own page ------------------------------------------------------------------


@login_required
@page_errors
def me(request: HttpRequest) -> HttpResponse:
    """What is held about me, my signals, and the buttons to correct, leave and be forgotten."""
    own = ambassador_of(request.user)
    if own is None:
        raise PermissionDenied(_("This page is for neighbourhood ambassadors."))
    ambassador = selectors.ambassador_get(pk=own.pk, user=request.user, source="page:residents:me")
    form = AmbassadorForm(
        request.POST or None,
        initial={
            "name": ambassador.name,
            "email": ambassador.email,
            "phone": ambassador.phone,
            "version": ambassador.version,
        },
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.ambassador_update(
                    ambassador=ambassador,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"] or "",
                    phone=form.cleaned_data["phone"] or "",
                    version=form.cleaned_data["version"],
                    by=request.user,
                )
            except DomainError as exc:
                form_add_domain_errors(form, exc)
                status = exc.status
            else:
                return redirect("residents:me")
    signals = list(selectors.signals_of_ambassador(user=request.user))
    return render(
        request,
        "residents/me.html",
        {"ambassador": ambassador, "form": form, "signals": signals},
        status=status,
    )


@require_POST
@login_required
@page_errors
def me_leave(request: HttpRequest) -> HttpResponse:
    own = ambassador_of(request.user)
    if own is None:
        raise PermissionDenied(_("This page is for neighbourhood ambassadors."))
    forget = request.POST.get("forget") == "1"
    try:
        if forget:
            services.ambassador_forget(ambassador=own, by=request.user)
        else:
            services.ambassador_leave(ambassador=own, by=request.user)
    except Conflict as exc:
        return render(
            request,
            "residents/message.html",
            {"title": _("Already done"), "message": exc.message},
            status=409,
        )
    logout(request)
    return render(
        request,
        "residents/message.html",
        {
            "title": _("Goodbye"),
            "message": _(
                "Your data have been removed. The signals you sent are kept without your name."
            )
            if forget
            else _(
                "You are no longer an ambassador. Thank you for your work for the neighbourhood."
            ),
        },
    )


@login_required
@page_errors
def signal_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """The photo, only to the signal's handlers and its ambassador; never cached."""
    signal = selectors.signal_get(pk=pk, user=request.user)
    if not signal.photo:
        raise NotFound(_("This signal has no photo."))
    content_type = "image/png" if signal.photo.name.endswith(".png") else "image/jpeg"
    response = FileResponse(signal.photo.open("rb"), content_type=content_type)
    response["Cache-Control"] = "no-store"
    return cast(HttpResponse, response)
