"""Notifications: what enqueuing adds to a request, and how fast one worker delivers mail.

1. Enqueue overhead: p50/p95 of creating and sending a referral through the outreach service
   (`referral_create(send=True)`, one transaction, as the referral page does) without and with
   `notify()` to the receiving organisation's members (in-app notifications + the e-mail job).
2. Delivery rate: notifications e-mailed per second by one worker (`run_pending`, the same code
   as `wijkaanpak worker`) to a local aiosmtpd server (its own process), one job per
   notification (the worst case: one event, one recipient) and one job per 50 recipients.
   The worst case is measured twice: one job at a time with synchronous commits (the worker
   before batching: JOBS_WORKER_BATCH=1, JOBS_WORKER_ASYNC_COMMIT=false), then as the worker
   runs now (claims 20 jobs at a time, merges the e-mail jobs; on PostgreSQL its commits do not
   wait for the disk).

    PYTHONPATH=src .venv/bin/python benchmarks/notifications_bench.py [--n 300]

Uses the demo in a throwaway data directory (SQLite; set DATABASE_URL for PostgreSQL, an empty
database the benchmark may fill) and takes about a minute on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300, help="referrals per variant")
    parser.add_argument("--mails", type=int, default=500, help="mails for the delivery rate")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        os.environ.setdefault("WIJKAANPAK_DATA_DIR", tempfile.mkdtemp(prefix="notify-bench-"))
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkaanpak.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction
    from django.test.utils import override_settings

    from wijkaanpak.accounts.models import User
    from wijkaanpak.jobs.worker import run_pending
    from wijkaanpak.notifications.models import Notification
    from wijkaanpak.notifications.services import notify
    from wijkaanpak.notifications.tests.smtp import free_port
    from wijkaanpak.organisations.models import Organisation
    from wijkaanpak.outreach.models import Household, Theme
    from wijkaanpak.outreach.services import referral_create

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--if-empty", verbosity=0)

    worker = User.objects.get(username="veldwerker")
    mitros = Organisation.objects.get(name="Mitros")
    household = Household.objects.filter(share_with=mitros).first()
    assert household is not None
    theme = Theme.objects.first()
    assert theme is not None
    members = list(User.objects.filter(organisation_memberships__organisation=mitros))
    for member in members:
        if not member.email:
            member.email = f"{member.username}@example.org"
            member.save(update_fields=["email"])

    cpu: dict[bool, list[float]] = {False: [], True: []}

    def create(with_notify: bool) -> float:
        start, start_cpu = time.perf_counter(), time.thread_time()
        with transaction.atomic():
            referral = referral_create(
                household=household, organisation=mitros, theme=theme, by=worker, send=True
            )
            if with_notify:
                notify(
                    event="referral_sent",
                    recipients=members,
                    key=f"referral-sent:{referral.pk}",
                    subject=f"Er is een nieuwe doorverwijzing voor {mitros.name}",
                    url=f"/outreach/referrals/{referral.pk}/",
                    programme_id=None,
                )
        cpu[with_notify].append((time.thread_time() - start_cpu) * 1000)
        return (time.perf_counter() - start) * 1000

    for _ in range(20):  # warm up both paths
        create(False)
        create(True)
    without: list[float] = []
    with_: list[float] = []
    cpu[False].clear()
    cpu[True].clear()
    for _ in range(args.n):  # interleaved, so both see the same machine
        without.append(create(False))
        with_.append(create(True))
    p95_without, p95_with = percentile(without, 95), percentile(with_, 95)
    print(f"database: {django.db.connection.vendor}; {len(members)} recipients per referral")
    print(
        f"referral create+send, n={args.n}: without notify p50 {statistics.median(without):.2f} ms"
        f" p95 {p95_without:.2f} ms; with notify p50 {statistics.median(with_):.2f} ms"
        f" p95 {p95_with:.2f} ms; added to p95: {p95_with - p95_without:.2f} ms"
        f" (p50 {statistics.median(with_) - statistics.median(without):.2f} ms)"
    )

    print(
        f"  CPU time of this process (robust on a busy machine): without p95"
        f" {percentile(cpu[False], 95):.2f} ms, with p95 {percentile(cpu[True], 95):.2f} ms,"
        f" added to p95 {percentile(cpu[True], 95) - percentile(cpu[False], 95):.2f} ms"
        f" (p50 {statistics.median(cpu[True]) - statistics.median(cpu[False]):.2f} ms)"
    )
    print(f"  load average: {os.getloadavg()[0]:.1f} (2 cores)")

    # Drain what the referrals queued (to the file backend) before measuring delivery.
    run_pending()

    # The SMTP server in its own process, as a mail server would be (aiosmtpd's Sink handler
    # accepts and drops); delivered = what the worker recorded as accepted by the server.
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Sink",
        ],
    )
    time.sleep(1.5)
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
        ):
            users = [
                User.objects.get_or_create(
                    username=f"bench-mail-{i}", defaults={"email": f"bench{i}@example.org"}
                )[0]
                for i in range(50)
            ]
            stamp = time.time_ns()
            variants = (
                ("one job per mail, one at a time, synchronous commits", 1, 1, False),
                ("one job per mail", 1, None, True),
                ("one job per 50 mails", 50, None, True),
            )
            for label, per_job, batch, async_commit in variants:
                jobs = args.mails // per_job
                with transaction.atomic():
                    for j in range(jobs):
                        recipients = [users[j % 50]] if per_job == 1 else users
                        notify(
                            event="bench",
                            recipients=recipients,
                            key=f"bench:{stamp}:{label}:{j}",
                            subject="Er is een nieuwe doorverwijzing voor Mitros",
                            url="/outreach/",
                        )
                start, start_cpu = time.perf_counter(), time.process_time()
                with override_settings(
                    JOBS_WORKER_BATCH=batch or settings.JOBS_WORKER_BATCH,
                    JOBS_WORKER_ASYNC_COMMIT=async_commit,
                ):
                    run_pending()
                seconds = time.perf_counter() - start
                cpu_seconds = time.process_time() - start_cpu
                delivered = Notification.objects.filter(
                    key__startswith=f"bench:{stamp}:{label}:", emailed_at__isnull=False
                ).count()
                print(
                    f"delivery, {label}: {delivered} mails in {seconds:.2f} s ="
                    f" {delivered / seconds:.0f} mails/s (one worker, aiosmtpd on 127.0.0.1);"
                    f" worker CPU {cpu_seconds:.2f} s = {delivered / cpu_seconds:.0f} mails per"
                    f" CPU-second; load average {os.getloadavg()[0]:.1f}"
                )
            left = Notification.objects.filter(event="bench", emailed_at__isnull=True).count()
            print(f"bench notifications not mailed: {left}")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
