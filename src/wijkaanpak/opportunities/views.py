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
from wijkaanpak.accounts.selectors import user_has_programme_role, user_may_create_organisation
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.core.forms import form_add_domain_errors
from wijkaanpak.core.views import page_errors
from wijkaanpak.opportunities import selectors, services
from wijkaanpak.opportunities.actions import programme_actions
from wijkaanpak.opportunities.charts import funnel_chart
from wijkaanpak.opportunities.forms import (
    CoalitionMemberForm,
    MeasureForm,
    MeasureValueForm,
    OpportunityForm,
    ProgressEditForm,
    ProgressUpdateForm,
    StatusChangeForm,
)
from wijkaanpak.opportunities.models import Opportunity
from wijkaanpak.programmes.forms import ActiveOnForm
from wijkaanpak.programmes.selectors import programme_get, programme_lineage


def _can_edit(request: HttpRequest, opportunity: Opportunity) -> bool:
    return user_has_programme_role(
        user=request.user, programme=opportunity.programme, role=ProgrammeRole.EDITOR
    )


def _require_contributor(request: HttpRequest, opportunity: Opportunity) -> None:
    """Progress and measure values: editors and members of a coalition organisation."""
    if not selectors.user_may_contribute(user=request.user, opportunity=opportunity):
        raise Forbidden(
            _(
                "You need the editor role in this programme, or to work for an organisation "
                "in this kans's coalition."
            )
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
            "can_contribute": selectors.user_may_contribute(
                user=request.user, opportunity=opportunity
            ),
            "changeable_progress": {
                u.pk
                for u in opportunity.progress_updates.all()
                if selectors.user_may_change_progress(user=request.user, update=u)
            },
            "history": selectors.opportunity_history(opportunity=opportunity)
            if selectors.user_may_see_history(user=request.user, opportunity=opportunity)
            else None,
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
    _require_contributor(request, opportunity)
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
    _require_contributor(request, opportunity)
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
        {
            "programme": programme,
            "form": form,
            "overview": overview,
            "actions": programme_actions(user=request.user, programme=programme),
            "lineage": lineage,
        },
    )


@page_errors
def programme_long_running(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug=slug)
    return render(
        request,
        "opportunities/long_running.html",
        {"programme": programme, "items": selectors.long_running_list(programme=programme)},
    )


# --- creating and editing: kansen, coalition, measures, progress --------------------------


def _require_programme_editor(request: HttpRequest, programme: Any) -> None:
    if not selectors.user_may_edit(user=request.user, programme=programme):
        raise Forbidden(_("You need the editor role in this programme."))


def _show_conflict(form: Any, exc: Conflict, current_version: int) -> None:
    """A stale version: the changes made meanwhile go onto the form's fields, and the form
    now carries the current version, so saving again overwrites them knowingly."""
    form_add_domain_errors(form, exc)
    data = form.data.copy()
    data["version"] = str(current_version)
    form.data = data


@login_required
@page_errors
def opportunity_create(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug=slug)
    _require_programme_editor(request, programme)
    form = OpportunityForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            o = services.opportunity_create(programme=programme, by=request.user, **data)
        except InvalidInput as exc:
            form_add_domain_errors(form, exc)
        else:
            messages.success(request, _("The kans has been created."))
            return redirect("opportunities:detail", o.pk)
    return _form_page(
        request,
        "opportunities/opportunity_form.html",
        form,
        400 if form.errors else 200,
        programme=programme,
        opportunity=None,
    )


@login_required
@page_errors
def opportunity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = selectors.opportunity_get(pk=pk)
    _require_editor(request, opportunity)
    programme = opportunity.programme
    form = OpportunityForm(request.POST or None, programme=programme, opportunity=opportunity)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.opportunity_update(
                opportunity=opportunity, version=version, by=request.user, **data
            )
        except InvalidInput as exc:
            form_add_domain_errors(form, exc)
            status = 400
        except Conflict as exc:
            current = selectors.opportunity_get(pk=pk)
            _show_conflict(form, exc, current.version)
            status = 409
        else:
            messages.success(request, _("The kans has been saved."))
            return redirect("opportunities:detail", pk)
    elif form.errors:
        status = 400
    return _form_page(
        request,
        "opportunities/opportunity_form.html",
        form,
        status,
        programme=programme,
        opportunity=opportunity,
    )


@login_required
@page_errors
def coalition(request: HttpRequest, pk: int) -> HttpResponse:
    """The coalition of a kans: every membership (current and ended) and a form to add one."""
    opportunity = selectors.opportunity_get(pk=pk)
    _require_editor(request, opportunity)
    form = CoalitionMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.coalition_member_add(
                opportunity=opportunity, by=request.user, **form.cleaned_data
            )
        except InvalidInput as exc:
            form_add_domain_errors(form, exc)
        else:
            messages.success(request, _("The organisation has been added to the coalition."))
            return redirect("opportunities:coalition", pk)
    return _form_page(
        request,
        "opportunities/coalition.html",
        form,
        400 if form.errors else 200,
        opportunity=opportunity,
        members=selectors.coalition_list(opportunity=opportunity),
        may_add_organisation=user_may_create_organisation(user=request.user),
    )


@login_required
@page_errors
def coalition_member_edit(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    opportunity = selectors.opportunity_get(pk=pk)
    _require_editor(request, opportunity)
    member = selectors.coalition_member_get(opportunity=opportunity, pk=member_pk)
    form = CoalitionMemberForm(request.POST or None, member=member)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.coalition_member_update(
                member=member, version=version, by=request.user, **data
            )
        except InvalidInput as exc:
            form_add_domain_errors(form, exc)
            status = 400
        except Conflict as exc:
            current = selectors.coalition_member_get(opportunity=opportunity, pk=member_pk)
            _show_conflict(form, exc, current.version)
            status = 409
        else:
            messages.success(request, _("The membership has been saved."))
            return redirect("opportunities:coalition", pk)
    elif form.errors:
        status = 400
    return _form_page(
        request,
        "opportunities/coalition_member_form.html",
        form,
        status,
        opportunity=opportunity,
        member=member,
    )


@login_required
@page_errors
def measure_create(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = selectors.opportunity_get(pk=pk)
    _require_editor(request, opportunity)
    indicators = selectors.indicator_choices(programme=opportunity.programme)
    form = MeasureForm(request.POST or None, indicators=indicators)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_create(opportunity=opportunity, by=request.user, **form.cleaned_data)
        except InvalidInput as exc:
            form_add_domain_errors(form, exc)
        else:
            messages.success(request, _("The planned result has been added."))
            return redirect(reverse("opportunities:detail", args=[pk]) + "#resultaten")
    return _form_page(
        request,
        "opportunities/measure_form.html",
        form,
        400 if form.errors else 200,
        opportunity=opportunity,
        measure=None,
    )


@login_required
@page_errors
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measure = selectors.measure_get(pk=pk)
    opportunity = measure.opportunity
    _require_editor(request, opportunity)
    indicators = selectors.indicator_choices(programme=opportunity.programme)
    form = MeasureForm(request.POST or None, indicators=indicators, measure=measure)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.measure_update(measure=measure, version=version, by=request.user, **data)
        except InvalidInput as exc:
            form_add_domain_errors(form, exc)
            status = 400
        except Conflict as exc:
            _show_conflict(form, exc, selectors.measure_get(pk=pk).version)
            status = 409
        else:
            messages.success(request, _("The planned result has been saved."))
            return redirect(reverse("opportunities:detail", args=[opportunity.pk]) + "#resultaten")
    elif form.errors:
        status = 400
    return _form_page(
        request,
        "opportunities/measure_form.html",
        form,
        status,
        opportunity=opportunity,
        measure=measure,
    )


def _require_progress_owner(request: HttpRequest, update: Any) -> None:
    if not selectors.user_may_change_progress(user=request.user, update=update):
        raise Forbidden(_("Only the author of a progress update or a coordinator may change it."))


@login_required
@page_errors
def progress_update_edit(request: HttpRequest, pk: int) -> HttpResponse:
    update = selectors.progress_update_get(pk=pk)
    _require_progress_owner(request, update)
    opportunity = update.opportunity
    initial = {
        "date": update.date,
        "text": update.text,
        "next_steps": update.next_steps,
        "version": update.version,
    }
    form = ProgressEditForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.progress_update_update(update=update, by=request.user, **data)
        except InvalidInput as exc:
            form_add_domain_errors(form, exc)
            status = 400
        except Conflict as exc:
            _show_conflict(form, exc, selectors.progress_update_get(pk=pk).version)
            status = 409
        else:
            messages.success(request, _("The progress update has been saved."))
            return redirect(reverse("opportunities:detail", args=[opportunity.pk]) + "#voortgang")
    elif form.errors:
        status = 400
    return _form_page(
        request,
        "opportunities/progress_form.html",
        form,
        status,
        opportunity=opportunity,
        update=update,
    )


@login_required
@page_errors
def progress_update_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm; POST removes (the history keeps it)."""
    update = selectors.progress_update_get(pk=pk)
    _require_progress_owner(request, update)
    opportunity = update.opportunity
    if request.method == "POST":
        services.progress_update_delete(update=update, by=request.user)
        messages.success(request, _("The progress update has been removed."))
        return redirect(reverse("opportunities:detail", args=[opportunity.pk]) + "#voortgang")
    return render(
        request,
        "opportunities/progress_delete.html",
        {"opportunity": opportunity, "update": update},
    )
