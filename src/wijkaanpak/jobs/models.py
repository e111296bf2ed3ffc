"""Background jobs and schedules: what is waiting, what failed and why, when each schedule ran.

A `Job` is one piece of work (send the mails of a notification, run a schedule) with its tries;
the queue underneath is django-tasks with its database backend (`DBTaskResult`), one row per try.
The job carries the programme it concerns (a plain id: `jobs` knows no domain app), so that a
coordinator sees the jobs of their programme.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")


class Job(models.Model):
    name = models.CharField(_("name"), max_length=100)
    kwargs = models.JSONField(_("arguments"), default=dict)
    programme_id = models.BigIntegerField(_("programme"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveIntegerField(_("maximum attempts"), default=5)
    last_error = models.TextField(_("last error"), blank=True)
    run_after = models.DateTimeField(_("run after"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "programme_id"], name="jobs_status_programme")]

    def __str__(self) -> str:
        return f"{self.name} #{self.pk} ({self.status})"


class ScheduleOutcome(models.TextChoices):
    RUNNING = "running", _("running")
    OK = "ok", _("succeeded")
    FAILED = "failed", _("failed")


class Schedule(models.Model):
    """A recurring piece of work registered with `@scheduled`, and how its last run went."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    every_seconds = models.PositiveIntegerField(_("every (seconds)"))
    next_due_at = models.DateTimeField(_("next run due"), null=True, blank=True)
    last_started_at = models.DateTimeField(_("last run started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last run finished"), null=True, blank=True)
    last_outcome = models.CharField(
        _("last outcome"), max_length=10, choices=ScheduleOutcome.choices, blank=True
    )
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
