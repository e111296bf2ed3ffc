"""Throwaway databases for tests that run `wijkaanpak` commands in real subprocesses.

On SQLite a database file in a temporary folder; on PostgreSQL (when DATABASE_URL is set, as in
bin/test's second run) a new database on the same server, dropped afterwards.

A scratch database starts as a copy of a template made once per test run by the real commands:
`migrate` (the default), `migrate` then `load_demo` (`template="demo"`), or nothing
(`template=None`). On PostgreSQL the copy is `CREATE DATABASE … TEMPLATE …`, on SQLite a copy of
the file (SQLite's backup API). Migrating took 8 s of CPU and loading the demo as much again in
every subprocess test; the copy takes a fraction of a second.
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

REPO = Path(__file__).resolve().parent.parent


class ScratchDb:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.name: str | None = None  # the PostgreSQL database; None on SQLite
        self.keep = False  # a template: not dropped at the end

    def run(
        self, *args: str, timeout: float = 300, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "wijkaanpak", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=REPO,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"wijkaanpak {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
            )
        return result

    def popen(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-u", "-m", "wijkaanpak", *args],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=REPO,
        )

    def python(self, code: str, timeout: float = 300) -> str:
        return self.run("shell", "-c", code, timeout=timeout).stdout


def _base_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=os.pathsep.join([str(REPO / "src"), str(REPO)]),
        DEBUG="true",
        WIJKAANPAK_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="tests.scratch_settings",
    )
    return env


# Template name -> its database name (PostgreSQL) or file (SQLite), made on first use.
_templates: dict[str, str] = {}
_SQLITE_FILE = "wijkaanpak.sqlite3"  # the name the settings give the file in WIJKAANPAK_DATA_DIR
_TEMPLATE_STEPS = {"migrated": [("migrate", "--noinput", "-v", "0")], "demo": [("load_demo",)]}
_TEMPLATE_BASE = {"migrated": None, "demo": "migrated"}


def _admin(url: str) -> Any:
    import psycopg

    return psycopg.connect(urlunparse(urlparse(url)._replace(path="/postgres")), autocommit=True)


def _drop_templates() -> None:
    url = os.environ.get("DATABASE_URL", "")
    for location in _templates.values():
        if url:
            with _admin(url) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{location}" WITH (FORCE)')
        else:
            shutil.rmtree(Path(location).parent.parent, ignore_errors=True)
    _templates.clear()


def _template(name: str) -> str:
    """The database (PostgreSQL) or file (SQLite) of template `name`, made on first use."""
    if name in _templates:
        return _templates[name]
    if not _templates:
        atexit.register(_drop_templates)
    folder = Path(tempfile.mkdtemp(prefix=f"scratch-template-{name}-"))
    with _database(folder, base=_TEMPLATE_BASE[name]) as db:
        for step in _TEMPLATE_STEPS[name]:
            db.run(*step)
        location = db.name or str(folder / "data" / _SQLITE_FILE)
        db.keep = True
    if db.name:
        shutil.rmtree(folder, ignore_errors=True)
    _templates[name] = location
    return location


@contextmanager
def _database(folder: Path, *, base: str | None) -> Iterator[ScratchDb]:
    data_dir = folder / "data"
    data_dir.mkdir(parents=True)
    env = _base_env(data_dir)
    url = os.environ.get("DATABASE_URL", "")
    name = None
    if url:
        name = f"scratch_{secrets.token_hex(6)}"
        template = f' TEMPLATE "{_template(base)}"' if base else ""
        with _admin(url) as admin:
            admin.execute(f'CREATE DATABASE "{name}"{template}')
        env["DATABASE_URL"] = urlunparse(urlparse(url)._replace(path="/" + name))
    elif base:
        source = sqlite3.connect(_template(base))
        target = sqlite3.connect(data_dir / _SQLITE_FILE)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
    db = ScratchDb(env)
    db.name = name
    try:
        yield db
    finally:
        if name is not None and not db.keep:
            with _admin(url) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def scratch_database(tmp_path: Path, *, template: str | None = "migrated") -> Iterator[ScratchDb]:
    """A new database for subprocesses: a copy of `template` ("migrated", "demo"; None: empty)."""
    with _database(tmp_path / f"scratch-{secrets.token_hex(4)}", base=template) as db:
        yield db
