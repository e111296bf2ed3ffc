"""Enqueue and run jobs: retries with exponential backoff, schedules, recovery after a crash.

`job_enqueue` writes the `Job` row and its queue entry (django-tasks, database backend) on the
caller's database connection, so inside the caller's transaction: a rollback removes both, a
commit keeps both. A job that raises is tried again after 30 s, 60 s, 120 s, ... (setting
`JOBS_RETRY_BASE_SECONDS`) and after its last try (`max_attempts`) ends as failed with its
error. A job must be idempotent: a worker killed in the middle of it leaves its queue entry
"running"; `jobs_requeue_stale` puts it back and it runs again.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from wijkaanpak.jobs.models import Job, JobStatus, Schedule, ScheduleOutcome
from wijkaanpak.jobs.schedule import SCHEDULES, schedule_label

logger = logging.getLogger(__name__)

JobFunction = Callable[..., object]
# Merges the keyword arguments of several queued jobs of one name into one call's.
JobMerge = Callable[[list[dict[str, Any]]], dict[str, Any]]
JOBS: dict[str, JobFunction] = {}
JOB_LABELS: dict[str, str | Promise] = {}
JOB_MERGES: dict[str, JobMerge] = {}

SCHEDULE_JOB = "jobs.schedule"
OPEN_STATUSES = (JobStatus.PENDING, JobStatus.RUNNING)


def job(
    *, name: str, label: str | Promise = "", merge: JobMerge | None = None
) -> Callable[[JobFunction], JobFunction]:
    """Register a function (keyword arguments that JSON can hold) as a job named `name`;
    `label` is what people read on /jobs/ and in the API (through gettext).

    With `merge`, the worker may run several queued jobs of this name as one call, with the
    arguments `merge` makes of theirs (e.g. the e-mail job: the lists of notification ids
    joined). The function must then be idempotent per item: when the merged call fails, each
    job runs again on its own, with its own retries.
    """

    def register(function: JobFunction) -> JobFunction:
        JOBS[name] = function
        JOB_LABELS[name] = label or name
        if merge is not None:
            JOB_MERGES[name] = merge
        return function

    return register


def job_label(name: str, kwargs: dict[str, Any] | None = None) -> str:
    """A job's label in the active language: "Ingepland werk: Bewaartermijnen toepassen" for a
    schedule's run, the registered label otherwise, the raw name for an unknown job."""
    if name == SCHEDULE_JOB and kwargs and isinstance(kwargs.get("name"), str):
        return gettext("Scheduled work: %(schedule)s") % {
            "schedule": schedule_label(kwargs["name"])
        }
    return str(JOB_LABELS.get(name, name))


def retry_delay(attempts: int) -> dt.timedelta:
    """How long to wait before the next try after `attempts` failed tries."""
    base = float(getattr(settings, "JOBS_RETRY_BASE_SECONDS", 30))
    return dt.timedelta(seconds=base * 2 ** max(attempts - 1, 0))


def job_enqueue(
    *,
    name: str,
    kwargs: dict[str, Any] | None = None,
    programme_id: int | None = None,
    max_attempts: int = 5,
) -> Job:
    """Queue the job `name`; in the caller's transaction (the queue is in the same database)."""
    if name not in JOBS:
        raise ValueError(f"unknown job {name!r}")
    with transaction.atomic(savepoint=False):
        new = Job.objects.create(
            name=name,
            kwargs=kwargs or {},
            programme_id=programme_id,
            max_attempts=max_attempts,
        )
        run_job.enqueue(new.pk)
    return new


@task()
def run_job(job_id: int) -> str:
    """One try of a job (the django-tasks entry point). Never raises: the Job row keeps the outcome."""
    current = Job.objects.filter(pk=job_id).first()
    if current is None or current.status in (JobStatus.SUCCEEDED, JobStatus.FAILED):
        return "skipped"
    current.attempts += 1
    current.status = JobStatus.RUNNING
    current.save(update_fields=["attempts", "status", "updated_at"])
    function = JOBS.get(current.name)
    try:
        if function is None:
            raise LookupError(f"unknown job {current.name!r}")
        function(**current.kwargs)
    except Exception as exc:
        error = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        logger.warning(
            "job %s #%s try %s failed: %s", current.name, job_id, current.attempts, error
        )
        current.last_error = error[:4000]
        if current.attempts >= current.max_attempts:
            current.status = JobStatus.FAILED
            current.run_after = None
            current.save(update_fields=["status", "last_error", "run_after", "updated_at"])
            return "failed"
        current.status = JobStatus.PENDING
        current.run_after = timezone.now() + retry_delay(current.attempts)
        with transaction.atomic():
            current.save(update_fields=["status", "last_error", "run_after", "updated_at"])
            run_job.using(run_after=current.run_after).enqueue(job_id)
        return "retry"
    current.status = JobStatus.SUCCEEDED
    current.run_after = None
    current.save(update_fields=["status", "run_after", "updated_at"])
    return "succeeded"


