"""Reads of the report's stored side: its status, texts with their history, published versions."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from wijkaanpak.accounts.actors import Viewer
from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.accounts.selectors import user_has_programme_role
from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.programmes.models import Programme
from wijkaanpak.reports.models import (
    AnnualReport,
    Narrative,
    NarrativeRevision,
    PublishedVersion,
    ReportStatusChange,
)


@dataclass(frozen=True)
class ReportState:
    status: str
    version: int
    changes: list[ReportStatusChange]


def report_state(*, programme: Programme, year: int) -> ReportState:
    report = AnnualReport.objects.filter(programme=programme, year=year).first()
    if report is None:
        return ReportState("draft", 0, [])
    changes = list(report.changes.select_related("by").order_by("at", "id"))
    return ReportState(report.status, report.version, changes)


def narrative_get(
    *, programme: Programme, year: int, section: str
) -> tuple[Narrative | None, list[NarrativeRevision]]:
    narrative = Narrative.objects.filter(
        report__programme=programme, report__year=year, section=section
    ).first()
    if narrative is None:
        return None, []
    return narrative, list(narrative.revisions.select_related("by")[:20])


def published_list(*, programme: Programme, year: int | None = None) -> QuerySet[PublishedVersion]:
    """Published versions without their bytes (for lists): everyone may see them."""
    qs = PublishedVersion.objects.filter(report__programme=programme).select_related("report")
    if year is not None:
        qs = qs.filter(report__year=year)
    return qs.defer("html", "pdf", "docx").order_by("report__year", "number")


def published_get(
    *, programme: Programme, year: int, number: int | None = None
) -> PublishedVersion:
    """A published version (the latest when `number` is None), or NotFound."""
    qs = PublishedVersion.objects.filter(report__programme=programme, report__year=year)
    version = (qs.filter(number=number) if number is not None else qs.order_by("-number")).first()
    if version is None:
        raise NotFound("No published version")
    return version


def user_is_team(*, user: Viewer, programme: Programme) -> bool:
    return user_has_programme_role(user=user, programme=programme, role=ProgrammeRole.VIEWER)
