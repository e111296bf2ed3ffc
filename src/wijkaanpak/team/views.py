"""Pages of the programme set-up (programme, ambitions, themes, their history) and the team
(members, invitations, roles, deactivation, accepting an invitation)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wijkaanpak.accounts.models import ProgrammeRole, User
from wijkaanpak.accounts.selectors import user_requires_2fa
from wijkaanpak.core.exceptions import Conflict, DomainError, Forbidden, InvalidInput
from wijkaanpak.core.forms import form_add_domain_errors
from wijkaanpak.core.views import page_errors
from wijkaanpak.programmes.models import Ambition, Programme, Theme
from wijkaanpak.programmes.selectors import programme_get
from wijkaanpak.team import selectors, services
from wijkaanpak.team.forms import (
    AcceptForm,
    AmbitionEditForm,
    AmbitionForm,
    InvitationForm,
    ProgrammeEditForm,
    ProgrammeForm,
    RoleForm,
    ThemeEditForm,
    ThemeForm,
)

FIELD_LABELS = {
    "name": gettext_lazy("name"),
    "short_name": gettext_lazy("short name"),
    "area": gettext_lazy("target area"),
    "start_year": gettext_lazy("start year"),
    "end_year": gettext_lazy("end year"),
    "description": gettext_lazy("description"),
    "desired_movement": gettext_lazy("desired movement"),
    "colour": gettext_lazy("colour"),
    "number": gettext_lazy("number"),
    "role": gettext_lazy("role"),
}


def _manager(request: HttpRequest, programme: Programme) -> None:
    try:
        selectors.require_manager(user=request.user, programme=programme)
    except Forbidden as exc:
        raise Forbidden(
            _(
                "Only the programme's coordinators and its municipality's administrators may do this."
            )
        ) from exc


def _setup_url(programme: Programme) -> str:
    return reverse("team:setup", args=[programme.slug])


def _team_url(programme: Programme) -> str:
    return reverse("team:team", args=[programme.slug])


def _meanwhile(obj: Model, form: Any) -> list[tuple[str, str]]:
    """What the other person changed: the saved value of each field that differs from what
    this person sent (shown above the form after a 409)."""
    out = []
    for name, field in form.fields.items():
        if name == "version":
            continue
        current = getattr(obj, name, None)
        if isinstance(current, Model):
            sent = form.data.get(name, "")
            changed = str(current.pk) != str(sent)
        else:
            sent = form.data.get(name, "")
            changed = str(current if current is not None else "") != str(sent).strip()
        if changed:
            out.append((str(field.label), str(current if current is not None else "—")))
    return out


def _conflict(form: Any, exc: DomainError, obj: Model) -> list[tuple[str, str]]:
    """After a stale write: the form keeps this person's input with the current version, so
    saving again overwrites on purpose; the changes made meanwhile are listed."""
    obj.refresh_from_db()
    data = form.data.copy()
    data["version"] = str(getattr(obj, "version", 0))
    form.data = data
    form.add_error(None, exc.message)
    return _meanwhile(obj, form)


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
