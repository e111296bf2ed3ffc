"""Pages: the shared calendar and its feeds, activities with their follow-up, communication
and stories. Thin: selectors read and authorise, services write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkaanpak.accounts.models import User
from wijkaanpak.core.api_utils import bounded_int
from wijkaanpak.core.exceptions import DomainError, NotFound
from wijkaanpak.core.forms import form_add_domain_errors
from wijkaanpak.core.views import page_errors
from wijkaanpak.participation import ical, selectors, services
from wijkaanpak.participation.forms import ActivityForm, FollowUpForm
from wijkaanpak.participation.models import Activity
from wijkaanpak.programmes.models import Programme
from wijkaanpak.programmes.selectors import programme_get, programme_list


def _programme(slug: str) -> Programme:
    try:
        return programme_get(slug=slug)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def with_version(form: Any, request: HttpRequest, version: int) -> None:
    """After a refused save the form carries the current version: saving again overwrites the
    changes named at the fields knowingly."""
    data = request.POST.copy()
    data["version"] = str(version)
    form.data = data


def participation_index(request: HttpRequest) -> HttpResponse:
    programmes = list(programme_list())
    if len(programmes) == 1:
        return redirect("participation:calendar", slug=programmes[0].slug)
    return render(request, "participation/index.html", {"programmes": programmes})


def _month(request: HttpRequest) -> dt.date:
    raw = request.GET.get("maand", "")
    year = bounded_int(raw[:4], low=1900, high=2200) if len(raw) == 7 else None
    month = bounded_int(raw[5:], low=1, high=12) if len(raw) == 7 else None
    if year is None or month is None:
        return timezone.localdate().replace(day=1)
    return dt.date(year, month, 1)


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def calendar_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The month (default) or the coming two months as a list, grouped by day."""
    programme = _programme(slug)
    view = "lijst" if request.GET.get("weergave") == "lijst" else "maand"
    if view == "lijst":
        start = timezone.localdate()
        end = start + dt.timedelta(days=61)
    else:
        start = _month(request)
        end = _next_month(start)
    items = selectors.calendar_items(user=request.user, programme=programme, start=start, end=end)
    days: dict[dt.date, list[dict[str, Any]]] = {}
    for item in items:
        days.setdefault(item["date"], []).append(item)
    previous = (start - dt.timedelta(days=1)).replace(day=1)
    return render(
        request,
        "participation/calendar.html",
        {
            "programme": programme,
            "view": view,
            "month": start,
            "previous": previous,
            "next": _next_month(start),
            "days": sorted(days.items()),
            "internal": selectors.user_may_see_internal(user=request.user, programme=programme),
            "may_add": selectors.user_may_add_activity(user=request.user, programme=programme),
            "is_editor": selectors.user_is_editor(user=request.user, programme=programme),
        },
    )


def _base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _ics(request: HttpRequest, feed: ical.Feed, name: str) -> HttpResponse:
    """The feed (gzip-compressed once, when the client accepts it), or 304 when the calendar
    program already has this version (ETag)."""
    if feed.etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    elif "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(feed.gzipped, content_type="text/calendar; charset=utf-8")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(feed.body, content_type="text/calendar; charset=utf-8")
    if response.status_code == 200:
        response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    response["ETag"] = feed.etag
    response["Vary"] = "Accept-Encoding"
    return response


def calendar_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """The public feed: public activities and communication items, for anyone."""
    programme = _programme(slug)
    feed = ical.feed_bytes(programme=programme, internal=False, base_url=_base_url(request))
    response = _ics(request, feed, programme.slug)
    response["Cache-Control"] = "public, max-age=300"
    return response


def calendar_feed_private(request: HttpRequest, token: str) -> HttpResponse:
    """A user's secret feed with the internal items too; a revoked address is gone (404)."""
    feed = selectors.feed_token_user(raw=token)
    if feed is None:
        raise Http404("Unknown calendar feed address")
    body = ical.feed_bytes(programme=feed.programme, internal=True, base_url=_base_url(request))
    response = _ics(request, body, f"{feed.programme.slug}-intern")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@page_errors
