from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from wijkaanpak.demo.loader import demo_is_loaded, demo_load


class Command(BaseCommand):
    help = "Load the Overvecht demo (idempotent). Demo users are refused when DEBUG is off."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Only load when the demo is not there yet."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and demo_is_loaded():
            self.stdout.write("Demo already loaded.")
            return
        demo_load()
        self.stdout.write(self.style.SUCCESS("Overvecht demo loaded."))
