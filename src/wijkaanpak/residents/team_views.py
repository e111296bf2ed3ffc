"""The team's and partners' pages: work queues (table, ?q=, filters in the URL, sorting,
pagination) and detail pages with history and the next steps."""

from __future__ import annotations

from typing import IO, Any, cast
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkaanpak.areas.models import Area
from wijkaanpak.core.exceptions import DomainError, NotFound
from wijkaanpak.core.forms import form_add_domain_errors
from wijkaanpak.core.views import page_errors
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.programmes.selectors import programme_get
from wijkaanpak.residents import selectors, services
from wijkaanpak.residents.access import is_coordinator, is_team
from wijkaanpak.residents.forms import (
    AmbassadorRegisterForm,
    ApplicationTransitionForm,
    SignalTransitionForm,
)
from wijkaanpak.residents.models import (
    APPLICATION_TRANSITIONS,
    SIGNAL_TRANSITIONS,
    ApplicationState,
    SignalState,
)

PAGE = 25


def _page(request: HttpRequest, items: Any, keep: dict[str, str]) -> dict[str, Any]:
    raw = request.GET.get("pagina", "1")
    number = int(raw) if raw.isdigit() and 0 < int(raw) < 100_000 else 1
    total = items.count()
    rows = list(items[(number - 1) * PAGE : number * PAGE])
    kept = urlencode({k: v for k, v in keep.items() if v})
    return {
        "rows": rows,
        "total": total,
        "number": number,
        "previous": number - 1 if number > 1 else None,
        "next": number + 1 if number * PAGE < total else None,
        "kept": kept,
    }


@login_required
@page_errors
def signal_queue(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug=slug)
    theme = request.GET.get("thema", "")
    query = selectors.SignalQuery(
        q=request.GET.get("q", "").strip()[:100],
        state=request.GET.get("status", "")
        if request.GET.get("status") in SignalState.values
        else "",
        theme=int(theme) if theme.isdigit() and len(theme) < 10 else None,
        overdue=request.GET.get("te_laat") == "1",
        sort=request.GET.get("sorteer", "-received_at"),
    )
    items = selectors.signal_queue(programme=programme, user=request.user, query=query)
    keep = {
        "q": query.q,
        "status": query.state,
        "thema": theme,
        "te_laat": "1" if query.overdue else "",
        "sorteer": query.sort,
    }
    page = _page(request, items, keep)
    for s in page["rows"]:
        s.overdue = selectors.is_overdue(s)
    return render(
        request,
        "residents/signal_queue.html",
        {
            "programme": programme,
            "page": page,
            "query": query,
            "states": SignalState.choices,
            "themes": selectors.signal_themes(programme=programme),
            "sorts": [
                ("-received_at", "nieuwste eerst"),
                ("received_at", "oudste eerst"),
                ("due_at", "eerst te behandelen"),
            ],
        },
    )


@login_required
@page_errors
def signal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    signal = selectors.signal_get(pk=pk, user=request.user)
    team = is_team(request.user, signal.programme)
    form = SignalTransitionForm(initial={"version": signal.version})
    next_states = [
        (to, label)
        for to, label in SignalState.choices
        if (signal.state, to) in SIGNAL_TRANSITIONS and (team or to != SignalState.ROUTED)
    ]
    return _signal_page(request, signal, form, next_states, 200)


def _signal_page(
    request: HttpRequest, signal: Any, form: Any, next_states: Any, status: int
) -> HttpResponse:
    from wijkaanpak.residents.access import is_signal_handler

    handler = is_signal_handler(request.user, signal)
    cast(forms.ChoiceField, form.fields["organisation"]).choices = [("", "—")] + [
        (str(o.pk), o.name) for o in Organisation.objects.order_by("name")
    ]
    return render(
        request,
        "residents/signal.html",
        {
            "signal": signal,
            "history": signal.transitions.select_related("by").order_by("at", "pk"),
            "overdue": selectors.is_overdue(signal),
            "handler": handler,
            "team": is_team(request.user, signal.programme),
            "form": form,
            "next_states": next_states if handler else [],
        },
        status=status,
    )


@require_POST
@login_required
@page_errors
def signal_transition(request: HttpRequest, pk: int) -> HttpResponse:
    signal = selectors.signal_get(pk=pk, user=request.user)
    form = SignalTransitionForm(request.POST)
    cast(forms.ChoiceField, form.fields["organisation"]).choices = [("", "—")] + [
        (str(o.pk), o.name) for o in Organisation.objects.order_by("name")
    ]
    status = 400
    if form.is_valid():
        org_id = form.cleaned_data.get("organisation")
        try:
            services.signal_transition(
                signal=signal,
                to=form.cleaned_data["to"],
                version=form.cleaned_data["version"],
                feedback=form.cleaned_data.get("feedback") or "",
                organisation=Organisation.objects.filter(pk=org_id).first() if org_id else None,
                by=request.user,
            )
        except DomainError as exc:
            form_add_domain_errors(form, exc)
            status = exc.status
        else:
            return redirect("residents:signal", pk=pk)
    team = is_team(request.user, signal.programme)
    next_states = [
        (to, label)
        for to, label in SignalState.choices
        if (signal.state, to) in SIGNAL_TRANSITIONS and (team or to != SignalState.ROUTED)
    ]
    return _signal_page(request, signal, form, next_states, status)


