"""Writes of the programme set-up and its team: programmes, ambitions and cross-cutting themes
(with `version`, history by simple-history), invitations by e-mail, roles and deactivation.

Who may: `accounts.selectors.user_may_create_programme` (a programme in a municipality) and
`accounts.selectors.user_may_manage_programme` (everything else). See docs/team.md.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any, TypeVar

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user, is_system
from wijkaanpak.accounts.models import (
    Invitation,
    ProgrammeMembership,
    ProgrammeRole,
    User,
)
from wijkaanpak.accounts.selectors import (
    user_may_create_programme,
    user_may_manage_programme,
)
from wijkaanpak.areas.models import Area, AreaLevel
from wijkaanpak.core.exceptions import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from wijkaanpak.jobs.services import job_enqueue
from wijkaanpak.programmes.models import Ambition, Programme, Theme
from wijkaanpak.team.selectors import user_deactivate_allowed

INVITATION_EMAIL_JOB = "team.send_invitation"
COLOUR_LENGTH = 7
MIN_YEAR, MAX_YEAR = 2000, 2100
# Programme slugs that would hide a page under programmas/ (team/urls.py).
RESERVED_SLUGS = {"nieuw"}

M = TypeVar("M", bound=models.Model)


class Gone(DomainError):
    """An invitation link that was used or has expired (410)."""

    status = 410


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(message, errors=[{"field": field, "message": _("required")}])
    return value


def _require_manager(by: Actor, programme: Programme) -> None:
    if is_system(by):
        return
    if not user_may_manage_programme(user=acting_user(by), programme=programme):
        raise Forbidden(
            _(
                "Only the programme's coordinators and its municipality's administrators "
                "may do this."
            )
        )


def _with_history_user(obj: M, by: Actor) -> M:
    obj._history_user = acting_user(by)  # type: ignore[attr-defined]
    return obj


def _check_version(current: int, version: int, what: str) -> None:
    if current != version:
        raise Conflict(
            _("%(what)s was changed by someone else meanwhile.") % {"what": what},
            errors=[{"field": "version", "message": _("stale version")}],
        )


# --- programmes -------------------------------------------------------------------------


def _area_within(area: Area, municipality: Area) -> bool:
    current: Area | None = area
    for _step in range(8):  # municipality > district > subdistrict > neighbourhood
        if current is None:
            return False
        if current.pk == municipality.pk:
            return True
        current = current.parent
    return False


def _check_years(start_year: int, end_year: int | None) -> None:
    if not MIN_YEAR <= start_year <= MAX_YEAR:
        raise InvalidInput(
            _("The start year must lie between %(min)d and %(max)d.")
            % {"min": MIN_YEAR, "max": MAX_YEAR},
            errors=[{"field": "start_year", "message": _("between 2000 and 2100")}],
        )
    if end_year is not None and not start_year <= end_year <= MAX_YEAR:
        raise InvalidInput(
            _("The end year cannot lie before the start year."),
            errors=[{"field": "end_year", "message": _("not before the start year")}],
        )


def _unique_slug(name: str) -> str:
    base = slugify(name)[:90] or "programma"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Programme.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def programme_create(
    *,
    by: Actor,
    name: str,
    municipality: Area,
    area: Area,
    start_year: int,
    description: str = "",
    end_year: int | None = None,
) -> Programme:
    """A new programme of `municipality` for its target `area`.

    The user who creates it becomes its first coordinator (docs/team.md): a municipality
    administrator is not a programme member by that role alone, and a new programme needs
    someone who can invite its team. The role can be handed over on the team page."""
    if municipality.level != AreaLevel.MUNICIPALITY:
        raise InvalidInput(
            _("Choose a municipality."),
            errors=[{"field": "municipality", "message": _("not a municipality")}],
        )
    if not is_system(by) and not user_may_create_programme(
        user=acting_user(by), municipality_id=municipality.pk
    ):
        raise Forbidden(_("Only the municipality's administrators may create its programmes."))
    name = _required(name, "name", _("A name is required."))
    if not _area_within(area, municipality):
        raise InvalidInput(
            _("The target area must lie in %(municipality)s.") % {"municipality": municipality},
            errors=[{"field": "area", "message": _("not in this municipality")}],
        )
    _check_years(start_year, end_year)
    programme = _with_history_user(
        Programme(
            name=name,
            slug=_unique_slug(name),
            municipality=municipality,
            area=area,
            start_year=start_year,
            end_year=end_year,
            description=(description or "").strip(),
        ),
        by,
    )
    programme.save()
    creator = acting_user(by)
    if creator is not None:
        membership_set(by=by, programme=programme, user=creator, role=ProgrammeRole.COORDINATOR)
    return programme


@transaction.atomic
def programme_update(
    *,
    by: Actor,
    programme: Programme,
    version: int,
    name: str,
    area: Area,
    start_year: int,
    description: str = "",
    end_year: int | None = None,
) -> Programme:
    """Change a programme's details; a stale `version` answers 409 and changes nothing."""
    _require_manager(by, programme)
    locked = (
        Programme.objects.select_for_update().select_related("municipality").get(pk=programme.pk)
    )
    _check_version(locked.version, version, _("This programme"))
    locked.name = _required(name, "name", _("A name is required."))
    if not _area_within(area, locked.municipality):
        raise InvalidInput(
            _("The target area must lie in %(municipality)s.")
            % {"municipality": locked.municipality},
            errors=[{"field": "area", "message": _("not in this municipality")}],
        )
    _check_years(start_year, end_year)
    locked.area, locked.start_year, locked.end_year = area, start_year, end_year
    locked.description = (description or "").strip()
    locked.version += 1
    _with_history_user(locked, by).save()
    return locked


