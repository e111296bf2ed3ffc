"""Pages to create and edit a programme, and its set-up page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.core.forms import form_add_domain_errors
from wijkaanpak.core.views import page_errors
from wijkaanpak.programmes.selectors import programme_get
from wijkaanpak.team import selectors, services
from wijkaanpak.team.forms import (
    ProgrammeEditForm,
    ProgrammeForm,
)
from wijkaanpak.team.views.common import FIELD_LABELS, _conflict, _manager, _setup_url

# --- programmes -----------------------------------------------------------------------------


@login_required
@page_errors
def programme_create(request: HttpRequest) -> HttpResponse:
    municipalities = selectors.municipalities_for_creation(user=request.user)
    ids = list(municipalities.values_list("pk", flat=True))
    if not ids:
        raise Forbidden(_("Only the municipality's administrators may create its programmes."))
    form = ProgrammeForm(
        request.POST or None,
        municipalities=municipalities,
        areas=selectors.target_area_choices(municipality_ids=ids),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programme = services.programme_create(by=request.user, **data)
        except InvalidInput as exc:
            form_add_domain_errors(form, exc)
            status = exc.status
        else:
            messages.success(request, _("The programme has been created. Add its ambitions."))
            return redirect(_setup_url(programme))
    elif form.errors:
        status = 400
    return render(request, "team/programme_form.html", {"form": form}, status=status)


@login_required
@page_errors
def programme_edit(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug=slug)
    _manager(request, programme)
    initial = {
        "name": programme.name,
        "area": programme.area_id,
        "start_year": programme.start_year,
        "end_year": programme.end_year,
        "description": programme.description,
        "version": programme.version,
    }
    form = ProgrammeEditForm(
        request.POST or None,
        initial=initial,
        municipalities=selectors.municipalities_for_creation(user=request.user),
        areas=selectors.target_area_choices(municipality_ids=[programme.municipality_id]),
    )
    status, meanwhile = 200, []
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(by=request.user, programme=programme, **form.cleaned_data)
        except Conflict as exc:
            meanwhile, status = _conflict(form, exc, programme), exc.status
        except InvalidInput as exc:
            form_add_domain_errors(form, exc)
            status = exc.status
        else:
            messages.success(request, _("The programme has been saved."))
            return redirect(_setup_url(programme))
    elif form.errors:
        status = 400
    return render(
        request,
        "team/programme_form.html",
        {"form": form, "programme": programme, "meanwhile": meanwhile},
        status=status,
    )


@login_required
@page_errors
def setup(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug=slug)
    _manager(request, programme)
    return render(
        request,
        "team/setup.html",
        {
            "programme": programme,
            "ambitions": list(programme.ambitions.order_by("number")),
            "themes": list(selectors.themes_of(programme=programme)),
            "history": selectors.setup_history(programme=programme),
            "labels": FIELD_LABELS,
        },
    )
