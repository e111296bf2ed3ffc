"""Crash safety: a long-running import killed with SIGKILL halfway leaves the database as it was.

Real processes, real kills, on the database under test (SQLite file or PostgreSQL).
"""

from __future__ import annotations

import os
import re
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
from wijkaanpak.core.actors import SYSTEM
p = Programme.objects.get(slug="samen-voor-overvecht")
kans = opportunity_create(programme=p, title="Crash-kans", start_date=dt.date(2020, 1, 1), by=SYSTEM)
ProgressUpdate.objects.bulk_create(
    [ProgressUpdate(opportunity=kans, date=dt.date(2020, 1, 1), text=f"Stap {{i}} " * 8)
     for i in range({ROWS})], batch_size=2000)
"""


def _data(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("data.jsonl")


def _kill_when(
    db: ScratchDb, args: list[str], marker: str, timeout: float = 120, min_rows: int = 0
) -> list[str]:
    """Start `wijkaanpak *args`, SIGKILL it as soon as it prints `marker` (with `min_rows`:
    a progress line "N rows" with N >= min_rows, i.e. after writes began); return its output."""
    process = db.popen(*args)
    assert process.stdout is not None
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    try:
        for line in process.stdout:
            seen.append(line.rstrip())
            if marker in line and _rows(line) >= min_rows:
                os.kill(process.pid, signal.SIGKILL)
                break
            if time.monotonic() > deadline:
                break
    finally:
        process.kill()
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, seen
    return seen


def _rows(line: str) -> int:
    found = re.search(r"(\d+) rows", line)
    return int(found.group(1)) if found else 0


def test_restore_killed_halfway_leaves_the_database_unchanged(tmp_path):
    backup = tmp_path / "big.zip"
    before = tmp_path / "before.zip"
    after = tmp_path / "after.zip"
    with scratch_database(tmp_path, template="demo") as db:  # migrate + load_demo, copied
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


def test_indicator_import_killed_halfway_leaves_the_database_unchanged(tmp_path):
    """`wijkaanpak import_indicators` (long format) killed after it reported written batches."""
    big = tmp_path / "cijfers.csv"
    before = tmp_path / "before.zip"
    after = tmp_path / "after.zip"
    with scratch_database(tmp_path, template="demo") as db:  # migrate + load_demo, copied
        codes = db.python(
            "from wijkaanpak.indicators.models import Indicator; "
            "from wijkaanpak.areas.models import Area; "
            "print(' '.join(Indicator.objects.filter(numerator__isnull=True).exclude(unit='percent')"
            ".values_list('code', flat=True))); "
            "print(' '.join(Area.objects.values_list('code', flat=True)))"
        ).split("\n")
        # A dozen areas keep the file the same size whatever the demo's division holds
        # (Utrecht's 111 buurten): the finished import at the end is then seconds, not minutes.
        indicators, areas = codes[-3].split(), codes[-2].split()[:12]
        assert indicators and areas, codes
        with big.open("w") as out:
            out.write("indicator,area,period,value,source\n")
            # One value per indicator, area and year; enough years that the import (a fast path
            # for a plain long CSV) still runs when the kill arrives.
            for year in range(1000, 3000):
                for code in indicators:
                    for area in areas:
                        out.write(f"{code},{area},{year},{year % 977},crash test\n")
        db.run("backup", str(before))

        output = _kill_when(
            db, ["import_indicators", str(big), "--format", "long"], marker=" rows", min_rows=1
        )
        rows = 2000 * len(indicators) * len(areas)
        assert rows > 50_000, rows
        assert 0 < _rows(output[-1]) < rows, output[-1]  # killed halfway, after writes began

        db.run("backup", str(after))
        assert _data(after) == _data(before)
        # The same import left to finish does change the database.
        db.run("import_indicators", str(big), "--format", "long", "-v", "0")
        db.run("backup", str(after))
        assert _data(after) != _data(before)
