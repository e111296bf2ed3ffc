from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from wijkaanpak.core.backup import backup_create


class Command(BaseCommand):
    help = "Write a backup of the whole database (SQLite or PostgreSQL) to FILE (a ZIP file)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        self.verbosity = int(options["verbosity"])
        manifest = backup_create(path=file, progress=self._progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written: {file} ({manifest['rows']} rows, sha256 "
                f"{manifest['sha256'][:12]}…)"
            )
        )

    def _progress(self, message: str) -> None:
        if self.verbosity >= 2:
            self.stdout.write(message)
            self.stdout.flush()
