"""`wijkaanpak report <slug> --year YYYY --format html|pdf|docx --output FILE`: the report as a file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.programmes.selectors import programme_get
from wijkaanpak.reports.rendering import FORMATS


class Command(BaseCommand):
    help = "Write the annual progress report of a programme (HTML, PDF or DOCX, in Dutch)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=sorted(FORMATS), default="html")
        parser.add_argument("--output", required=True)
        parser.add_argument("--as-of", dest="as_of", default=None, help="YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = None
        if options["as_of"]:
            try:
                as_of = dt.date.fromisoformat(options["as_of"])
            except ValueError as exc:
                raise CommandError(f"--as-of: not a date: {options['as_of']}") from exc
        try:
            programme = programme_get(slug=options["slug"])
            data = FORMATS[options["format"]](programme, options["year"], as_of=as_of)
        except NotFound as exc:
            raise CommandError(exc.message) from exc
        Path(options["output"]).write_bytes(data)
        self.stdout.write(f"{options['output']}: {len(data)} bytes")
