"""The worker: the schedule loop plus django-tasks-db's task runner, and `run_pending` for tests."""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.db import OperationalError, close_old_connections
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from wijkaanpak.jobs.services import jobs_requeue_stale, schedules_enqueue_due

logger = logging.getLogger(__name__)


class JobWorker:
    def __init__(self, *, worker_id: str | None = None) -> None:
        self.worker_id = worker_id or get_random_string(32)
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

    def run_one(self) -> bool:
        """Claim and run one ready task; False when none is ready."""
        ready = DBTaskResult.objects.ready().filter(backend_name=DEFAULT_TASK_BACKEND_ALIAS)
        try:
            with exclusive_transaction(ready.db):
                claimed = ready.get_locked()
                if claimed is not None:
                    claimed.claim(self.worker_id)
        except OperationalError as exc:
            if is_locked_database_exception(exc):
                return False
            raise
        if claimed is None:
            return False
        self.runner.run_task(claimed)
        return True

    def drain(self, *, max_tasks: int | None = None) -> int:
        done = 0
        while (max_tasks is None or done < max_tasks) and self.run_one():
            done += 1
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
