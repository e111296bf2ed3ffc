"""Crash safety: a long-running import killed with SIGKILL halfway leaves the database as it was.

Real processes, real kills, on the database under test (SQLite file or PostgreSQL).
"""

from __future__ import annotations

import os
import signal
import time
import zipfile
from pathlib import Path

from tests.scratch import ScratchDb, scratch_database

ROWS = 15_000

MAKE_ROWS = f"""
import datetime as dt
from wijkaanpak.programmes.models import Programme
from wijkaanpak.opportunities.models import ProgressUpdate
from wijkaanpak.opportunities.services import opportunity_create
p = Programme.objects.get(slug="samen-voor-overvecht")
kans = opportunity_create(programme=p, title="Crash-kans", start_date=dt.date(2020, 1, 1))
ProgressUpdate.objects.bulk_create(
    [ProgressUpdate(opportunity=kans, date=dt.date(2020, 1, 1), text=f"Stap {{i}} " * 8)
     for i in range({ROWS})], batch_size=2000)
"""


def _data(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("data.jsonl")


def _kill_when(db: ScratchDb, args: list[str], marker: str, timeout: float = 120) -> list[str]:
    """Start `wijkaanpak *args`, SIGKILL it as soon as it prints `marker`; return its output."""
    process = db.popen(*args)
    assert process.stdout is not None
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    try:
        for line in process.stdout:
            seen.append(line.rstrip())
            if marker in line:
                os.kill(process.pid, signal.SIGKILL)
                break
            if time.monotonic() > deadline:
                break
    finally:
        process.kill()
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, seen
    return seen


def test_restore_killed_halfway_leaves_the_database_unchanged(tmp_path):
    backup = tmp_path / "big.zip"
    before = tmp_path / "before.zip"
    after = tmp_path / "after.zip"
    with scratch_database(tmp_path) as db:
        db.run("load_demo")
        db.python(MAKE_ROWS)
        db.run("backup", str(backup))
        # The database moves on after the backup; this is the state that must survive.
        db.python(
            "from wijkaanpak.organisations.services import organisation_ensure; "
            "organisation_ensure(name='Na de backup')"
        )
        db.run("backup", str(before))

        output = _kill_when(db, ["restore", str(backup), "--force", "-v", "2"], "loaded ")
        assert any("emptied the database" in line for line in output), output
        assert not any(line.startswith("restored") for line in output), "killed too late"

        db.run("backup", str(after))
        assert _data(after) == _data(before)
        # And the database is usable: a restore that runs to the end still works.
        db.run("restore", str(backup), "--force")
        db.run("backup", str(after))
        assert _data(after) == _data(backup)
