"""A reporting deadline set by a programme's coordinator: progress of every kans is requested
from its coalition, with a reminder a week before the deadline (services.events)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportingDeadline(models.Model):
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="reporting_deadlines"
    )
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("progress due on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reporting deadline")
        verbose_name_plural = _("reporting deadlines")
        ordering = ["-due_on", "-id"]

    def __str__(self) -> str:
        return f"{self.programme}: {self.title} ({self.due_on})"