# --- ambitions and themes -----------------------------------------------------------------


def _ambition_fields(short_name: str, name: str, colour: str) -> tuple[str, str, str]:
    short_name = _required(short_name, "short_name", _("A short name is required."))
    name = _required(name, "name", _("A name is required."))
    colour = (colour or "#24578f").strip()
    if len(colour) != COLOUR_LENGTH or not colour.startswith("#"):
        raise InvalidInput(
            _("A colour is written as #rrggbb."),
            errors=[{"field": "colour", "message": _("as #rrggbb")}],
        )
    try:
        int(colour[1:], 16)
    except ValueError:
        raise InvalidInput(
            _("A colour is written as #rrggbb."),
            errors=[{"field": "colour", "message": _("as #rrggbb")}],
        ) from None
    if len(short_name) > 60:
        raise InvalidInput(
            _("The short name is at most 60 characters."),
            errors=[{"field": "short_name", "message": _("at most 60 characters")}],
        )
    return short_name, name, colour


def _short_name_taken(programme: Programme, short_name: str, exclude: int | None) -> None:
    taken = Ambition.objects.filter(programme=programme, short_name__iexact=short_name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise Conflict(
            _("This programme already has an ambition with this short name."),
            errors=[{"field": "short_name", "message": _("already in use")}],
        )


@transaction.atomic
def ambition_create(
    *,
    by: Actor,
    programme: Programme,
    short_name: str,
    name: str,
    description: str = "",
    desired_movement: str = "",
    colour: str = "#24578f",
) -> Ambition:
    """A new ambition, numbered after the programme's last one."""
    _require_manager(by, programme)
    Programme.objects.select_for_update().filter(pk=programme.pk).first()  # numbering in turn
    short_name, name, colour = _ambition_fields(short_name, name, colour)
    _short_name_taken(programme, short_name, exclude=None)
    last = Ambition.objects.filter(programme=programme).aggregate(n=models.Max("number"))["n"]
    ambition = _with_history_user(
        Ambition(
            programme=programme,
            number=(last or 0) + 1,
            short_name=short_name,
            name=name,
            description=(description or "").strip(),
            desired_movement=(desired_movement or "").strip(),
            colour=colour,
        ),
        by,
    )
    ambition.save()
    return ambition


@transaction.atomic
def ambition_update(
    *,
    by: Actor,
    ambition: Ambition,
    version: int,
    short_name: str,
    name: str,
    description: str = "",
    desired_movement: str = "",
    colour: str = "#24578f",
) -> Ambition:
    _require_manager(by, ambition.programme)
    locked = Ambition.objects.select_for_update().get(pk=ambition.pk)
    _check_version(locked.version, version, _("This ambition"))
    short_name, name, colour = _ambition_fields(short_name, name, colour)
    _short_name_taken(ambition.programme, short_name, exclude=locked.pk)
    locked.short_name, locked.name, locked.colour = short_name, name, colour
    locked.description = (description or "").strip()
    locked.desired_movement = (desired_movement or "").strip()
    locked.version += 1
    _with_history_user(locked, by).save()
    return locked


def _theme_name_taken(programme: Programme, name: str, exclude: int | None) -> None:
    taken = Theme.objects.filter(programme=programme, name__iexact=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise Conflict(
            _("This programme already has a theme with this name."),
            errors=[{"field": "name", "message": _("already in use")}],
        )


@transaction.atomic
def theme_create(*, by: Actor, programme: Programme, name: str, description: str = "") -> Theme:
    _require_manager(by, programme)
    name = _required(name, "name", _("A name is required."))
    _theme_name_taken(programme, name, exclude=None)
    theme = _with_history_user(
        Theme(programme=programme, name=name, description=(description or "").strip()), by
    )
    theme.save()
    return theme


@transaction.atomic
def theme_update(
    *, by: Actor, theme: Theme, version: int, name: str, description: str = ""
) -> Theme:
    _require_manager(by, theme.programme)
    locked = Theme.objects.select_for_update().get(pk=theme.pk)
    _check_version(locked.version, version, _("This theme"))
    locked.name = _required(name, "name", _("A name is required."))
    _theme_name_taken(theme.programme, locked.name, exclude=locked.pk)
    locked.description = (description or "").strip()
    locked.version += 1
    _with_history_user(locked, by).save()
    return locked


# --- roles ----------------------------------------------------------------------------------


def _role(role: str) -> ProgrammeRole:
    if role not in ProgrammeRole.values:
        raise InvalidInput(
            _("Choose coordinator, editor or viewer."),
            errors=[{"field": "role", "message": _("coordinator, editor or viewer")}],
        )
    return ProgrammeRole(role)


def _other_coordinators(programme: Programme, user: User) -> bool:
    return (
        ProgrammeMembership.objects.filter(
            programme=programme, role=ProgrammeRole.COORDINATOR, user__is_active=True
        )
        .exclude(user=user)
        .exists()
    )


@transaction.atomic
def membership_set(
    *, by: Actor, programme: Programme, user: User, role: str
) -> ProgrammeMembership:
    """Give `user` the role in the programme (a new member, or another role)."""
    _require_manager(by, programme)
    new_role = _role(role)
    current = (
        ProgrammeMembership.objects.select_for_update()
        .filter(programme=programme, user=user)
        .first()
    )
    if current is None:
        membership = _with_history_user(
            ProgrammeMembership(programme=programme, user=user, role=new_role), by
        )
        membership.save()
        return membership
    if (
        current.role == ProgrammeRole.COORDINATOR
        and new_role != ProgrammeRole.COORDINATOR
        and not _other_coordinators(programme, user)
    ):
        raise Conflict(
            _("A programme keeps at least one coordinator: make someone else coordinator first."),
            errors=[{"field": "role", "message": _("the last coordinator")}],
        )
    if current.role != new_role:
        current.role = new_role
        _with_history_user(current, by).save()
    return current


@transaction.atomic
def membership_remove(*, by: Actor, programme: Programme, user: User) -> None:
    """Take all of `user`'s roles in the programme."""
    _require_manager(by, programme)
    current = (
        ProgrammeMembership.objects.select_for_update()
        .filter(programme=programme, user=user)
        .first()
    )
    if current is None:
        raise NotFound(_("This person is not a member of the programme."))
    if current.role == ProgrammeRole.COORDINATOR and not _other_coordinators(programme, user):
        raise Conflict(
            _("A programme keeps at least one coordinator: make someone else coordinator first.")
        )
    _with_history_user(current, by).delete()


@transaction.atomic
def user_deactivate(*, by: Actor, user: User) -> User:
    """Deactivate a user: their sessions stop working at the next request (Django refuses
    inactive users) and their API tokens are deleted (accounts.signals.user_saved)."""
    if not user_deactivate_allowed(by=by, user=user):
        raise Forbidden(_("You may only deactivate users who work solely in your municipality."))
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    return user


# --- invitations --------------------------------------------------------------------------


def _normal_email(email: str) -> str:
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput(
            _("Enter a valid e-mail address."),
            errors=[{"field": "email", "message": _("not a valid e-mail address")}],
        ) from None
    local, _at, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


def _token_pair() -> tuple[str, str]:
    secret = secrets.token_urlsafe(32)
    return secret, Invitation.hash(Invitation.token_for(secret))


@transaction.atomic
def invitation_create(*, by: Actor, programme: Programme, email: str, role: str) -> Invitation:
    """Invite `email` to the programme in `role`: a single-use link that expires after
    settings.INVITATION_LIFETIME_DAYS, e-mailed by a job (in this transaction). A new
    invitation to the same address replaces the one still open (its link stops working)."""
    _require_manager(by, programme)
    email = _normal_email(email)
    new_role = _role(role)
    if ProgrammeMembership.objects.filter(programme=programme, user__email__iexact=email).exists():
        raise Conflict(
            _("Someone with this e-mail address is already a member of this programme."),
            errors=[{"field": "email", "message": _("already a member")}],
        )
    Invitation.objects.filter(
        programme=programme, email__iexact=email, accepted_at__isnull=True
    ).delete()
    secret, token_hash = _token_pair()
    invitation = Invitation.objects.create(
        programme=programme,
        email=email,
        role=new_role,
        invited_by=acting_user(by),
        secret=secret,
        token_hash=token_hash,
    )
    job_enqueue(
        name=INVITATION_EMAIL_JOB,
        kwargs={"invitation_id": invitation.pk},
        programme_id=programme.pk,
    )
    return invitation


@transaction.atomic
def invitation_withdraw(*, by: Actor, invitation: Invitation) -> None:
    _require_manager(by, invitation.programme)
    if invitation.accepted_at is not None:
        raise Conflict(_("This invitation was already accepted."))
    invitation.delete()


def invitation_by_token(*, token: str) -> Invitation:
    """The open invitation of a link's token; NotFound for an unknown link, Gone (410) for a
    used or expired one."""
    token = (token or "").strip()
    invitation = (
        Invitation.objects.select_related("programme")
        .filter(token_hash=Invitation.hash(token))
        .first()
        if token
        else None
    )
    if invitation is None:
        raise NotFound(_("This invitation link is not valid."))
    if invitation.accepted_at is not None:
        raise Gone(_("This invitation link was already used."))
    if invitation.expires_at <= timezone.now():
        raise Gone(_("This invitation link has expired. Ask for a new invitation."))
    return invitation


def _accept(invitation: Invitation, user: User) -> ProgrammeMembership:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None:
        raise Gone(_("This invitation link was already used."))
    if ProgrammeMembership.objects.filter(programme=locked.programme, user=user).exists():
        raise Conflict(_("You are already a member of this programme."))
    membership = _with_history_user(
        ProgrammeMembership(programme=locked.programme, user=user, role=locked.role),
        locked.invited_by or user,
    )
    membership.save()
    locked.accepted_at, locked.accepted_by = timezone.now(), user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    _notify_accepted(locked)
    return membership


def _notify_accepted(invitation: Invitation) -> None:
    """Tell who invited that the invitation was accepted (in the same transaction; the subject
    names the programme and the role, not the person)."""
    from django.urls import reverse

    from wijkaanpak.notifications.services import notify

    if invitation.invited_by is None:
        return
    programme = invitation.programme
    notify(
        event="invitation_accepted",
        recipients=[invitation.invited_by],
        key=f"invitation-accepted:{invitation.pk}",
        subject=_("An invitation to %(programme)s as %(role)s was accepted")
        % {"programme": programme.name, "role": ProgrammeRole(invitation.role).label},
        url=reverse("team:team", args=[programme.slug]),
        programme_id=programme.pk,
    )


@transaction.atomic
def invitation_accept_as(*, token: str, user: User) -> ProgrammeMembership:
    """Accept as the signed-in user, whose e-mail address must be the invited one."""
    invitation = invitation_by_token(token=token)
    if not user.is_active or (user.email or "").lower() != invitation.email.lower():
        raise Forbidden(
            _("This invitation is for another e-mail address. Log out and follow the link again.")
        )
    return _accept(invitation, user)


def invitation_account_exists(*, invitation: Invitation) -> bool:
    return User.objects.filter(email__iexact=invitation.email).exists()


@transaction.atomic
def invitation_accept_new(
    *,
    token: str,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
) -> User:
    """Accept by creating an account with a password of the invitee's choice."""
    invitation = invitation_by_token(token=token)
    if invitation_account_exists(invitation=invitation):
        raise Conflict(
            _("There is already an account with this e-mail address: log in to accept."),
        )
    username = _required(username, "username", _("Choose a user name."))
    if User.objects.filter(username__iexact=username).exists():
        raise InvalidInput(
            _("This user name is taken; choose another."),
            errors=[{"field": "username", "message": _("already taken")}],
        )
    user = User(
        username=username[:150],
        email=invitation.email,
        first_name=(first_name or "").strip()[:150],
        last_name=(last_name or "").strip()[:150],
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise InvalidInput(
            _("Choose another password."),
            errors=[{"field": "password", "message": str(m)} for m in exc.messages],
        ) from None
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise InvalidInput(
            _("This user name is taken; choose another."),
            errors=[{"field": "username", "message": _("already taken")}],
        ) from None
    _accept(invitation, user)
    return user


def invitation_email_context(*, invitation: Invitation) -> dict[str, Any]:
    from django.urls import reverse

    token = Invitation.token_for(invitation.secret)
    return {
        "programme": invitation.programme.name,
        "role": ProgrammeRole(invitation.role).label,
        "path": reverse("team:invitation_accept", args=[token]),
        "expires_at": invitation.expires_at,
    }


def invitation_email_send(*, invitation_id: int) -> bool:
    """Mail an invitation's link once (the job; a rerun after a crash sends nothing new)."""
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string
    from django.utils import translation

    from wijkaanpak.notifications.services import absolute_url

    invitation = (
        Invitation.objects.select_related("programme")
        .filter(pk=invitation_id, emailed_at__isnull=True, accepted_at__isnull=True)
        .first()
    )
    if invitation is None or invitation.expires_at <= timezone.now():
        return False  # withdrawn, replaced, accepted, expired or already mailed
    context = invitation_email_context(invitation=invitation)
    context["link"] = absolute_url(str(context.pop("path")))
    with translation.override("nl"):
        subject = _("Invitation to work on %(programme)s in Wijkaanpak") % {
            "programme": invitation.programme.name
        }
        text = render_to_string("team/email/invitation.txt", context)
        html = render_to_string("team/email/invitation.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[invitation.email])
    message.attach_alternative(html, "text/html")
    message.send()
    # Sent: the secret is of no more use, so from now on only the token's hash is kept.
    Invitation.objects.filter(pk=invitation.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now(), secret=""
    )
    return True


def invitation_is_open(invitation: Invitation, now: dt.datetime | None = None) -> bool:
    return invitation.accepted_at is None and invitation.expires_at > (now or timezone.now())
