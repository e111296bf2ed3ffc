"""Pages: the inbox, mark as read, preferences, the jobs page and (DEBUG only) the outbox."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkaanpak.accounts.models import User
from wijkaanpak.core.exceptions import Forbidden, InvalidInput, NotFound
from wijkaanpak.jobs.schedule import schedule_label
from wijkaanpak.jobs.services import job_label
from wijkaanpak.notifications import selectors, services
from wijkaanpak.notifications.models import Delivery


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(selectors.inbox(user=user, unread_only=unread_only), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": page,
            "unread_only": unread_only,
            "sees_jobs": selectors.user_sees_jobs(user=user),
        },
    )


@login_required
@require_POST
def mark_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    try:
        item = services.notification_mark_read(by=request.user, notification_id=notification_id)
    except NotFound as exc:
        raise Http404 from exc
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
        item.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(item.url)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.notification_mark_all_read(by=request.user)
    messages.success(request, _("%(count)d notifications marked as read.") % {"count": count})
    return redirect("notifications:inbox")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    error = ""
    status = 200
    if request.method == "POST":
        try:
            services.notification_preference_set(by=user, email=request.POST.get("email", ""))
        except InvalidInput:
            error = _("Choose how you want to receive e-mail.")
            status = 400
        else:
            messages.success(request, _("Your preference has been saved."))
            return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {
            "choices": Delivery.choices,
            "current_email": selectors.preference_of(user=user),
            "error": error,
        },
        status=status,
    )


@login_required
def jobs(request: HttpRequest) -> HttpResponse:
    try:
        visible = selectors.jobs_visible(user=_user(request))
    except Forbidden as exc:
        raise PermissionDenied(_("Only coordinators and administrators see the jobs.")) from exc
    return render(
        request,
        "notifications/jobs.html",
        {
            "jobs": [(job, job_label(job.name, job.kwargs)) for job in visible[:200]],
            "schedules": [(s, schedule_label(s.name)) for s in selectors.schedules()],
        },
    )


def _outbox_messages(limit: int = 20) -> list[dict[str, Any]]:
    folder = Path(settings.EMAIL_FILE_PATH)
    if not folder.is_dir():
        return []
    found: list[dict[str, Any]] = []
    files = sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in files[:limit]:
        for chunk in reversed(path.read_bytes().split(b"\n" + b"-" * 79 + b"\n")):
            if not chunk.strip():
                continue
            message = email.message_from_bytes(chunk, policy=email.policy.default)
            assert isinstance(message, EmailMessage)
            body = message.get_body(preferencelist=("plain",))
            if len(found) >= limit:
                return found
            found.append(
                {
                    "subject": message["subject"],
                    "to": message["to"],
                    "date": message["date"],
                    "text": body.get_content() if body is not None else "",
                }
            )
    return found[:limit]


@login_required
def outbox(request: HttpRequest) -> HttpResponse:
    """The mails the demo would have sent (DEBUG only: the file backend writes them to var/)."""
    if not settings.DEBUG:
        raise Http404
    return render(request, "notifications/outbox.html", {"mails": _outbox_messages()})
