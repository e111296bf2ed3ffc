from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijkaanpak.core import backup_crypto
from wijkaanpak.core.backup import backup_create
from wijkaanpak.core.exceptions import DomainError


class Command(BaseCommand):
    help = (
        "Write a backup of the whole database (SQLite or PostgreSQL) to FILE (a ZIP file, "
        "readable by its owner only). With --key-file, or WIJKAANPAK_BACKUP_KEY set, the file "
        "is encrypted (AES-256-GCM) and `restore` needs the same key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, nargs="?")
        parser.add_argument(
            "--key-file",
            "--encrypt-key-file",
            dest="key_file",
            type=Path,
            help="Encrypt with the key in this file (see --new-key-file).",
        )
        parser.add_argument(
            "--no-encrypt",
            action="store_true",
            help=f"Write a clear backup even when {backup_crypto.KEY_ENV} is set.",
        )
        parser.add_argument(
            "--new-key-file",
            type=Path,
            help="Write a new random key to this file (mode 0600) and stop; keep it apart "
            "from the backups.",
        )

    def handle(
        self,
        *args: Any,
        file: Path | None,
        key_file: Path | None,
        no_encrypt: bool,
        new_key_file: Path | None,
        **options: Any,
    ) -> None:
        self.verbosity = int(options["verbosity"])
        try:
            if new_key_file is not None:
                backup_crypto.key_file_create(new_key_file)
                self.stdout.write(self.style.SUCCESS(f"New backup key written to {new_key_file}"))
                return
            if file is None:
                raise CommandError("Name the backup FILE")
            key = None if no_encrypt else backup_crypto.key_load(key_file=key_file)
            manifest = backup_create(path=file, progress=self._progress, encrypt_key=key)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        encrypted = ", encrypted" if key is not None else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written: {file} ({manifest['rows']} rows, sha256 "
                f"{manifest['sha256'][:12]}…{encrypted})"
            )
        )

    def _progress(self, message: str) -> None:
        if self.verbosity >= 2:
            self.stdout.write(message)
            self.stdout.flush()