@job(name=SCHEDULE_JOB, label=gettext_lazy("Scheduled work"))
def schedule_run(*, name: str) -> None:
    """Run the registered schedule `name` and record its outcome (a failure is retried)."""
    spec = SCHEDULES.get(name)
    if spec is None:
        raise LookupError(f"unknown schedule {name!r}")
    Schedule.objects.filter(name=name).update(
        last_started_at=timezone.now(), last_outcome=ScheduleOutcome.RUNNING
    )
    try:
        spec.function()
    except Exception as exc:
        Schedule.objects.filter(name=name).update(
            last_finished_at=timezone.now(),
            last_outcome=ScheduleOutcome.FAILED,
            last_error="".join(traceback.format_exception_only(type(exc), exc)).strip()[:4000],
        )
        raise
    Schedule.objects.filter(name=name).update(
        last_finished_at=timezone.now(), last_outcome=ScheduleOutcome.OK, last_error=""
    )


def schedules_enqueue_due(*, now: dt.datetime | None = None) -> list[str]:
    """Queue every registered schedule that is due (once each, also with several workers)."""
    now = now or timezone.now()
    queued: list[str] = []
    for spec in SCHEDULES.values():
        every = int(spec.every.total_seconds())
        with transaction.atomic():
            row, _ = Schedule.objects.select_for_update().get_or_create(
                name=spec.name, defaults={"every_seconds": every}
            )
            if row.next_due_at is not None and row.next_due_at > now:
                continue
            row.every_seconds = every
            row.next_due_at = now + spec.every
            row.save(update_fields=["every_seconds", "next_due_at"])
            job_enqueue(name=SCHEDULE_JOB, kwargs={"name": spec.name}, max_attempts=3)
            queued.append(spec.name)
    return queued


def jobs_requeue_stale(*, older_than: dt.timedelta | None = None) -> int:
    """Put back tries left "running" by a worker that died (killed, power loss)."""
    if older_than is None:
        older_than = dt.timedelta(seconds=float(getattr(settings, "JOBS_STALE_AFTER_SECONDS", 600)))
    cutoff = timezone.now() - older_than
    return DBTaskResult.objects.filter(status="RUNNING", started_at__lte=cutoff).update(
        status="READY", started_at=None
    )


def jobs_run_merged(*, name: str, tasks: dict[str, int]) -> bool:
    """Run the jobs of `tasks` (queue entry id -> job id, all named `name`, claimed by this
    worker) as one merged call.

    True when the call succeeded and every job and queue entry is recorded as succeeded (two
    statements, one transaction); False when it raised: nothing is recorded and the caller runs
    each job on its own (that try counts, with the usual retries and backoff). A worker killed
    in between leaves the entries running: they run again later, and the function, idempotent
    per item, skips what was done.
    """
    merge = JOB_MERGES[name]
    jobs = list(
        Job.objects.filter(pk__in=tasks.values(), name=name, status__in=OPEN_STATUSES).only(
            "pk", "kwargs"
        )
    )
    if jobs:
        try:
            JOBS[name](**merge([j.kwargs for j in jobs]))
        except Exception as exc:
            logger.info("merged run of %s %s jobs failed (%s); one by one", len(jobs), name, exc)
            return False
    now = timezone.now()
    with transaction.atomic():
        Job.objects.filter(pk__in=[j.pk for j in jobs]).update(
            status=JobStatus.SUCCEEDED, attempts=F("attempts") + 1, run_after=None, updated_at=now
        )
        DBTaskResult.objects.filter(pk__in=list(tasks)).update(
            status="SUCCESSFUL",
            finished_at=now,
            return_value="succeeded",
            exception_class_path="",
            traceback="",
        )
    return True
