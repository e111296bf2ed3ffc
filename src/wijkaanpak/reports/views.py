"""The report pages under the programme's pages: the draft for the programme team, the texts,
the sign-off and the published versions (public)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.accounts.selectors import user_has_programme_role
from wijkaanpak.core.exceptions import Conflict, InvalidInput, NotFound
from wijkaanpak.core.forms import form_add_domain_errors
from wijkaanpak.core.views import page_errors
from wijkaanpak.programmes.models import Programme
from wijkaanpak.programmes.selectors import programme_get
from wijkaanpak.reports import selectors, services
from wijkaanpak.reports.builder import report_build, report_years
from wijkaanpak.reports.forms import NarrativeForm, TransitionForm
from wijkaanpak.reports.models import (
    COORDINATOR_ONLY,
    SECTIONS,
    TRANSITIONS,
    ReportStatus,
    is_section,
)
from wijkaanpak.reports.rendering import CONTENT_TYPES, report_context


def _team(request: HttpRequest, programme: Programme, role: ProgrammeRole) -> None:
    if not user_has_programme_role(user=request.user, programme=programme, role=role):
        if role == ProgrammeRole.VIEWER:
            raise PermissionDenied(_("The draft report is for the programme team."))
        raise PermissionDenied(_("You need the editor role in this programme."))


def _labelled(comments: list[Any], report: Any) -> list[Any]:
    """Each comment with the name of its section (not its key)."""
    labels: dict[str, str] = {k: str(v) for k, v in SECTIONS.items()}
    labels.update({k.key: f"{_('Kans')}: {k.title}" for k in report.kansen})
    for c in comments:
        c.label = labels.get(c.section, c.section)
    return comments


@login_required
@page_errors
def report_year(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    programme = programme_get(slug=slug)
    # The team always; coalition partners while the report is in review (to comment).
    if not selectors.user_may_review(user=request.user, programme=programme, year=year):
        _team(request, programme, ProgrammeRole.VIEWER)
    as_of = None
    if request.GET.get("as_of"):
        try:
            as_of = dt.date.fromisoformat(request.GET["as_of"])
        except ValueError as exc:
            raise Http404(_("Not a date.")) from exc
    report = report_build(programme=programme, year=year, as_of=as_of)
    state = selectors.report_state(programme=programme, year=year)
    is_editor = user_has_programme_role(
        user=request.user, programme=programme, role=ProgrammeRole.EDITOR
    )
    is_coordinator = user_has_programme_role(
        user=request.user, programme=programme, role=ProgrammeRole.COORDINATOR
    )
    steps = [
        (s.value, s.label)
        for s in ReportStatus
        if s in TRANSITIONS[state.status] and (is_coordinator or s not in COORDINATOR_ONLY)
    ]
    context = report_context(report)
    versions = selectors.published_list(programme=programme, year=year)
    changes = None
    if state.status != ReportStatus.PUBLISHED and versions:
        from wijkaanpak.reports.snapshot import changes as changes_since

        latest = selectors.published_get(programme=programme, year=year)
        changes = {"number": latest.number, "items": changes_since(bytes(latest.json), report)}
    context.update(
        {
            "changes": changes,
            "comments": _labelled(
                selectors.review_comments(programme=programme, year=year), report
            ),
            "may_comment": state.status == ReportStatus.REVIEW,
            "comment_sections": [(k, v) for k, v in SECTIONS.items() if k != "checks"],
            "can_edit": is_editor and state.status in ("draft", "review"),
            "state": state,
            "steps": steps if is_editor else [],
            "versions": versions,
        }
    )
    return render(request, "reports/page.html", context)


@login_required
@page_errors
def narrative_edit(request: HttpRequest, slug: str, year: int, section: str) -> HttpResponse:
    programme = programme_get(slug=slug)
    _team(request, programme, ProgrammeRole.EDITOR)
    if year not in report_years(programme=programme):
        raise NotFound(_("No report for this year."))
    if not is_section(section):
        raise NotFound(_("This report has no such section."))
    narrative, revisions = selectors.narrative_get(programme=programme, year=year, section=section)
    initial = {
        "text": narrative.text if narrative else "",
        "version": narrative.version if narrative else 0,
    }
    form = NarrativeForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.narrative_save(
                    programme=programme,
                    year=year,
                    section=section,
                    text=form.cleaned_data["text"],
                    version=form.cleaned_data["version"],
                    by=request.user,
                )
            except (InvalidInput, Conflict) as exc:
                form_add_domain_errors(form, exc)
                status = exc.status
            else:
                messages.success(request, _("The text has been saved."))
                url = reverse("reports:year", args=[slug, year])
                return redirect(f"{url}#n-{section}")
        else:
            status = 400
    label = SECTIONS.get(
        section, _("Explanation of a check") if section.startswith("check-") else _("Kans")
    )
    return render(
        request,
        "reports/narrative_form.html",
        {
            "programme": programme,
            "year": year,
            "section": section,
            "label": label,
            "form": form,
            "revisions": revisions,
        },
        status=status,
    )


@require_POST
@login_required
@page_errors
def report_transition(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    programme = programme_get(slug=slug)
    _team(request, programme, ProgrammeRole.EDITOR)
    form = TransitionForm(request.POST)
    url = reverse("reports:year", args=[slug, year])
    if not form.is_valid():
        messages.error(request, _("The status change is not valid."))
        return redirect(f"{url}#r-signoff")
    try:
        services.report_transition(
            programme=programme,
            year=year,
            to=form.cleaned_data["to"],
            version=form.cleaned_data["version"],
            comment=form.cleaned_data["comment"],
            by=request.user,
        )
    except (InvalidInput, Conflict) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The status of the report has been changed."))
    return redirect(f"{url}#r-signoff")


@page_errors
def published_download(
    request: HttpRequest, slug: str, year: int, number: int, fmt: str
) -> HttpResponse:
    """A frozen published version, byte for byte as published, to anyone."""
    if fmt not in CONTENT_TYPES:
        raise NotFound(_("Unknown format."))
    programme = programme_get(slug=slug)
    version = selectors.published_get(programme=programme, year=year, number=number)
    data = bytes(getattr(version, fmt))
    if not data:
        raise NotFound(_("This version has no such format."))
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["X-Content-SHA256"] = getattr(version, f"{fmt}_sha256")
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    )
    response["ETag"] = f'"{getattr(version, f"{fmt}_sha256")}"'
    if fmt != "html":
        name = f"{slug}-{year}-v{number}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@page_errors
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """The public dashboard (no login): its content comes from the cache (reports/dashboard.py)."""
    from wijkaanpak.reports.dashboard import dashboard_fragment

    programme = programme_get(slug=slug)
    fragment = dashboard_fragment(programme=programme)
    return render(request, "reports/dashboard.html", {"programme": programme, "fragment": fragment})


@require_POST
@login_required
@page_errors
def review_comment(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """A reviewer's comment on one section (team, or coalition partners during review)."""
    programme = programme_get(slug=slug)
    url = reverse("reports:year", args=[slug, year])
    try:
        services.review_comment_add(
            programme=programme,
            year=year,
            section=request.POST.get("section", ""),
            text=request.POST.get("text", "")[: services.MAX_COMMENT + 1],
            by=request.user,
        )
    except (InvalidInput, Conflict) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your comment has been saved."))
    return redirect(f"{url}#r-comments")
