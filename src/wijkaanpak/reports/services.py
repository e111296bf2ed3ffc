"""Writes of the annual report: the team's texts, the sign-off and freezing a published version."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user, is_system
from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.accounts.selectors import user_has_programme_role
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput, NotFound
from wijkaanpak.opportunities.models import Opportunity
from wijkaanpak.programmes.models import Programme
from wijkaanpak.reports.models import (
    COORDINATOR_ONLY,
    EDITABLE,
    SECTIONS,
    TRANSITIONS,
    AnnualReport,
    Narrative,
    NarrativeRevision,
    PublishedVersion,
    ReportStatus,
    ReportStatusChange,
    ReviewComment,
    is_section,
)

MAX_NARRATIVE = 20_000


def _require(by: Actor, programme: Programme, role: ProgrammeRole) -> None:
    if is_system(by):
        return
    if not user_has_programme_role(user=by, programme=programme, role=role):
        if role == ProgrammeRole.COORDINATOR:
            raise Forbidden(_("Only a coordinator of the programme may do this."))
        raise Forbidden(_("You need the editor role in this programme."))


def _report_locked(programme: Programme, year: int) -> AnnualReport:
    from wijkaanpak.reports.builder import report_years

    if year not in report_years(programme=programme):
        raise NotFound(f"No report for {year}")
    report, _created = AnnualReport.objects.get_or_create(programme=programme, year=year)
    return AnnualReport.objects.select_for_update().get(pk=report.pk)


def _valid_section(programme: Programme, section: str) -> bool:
    if section in SECTIONS or (section.startswith("check-") and is_section(section)):
        return True
    if section.startswith("kans-") and section[5:].isdigit():
        return Opportunity.objects.filter(programme=programme, pk=int(section[5:])).exists()
    return False


@transaction.atomic
def narrative_save(
    *,
    programme: Programme,
    year: int,
    section: str,
    text: str,
    version: int,
    by: Actor,
) -> Narrative:
    """Save the team's text of a section; `version` is the one the editor started from (0 for a
    new text). A stale version is a Conflict, and so is any edit once the report is approved."""
    _require(by, programme, ProgrammeRole.EDITOR)
    if not _valid_section(programme, section):
        raise NotFound(_("This report has no such section."))
    text = text.replace("\r\n", "\n").strip()
    if len(text) > MAX_NARRATIVE:
        raise InvalidInput(
            _("The text is too long."),
            errors=[
                {"field": "text", "message": _("At most %(n)s characters.") % {"n": MAX_NARRATIVE}}
            ],
        )
    report = _report_locked(programme, year)
    if report.status not in EDITABLE:
        raise Conflict(
            _("The report is %(status)s; start a new draft to change its texts.")
            % {"status": ReportStatus(report.status).label}
        )
    now = timezone.now()
    narrative = Narrative.objects.select_for_update().filter(report=report, section=section).first()
    current = narrative.version if narrative else 0
    if version != current:
        raise Conflict(
            _("Someone else saved this text in the meantime; reload and try again."),
            errors=[{"field": "version", "message": _("stale version")}],
        )
    if narrative is None:
        narrative = Narrative.objects.create(
            report=report,
            section=section,
            text=text,
            version=1,
            updated_at=now,
            updated_by=acting_user(by),
        )
    else:
        narrative.text, narrative.version = text, narrative.version + 1
        narrative.updated_at, narrative.updated_by = now, acting_user(by)
        narrative.save(update_fields=["text", "version", "updated_at", "updated_by"])
    NarrativeRevision.objects.create(
        narrative=narrative, version=narrative.version, text=text, at=now, by=acting_user(by)
    )
    AnnualReport.objects.filter(pk=report.pk).update(version=report.version + 1)
    return narrative


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _freeze(report: AnnualReport, by: Actor) -> PublishedVersion:
    """Render every format now and store the bytes with their hashes."""
    from wijkaanpak.reports.rendering import FORMATS

    number = report.published.count() + 1
    from wijkaanpak.reports.builder import report_build
    from wijkaanpak.reports.snapshot import snapshot_json

    files: dict[str, bytes] = {}
    for name, render in FORMATS.items():
        files[name] = render(report.programme, report.year, published=number)
    built = report_build(programme=report.programme, year=report.year)
    built.published_number = number
    files["json"] = snapshot_json(built)
    # The data it was made from (a dict: mypy's Django plugin may know an older model).
    data: dict[str, Any] = {"json": files["json"], "json_sha256": _sha(files["json"])}
    return PublishedVersion.objects.create(
        report=report,
        number=number,
        published_at=timezone.now(),
        published_by=acting_user(by),
        html=files["html"],
        html_sha256=_sha(files["html"]),
        pdf=files.get("pdf", b""),
        pdf_sha256=_sha(files["pdf"]) if "pdf" in files else "",
        docx=files.get("docx", b""),
        docx_sha256=_sha(files["docx"]) if "docx" in files else "",
        **data,
    )


def _notify(report: AnnualReport, status: str, by: Actor) -> None:
    """The one call site of the notifications for report events (notifications.events)."""
    from wijkaanpak.notifications.events import ReportEvent, report_event

    kind = {
        ReportStatus.REVIEW: ReportEvent.DRAFT_READY,
        ReportStatus.APPROVED: ReportEvent.APPROVED,
        ReportStatus.PUBLISHED: ReportEvent.PUBLISHED,
    }[ReportStatus(status)]
    report_event(
        programme_id=report.programme_id,
        year=report.year,
        kind=kind,
        by=by,
        revision=report.version,
    )


@transaction.atomic
def report_transition(
    *,
    programme: Programme,
    year: int,
    to: str,
    by: Actor,
    version: int | None = None,
    comment: str = "",
) -> ReportStatusChange:
    """Move the report through draft -> review -> approved -> published (TRANSITIONS).
    Approving and publishing is for coordinators; publishing freezes a version."""
    _require(by, programme, ProgrammeRole.EDITOR)
    if to not in ReportStatus.values:
        raise InvalidInput(
            _("Unknown status."), errors=[{"field": "to", "message": _("unknown status")}]
        )
    if to in COORDINATOR_ONLY:
        _require(by, programme, ProgrammeRole.COORDINATOR)
    report = _report_locked(programme, year)
    if version is not None and version != report.version:
        raise Conflict(_("The report was changed by someone else; reload and try again."))
    if to not in TRANSITIONS[report.status]:
        raise Conflict(
            _("A report cannot go from %(from)s to %(to)s.")
            % {"from": ReportStatus(report.status).label, "to": ReportStatus(to).label}
        )
    change = ReportStatusChange.objects.create(
        report=report,
        from_status=report.status,
        status=to,
        at=timezone.now(),
        by=acting_user(by),
        comment=comment.strip()[:2000],
    )
    report.status, report.version = to, report.version + 1
    AnnualReport.objects.filter(pk=report.pk).update(status=to, version=report.version)
    if to == ReportStatus.PUBLISHED:
        _freeze(report, by)
    if to != ReportStatus.DRAFT:
        _notify(report, to, by)
    return change


MAX_COMMENT = 5_000


@transaction.atomic
def review_comment_add(
    *, programme: Programme, year: int, section: str, text: str, by: Actor
) -> ReviewComment:
    """A comment on one section while the report is in review: by the programme team (the
    kenniskring) or a member of a coalition partner's organisation (403 otherwise; 409 when
    the report is not in review)."""
    from wijkaanpak.reports.selectors import partner_organisations, user_is_team

    report = _report_locked(programme, year)
    team = is_system(by) or user_is_team(user=by, programme=programme)
    partners = [] if team else partner_organisations(user=by, programme=programme)
    if not team and not (partners and report.status == ReportStatus.REVIEW):
        raise Forbidden(_("Only the programme team and the coalition partners review a report."))
    if report.status != ReportStatus.REVIEW:
        raise Conflict(_("Comments can only be left while the report is in review."))
    text = text.strip()
    if not text:
        raise InvalidInput(
            _("Write a comment."), errors=[{"field": "text", "message": _("Write a comment.")}]
        )
    if len(text) > MAX_COMMENT:
        raise InvalidInput(
            _("At most 5,000 characters."),
            errors=[{"field": "text", "message": _("At most 5,000 characters.")}],
        )
    if not _valid_section(programme, section):
        raise InvalidInput(
            _("This report has no such section."),
            errors=[{"field": "section", "message": _("This report has no such section.")}],
        )
    return ReviewComment.objects.create(
        report=report,
        section=section,
        text=text,
        at=timezone.now(),
        by=acting_user(by),
        organisation=", ".join(partners),
    )