def feed_tokens(request: HttpRequest, slug: str) -> HttpResponse:
    """Create or revoke the user's secret feed address (shown once, on creation)."""
    programme = _programme(slug)
    if not selectors.user_may_see_internal(user=request.user, programme=programme):
        raise PermissionDenied(_("Only the programme's team and partners have an internal feed."))
    new_url = None
    if request.method == "POST":
        revoke = bounded_int(request.POST.get("revoke"), low=1, high=2**63 - 1)
        if revoke is not None:
            token = (
                selectors.feed_token_list(user=request.user, programme=programme)
                .filter(pk=revoke)
                .first()
            )
            if token is None:
                raise Http404("Unknown calendar feed address")
            services.feed_token_revoke(token=token, by=request.user)
            messages.success(request, _("The calendar feed address no longer works."))
            return redirect("participation:feed_tokens", slug=slug)
        _token, raw = services.feed_token_create(programme=programme, by=request.user)
        from django.urls import reverse

        new_url = _base_url(request) + reverse("participation:feed_private", args=[raw])
    return render(
        request,
        "participation/feed_tokens.html",
        {
            "programme": programme,
            "tokens": selectors.feed_token_list(user=request.user, programme=programme),
            "new_url": new_url,
        },
    )


def activity_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    activities = selectors.activity_list(user=request.user, programme=programme).order_by(
        "-starts_at"
    )
    return render(
        request,
        "participation/activities.html",
        {
            "programme": programme,
            "activities": activities[:200],
            "may_add": selectors.user_may_add_activity(user=request.user, programme=programme),
        },
    )


def _activity_form(
    request: HttpRequest, programme: Programme, initial: dict[str, Any] | None = None
) -> ActivityForm:
    from wijkaanpak.organisations.models import Organisation

    user = request.user
    organisations = Organisation.objects.order_by("name")
    if not selectors.user_is_editor(user=user, programme=programme):
        organisations = organisations.filter(
            pk__in=selectors.partner_organisation_ids(user=user, programme=programme)
        )
    return ActivityForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        themes=list(programme.themes.values_list("pk", "name")),
        organisations=list(organisations.values_list("pk", "name")),
    )


def _activity_values(form: ActivityForm, programme: Programme) -> dict[str, Any]:
    from wijkaanpak.organisations.models import Organisation

    data = form.cleaned_data
    starts, ends = form.times()
    return {
        "kind": data["kind"],
        "title": data["title"],
        "theme": programme.themes.filter(pk=data["theme"]).first() if data["theme"] else None,
        "starts_at": starts,
        "ends_at": ends,
        "place": data["place"],
        "organisers": list(Organisation.objects.filter(pk__in=data["organisers"])),
        "expected_attendance": data["expected_attendance"],
        "actual_attendance": data["actual_attendance"],
        "public": data["public"],
        "description": data["description"],
        "outcomes": data["outcomes"],
    }


