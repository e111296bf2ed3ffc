"""Outreach pages: the referral and escalation actions, and the audit log."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkaanpak.core.exceptions import DomainError
from wijkaanpak.outreach import selectors, services
from wijkaanpak.outreach.models import (
    AuditAction,
    Commitment,
    Conversation,
    Escalation,
    Household,
    Referral,
    VisitAttempt,
)
from wijkaanpak.outreach.views.common import _or_404, _posted_id
from wijkaanpak.outreach.work_views import (
    safe_next,
)


@login_required
@require_POST
def referral_transition(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _or_404(
        selectors.referral_get, user=request.user, pk=pk, source=request.path, audit=False
    )
    raw_version = request.POST.get("version", "")
    try:
        if not (raw_version.isascii() and raw_version.isdigit()):  # the version it showed
            raise DomainError(_("This referral was changed in the meantime."))
        services.referral_transition(
            referral=referral,
            to=request.POST.get("to", ""),
            note=request.POST.get("note", ""),
            version=int(raw_version),
            by=request.user,
            source=request.path,
        )
        messages.success(request, _("Referral updated."))
    except DomainError as exc:
        messages.error(request, exc.message)
    # Back where the action was taken (the start page, the detail page, the filtered list).
    return redirect(safe_next(request, reverse("outreach:referrals")))


@login_required
@require_POST
def escalation_assign(request: HttpRequest, pk: int) -> HttpResponse:
    escalation = _or_404(selectors.escalation_get, user=request.user, pk=pk)
    raw = _posted_id(request.POST.get("assignee"))
    assignee = None
    if raw:
        assignee = next(
            (
                u
                for u in selectors.escalation_assignees(
                    programme_ids={escalation.campaign.programme_id}
                )[escalation.campaign.programme_id]
                if u.pk == raw
            ),
            None,
        )
        if assignee is None:
            messages.error(request, _("Assign the escalation to someone of the back office."))
            return redirect(safe_next(request, reverse("outreach:escalations")))
    try:
        services.escalation_assign(
            escalation=escalation, assignee=assignee, by=request.user, source=request.path
        )
        messages.success(request, _("Escalation assigned."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(safe_next(request, reverse("outreach:escalations")))


@login_required
@require_POST
def escalation_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    escalation = _or_404(selectors.escalation_get, user=request.user, pk=pk)
    try:
        services.escalation_resolve(
            escalation=escalation,
            resolution=request.POST.get("resolution", ""),
            by=request.user,
            source=request.path,
        )
        messages.success(request, _("Escalation resolved."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(safe_next(request, reverse("outreach:escalations")))


def _audit_filters(request: HttpRequest) -> dict[str, Any]:
    """The audit log's filters from the query string (a record id only as digits in range)."""

    def number(name: str) -> int | None:
        raw = request.GET.get(name, "").strip()
        return int(raw) if raw.isdigit() and len(raw) <= 18 else None

    return {
        "record_type": request.GET.get("record_type") or None,
        "username": request.GET.get("username") or None,
        "record_id": number("record_id"),
        "household": number("household"),
    }


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    qs = _or_404(selectors.audit_log_list, user=request.user, **_audit_filters(request))
    labels = {
        kind: model._meta.verbose_name
        for kind, model in (
            ("household", Household),
            ("visit", VisitAttempt),
            ("conversation", Conversation),
            ("commitment", Commitment),
            ("referral", Referral),
            ("escalation", Escalation),
        )
    }
    entries = list(qs.select_related("programme")[:200])
    for entry in entries:
        entry.record_label = labels.get(entry.record_type, entry.record_type)
    return render(
        request,
        "outreach/audit.html",
        {"entries": entries, "count": qs.count(), "actions": AuditAction.choices},
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def audit_log_csv(request: HttpRequest) -> StreamingHttpResponse:
    qs = _or_404(selectors.audit_log_list, user=request.user, **_audit_filters(request))
    writer = csv.writer(_Echo())
    columns = ("at", "username", "action", "record_type", "record_id", "source", "programme")
    rows = qs.values_list(*columns).iterator()
    header = [list(columns)]
    response = StreamingHttpResponse(
        (
            writer.writerow([r[0].isoformat() if hasattr(r[0], "isoformat") else r[0], *r[1:]])
            for r in [*header, *rows]
        ),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response
