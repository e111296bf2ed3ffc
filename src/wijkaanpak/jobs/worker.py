"""The worker: the schedule loop plus django-tasks-db's task runner, and `run_pending` for tests.

Each round claims up to `JOBS_WORKER_BATCH` ready tasks in one transaction. Jobs registered
with `merge` (the e-mail job) that are claimed together run as one call: one query for all
their notifications, one SMTP connection, one statement to record them all as done. Everything
else runs one by one. On PostgreSQL the worker's own commits do not wait for the disk
(`synchronous_commit = off`, setting `JOBS_WORKER_ASYNC_COMMIT`): they are bookkeeping of
idempotent jobs, and a worker killed at any moment loses none of them (the server has them);
only a crash of the database server itself may forget the last fraction of a second of them,
and then a job runs again (and a mail recorded just before may go twice).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from typing import Any

from django.conf import settings
from django.db import OperationalError, close_old_connections, connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from wijkaanpak.jobs.models import Job
from wijkaanpak.jobs.services import (
    JOB_MERGES,
    jobs_requeue_stale,
    jobs_run_merged,
    run_job,
    schedules_enqueue_due,
)

logger = logging.getLogger(__name__)

RUN_JOB_PATH = run_job.module_path


def _job_id(task: DBTaskResult[Any, Any]) -> int | None:
    if task.task_path != RUN_JOB_PATH:
        return None
    args: list[Any] = task.args_kwargs.get("args") or []
    return int(args[0]) if args else None


class JobWorker:
    def __init__(self, *, worker_id: str | None = None, batch: int | None = None) -> None:
        self.worker_id = worker_id or get_random_string(32)
        self.batch = max(1, batch or int(getattr(settings, "JOBS_WORKER_BATCH", 20)))
        self._async_commit_for: tuple[object, str] | None = None
        self.runner = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=False,
            max_tasks=None,
            worker_id=self.worker_id,
            excluded_queue_names=[],
        )

    def _async_commit(self, alias: str) -> None:
        """On PostgreSQL, once per connection: this session's commits do not wait for the disk
        (or, with the setting off, do again: the connection may have been set before)."""
        db = connections[alias]
        if db.vendor != "postgresql":
            return
        mode = "off" if getattr(settings, "JOBS_WORKER_ASYNC_COMMIT", True) else "DEFAULT"
        db.ensure_connection()
        if self._async_commit_for == (db.connection, mode):
            return
        with db.cursor() as cursor:
            cursor.execute(f"SET synchronous_commit TO {mode}")
        self._async_commit_for = (db.connection, mode)

    def claim(self, limit: int) -> list[DBTaskResult[Any, Any]]:
        """Claim up to `limit` ready tasks in one transaction (others skip them)."""
        ready = DBTaskResult.objects.ready().filter(backend_name=DEFAULT_TASK_BACKEND_ALIAS)
        self._async_commit(ready.db)
        try:
            with exclusive_transaction(ready.db):
                claimed = list(ready.select_for_update(skip_locked=True)[:limit])
                if claimed:
                    DBTaskResult.objects.filter(pk__in=[t.pk for t in claimed]).update(
                        status="RUNNING", started_at=timezone.now(), worker_ids=[self.worker_id]
                    )
        except OperationalError as exc:
            if is_locked_database_exception(exc):
                return []
            raise
        return claimed

    def run_batch(self) -> int:
        """Claim and run up to `batch` ready tasks; the number run (0: none was ready)."""
        claimed = self.claim(self.batch)
        if not claimed:
            return 0
        job_ids = {t.pk: _job_id(t) for t in claimed}
        names = dict(
            Job.objects.filter(pk__in=[j for j in job_ids.values() if j is not None])
            .filter(name__in=list(JOB_MERGES))
            .values_list("pk", "name")
        )
        groups: dict[str, dict[str, int]] = {}
        for task_id, job_id in job_ids.items():
            if job_id is not None and job_id in names:
                groups.setdefault(names[job_id], {})[str(task_id)] = job_id
        done: set[str] = set()
        for name, tasks in groups.items():
            if len(tasks) > 1 and jobs_run_merged(name=name, tasks=tasks):
                done.update(tasks)
        for task in claimed:
            if str(task.pk) not in done:
                self.runner.run_task(task)
        return len(claimed)

    def run_one(self) -> bool:
        """Claim and run one ready task; False when none is ready."""
        claimed = self.claim(1)
        for task in claimed:
            self.runner.run_task(task)
        return bool(claimed)

    def drain(self, *, max_tasks: int | None = None) -> int:
        done = 0
        while max_tasks is None or done < max_tasks:
            ran = self.run_batch()
            if not ran:
                break
            done += ran
        return done

    def tick(self, *, stale_after: dt.timedelta | None = None) -> int:
        """One round: queue due schedules, recover stale tries, run what is ready."""
        schedules_enqueue_due()
        jobs_requeue_stale(older_than=stale_after)
        return self.drain()

    def forever(self, *, interval: float = 1.0) -> None:
        logger.info("worker %s started", self.worker_id)
        while True:
            # Like a request: drop connections past CONN_MAX_AGE or broken.
            close_old_connections()
            try:
                done = self.tick()
            except Exception:
                # The database away for a moment (restart, failover): wait and go on.
                logger.exception("worker %s: round failed; trying again", self.worker_id)
                close_old_connections()
                done = 0
            if done == 0:
                time.sleep(interval)


def run_pending(*, schedules: bool = False, stale_after: dt.timedelta | None = None) -> int:
    """Run every task that is ready now, synchronously (tests, `worker --once`); the count run.

    With `schedules`, first queue the schedules that are due; with `stale_after`, first put back
    tries left running longer than that (a killed worker).
    """
    worker = JobWorker()
    if schedules:
        schedules_enqueue_due()
    if stale_after is not None:
        jobs_requeue_stale(older_than=stale_after)
    return worker.drain()
