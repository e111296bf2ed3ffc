"""The report page under the programme's pages, for the programme team (a draft is not public)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.accounts.selectors import user_has_programme_role
from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.programmes.selectors import programme_get
from wijkaanpak.reports.builder import report_build
from wijkaanpak.reports.rendering import report_context


@login_required
def report_year(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    try:
        programme = programme_get(slug=slug)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if not user_has_programme_role(
        user=request.user, programme=programme, role=ProgrammeRole.VIEWER
    ):
        raise PermissionDenied(_("The draft report is for the programme team."))
    as_of = None
    if request.GET.get("as_of"):
        try:
            as_of = dt.date.fromisoformat(request.GET["as_of"])
        except ValueError as exc:
            raise Http404(_("Not a date.")) from exc
    try:
        report = report_build(programme=programme, year=year, as_of=as_of)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "reports/page.html", report_context(report))
