"""Accepting an invitation (with an existing account or a new one)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from wijkaanpak.accounts.models import ProgrammeRole, User
from wijkaanpak.accounts.selectors import user_requires_2fa
from wijkaanpak.core.exceptions import DomainError
from wijkaanpak.core.forms import form_add_domain_errors
from wijkaanpak.programmes.models import Programme
from wijkaanpak.team import services
from wijkaanpak.team.forms import (
    AcceptForm,
)

# --- accepting an invitation ----------------------------------------------------------------


def _after_joining(request: HttpRequest, user: User, programme: Programme) -> HttpResponse:
    target = reverse("opportunities:programme", args=[programme.slug])
    if user_requires_2fa(user=user) and not getattr(user, "is_verified", lambda: False)():
        messages.info(request, _("Your role needs a second step at login: set it up now."))
        return redirect(f"{reverse('accounts:2fa_setup')}?{urlencode({'next': target})}")
    return redirect(target)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_by_token(token=token)
    except DomainError as exc:
        status = exc.status if exc.status in (404, 410) else 400
        return render(
            request, "team/invitation_invalid.html", {"message": exc.message}, status=status
        )
    programme = invitation.programme
    context: dict[str, Any] = {
        "invitation": invitation,
        "programme": programme,
        "role": ProgrammeRole(invitation.role).label,
    }
    user = request.user
    if isinstance(user, User) and user.is_authenticated:
        if request.method == "POST":
            try:
                services.invitation_accept_as(token=token, user=user)
            except DomainError as exc:
                context["error"] = exc.message
                return render(request, "team/invitation_accept.html", context, status=exc.status)
            messages.success(request, _("Welcome to %(programme)s.") % {"programme": programme})
            return _after_joining(request, user, programme)
        if (user.email or "").lower() != invitation.email.lower():
            context["error"] = _(
                "This invitation is for another e-mail address. Log out and follow the link again."
            )
            return render(request, "team/invitation_accept.html", context, status=403)
        return render(request, "team/invitation_accept.html", context)
    if services.invitation_account_exists(invitation=invitation):
        context["login_url"] = (
            f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}"
        )
        return render(request, "team/invitation_accept.html", context)
    form = AcceptForm(request.POST or None, initial={"username": invitation.email.split("@", 1)[0]})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new_user = services.invitation_accept_new(
                token=token,
                username=data["username"],
                password=data["password"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except DomainError as exc:
            form_add_domain_errors(form, exc)
            status = exc.status
        else:
            login(request, new_user, backend="wijkaanpak.accounts.backends.PasswordBackend")
            messages.success(request, _("Welcome to %(programme)s.") % {"programme": programme})
            return _after_joining(request, new_user, programme)
    elif form.errors:
        status = 400
    context["form"] = form
    return render(request, "team/invitation_accept.html", context, status=status)
