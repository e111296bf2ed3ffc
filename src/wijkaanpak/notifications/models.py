"""In-app notifications, their e-mail delivery and each user's preference.

A notification says that something waits for the recipient, with a link into the app. Its
subject carries no personal data (AVG): "Er is een nieuwe doorverwijzing voor DOCK", never a
resident's name. (key, recipient) is unique, so a repeated event or a retried job never
notifies twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    event = models.CharField(_("event"), max_length=60)
    key = models.CharField(_("idempotency key"), max_length=200)
    subject = models.CharField(_("subject"), max_length=200)
    url = models.CharField(_("link"), max_length=500)
    urgent = models.BooleanField(_("urgent"), default=False)
    programme_id = models.BigIntegerField(_("programme"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # E-mail: when it was sent (immediately or in a digest); None while it waits or is not mailed.
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["key", "recipient"], name="notification_key_recipient")
        ]
        indexes = [
            # The unread count in the header of every page: one index-only range.
            models.Index(
                fields=["recipient", "read_at"],
                name="notification_unread",
            ),
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
        ]

    def __str__(self) -> str:
        return self.subject


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("immediately, one e-mail per notification")
    DIGEST = "digest", _("once a day, in a digest")
    OFF = "off", _("no e-mail (urgent messages excepted)")


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("user"),
    )
    email = models.CharField(
        _("e-mail for what is not urgent"),
        max_length=12,
        choices=Delivery.choices,
        default=Delivery.IMMEDIATELY,
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.email}"


class AddressedEmail(models.Model):
    """An e-mail to an address without an account (an invitation to join a programme).

    One per `key`, ever; the worker sends it and records `sent_at`. The link may hold a secret
    (an invitation token): it is erased once the mail is sent.
    """

    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    to = models.EmailField(_("recipient's e-mail address"))
    subject = models.CharField(_("subject"), max_length=200)
    url = models.CharField(_("link"), max_length=1000, blank=True)
    programme_id = models.BigIntegerField(_("programme"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail to an address")
        verbose_name_plural = _("e-mails to addresses")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject
