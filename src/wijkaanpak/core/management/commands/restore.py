from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijkaanpak.core.backup import backup_restore
from wijkaanpak.core.exceptions import DomainError


class Command(BaseCommand):
    help = (
        "Replace the database's data with a backup made by `wijkaanpak backup`, in one "
        "transaction. Refuses a database that holds data unless --force is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="Replace the data of a database that is not empty."
        )

    def handle(self, *args: Any, file: Path, force: bool, **options: Any) -> None:
        self.verbosity = int(options["verbosity"])
        if not file.exists():
            raise CommandError(f"{file} does not exist")
        try:
            manifest = backup_restore(path=file, force=force, progress=self._progress)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {manifest['rows']} rows from {file} (made {manifest['created_at']})."
            )
        )

    def _progress(self, message: str) -> None:
        if self.verbosity >= 2:
            self.stdout.write(message)
            self.stdout.flush()
