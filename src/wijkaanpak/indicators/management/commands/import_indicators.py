"""`wijkaanpak import_indicators FILE --format ...`: a thin wrapper around indicators_import."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.indicators.importers import FORMATS, read_properties
from wijkaanpak.indicators.services import area_name_mappings_load, indicators_import


class Command(BaseCommand):
    help = "Import indicator figures (CBS KWB Excel, CBS OData, city monitor CSV, long format)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", required=True, choices=FORMATS, dest="fmt")
        parser.add_argument("--year", type=int, help="for files that do not state their period")
        parser.add_argument("--source", default="", help='e.g. "CBS KWB 2023, first release"')
        parser.add_argument("--properties", type=Path, help="CBS OData DataProperties.json")
        parser.add_argument(
            "--mapping",
            type=Path,
            help="city monitor: CSV of area names and codes (name;code) added to the mapping table",
        )
        parser.add_argument("--dry-run", action="store_true", help="validate and report only")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args: Any, **opts: Any) -> None:
        path: Path = opts["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        properties = None
        if opts["properties"]:
            with opts["properties"].open("rb") as fh:
                properties = read_properties(fh, opts["properties"].name)
        if opts["mapping"]:
            try:
                added = area_name_mappings_load(path=opts["mapping"])
            except InvalidInput as exc:
                for err in exc.errors:
                    self.stderr.write(f"row {err.get('row')}: {err.get('message')}")
                raise CommandError(exc.message) from exc
            self.stdout.write(f"{added} area name mappings loaded from {opts['mapping'].name}")
        bar = tqdm(unit=" rows", desc=path.name, disable=opts["verbosity"] == 0)
        seen = 0

        def progress(rows: int) -> None:
            nonlocal seen
            bar.update(rows - seen)
            seen = rows

        try:
            with path.open("rb") as stream:
                report = indicators_import(
                    user=SYSTEM,
                    stream=stream,
                    file_name=path.name,
                    fmt=opts["fmt"],
                    year=opts["year"],
                    source=opts["source"],
                    dry_run=opts["dry_run"],
                    properties=properties,
                    progress=progress,
                )
        except InvalidInput as exc:
            bar.close()
            for err in exc.errors:
                where = ", ".join(
                    f"{k} {err[k]}" for k in ("file", "row", "column") if err.get(k) is not None
                )
                self.stderr.write(f"{where}: {err.get('message')}")
            raise CommandError(exc.message) from exc
        bar.close()
        if opts["json"]:
            self.stdout.write(json.dumps(report, indent=2))
            return
        self.stdout.write(
            ("Dry run (nothing written): " if report["dry_run"] else "Imported ")
            + f"{report['file']}: {report['rows_read']} rows read, "
            f"{report['values_written']} values written, {report['values_replaced']} replaced, "
            f"{report['values_unchanged']} unchanged, {report['rows_skipped']} rows skipped, "
            f"{report['areas_created']} areas and {report['indicators_created']} indicators created."
        )
        for item in report["skipped"]:
            self.stdout.write(f"  skipped {item['count']}: {item['reason']}")
