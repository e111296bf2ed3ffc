"""Reads of the report's stored side: its status, texts with their history, published versions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
    ReviewComment,
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


def partner_organisations(*, user: Any, programme: Programme) -> list[str]:
    """Names of the user's organisations that are in a coalition of the programme."""
    from wijkaanpak.accounts.selectors import user_organisation_ids
    from wijkaanpak.opportunities.models import CoalitionMember

    if not getattr(user, "is_authenticated", False):
        return []
    ids = user_organisation_ids(user=user)
    if not ids:
        return []
    return sorted(
        set(
            CoalitionMember.objects.filter(
                opportunity__programme=programme, organisation_id__in=ids
            ).values_list("organisation__name", flat=True)
        )
    )


def user_may_review(*, user: Viewer, programme: Programme, year: int) -> bool:
    """The programme team (the kenniskring: every member, viewers included) always; members of
    the coalition partners' organisations while the report is in review."""
    if user_is_team(user=user, programme=programme):
        return True
    state = AnnualReport.objects.filter(programme=programme, year=year).first()
    if state is None or state.status != "review":
        return False
    return bool(partner_organisations(user=user, programme=programme))


def review_comments(*, programme: Programme, year: int) -> list[ReviewComment]:
    return list(
        ReviewComment.objects.filter(report__programme=programme, report__year=year).select_related(
            "by"
        )
    )
