"""The worker as a real process (`wijkaanpak worker`), on the database under test (a SQLite
file, or a new PostgreSQL database when DATABASE_URL is set).

1. Killed with SIGKILL in the middle of a mail job, it loses nothing and the next worker sends
   no duplicate e-mail and makes no duplicate notification.
2. The issue's "done when", in the demo: a referral by `veldwerker` to Mitros reaches the Mitros
   users' inbox and, through the running worker, the outbox within a minute; past its service
   level the worker's own schedules remind Mitros and then escalate to the back office, with
   nobody pressing a button (the clock moved forward with time-machine in the worker's
   process); retention runs by itself.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.scratch import REPO, ScratchDb, scratch_database
from wijkaanpak.notifications.tests.smtp import SMTPServer

NOTIFY_THREE = """
from wijkaanpak.accounts.models import User
from wijkaanpak.notifications.services import notify
members = [User.objects.create_user(f"dock{i}", email=f"dock{i}@example.org", password="x" * 12)
           for i in range(3)]
notify(event="referral_sent", recipients=members, key="referral-sent:17",
       subject="Er is een nieuwe doorverwijzing voor DOCK", url="/outreach/referrals/17/")
"""

STATE = """
import json
from django_tasks_db.models import DBTaskResult
from wijkaanpak.jobs.models import Job
from wijkaanpak.notifications.models import Notification
print(json.dumps({
    "notifications": Notification.objects.count(),
    "emailed": Notification.objects.filter(emailed_at__isnull=False).count(),
    "running": DBTaskResult.objects.filter(status="RUNNING").count(),
    "mail_job": list(Job.objects.filter(name="notifications.send_email").values_list(
        "status", flat=True)),
}))
"""


def _json(db: ScratchDb, code: str) -> dict[str, object]:
    out = db.python(code).strip().splitlines()
    return dict(json.loads(out[-1]))


def _run(db: ScratchDb, *args: str, env: dict[str, str]) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "wijkaanpak", *args],
        env={**db.env, **env},
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _worker(db: ScratchDb, *args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "wijkaanpak", "worker", *args],
        env={**db.env, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=REPO,
    )


def test_a_worker_killed_mid_job_loses_nothing_and_duplicates_nothing(tmp_path: Path) -> None:
    smtp = SMTPServer().start()
    smtp.handler.hold = 2  # the worker waits on the second message; then it is killed
    mail_env = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "SITE_URL": "https://wijkaanpak.example.nl",
    }
    try:
        with scratch_database(tmp_path) as db:
            db.python(NOTIFY_THREE)
            worker = _worker(db, "--once", env=mail_env)
            try:
                assert smtp.handler.holding.wait(120), "the worker did not reach the 2nd message"
                os.kill(worker.pid, signal.SIGKILL)
                worker.wait(10)
            finally:
                if worker.poll() is None:
                    worker.kill()
                    worker.wait(10)
            assert worker.returncode == -signal.SIGKILL
            smtp.handler.release.set()  # the held message is refused: never delivered
            assert len(smtp.received) == 1
            state = _json(db, STATE)
            assert state["notifications"] == 3 and state["emailed"] == 1
            assert state["running"] >= 1 and state["mail_job"] == ["running"]
            # The next worker puts the abandoned tries back and finishes the job.
            _run(db, "worker", "--once", env={**mail_env, "JOBS_STALE_AFTER_SECONDS": "0"})
            recipients = sorted(r.recipients[0] for r in smtp.received)
            assert recipients == ["dock0@example.org", "dock1@example.org", "dock2@example.org"]
            state = _json(db, STATE)
            assert state == {
                "notifications": 3,
                "emailed": 3,
                "running": 0,
                "mail_job": ["succeeded"],
            }
    finally:
        smtp.stop()


REFER = """
import json
from wijkaanpak.accounts.models import User
from wijkaanpak.core.workdays import add_working_days
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.outreach.models import Household, Referral, Theme
from wijkaanpak.outreach.selectors import programme_service_level
from wijkaanpak.outreach.services import referral_create
mitros = Organisation.objects.get(name="Mitros")
household = Household.objects.filter(share_with=mitros).order_by("id").first()
r = referral_create(household=household, organisation=mitros, theme=Theme.objects.order_by("id").first(),
                    by=User.objects.get(username="veldwerker"), send=True)
level = programme_service_level(programme_id=r.campaign.programme_id)
print(json.dumps({
    "referral": r.pk,
    "remind_on": add_working_days(r.accept_due, 1).isoformat(),
    "escalate_on": add_working_days(r.accept_due, level.escalate_after_days + 1).isoformat(),
    "escalate_after": level.escalate_after_days,
}))
"""

INBOXES = """
import json
from wijkaanpak.accounts.models import User
from wijkaanpak.jobs.models import Schedule
from wijkaanpak.notifications.models import Notification
from wijkaanpak.notifications.selectors import unread_count
from wijkaanpak.outreach.models import Referral
mitros = list(User.objects.filter(organisation_memberships__organisation__name="Mitros"))
r = Referral.objects.get(pk=%(referral)d)
def events(users, key):
    return Notification.objects.filter(recipient__in=users, key__startswith=key).count()
