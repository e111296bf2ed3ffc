from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in. Roles come from memberships, not from the user itself."""

    requires_two_factor = models.BooleanField(
        _("requires two-factor authentication"),
        default=False,
        help_text=_(
            "Ask for a one-time code from an authenticator app at login. Always on for staff "
            "and for roles that see personal data."
        ),
    )

    is_data_steward = models.BooleanField(
        _("data steward"),
        default=False,
        help_text=_(
            "Maintains what the whole installation shares: the CBS area registry and the "
            "national statistics."
        ),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class ProgrammeRole(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    EDITOR = "editor", _("editor")
    VIEWER = "viewer", _("viewer")


# Higher number: more rights. A coordinator may do everything an editor may.
ROLE_RANK = {ProgrammeRole.VIEWER: 1, ProgrammeRole.EDITOR: 2, ProgrammeRole.COORDINATOR: 3}


class ProgrammeMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_memberships"
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=ProgrammeRole.choices)

    class Meta:
        verbose_name = _("programme membership")
        verbose_name_plural = _("programme memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme"], name="one_membership_per_programme"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.programme} ({self.role})"


class OrganisationMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_memberships"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation}"


class MunicipalityRole(models.TextChoices):
    ADMIN = "admin", _("municipality administrator")


class MunicipalityMembership(models.Model):
    """A role in a municipality (the tenant): its administrator creates programmes and manages
    the municipality's users. The municipality is its `gemeente` area (CBS code GMxxxx)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="municipality_memberships"
    )
    municipality = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    role = models.CharField(_("role"), max_length=20, choices=MunicipalityRole.choices)

    class Meta:
        verbose_name = _("municipality membership")
        verbose_name_plural = _("municipality memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="one_membership_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.municipality} ({self.role})"


# How often a token's last use is written (see selectors.user_from_token).
TOKEN_TOUCH_INTERVAL = dt.timedelta(minutes=5)


def token_expiry() -> dt.datetime:
    """When a token made now ends (settings.API_TOKEN_LIFETIME_HOURS after its creation)."""
    from django.utils import timezone

    return timezone.now() + dt.timedelta(hours=settings.API_TOKEN_LIFETIME_HOURS)


def password_fingerprint(user: AbstractUser) -> str:
    """A keyed hash of the user's password hash: a token records the one of its creation and
    dies when it changes (a new password, or an unusable one), like Django's session hash."""
    from django.utils.crypto import salted_hmac

    return salted_hmac(
        "wijkaanpak.accounts.ApiToken", user.password, algorithm="sha256"
    ).hexdigest()


class ApiToken(models.Model):
    """A bearer token for programs. Only a SHA-256 hash of the token is stored.

    A token ends at `expires_at`, when its holder or an administrator revokes (deletes) it, when
    the password changes (`password_fingerprint`), when the user is deactivated, and — if it
    was issued without a second factor — when the user comes to need one (selectors.user_from_token).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), default=token_expiry)
    two_factor = models.BooleanField(
        _("issued after a second factor"),
        default=False,
        help_text=_("The holder sent a valid code from an authenticator app with the password."),
    )
    password_fingerprint = models.CharField(max_length=64, default="", editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"token of {self.user} ({self.created_at:%Y-%m-%d})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.password_fingerprint:
            self.password_fingerprint = password_fingerprint(self.user)
        super().save(*args, **kwargs)

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()


# --- Invitations and the history of roles (team management, issue 13) -----------------------


def invitation_expiry() -> dt.datetime:
    """When an invitation made now ends (settings.INVITATION_LIFETIME_DAYS after it was sent)."""
    from django.utils import timezone

    days = int(getattr(settings, "INVITATION_LIFETIME_DAYS", 7))
    return timezone.now() + dt.timedelta(days=days)


class Invitation(models.Model):
    """An invitation by e-mail to join a programme in a role.

    The link carries a token that is never stored: the row keeps its SHA-256 hash (to find the
    invitation) and a random `secret` from which, with the SECRET_KEY, the e-mail job derives
    the token again (`token_for`), so the database alone does not give the link away; once the
    e-mail is sent the secret is cleared and only the hash is left. A link works once
    (`accepted_at`) and until `expires_at`.
    """

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("programme"),
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=ProgrammeRole.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    secret = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), default=invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["programme", "email"], name="invitation_programme_email")]

    def __str__(self) -> str:
        return f"{self.email} — {self.programme_id} ({self.role})"

    @staticmethod
    def token_for(secret: str) -> str:
        """The link's token for an invitation's secret (HMAC with the SECRET_KEY)."""
        from django.utils.crypto import salted_hmac

        return salted_hmac("wijkaanpak.accounts.Invitation", secret, algorithm="sha256").hexdigest()

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()


def _register_role_history() -> None:
    """Who gave or took which role, when (simple-history): shown on the team page."""
    from simple_history import register

    register(ProgrammeMembership)
    register(MunicipalityMembership)


_register_role_history()
