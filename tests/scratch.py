"""Throwaway databases for tests that run `wijkaanpak` commands in real subprocesses.

On SQLite a database file in a temporary folder; on PostgreSQL (when DATABASE_URL is set, as in
bin/test's second run) a new database on the same server, dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

REPO = Path(__file__).resolve().parent.parent


class ScratchDb:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

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


@contextmanager
def scratch_database(tmp_path: Path, *, migrate: bool = True) -> Iterator[ScratchDb]:
    data_dir = tmp_path / f"data-{secrets.token_hex(4)}"
    data_dir.mkdir()
    env = _base_env(data_dir)
    url = os.environ.get("DATABASE_URL", "")
    name = None
    admin: Any = None
    if url:
        import psycopg

        parts = urlparse(url)
        name = f"scratch_{secrets.token_hex(6)}"
        admin_url = urlunparse(parts._replace(path="/postgres"))
        admin = psycopg.connect(admin_url, autocommit=True)
        admin.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = urlunparse(parts._replace(path="/" + name))
    try:
        db = ScratchDb(env)
        if migrate:
            db.run("migrate", "--noinput", "-v", "0")
        yield db
    finally:
        if admin is not None:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()
