"""Wijkaanpak: run an integrated neighbourhood approach."""

__version__ = "0.1.0"
