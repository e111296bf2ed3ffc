"""The team page: inviting, changing roles, removing and deactivating members."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkaanpak.accounts.models import User
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.core.forms import form_add_domain_errors
from wijkaanpak.core.views import page_errors
from wijkaanpak.programmes.models import Programme
from wijkaanpak.programmes.selectors import programme_get
from wijkaanpak.team import selectors, services
from wijkaanpak.team.forms import (
    InvitationForm,
    RoleForm,
)
from wijkaanpak.team.views.common import _manager, _team_url

# --- the team -------------------------------------------------------------------------------


def _team_page(
    request: HttpRequest, programme: Programme, invite: InvitationForm, status: int = 200
) -> HttpResponse:
    members = selectors.members_of(programme=programme)
    deactivatable = selectors.deactivatable_ids(
        by=request.user, user_ids=[m.user_id for m in members]
    )
    return render(
        request,
        "team/team.html",
        {
            "programme": programme,
            "members": [
                (m, RoleForm(initial={"role": m.role}, auto_id=f"id_%s_{m.user_id}"))
                for m in members
            ],
            "deactivatable": deactivatable,
            "invitations": selectors.open_invitations_of(programme=programme),
            "invite": invite,
            "history": selectors.role_history(programme=programme),
            "invitation_days": settings.INVITATION_LIFETIME_DAYS,
        },
        status=status,
    )


@login_required
@page_errors
def team(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug=slug)
    _manager(request, programme)
    return _team_page(request, programme, InvitationForm())


@login_required
@require_POST
@page_errors
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug=slug)
    _manager(request, programme)
    form = InvitationForm(request.POST)
    if not form.is_valid():
        return _team_page(request, programme, form, status=400)
    try:
        invitation = services.invitation_create(
            by=request.user, programme=programme, **form.cleaned_data
        )
    except (InvalidInput, Conflict) as exc:
        form_add_domain_errors(form, exc)
        return _team_page(request, programme, form, status=exc.status)
    messages.success(
        request,
        _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
    )
    return redirect(_team_url(programme) + "#uitnodigingen")


def _member_action(request: HttpRequest, slug: str, user_id: int, action: Any) -> HttpResponse:
    programme = programme_get(slug=slug)
    _manager(request, programme)
    user = selectors.member_get(programme=programme, user_id=user_id)
    try:
        message = action(programme, user)
    except (InvalidInput, Conflict) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, message)
    return redirect(_team_url(programme) + "#leden")


@login_required
@require_POST
@page_errors
def member_role(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    form = RoleForm(request.POST)

    def action(programme: Programme, user: User) -> str:
        if not form.is_valid():
            raise InvalidInput(_("Choose coordinator, editor or viewer."))
        services.membership_set(
            by=request.user, programme=programme, user=user, role=form.cleaned_data["role"]
        )
        return _("The role of %(name)s has been changed.") % {
            "name": user.get_full_name() or user.username
        }

    return _member_action(request, slug, user_id, action)


@login_required
@require_POST
@page_errors
def member_remove(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    def action(programme: Programme, user: User) -> str:
        services.membership_remove(by=request.user, programme=programme, user=user)
        return _("%(name)s no longer has access to this programme.") % {
            "name": user.get_full_name() or user.username
        }

    return _member_action(request, slug, user_id, action)


@login_required
@require_POST
@page_errors
def member_deactivate(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    programme = programme_get(slug=slug)
    _manager(request, programme)
    user = selectors.member_get(programme=programme, user_id=user_id)
    if not selectors.user_deactivate_allowed(by=request.user, user=user):
        raise Forbidden(_("You may only deactivate users who work solely in your municipality."))
    services.user_deactivate(by=request.user, user=user)
    messages.success(
        request,
        _("The account of %(name)s has been deactivated: it no longer gives access anywhere.")
        % {"name": user.get_full_name() or user.username},
    )
    return redirect(_team_url(programme) + "#leden")


@login_required
@require_POST
@page_errors
def invitation_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_get(slug=slug)
    _manager(request, programme)
    invitation = selectors.invitation_get(programme=programme, pk=pk)
    try:
        services.invitation_withdraw(by=request.user, invitation=invitation)
    except Conflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The invitation has been withdrawn; its link no longer works."))
    return redirect(_team_url(programme) + "#uitnodigingen")
