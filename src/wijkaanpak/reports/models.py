"""The stored side of the annual report: its sign-off state, the team's texts and the frozen
published versions. The figures themselves are never stored except inside a frozen version."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise

from wijkaanpak.programmes.models import Programme


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    REVIEW = "review", _("ready for review")
    APPROVED = "approved", _("approved")
    PUBLISHED = "published", _("published")


# The sign-off workflow. A published report is frozen; work on it goes on in a new draft
# (published -> draft), which leaves the published versions as they are.
TRANSITIONS: dict[str, set[str]] = {
    ReportStatus.DRAFT: {ReportStatus.REVIEW},
    ReportStatus.REVIEW: {ReportStatus.DRAFT, ReportStatus.APPROVED},
    ReportStatus.APPROVED: {ReportStatus.DRAFT, ReportStatus.PUBLISHED},
    ReportStatus.PUBLISHED: {ReportStatus.DRAFT},
}

# Only coordinators take a report into these statuses.
COORDINATOR_ONLY = {ReportStatus.APPROVED, ReportStatus.PUBLISHED}

# Statuses in which the texts may be edited.
EDITABLE = {ReportStatus.DRAFT, ReportStatus.REVIEW}

# The sections that carry a text of the team (keys as in the report's anchors); a kans has
# "kans-<id>".
SECTIONS: dict[str, StrPromise] = {
    "foreword": _("Foreword"),
    "glance": _("The programme at a glance"),
    "monitoring": _("Monitoring of the ambitions"),
    "kansen": _("The kansen"),
    "long_running": _("Long-running work"),
    "residents": _("Residents and communication"),
    "finance": _("Finances"),
    "checks": _("Checks"),
}


# A check's explanation is a text with the key "check-<rule>" (reports/checks.py rule names).
CHECK_RULES = (
    "printed_total",
    "budget_balance",
    "unlinked_lines",
    "widening_funnel",
    "indicator_without_value",
    "kans_without_progress",
    "measure_without_value",
)


def is_section(section: str) -> bool:
    """A key that may carry a text: a section, "kans-<id>" or "check-<rule>"."""
    if section in SECTIONS:
        return True
    if section.startswith("kans-") and section[5:].isdigit():
        return True
    return section.startswith("check-") and section[6:] in CHECK_RULES


class AnnualReport(models.Model):
    """A programme's report for a year: created on the first text or status change."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=ReportStatus.choices, default="draft")
    version = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="report_programme_year")
        ]
        ordering = ["programme", "year"]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}"


class ReportStatusChange(models.Model):
    """Append-only history of the sign-off: who moved the report where, when."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=20, choices=ReportStatus.choices, blank=True)
    status = models.CharField(max_length=20, choices=ReportStatus.choices)
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} -> {self.status}"


class Narrative(models.Model):
    """The team's text for one section (or kans) of one report; `version` guards stale saves."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="narratives")
    section = models.CharField(max_length=40)
    text = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="narrative_report_section")
        ]

    def __str__(self) -> str:
        return f"{self.section} v{self.version}"


class NarrativeRevision(models.Model):
    """Every saved text, append-only: the history of a narrative."""

    narrative = models.ForeignKey(Narrative, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"v{self.version}"


class PublishedVersion(models.Model):
    """A frozen published report: the bytes that went out, with their SHA-256. Never changed."""

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="published")
    number = models.PositiveIntegerField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    html = models.BinaryField()
    html_sha256 = models.CharField(max_length=64)
    pdf = models.BinaryField(default=b"")
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    docx = models.BinaryField(default=b"")
    docx_sha256 = models.CharField(max_length=64, blank=True)
    # The data the report was made from (reports/snapshot.py), for "what changed since".
    json = models.BinaryField(default=b"")
    json_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="published_report_number")
        ]
        ordering = ["report", "number"]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("A published version is immutable.")
        super().save(*args, **kwargs)

    @property
    def files(self) -> list[tuple[str, str]]:
        """(format, SHA-256) of the formats stored in this version."""
        pairs = [
            ("html", self.html_sha256),
            ("pdf", self.pdf_sha256),
            ("docx", self.docx_sha256),
            ("json", self.json_sha256),
        ]
        return [(fmt, sha) for fmt, sha in pairs if sha]


class DataVersion(models.Model):
    """One row: a token that changes whenever data shown on the public dashboard changes
    (reports/signals.py). The dashboard's cache key contains it, so every process of the
    server sees a change at once (docs/reports.md, "Public dashboard")."""

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    objects: models.Manager[DataVersion] = models.Manager()

    def __str__(self) -> str:
        return self.token


class ReviewComment(models.Model):
    """A reviewer's comment on one section of a report in review (coalition partners and the
    kenniskring, docs/reports.md): kept with the report, never changed or deleted."""

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="comments")
    section = models.CharField(max_length=40)
    text = models.TextField()
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.CharField(max_length=200, blank=True)  # the partner's, at the time

    objects: models.Manager[ReviewComment] = models.Manager()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.section}: {self.text[:40]}"
