"""Pages to add and change an organisation of the shared directory (municipality
administrators; services in team/organisations.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from wijkaanpak.accounts.selectors import user_may_create_organisation
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.core.forms import form_add_domain_errors
from wijkaanpak.core.views import page_errors
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.organisations.selectors import organisation_get
from wijkaanpak.team import organisations as services
from wijkaanpak.team.forms import OrganisationEditForm, OrganisationForm
from wijkaanpak.team.views import _conflict


def _require_editor(request: HttpRequest) -> None:
    if not user_may_create_organisation(user=request.user):
        raise Forbidden(
            _(
                "Only municipality administrators add and change organisations in the shared "
                "directory."
            )
        )


def _detail(organisation: Organisation) -> HttpResponse:
    return redirect(reverse("organisations:detail", args=[organisation.slug]))


def _back_to(request: HttpRequest) -> str | None:
    """The page that sent the user here to add a missing organisation (a kans's coalition),
    when it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return None


@login_required
@page_errors
def organisation_create(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    form = OrganisationForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(by=request.user, **form.cleaned_data)
        except InvalidInput as exc:
            form_add_domain_errors(form, exc)
            status = exc.status
        else:
            messages.success(request, _("The organisation has been added to the directory."))
            back = _back_to(request)
            return redirect(back) if back else _detail(organisation)
    elif form.errors:
        status = 400
    return render(
        request,
        "team/organisation_form.html",
        {"form": form, "next": _back_to(request)},
        status=status,
    )


@login_required
@page_errors
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_get(slug=slug)
    _require_editor(request)
    initial = {
        "name": organisation.name,
        "type": organisation.type,
        "kvk_number": organisation.kvk_number,
        "website": organisation.website,
        "description": organisation.description,
        "version": organisation.version,
    }
    form = OrganisationEditForm(request.POST or None, initial=initial)
    status, meanwhile = 200, []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.organisation_update(
                organisation=organisation, version=version, by=request.user, **data
            )
        except Conflict as exc:
            meanwhile, status = _conflict(form, exc, organisation), exc.status
        except InvalidInput as exc:
            form_add_domain_errors(form, exc)
            status = exc.status
        else:
            messages.success(request, _("The organisation has been saved."))
            return _detail(organisation)
    elif form.errors:
        status = 400
    context = {"form": form, "organisation": organisation, "meanwhile": meanwhile}
    return render(request, "team/organisation_form.html", context, status=status)
