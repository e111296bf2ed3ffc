"""`wijkaanpak export_datapackage <slug> --output DIR`: the programme's open data as a
Frictionless Data Package (datapackage.json and one CSV per table)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.programmes.selectors import programme_get
from wijkaanpak.reports.datapackage import package_write


class Command(BaseCommand):
    help = "Write a programme's open data as a Frictionless Data Package (CSV per table)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--output", required=True, help="directory to write to")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            programme = programme_get(slug=options["slug"])
        except NotFound as exc:
            raise CommandError(exc.message) from exc
        paths = package_write(programme=programme, directory=Path(options["output"]))
        for path in paths:
            self.stdout.write(str(path))
