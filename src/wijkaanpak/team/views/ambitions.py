"""Pages to create and edit ambitions and cross-cutting themes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wijkaanpak.core.exceptions import Conflict, InvalidInput
from wijkaanpak.core.forms import form_add_domain_errors
from wijkaanpak.core.views import page_errors
from wijkaanpak.programmes.models import Ambition, Programme, Theme
from wijkaanpak.programmes.selectors import programme_get
from wijkaanpak.team import selectors, services
from wijkaanpak.team.forms import (
    AmbitionEditForm,
    AmbitionForm,
    ThemeEditForm,
    ThemeForm,
)
from wijkaanpak.team.views.common import _conflict, _manager, _setup_url

# --- ambitions and themes -------------------------------------------------------------------


def _edit_page(
    request: HttpRequest,
    *,
    programme: Programme,
    obj: Model | None,
    form: Any,
    create: Any,
    update: Any,
    template: str,
    saved: str,
) -> HttpResponse:
    status, meanwhile = 200, []
    if request.method == "POST" and form.is_valid():
        try:
            if obj is None:
                create(by=request.user, programme=programme, **form.cleaned_data)
            else:
                update(request.user, obj, form.cleaned_data)
        except Conflict as exc:
            if obj is not None and any(e.get("field") == "version" for e in exc.errors):
                meanwhile = _conflict(form, exc, obj)
            else:
                form_add_domain_errors(form, exc)
            status = exc.status
        except InvalidInput as exc:
            form_add_domain_errors(form, exc)
            status = exc.status
        else:
            messages.success(request, saved)
            return redirect(_setup_url(programme))
    elif form.errors:
        status = 400
    context = {"form": form, "programme": programme, "object": obj, "meanwhile": meanwhile}
    return render(request, template, context, status=status)


@login_required
@page_errors
def ambition_create(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug=slug)
    _manager(request, programme)
    return _edit_page(
        request,
        programme=programme,
        obj=None,
        form=AmbitionForm(request.POST or None),
        create=services.ambition_create,
        update=None,
        template="team/ambition_form.html",
        saved=_("The ambition has been added."),
    )


@login_required
@page_errors
def ambition_edit(request: HttpRequest, pk: int) -> HttpResponse:
    ambition = selectors.ambition_get(pk=pk)
    _manager(request, ambition.programme)
    fields = ("short_name", "name", "description", "desired_movement", "colour", "version")
    initial = {f: getattr(ambition, f) for f in fields}

    def update(by: Any, obj: Ambition, data: dict[str, Any]) -> None:
        services.ambition_update(by=by, ambition=obj, **data)

    return _edit_page(
        request,
        programme=ambition.programme,
        obj=ambition,
        form=AmbitionEditForm(request.POST or None, initial=initial),
        create=None,
        update=update,
        template="team/ambition_form.html",
        saved=_("The ambition has been saved."),
    )


@login_required
@page_errors
def theme_create(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug=slug)
    _manager(request, programme)
    return _edit_page(
        request,
        programme=programme,
        obj=None,
        form=ThemeForm(request.POST or None),
        create=services.theme_create,
        update=None,
        template="team/theme_form.html",
        saved=_("The theme has been added."),
    )


@login_required
@page_errors
def theme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    theme = selectors.theme_get(pk=pk)
    _manager(request, theme.programme)
    initial = {"name": theme.name, "description": theme.description, "version": theme.version}

    def update(by: Any, obj: Theme, data: dict[str, Any]) -> None:
        services.theme_update(by=by, theme=obj, **data)

    return _edit_page(
        request,
        programme=theme.programme,
        obj=theme,
        form=ThemeEditForm(request.POST or None, initial=initial),
        create=None,
        update=update,
        template="team/theme_form.html",
        saved=_("The theme has been saved."),
    )
