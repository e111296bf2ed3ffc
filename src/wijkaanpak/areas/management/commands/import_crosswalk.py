"""`wijkaanpak import_crosswalk FILE`: the crosswalk between division years from a CSV
(`predecessor,successor,year,share,basis,note`); a thin wrapper around successions_import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijkaanpak.areas.crosswalk import successions_import
from wijkaanpak.core.exceptions import InvalidInput


class Command(BaseCommand):
    help = "Import area successions (splits, merges, re-codings) between CBS division years."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **opts: Any) -> None:
        path: Path = opts["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            with path.open("rb") as stream:
                n = successions_import(stream, file_name=path.name)
        except InvalidInput as exc:
            for err in exc.errors[:20]:
                self.stderr.write(str(err.get("message")))
            raise CommandError(exc.message) from exc
        self.stdout.write(f"{n} successions recorded from {path.name}")
