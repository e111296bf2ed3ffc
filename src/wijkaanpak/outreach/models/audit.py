"""The audit log of every read and write of personal data. Append-only."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    READ = "read", _("read")
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete")
    EXPORT = "export", _("export")
    ERASE = "erase", _("erase")


class AppendOnlyQuerySet(models.QuerySet["AuditLogEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("The audit log is append-only")

    def delete(self) -> NoReturn:
        raise PermissionError("The audit log is append-only")


class AuditLogEntry(models.Model):
    at = models.DateTimeField(_("when"), db_index=True)
    # No database-level constraint (docs/adr/0006): PostgreSQL checked it once per entry at
    # every commit, half the cost of writing a 50-row page's entries. Django's on_delete still
    # clears the link when a user is deleted; `username` keeps who it was.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    username = models.CharField(_("who"), max_length=150)
    action = models.CharField(_("action"), max_length=10, choices=AuditAction.choices)
    record_type = models.CharField(_("record type"), max_length=40)
    record_id = models.BigIntegerField(_("record id"))
    source = models.CharField(_("page or endpoint"), max_length=300)
    # The programme whose campaign the record belongs to: a privacy officer sees the entries of
    # the programmes they are privacy officer of, and nothing of another municipality's. No
    # database constraint, like `user` (docs/adr/0006): the entry outlives the programme. Null
    # only for entries written before it existed whose record was gone (outreach 0008).
    programme = models.ForeignKey(
        "programmes.Programme",
        null=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
        db_index=False,
        verbose_name=_("programme"),
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["record_type", "record_id"]),
            models.Index(fields=["programme", "at"], name="outreach_audit_programme_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.record_type}#{self.record_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("The audit log is append-only")
        super().save(*args, **kwargs)
