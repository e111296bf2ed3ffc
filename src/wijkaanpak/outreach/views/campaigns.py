"""Outreach pages: campaigns, their team and address list (set up by the programme's
coordinator), reporting deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.accounts.selectors import user_has_programme_role
from wijkaanpak.core.exceptions import DomainError, InvalidInput
from wijkaanpak.core.forms import form_add_domain_errors
from wijkaanpak.outreach import aggregates, selectors, services
from wijkaanpak.outreach.forms import AddressImportForm, AssignForm, CampaignForm
from wijkaanpak.outreach.models import (
    BoundAggregate,
    OutreachRoleKind,
)
from wijkaanpak.outreach.views.common import _coordinated_programmes, _or_404
from wijkaanpak.programmes.selectors import programme_get


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "outreach/index.html",
        {
            "campaigns": selectors.campaign_list(user=user, worker_flag=True),
            "referral_count": selectors.referral_list(user=user).count(),
            "overdue_count": selectors.referral_list(user=user, overdue=True).count(),
            "escalation_count": selectors.escalation_list(user=user, open_only=True).count(),
            "is_privacy_officer": selectors.user_has_outreach_role(
                user=user, role=OutreachRoleKind.PRIVACY_OFFICER
            ),
            "coached": selectors.household_list(user=user, coached=True).exists(),
            "coordinated": _coordinated_programmes(user),
        },
    )


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _or_404(selectors.campaign_get, user=request.user, pk=pk)
    groups = aggregates.referral_groups(campaign=campaign)
    referrals = aggregates.referral_counts(campaign=campaign, groups=groups)
    funnel = aggregates.funnel(campaign=campaign, referrals=referrals)
    numeric = [s["count"] for s in funnel["steps"] if isinstance(s["count"], int)]
    top = max(numeric) if numeric else 1
    for step in funnel["steps"]:
        step["width"] = round(100 * step["count"] / top) if isinstance(step["count"], int) else 0
        step["label"] = BoundAggregate(step["step"]).label  # Dutch name, not the code
    return render(
        request,
        "outreach/campaign.html",
        {
            "campaign": campaign,
            "steps": funnel["steps"],
            "svg_height": 40 * len(funnel["steps"]),
            "questions": aggregates.question_summaries(campaign=campaign),
            "service": aggregates.referral_service(campaign=campaign, referrals=referrals),
            "table": aggregates.referral_table(campaign=campaign, groups=groups),
            "can_manage": user_has_programme_role(
                user=request.user, programme=campaign.programme, role=ProgrammeRole.COORDINATOR
            ),
        },
    )


@login_required
def reporting_deadlines(request: HttpRequest, slug: str) -> HttpResponse:
    """The programme's reporting deadlines; coordinators set a new one (progress is requested
    from every kans's coalition at once, with a reminder a week before)."""
    from wijkaanpak.accounts.models import ProgrammeRole
    from wijkaanpak.accounts.selectors import user_has_programme_role
    from wijkaanpak.programmes.selectors import programme_get

    programme = _or_404(programme_get, slug=slug)
    try:
        deadlines = list(
            selectors.reporting_deadline_list(user=request.user, programme=programme)[:100]
        )
    except DomainError as exc:
        raise PermissionDenied(exc.message) from exc
    may_set = user_has_programme_role(
        user=request.user, programme=programme, role=ProgrammeRole.COORDINATOR
    )
    if request.method == "POST" and not may_set:
        raise PermissionDenied(_("Only the programme's coordinators set reporting deadlines."))
    form = {"title": "", "due_on": ""}
    errors: dict[str, str] = {}
    error = ""
    if request.method == "POST":
        form = {k: request.POST.get(k, "").strip() for k in form}
        try:
            due_on = dt.date.fromisoformat(form["due_on"])
        except ValueError:
            error = _("Enter a date.")
            errors["due_on"] = error
        else:
            try:
                services.reporting_deadline_create(
                    programme=programme,
                    title=form["title"],
                    due_on=due_on,
                    by=request.user,
                    source=request.path,
                )
            except DomainError as exc:
                error = exc.message
                errors = {str(e.get("field", "")): str(e.get("message", "")) for e in exc.errors}
            else:
                messages.success(
                    request, _("Deadline set: progress was requested from every kans's coalition.")
                )
                return redirect("outreach:reporting_deadlines", slug=programme.slug)
    return render(
        request,
        "outreach/reporting_deadlines.html",
        {
            "programme": programme,
            "deadlines": deadlines,
            "may_set": may_set,
            "form": form,
            "errors": errors,
            "error": error,
            "today": timezone.localdate(),
        },
        status=400 if error else 200,
    )


def _require_coordinator(request: HttpRequest, programme: Any) -> None:
    if not user_has_programme_role(
        user=request.user, programme=programme, role=ProgrammeRole.COORDINATOR
    ):
        raise PermissionDenied(_("You need the coordinator role in this programme."))


@login_required
def campaign_create(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _or_404(programme_get, slug=slug)
    _require_coordinator(request, programme)
    form = CampaignForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_open(
                programme=programme, by=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form_add_domain_errors(form, exc)
        else:
            messages.success(request, _("The campaign has been created."))
            return redirect("outreach:campaign_team", campaign.pk)
    return render(
        request,
        "outreach/campaign_form.html",
        {"form": form, "programme": programme},
        status=400 if form.errors else 200,
    )


def _coordinated_campaign(request: HttpRequest, pk: int) -> Any:
    campaign = _or_404(selectors.campaign_get, user=request.user, pk=pk)
    _require_coordinator(request, campaign.programme)
    return campaign


@login_required
def campaign_team(request: HttpRequest, pk: int) -> HttpResponse:
    """Who works on the campaign: outreach workers and the programme's coaches."""
    campaign = _coordinated_campaign(request, pk)
    form = AssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username, role = form.cleaned_data["username"], form.cleaned_data["role"]
        user = selectors.active_user_by_username(username=username)
        try:
            if user is None:
                raise InvalidInput(
                    _("No active account with this username."),
                    errors=[{"field": "username", "message": _("unknown or inactive")}],
                )
            if role == "coach":
                services.coach_role_give(programme=campaign.programme, user=user, by=request.user)
            else:
                services.campaign_worker_assign(campaign=campaign, user=user, by=request.user)
        except DomainError as exc:
            form_add_domain_errors(form, exc)
        else:
            messages.success(request, _("%(user)s has been added.") % {"user": username})
            return redirect("outreach:campaign_team", campaign.pk)
    return render(
        request,
        "outreach/campaign_team.html",
        {"campaign": campaign, "form": form, **selectors.campaign_team(campaign=campaign)},
        status=400 if form.errors else 200,
    )


@login_required
def address_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload the campaign's address list (all or nothing; every error names row and column)."""
    from wijkaanpak.outreach.imports import address_list_import

    campaign = _coordinated_campaign(request, pk)
    form = AddressImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            created = address_list_import(
                campaign=campaign, filename=upload.name, content=upload, by=request.user
            )
        except DomainError as exc:
            form_add_domain_errors(form, exc)
        else:
            messages.success(
                request, _("%(n)s addresses have been added to the list.") % {"n": created}
            )
            return redirect("outreach:campaign_team", campaign.pk)
    return render(
        request,
        "outreach/address_import.html",
        {"campaign": campaign, "form": form},
        status=400 if form.errors else 200,
    )
