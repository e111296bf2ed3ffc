"""Reads: a user's inbox and unread count; the jobs and schedules a user may see."""

from __future__ import annotations

from django.db.models import QuerySet

from wijkaanpak.accounts.models import ProgrammeMembership, ProgrammeRole, User
from wijkaanpak.core.exceptions import Forbidden
from wijkaanpak.jobs.models import Job, JobStatus, Schedule
from wijkaanpak.notifications.models import Delivery, Notification, NotificationPreference


def inbox(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    items = Notification.objects.filter(recipient=user)
    if unread_only:
        items = items.filter(read_at__isnull=True)
    return items.order_by("-created_at", "-id")


def unread_count(*, user: User) -> int:
    """One query on the (recipient, read_at) index: the count in the header of every page."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def preference_of(*, user: User) -> str:
    value = NotificationPreference.objects.filter(user=user).values_list("email", flat=True).first()
    return value or Delivery.IMMEDIATELY


def jobs_visible(*, user: User) -> QuerySet[Job]:
    """Pending, running and failed jobs: all for installation admins (superusers), those of
    their programmes for coordinators; anyone else is refused."""
    open_jobs = Job.objects.filter(
        status__in=[JobStatus.PENDING, JobStatus.RUNNING, JobStatus.FAILED]
    ).order_by("-updated_at", "-id")
    if user.is_superuser:  # staff alone is no tenant-wide role (docs/roles.md)
        return open_jobs
    programme_ids = list(
        ProgrammeMembership.objects.filter(user=user, role=ProgrammeRole.COORDINATOR).values_list(
            "programme_id", flat=True
        )
    )
    if not programme_ids:
        raise Forbidden("Only coordinators and administrators see the background jobs.")
    return open_jobs.filter(programme_id__in=programme_ids)


def user_sees_jobs(*, user: User) -> bool:
    return (
        user.is_superuser
        or ProgrammeMembership.objects.filter(user=user, role=ProgrammeRole.COORDINATOR).exists()
    )


def schedules() -> QuerySet[Schedule]:
    return Schedule.objects.order_by("name")