back_office = list(User.objects.filter(outreach_roles__role="back_office").distinct())
retention = Schedule.objects.get(name="outreach.apply_retention")
print(json.dumps({
    "mitros_users": len(mitros),
    "sent": events(mitros, f"referral-sent:{r.pk}:"),
    "unread": min(unread_count(user=u) for u in mitros),
    "reminders": events(mitros, f"referral-accept-reminder:{r.pk}:"),
    "escalated": r.escalation_id is not None,
    "back_office_told": events(back_office, f"escalation-raised:{r.escalation_id}")
    if r.escalation_id else 0,
    "escalation_url": f"#escalation-{r.escalation_id}",
    "retention": [retention.last_outcome, str(retention.last_started_at)],
}))
"""

WORKER_AT = """
import datetime as dt
from zoneinfo import ZoneInfo
import time_machine
from django.core.management import call_command
day = dt.date.fromisoformat("%(day)s")
with time_machine.travel(dt.datetime.combine(day, dt.time(10), ZoneInfo("Europe/Amsterdam"))):
    call_command("worker", "--once")
"""


def _mail_with(data_dir: Path, subject: str, fragment: str) -> bool:
    """Whether the outbox holds a mail with this subject whose text contains `fragment`."""
    return any(
        f"Subject: {subject}" in chunk and fragment in chunk
        for chunk in _outbox(data_dir).split("-" * 79)
    )


def _outbox(data_dir: Path) -> str:
    folder = data_dir / "mail"
    if not folder.is_dir():
        return ""
    return "\n".join(p.read_text(errors="replace") for p in sorted(folder.glob("*.log")))


def test_done_when_referral_to_mitros_reminder_escalation_retention(tmp_path: Path) -> None:
    with scratch_database(tmp_path, template="demo") as db:  # migrate + load_demo, copied
        data_dir = Path(db.env["WIJKAANPAK_DATA_DIR"])
        # The demo's worker, as bin/demo starts it, running on its own.
        worker = _worker(db, "--interval", "0.5", env={})
        try:
            made = _json(db, REFER)
            start = time.monotonic()
            link = f"#referral-{made['referral']}"
            while not _mail_with(data_dir, "Er is een nieuwe doorverwijzing voor Mitros", link):
                assert time.monotonic() - start < 60, "no e-mail in the outbox within a minute"
                assert worker.poll() is None, "the worker stopped"
                time.sleep(1)
        finally:
            worker.terminate()
            worker.wait(30)
        state = _json(db, INBOXES % made)
        assert state["mitros_users"] >= 1
        assert state["sent"] == state["mitros_users"] and state["unread"] >= 1
        assert state["reminders"] == 0 and not state["escalated"]
        assert state["retention"][0] == "ok"  # the daily retention ran by itself
        outbox_page = db.python(
            # The demo's own overdue referrals escalate on the worker's first run too, so the
            # page's 20 most recent mails need not hold this one: read a wider window.
            "from wijkaanpak.notifications.views import _outbox_messages; "
            "print([m['subject'] for m in _outbox_messages(limit=500)])"
        )
        assert "Er is een nieuwe doorverwijzing voor Mitros" in outbox_page
        # One working day past the accept date: the worker's hourly check reminds Mitros.
        db.python(WORKER_AT % {"day": made["remind_on"]})
        state = _json(db, INBOXES % made)
        assert state["reminders"] == state["mitros_users"] and not state["escalated"]
        assert _mail_with(data_dir, "Een doorverwijzing voor Mitros wacht op acceptatie", link)
        retention_after_reminder = state["retention"]
        assert retention_after_reminder[0] == "ok"
        # Past the escalation limit: the back office gets the bottleneck.
        db.python(WORKER_AT % {"day": made["escalate_on"]})
        state = _json(db, INBOXES % made)
        assert state["escalated"] and state["back_office_told"] >= 1
        assert state["reminders"] == state["mitros_users"]  # reminded once, not again
        assert _mail_with(
            data_dir, "Een nieuw knelpunt voor de backoffice van", state["escalation_url"]
        )
        # Retention ran again on the later day, by itself.
        assert state["retention"][0] == "ok"
        assert state["retention"][1] > retention_after_reminder[1]
        # No resident's data in any mail.
        household = db.python(
            "from wijkaanpak.outreach.models import Referral; "
            f"print(Referral.objects.get(pk={made['referral']}).household.display_name)"
        ).strip()
        assert household and household not in _outbox(data_dir)
