"""Demo data of this app for the Overvecht demo (see wijkaanpak.core.demo)."""

from __future__ import annotations


def load() -> None:
    pass