@login_required
@page_errors
def activity_create(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    if not selectors.user_may_add_activity(user=request.user, programme=programme):
        raise PermissionDenied(
            _("You need the editor role, or to work for a partner in one of its coalitions.")
        )
    form = _activity_form(request, programme, initial={"public": True})
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(
                programme=programme, by=request.user, **_activity_values(form, programme)
            )
        except DomainError as exc:
            form_add_domain_errors(form, exc)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect("participation:activity", pk=activity.pk)
    return render(
        request,
        "participation/activity_form.html",
        {"programme": programme, "form": form, "activity": None},
        status=400 if form.errors else 200,
    )


@login_required
@page_errors
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=pk)
    programme = activity.programme
    if not selectors.user_may_edit_activity(user=request.user, activity=activity):
        raise PermissionDenied(_("Only editors and the organising partners may change this."))
    local = timezone.localtime(activity.starts_at)
    initial = {
        "version": activity.version,
        "kind": activity.kind,
        "title": activity.title,
        "theme": activity.theme_id,
        "date": local.date(),
        "start": local.time(),
        "end": timezone.localtime(activity.ends_at).time() if activity.ends_at else None,
        "place": activity.place,
        "organisers": [o.pk for o in activity.organisers.all()],
        "expected_attendance": activity.expected_attendance,
        "actual_attendance": activity.actual_attendance,
        "public": activity.public,
        "description": activity.description,
        "outcomes": activity.outcomes,
    }
    form = _activity_form(request, programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(
                activity=activity,
                version=form.cleaned_data["version"],
                by=request.user,
                **_activity_values(form, programme),
            )
        except DomainError as exc:
            form_add_domain_errors(form, exc)
            with_version(form, request, Activity.objects.get(pk=activity.pk).version)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect("participation:activity", pk=activity.pk)
    return render(
        request,
        "participation/activity_form.html",
        {"programme": programme, "form": form, "activity": activity},
        status=(409 if form.non_field_errors() and "version" in form.data else 400)
        if form.errors
        else 200,
    )


def _follow_up_form(request: HttpRequest, activity: Activity, data: Any = None) -> FollowUpForm:
    from wijkaanpak.opportunities.models import Opportunity

    programme = activity.programme
    people = User.objects.filter(is_active=True, programme_memberships__programme=programme)
    return FollowUpForm(
        data,
        people=[(u.pk, u.get_full_name() or u.username) for u in people.order_by("username")],
        opportunities=list(
            Opportunity.objects.filter(programme=programme)
            .order_by("title")
            .values_list("pk", "title")
        ),
    )


@page_errors
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=pk)
    may_edit = selectors.user_may_edit_activity(user=request.user, activity=activity)
    form = None
    status = 200
    if may_edit:
        data = request.POST if request.method == "POST" else None
        form = _follow_up_form(request, activity, data)
        if data is not None and form.is_valid():
            try:
                services.follow_up_create(
                    activity=activity,
                    text=form.cleaned_data["text"],
                    assignee=User.objects.filter(pk=form.cleaned_data["assignee"]).first(),
                    due_on=form.cleaned_data["due_on"],
                    opportunity=activity.programme.opportunities.filter(
                        pk=form.cleaned_data["opportunity"]
                    ).first(),
                    by=request.user,
                )
            except DomainError as exc:
                form_add_domain_errors(form, exc)
            else:
                messages.success(request, _("The follow-up action is added."))
                return redirect("participation:activity", pk=pk)
        status = 400 if form.errors else 200
    elif request.method == "POST":
        raise PermissionDenied(_("Only editors and the organising partners may change this."))
    return render(
        request,
        "participation/activity.html",
        {
            "programme": activity.programme,
            "activity": activity,
            "follow_ups": selectors.follow_up_list(activity=activity),
            "may_edit": may_edit,
            "is_editor": selectors.user_is_editor(user=request.user, programme=activity.programme),
            "form": form,
        },
        status=status,
    )


@login_required
@require_POST
@page_errors
def follow_up_act(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a follow-up done, or turn it into a kans progress update or an interpretation."""
    action = selectors.follow_up_get(user=request.user, pk=pk)
    what = request.POST.get("action", "")
    version = bounded_int(request.POST.get("version"), low=0, high=2**31 - 1)
    try:
        if what == "progress":
            services.follow_up_to_progress(action=action, version=version, by=request.user)
            messages.success(request, _("The follow-up is now a progress update of the kans."))
        elif what == "interpretation":
            services.follow_up_to_interpretation(action=action, version=version, by=request.user)
            messages.success(request, _("The follow-up is now a kenniskring interpretation."))
        else:
            services.follow_up_complete(action=action, version=version, by=request.user)
            messages.success(request, _("The follow-up action is done."))
    except DomainError as exc:
        if exc.status == 403:
            raise
        messages.error(request, exc.message)
    return redirect("participation:activity", pk=action.activity_id)
