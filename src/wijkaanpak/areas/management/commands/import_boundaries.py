"""`wijkaanpak import_boundaries FILE --year YYYY --level wijk|buurt|gemeente`: a thin wrapper
around areas.boundaries.boundaries_import."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijkaanpak.areas.boundaries import DEFAULT_TOLERANCE, boundaries_import
from wijkaanpak.core.exceptions import InvalidInput


class Command(BaseCommand):
    help = "Import area outlines (GeoJSON, WGS84 or RD New) for a CBS division year."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--year", type=int, required=True, help="the division year")
        parser.add_argument("--level", required=True, choices=["gemeente", "wijk", "buurt"])
        parser.add_argument("--source", default="", help='e.g. "CBS Wijk- en buurtkaart 2016"')
        parser.add_argument(
            "--municipality", help="GM code for files with local codes (Utrecht's KODE 0111)"
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="refuse codes the registry does not hold instead of creating those areas",
        )
        parser.add_argument(
            "--tolerance",
            type=float,
            default=DEFAULT_TOLERANCE,
            help="simplification tolerance in degrees (0: none)",
        )
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args: Any, **opts: Any) -> None:
        path: Path = opts["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            with path.open("rb") as stream:
                report = boundaries_import(
                    stream,
                    file_name=path.name,
                    year=opts["year"],
                    level=opts["level"],
                    source=opts["source"],
                    municipality=opts["municipality"],
                    define=not opts["check"],
                    tolerance=opts["tolerance"],
                )
        except InvalidInput as exc:
            for err in exc.errors[:20]:
                self.stderr.write(str(err.get("message")))
            raise CommandError(exc.message) from exc
        if opts["json"]:
            self.stdout.write(json.dumps(report.as_dict(), indent=2))
            return
        self.stdout.write(
            f"{report.stored} outlines stored ({report.projection}, division {report.year}); "
            f"{len(report.areas_created)} areas added; {len(report.repaired)} repaired"
        )
        for note in report.repaired:
            self.stdout.write(note)
