"""`wijkaanpak apply_retention`: anonymise outreach data whose retention term has passed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wijkaanpak.outreach.privacy import retention_apply


class Command(BaseCommand):
    help = (
        "Anonymise households, conversations and referrals of campaigns past their retention term."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = retention_apply()
        self.stdout.write(
            f"{result.households} households anonymised in {result.campaigns} expired campaigns"
        )
