"""The OpenAPI document describes each operation with its own schemas."""

from __future__ import annotations

import collections
import importlib

from ninja import Schema

APPS = [
    "accounts",
    "areas",
    "organisations",
    "programmes",
    "opportunities",
    "indicators",
    "finance",
    "outreach",
]


def test_schema_names_are_unique_across_apps():
    """django-ninja names OpenAPI components by class name: two `TransitionIn` classes made the
    kans transition documented with the referral's fields (found by the API fuzzing)."""
    modules = collections.defaultdict(set)
    for app in APPS:
        module = importlib.import_module(f"wijkaanpak.{app}.api")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Schema)
                and value.__module__ == module.__name__
            ):
                modules[value.__name__].add(module.__name__)
    assert {name: m for name, m in modules.items() if len(m) > 1} == {}
