"""API: your notifications (list, mark read), your e-mail preference, and the background jobs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.accounts.models import User
from wijkaanpak.core.api_utils import Id, Limit, Offset, Problem, paginate
from wijkaanpak.jobs.models import Job, Schedule
from wijkaanpak.jobs.schedule import schedule_label
from wijkaanpak.jobs.services import job_label
from wijkaanpak.notifications import selectors, services
from wijkaanpak.notifications.models import Notification

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    event: str
    subject: str
    url: str
    urgent: bool
    created_at: dt.datetime
    read_at: dt.datetime | None


class NotificationList(Schema):
    count: int
    unread: int
    items: list[NotificationOut]


class ReadAllOut(Schema):
    marked: int


class PreferenceIn(Schema):
    email: str


class PreferenceOut(Schema):
    email: str


class JobOut(Schema):
    id: int
    name: str
    label: str
    status: str
    programme_id: int | None
    attempts: int
    max_attempts: int
    last_error: str
    run_after: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime


class ScheduleOut(Schema):
    name: str
    label: str
    every_seconds: int
    next_due_at: dt.datetime | None
    last_started_at: dt.datetime | None
    last_finished_at: dt.datetime | None
    last_outcome: str
    last_error: str


class JobList(Schema):
    count: int
    items: list[JobOut]
    schedules: list[ScheduleOut]


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def notification_out(item: Notification) -> dict[str, Any]:
    return {
        "id": item.pk,
        "event": item.event,
        "subject": item.subject,
        "url": item.url,
        "urgent": item.urgent,
        "created_at": item.created_at,
        "read_at": item.read_at,
    }


@router.get(
    "/notifications/",
    response={200: NotificationList, 401: Problem, 422: Problem},
    auth=logged_in,
    summary="Your notifications, newest first",
)
def notification_list(
    request: HttpRequest, unread: bool = False, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    user = _user(request)
    page = paginate(
        selectors.inbox(user=user, unread_only=unread),
        limit=limit,
        offset=offset,
        serialize=notification_out,
    )
    return {**page, "unread": selectors.unread_count(user=user)}


@router.post(
    "/notifications/read-all/",
    response={200: ReadAllOut, 401: Problem},
    auth=logged_in,
    summary="Mark all your notifications as read",
)
def notification_read_all(request: HttpRequest) -> dict[str, Any]:
    return {"marked": services.notification_mark_all_read(by=request.user)}


@router.post(
    "/notifications/{notification_id}/read/",
    response={200: NotificationOut, 401: Problem, 404: Problem, 422: Problem},
    auth=logged_in,
    summary="Mark one of your notifications as read",
)
def notification_read(request: HttpRequest, notification_id: Id) -> dict[str, Any]:
    item = services.notification_mark_read(by=request.user, notification_id=notification_id)
    return notification_out(item)


@router.get(
    "/notifications/preferences/",
    response={200: PreferenceOut, 401: Problem},
    auth=logged_in,
    summary="How you receive e-mail for what is not urgent",
)
def preference_get(request: HttpRequest) -> dict[str, Any]:
    return {"email": selectors.preference_of(user=_user(request))}


@router.put(
    "/notifications/preferences/",
    response={200: PreferenceOut, 400: Problem, 401: Problem, 422: Problem},
    auth=logged_in,
    summary="Set how you receive e-mail: immediately, digest (daily) or off",
    description="Urgent notifications are always mailed at once.",
)
def preference_set(request: HttpRequest, payload: PreferenceIn) -> dict[str, Any]:
    preference = services.notification_preference_set(by=request.user, email=payload.email)
    return {"email": preference.email}


def job_out(item: Job) -> dict[str, Any]:
    return {
        "id": item.pk,
        "name": item.name,
        "label": job_label(item.name, item.kwargs),
        "status": item.status,
        "programme_id": item.programme_id,
        "attempts": item.attempts,
        "max_attempts": item.max_attempts,
        "last_error": item.last_error,
        "run_after": item.run_after,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
    }


def schedule_out(item: Schedule) -> dict[str, Any]:
    return {
        "name": item.name,
        "label": schedule_label(item.name),
        "every_seconds": item.every_seconds,
        "next_due_at": item.next_due_at,
        "last_started_at": item.last_started_at,
        "last_finished_at": item.last_finished_at,
        "last_outcome": item.last_outcome,
        "last_error": item.last_error,
    }


@router.get(
    "/jobs/",
    response={200: JobList, 401: Problem, 403: Problem, 422: Problem},
    auth=logged_in,
    tags=["jobs"],
    summary="Pending and failed background jobs, and the schedules with their last run",
    description=(
        "Administrators see every job; coordinators the jobs of their programmes. "
        "Others are refused (403)."
    ),
)
def job_list(request: HttpRequest, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    page = paginate(
        selectors.jobs_visible(user=_user(request)), limit=limit, offset=offset, serialize=job_out
    )
    return {**page, "schedules": [schedule_out(s) for s in selectors.schedules()]}
