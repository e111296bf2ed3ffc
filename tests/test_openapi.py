"""The OpenAPI document describes each operation with its own schemas."""

from __future__ import annotations

import collections
import importlib
import json
import pkgutil

from pydantic import BaseModel

MODULES = [
    "wijkaanpak.core.api_utils",
    *(
        f"wijkaanpak.{app}.api"
        for app in (
            "accounts",
            "areas",
            "organisations",
            "team",
            "opportunities",
            "indicators",
            "finance",
            "outreach",
        )
    ),
]


def test_schema_names_are_unique_across_apps():
    """django-ninja names OpenAPI components by class name: two different `TransitionIn`
    classes made the kans transition documented with the referral's fields (found by the API
    fuzzing). Classes may share a name only when their schemas are identical."""
    shapes: dict[str, set[str]] = collections.defaultdict(set)
    modules = [importlib.import_module(name) for name in MODULES]
    for package in [m for m in modules if hasattr(m, "__path__")]:  # an api split by resource
        modules += [
            importlib.import_module(f"{package.__name__}.{info.name}")
            for info in pkgutil.iter_modules(package.__path__)
        ]
    for module in modules:
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseModel)
                and value.__module__ == module.__name__
            ):
                try:
                    shape = json.dumps(value.model_json_schema(), sort_keys=True)
                except Exception:  # noqa: BLE001 - schemas with files etc.: compare by module
                    shape = module.__name__
                shapes[value.__name__].add(shape)
    assert sorted(name for name, found in shapes.items() if len(found) > 1) == []
