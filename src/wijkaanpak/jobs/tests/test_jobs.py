"""Jobs: retries with backoff, visible failure, schedules with their last run, crash recovery."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from wijkaanpak.jobs.models import Job, JobStatus, Schedule, ScheduleOutcome
from wijkaanpak.jobs.schedule import SCHEDULES, scheduled
from wijkaanpak.jobs.services import job, job_enqueue, retry_delay
from wijkaanpak.jobs.worker import run_pending

pytestmark = pytest.mark.django_db

CALLS: list[str] = []


@job(name="tests.flaky")
def flaky(*, fail_times: int) -> None:
    CALLS.append("flaky")
    if CALLS.count("flaky") <= fail_times:
        raise RuntimeError(f"try {CALLS.count('flaky')} broke")


@pytest.fixture(autouse=True)
def _reset(settings: Any) -> None:
    CALLS.clear()
    settings.JOBS_RETRY_BASE_SECONDS = 0


def test_a_failing_job_is_retried_then_succeeds() -> None:
    queued = job_enqueue(name="tests.flaky", kwargs={"fail_times": 2}, programme_id=7)
    run_pending()
    queued.refresh_from_db()
    assert queued.status == JobStatus.SUCCEEDED
    assert queued.attempts == 3
    assert CALLS == ["flaky"] * 3
    assert queued.programme_id == 7


def test_after_the_last_try_the_job_ends_failed_with_its_error() -> None:
    queued = job_enqueue(name="tests.flaky", kwargs={"fail_times": 99}, max_attempts=5)
    run_pending()
    queued.refresh_from_db()
    assert queued.status == JobStatus.FAILED
    assert queued.attempts == 5
    assert "try 5 broke" in queued.last_error
    assert len(CALLS) == 5
    assert run_pending() == 0  # nothing left to do


def test_backoff_doubles(settings: Any) -> None:
    settings.JOBS_RETRY_BASE_SECONDS = 30
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    queued = job_enqueue(name="tests.flaky", kwargs={"fail_times": 1})
    assert run_pending() == 1
    queued.refresh_from_db()
    assert queued.status == JobStatus.PENDING
    assert queued.attempts == 1
    # The retry waits ~30 s: not ready now.
    assert run_pending() == 0
    DBTaskResult.objects.filter(status="READY").update(run_after=queued.created_at)
    assert run_pending() == 1
    queued.refresh_from_db()
    assert queued.status == JobStatus.SUCCEEDED


def test_a_rolled_back_transaction_queues_nothing() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        job_enqueue(name="tests.flaky", kwargs={"fail_times": 0})
        raise RuntimeError("the caller's change fails")
    assert Job.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


def test_a_try_left_running_by_a_killed_worker_runs_again() -> None:
    queued = job_enqueue(name="tests.flaky", kwargs={"fail_times": 0})
    # A worker claimed it and died.
    DBTaskResult.objects.update(status="RUNNING", started_at=queued.created_at)
    assert run_pending() == 0
    assert run_pending(stale_after=dt.timedelta(0)) == 1
    queued.refresh_from_db()
    assert queued.status == JobStatus.SUCCEEDED


def test_schedules_run_when_due_and_record_outcome() -> None:
    runs: list[int] = []

    @scheduled(name="tests.every_hour", every=dt.timedelta(hours=1))
    def every_hour() -> None:
        runs.append(1)
        if len(runs) == 2:
            raise ValueError("second run broke")

    try:
        run_pending(schedules=True)
        row = Schedule.objects.get(name="tests.every_hour")
        assert runs == [1]
        assert row.last_outcome == ScheduleOutcome.OK
        assert row.every_seconds == 3600
        assert row.last_finished_at is not None
        # Not due again within the hour.
        run_pending(schedules=True)
        assert runs == [1]
        Schedule.objects.filter(pk=row.pk).update(next_due_at=row.last_finished_at)
        run_pending(schedules=True)
        row.refresh_from_db()
        assert row.last_outcome == ScheduleOutcome.OK  # failed once, then retried and succeeded
        assert len(runs) == 3
    finally:
        SCHEDULES.pop("tests.every_hour")


def test_retention_and_digest_are_registered() -> None:
    assert SCHEDULES["outreach.apply_retention"].every == dt.timedelta(days=1)
    assert SCHEDULES["notifications.daily_digest"].every == dt.timedelta(days=1)


def test_worker_command_once_drains_the_queue() -> None:
    queued = job_enqueue(name="tests.flaky", kwargs={"fail_times": 0})
    call_command("worker", "--once")
    queued.refresh_from_db()
    assert queued.status == JobStatus.SUCCEEDED
    assert Schedule.objects.filter(name="outreach.apply_retention").exists()
