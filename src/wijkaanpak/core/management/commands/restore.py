from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijkaanpak.core import backup_crypto
from wijkaanpak.core.backup import backup_restore
from wijkaanpak.core.exceptions import DomainError


class Command(BaseCommand):
    help = (
        "Replace the database's data with a backup made by `wijkaanpak backup`, in one "
        "transaction. Refuses a database that holds data unless --force is given. An "
        "encrypted backup needs its key: --key-file, or WIJKAANPAK_BACKUP_KEY."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="Replace the data of a database that is not empty."
        )
        parser.add_argument(
            "--key-file",
            "--decrypt-key-file",
            dest="key_file",
            type=Path,
            help="The key the backup was encrypted with.",
        )

    def handle(
        self, *args: Any, file: Path, force: bool, key_file: Path | None, **options: Any
    ) -> None:
        self.verbosity = int(options["verbosity"])
        if not file.exists():
            raise CommandError(f"{file} does not exist")
        try:
            key = backup_crypto.key_load(key_file=key_file)
            manifest = backup_restore(
                path=file, force=force, progress=self._progress, decrypt_key=key
            )
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
