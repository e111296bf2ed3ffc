"""Pages of the accounts app: enrolment and verification of the second factor (TOTP)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from wijkaanpak.accounts import selectors, services


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "utrecht-textbox utrecht-textbox--html-input",
            }
        ),
    )


def _next_url(request: HttpRequest) -> str:
    target = (
        request.POST.get("next")
        or request.GET.get("next")
        or resolve_url(settings.LOGIN_REDIRECT_URL)
    )
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return "/"
    return target


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if selectors.user_has_confirmed_device(user=user) and not user.is_verified():  # type: ignore[union-attr]
        # Someone with only the password may not add a second device.
        return redirect("accounts:2fa_verify")
    device = services.totp_device_start(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(
            request=request, device=device, token=form.cleaned_data["token"]
        ):
            return redirect(_next_url(request))
        form.add_error("token", _("This code is not valid. Check the time on your phone."))
    return render(
        request,
        "accounts/2fa_setup.html",
        {
            "form": form,
            "next": _next_url(request),
            "secret": services.totp_device_secret(device=device),
            "qr_svg": services.totp_device_qr_svg(device=device),
        },
    )


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    if not selectors.user_has_confirmed_device(user=request.user):
        return redirect("accounts:2fa_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_verify(request=request, token=form.cleaned_data["token"]):
            return redirect(_next_url(request))
        form.add_error("token", _("This code is not valid. Check the time on your phone."))
    return render(request, "accounts/2fa_verify.html", {"form": form, "next": _next_url(request)})