@login_required
@page_errors
def application_queue(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug=slug)
    fund = selectors.fund_current(programme=programme)
    q = request.GET.get("q", "").strip()[:100]
    state = request.GET.get("status", "")
    state = state if state in ApplicationState.values else ""
    sort = request.GET.get("sorteer", "-received_at")
    items = selectors.application_queue(fund=fund, user=request.user, q=q, state=state, sort=sort)
    page = _page(request, items, {"q": q, "status": state, "sorteer": sort})
    return render(
        request,
        "residents/application_queue.html",
        {
            "programme": programme,
            "fund": fund,
            "granted": selectors.fund_granted(fund),
            "left": selectors.fund_left(fund),
            "page": page,
            "q": q,
            "state": state,
            "sort": sort,
            "states": ApplicationState.choices,
        },
    )


def _application_page(
    request: HttpRequest, app: Any, form: Any, status: int, photo_error: str = ""
) -> HttpResponse:
    coordinator = is_coordinator(request.user, app.fund.programme)
    next_states = [
        (to, label)
        for to, label in ApplicationState.choices
        if (app.state, to) in APPLICATION_TRANSITIONS
        and (coordinator or to != ApplicationState.GRANTED)
    ]
    return render(
        request,
        "residents/application.html",
        {
            "app": app,
            "history": app.transitions.select_related("by").order_by("at", "pk"),
            "left": selectors.fund_left(app.fund),
            "form": form,
            "next_states": next_states,
            "photos": list(app.photos.order_by("pk")),
            "photo_error": photo_error,
        },
        status=status,
    )


@login_required
@page_errors
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    app = selectors.application_get(pk=pk, user=request.user, source=f"page:application:{pk}")
    return _application_page(
        request, app, ApplicationTransitionForm(initial={"version": app.version}), 200
    )


@require_POST
@login_required
@page_errors
def application_transition(request: HttpRequest, pk: int) -> HttpResponse:
    app = selectors.application_get(pk=pk, user=request.user, source=f"page:application:{pk}")
    form = ApplicationTransitionForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.application_transition(
                application=app,
                to=data["to"],
                version=data["version"],
                amount=data.get("amount"),
                reason=data.get("reason") or "",
                report=data.get("report") or "",
                by=request.user,
            )
        except DomainError as exc:
            form_add_domain_errors(form, exc)
            status = exc.status
        else:
            return redirect("residents:application", pk=pk)
    return _application_page(request, app, form, status)


@login_required
@page_errors
def ambassadors(request: HttpRequest, slug: str) -> HttpResponse:
    """The team's list of ambassadors, and registering a new one (with a one-time password)."""
    programme = programme_get(slug=slug)
    items = selectors.ambassador_list(
        programme=programme, user=request.user, source=f"page:ambassadors:{slug}"
    )
    form = AmbassadorRegisterForm(request.POST or None, programme=programme)
    status = 200
    created = None
    password = ""
    if request.method == "POST":
        status = 400
        if form.is_valid():
            import secrets

            data = form.cleaned_data
            password = secrets.token_urlsafe(9)
            try:
                created = services.ambassador_register(
                    programme=programme,
                    name=data["name"],
                    email=data["email"] or "",
                    phone=data["phone"] or "",
                    buurt=Area.objects.filter(code=data["buurt"]).first()
                    if data["buurt"]
                    else None,
                    consent=data["consent"],
                    password=password,
                    by=request.user,
                )
            except DomainError as exc:
                form_add_domain_errors(form, exc)
                status = exc.status
                password = ""
            else:
                status = 201
                items.append(created)
                form = AmbassadorRegisterForm(programme=programme)
    return render(
        request,
        "residents/ambassadors.html",
        {
            "programme": programme,
            "items": items,
            "form": form,
            "created": created,
            "password": password,
        },
        status=status,
    )


@require_POST
@login_required
@page_errors
def ambassador_forget(request: HttpRequest, pk: int) -> HttpResponse:
    """The team records an ambassador's request to be forgotten."""
    ambassador = selectors.ambassador_get(pk=pk, user=request.user, source=f"page:ambassador:{pk}")
    try:
        services.ambassador_forget(ambassador=ambassador, by=request.user)
    except DomainError as exc:
        return render(
            request,
            "residents/message.html",
            {"title": exc.message, "message": exc.message},
            status=exc.status,
        )
    return redirect("residents:ambassadors", slug=ambassador.programme.slug)


@require_POST
@login_required
@page_errors
def application_photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A photo with the account afterwards (granted or reported initiatives; the team)."""
    app = selectors.application_get(pk=pk, user=request.user, source=f"page:application:{pk}")
    upload = request.FILES.get("photo")
    form = ApplicationTransitionForm(initial={"version": app.version})
    if upload is None:
        return _application_page(request, app, form, 400, photo_error=_("Choose a photo."))
    try:
        services.application_photo_add(
            application=app, photo=cast(IO[bytes], upload.file), size=upload.size, by=request.user
        )
    except DomainError as exc:
        return _application_page(request, app, form, exc.status, photo_error=exc.message)
    return redirect("residents:application", pk=pk)


@login_required
@page_errors
def application_photo(request: HttpRequest, pk: int, photo_id: int) -> HttpResponse:
    """A photo of the initiative: to the team only; never cached."""
    app = selectors.application_get(pk=pk, user=request.user, source=f"page:application:{pk}")
    item = app.photos.filter(pk=photo_id).first()
    if item is None:
        raise NotFound(_("No such photo."))
    content_type = "image/png" if item.image.name.endswith(".png") else "image/jpeg"
    response = FileResponse(item.image.open("rb"), content_type=content_type)
    response["Cache-Control"] = "no-store"
    return cast(HttpResponse, response)
