from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.exceptions import DomainError
from wijkaanpak.finance.importing import TOTAL_MEANINGS, UNITS, euros
from wijkaanpak.finance.services import budget_import
from wijkaanpak.programmes.selectors import programme_get


class Command(BaseCommand):
    help = (
        "Import a budget table as the progress report prints it (CSV or XLSX with "
        "'Onderwerp; Bedrag (x 1.000 euro)' and a 'Totaal' row) for one programme and year."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--programme", required=True, help="programme slug")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument(
            "--unit", choices=UNITS, help="amounts in thousands or euros (default: the header)"
        )
        parser.add_argument(
            "--total-means",
            choices=TOTAL_MEANINGS,
            help="what the printed total is when it differs from the sum of the lines",
        )
        parser.add_argument("--dry-run", action="store_true", help="check and report only")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file {path}")
        try:
            with path.open("rb") as stream:  # read within the upload limits, never whole
                report = budget_import(
                    programme=programme_get(slug=options["programme"]),
                    year=options["year"],
                    content=stream,
                    filename=path.name,
                    unit=options["unit"],
                    total_means=options["total_means"],
                    dry_run=options["dry_run"],
                    by=SYSTEM,
                )
        except DomainError as exc:
            lines = [exc.message]
            for error in exc.errors:
                where = f"row {error['row']}: " if error.get("row") else ""
                lines.append(f"  {where}{error['message']}")
            raise CommandError("\n".join(lines)) from exc
        out = self.stdout
        out.write(f"{len(report.lines)} lines, unit {report.unit}")
        out.write(report.message)
        out.write(
            f"budget {euros(report.budget)}, allocated {euros(report.allocated)}, "
            f"not yet allocated {euros(report.unallocated)}"
        )
        for item in report.unmatched:
            out.write(
                f"  not matched to an organisation or kans: row {item['row']} {item['subject']}"
            )
        for warning in report.warnings:
            out.write(f"  warning row {warning.get('row', '-')}: {warning['message']}")
        if report.needs_decision:
            raise CommandError(
                "Nothing written: say what the printed total means with "
                "--total-means allocated|budget."
            )
        if report.written:
            out.write(
                self.style.SUCCESS(f"Imported {report.year} ({report.replaced} lines replaced).")
            )
        else:
            out.write("Dry run: nothing written.")
