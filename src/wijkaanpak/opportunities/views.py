"""Kans pages: the kans itself and the editors' forms (progress, measure values, status), and
the programme pages that list the kansen (per ambition, on a date) and the long-running work."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.accounts.selectors import user_has_programme_role
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.core.forms import form_add_domain_errors
from wijkaanpak.core.views import page_errors
from wijkaanpak.opportunities import selectors, services
from wijkaanpak.opportunities.charts import funnel_chart
from wijkaanpak.opportunities.forms import MeasureValueForm, ProgressUpdateForm, StatusChangeForm
from wijkaanpak.opportunities.models import Opportunity
from wijkaanpak.programmes.forms import ActiveOnForm
from wijkaanpak.programmes.selectors import programme_get, programme_lineage


def _can_edit(request: HttpRequest, opportunity: Opportunity) -> bool:
    return user_has_programme_role(
        user=request.user, programme=opportunity.programme, role=ProgrammeRole.EDITOR
    )


def _require_editor(request: HttpRequest, opportunity: Opportunity) -> None:
    """Checked before showing a form; the service checks again when writing."""
    if not _can_edit(request, opportunity):
        raise Forbidden(_("You need the editor role in this programme."))


@page_errors
def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = selectors.opportunity_get(pk=pk)
    return render(
        request,
        "opportunities/detail.html",
        {
            "opportunity": opportunity,
            "coalition": selectors.coalition_by_role(opportunity=opportunity),
            "measures": selectors.measure_summaries(opportunity=opportunity),
            "funnel": funnel_chart(selectors.funnel_steps(opportunity=opportunity)),
            "can_edit": _can_edit(request, opportunity),
        },
    )


def _form_page(
    request: HttpRequest, template: str, form: Any, status: int, **context: Any
) -> HttpResponse:
    return render(request, template, {"form": form, **context}, status=status)


@login_required
@page_errors
def progress_update_create(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = selectors.opportunity_get(pk=pk)
    _require_editor(request, opportunity)
    form = ProgressUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_update_create(
                opportunity=opportunity, by=request.user, **form.cleaned_data
            )
        except InvalidInput as exc:
            form_add_domain_errors(form, exc)
        else:
            messages.success(request, _("The progress update has been added."))
            return redirect(reverse("opportunities:detail", args=[pk]) + "#voortgang")
    template = "opportunities/progress_form.html"
    return _form_page(request, template, form, 400 if form.errors else 200, opportunity=opportunity)


@login_required
@page_errors
def measure_value_record(request: HttpRequest, pk: int) -> HttpResponse:
    measure = selectors.measure_get(pk=pk)
    opportunity = measure.opportunity
    _require_editor(request, opportunity)
    form = MeasureValueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_value_record(measure=measure, by=request.user, **form.cleaned_data)
        except InvalidInput as exc:
            form_add_domain_errors(form, exc)
        else:
            messages.success(request, _("The value has been recorded."))
            return redirect(reverse("opportunities:detail", args=[opportunity.pk]) + "#resultaten")
    template = "opportunities/measure_value_form.html"
    return _form_page(
        request,
        template,
        form,
        400 if form.errors else 200,
        opportunity=opportunity,
        measure=measure,
        values=measure.values.order_by("-date", "-id")[:10],
    )


@login_required
@page_errors
def status_change(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = selectors.opportunity_get(pk=pk)
    _require_editor(request, opportunity)
    form = StatusChangeForm(request.POST or None, opportunity=opportunity)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.opportunity_transition(
                opportunity=opportunity,
                to=data["to"],
                on=data["on"],
                reason=data["reason"],
                merged_into=data["merged_into"],
                version=data["version"],
                by=request.user,
            )
        except (InvalidInput, Conflict) as exc:
            form_add_domain_errors(form, exc)
            status = exc.status
        else:
            messages.success(request, _("The status has been changed."))
            return redirect(reverse("opportunities:detail", args=[pk]) + "#status")
    elif form.errors:
        status = 400
    template = "opportunities/status_form.html"
    return _form_page(request, template, form, status, opportunity=opportunity)


# --- the programme pages ------------------------------------------------------------------


@page_errors
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug=slug)
    form = ActiveOnForm(request.GET if "op" in request.GET else None)
    active_on = None
    if form.is_bound:
        if not form.is_valid():
            return render(
                request,
                "opportunities/programme.html",
                {"programme": programme, "form": form, "overview": None},
                status=400,
            )
        active_on = form.cleaned_data["op"]
    overview = selectors.programme_overview(programme=programme, active_on=active_on)
    lineage = programme_lineage(programme=programme)
    return render(
        request,
        "opportunities/programme.html",
        {"programme": programme, "form": form, "overview": overview, "lineage": lineage},
    )


@page_errors
def programme_long_running(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug=slug)
    return render(
        request,
        "opportunities/long_running.html",
        {"programme": programme, "items": selectors.long_running_list(programme=programme)},
    )
