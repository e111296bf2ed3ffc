"""Invitations to a programme's team: sent, withdrawn, accepted, and their e-mail."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user
from wijkaanpak.accounts.models import (
    Invitation,
    ProgrammeMembership,
    ProgrammeRole,
    User,
)
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput, NotFound
from wijkaanpak.jobs.services import job_enqueue
from wijkaanpak.programmes.models import Programme
from wijkaanpak.team.services.common import (
    Gone,
    _require_manager,
    _required,
    _role,
    _with_history_user,
)

INVITATION_EMAIL_JOB = "team.send_invitation"


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
