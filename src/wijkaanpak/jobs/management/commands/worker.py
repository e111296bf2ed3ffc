"""`wijkaanpak worker`: run the schedules and the queued jobs (a second process beside the web server)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from wijkaanpak.jobs.worker import JobWorker


class Command(BaseCommand):
    help = "Run scheduled work and queued jobs. --once (--burst) drains the queue and exits."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--once",
            "--burst",
            action="store_true",
            dest="once",
            help="Queue due schedules, run every ready job, then exit.",
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds to wait when the queue is empty."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        worker = JobWorker()
        if options["once"]:
            self.stdout.write(f"{worker.tick()} jobs run")
            return
        worker.forever(interval=options["interval"])
