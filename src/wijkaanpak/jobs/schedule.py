"""The schedule registry: `@scheduled(name=..., every=timedelta(...), label=_("..."))` on a
function without arguments. `label` is what people read on /jobs/ and in the API (Dutch via
gettext); `name` is the stable key.

Each app registers its schedules in its `tasks.py`, imported from its AppConfig.ready(). The
worker (`wijkaanpak worker`) enqueues every schedule that is due as a job and records its last
run, outcome and error on the `Schedule` row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

ScheduledFunction = Callable[[], object]


@dataclass(frozen=True)
class ScheduleSpec:
    name: str
    every: dt.timedelta
    function: ScheduledFunction
    label: str | Promise = ""


SCHEDULES: dict[str, ScheduleSpec] = {}


def scheduled(
    *, name: str, every: dt.timedelta, label: str | Promise = ""
) -> Callable[[ScheduledFunction], ScheduledFunction]:
    """Register `function` to run every `every` in the worker (no crontab needed)."""
    if every <= dt.timedelta(0):
        raise ValueError("every must be positive")

    def register(function: ScheduledFunction) -> ScheduledFunction:
        existing = SCHEDULES.get(name)
        if existing is not None and existing.function is not function:
            raise ValueError(f"schedule {name!r} is registered twice")
        SCHEDULES[name] = ScheduleSpec(
            name=name, every=every, function=function, label=label or name
        )
        return function

    return register


def schedule_label(name: str) -> str:
    """The schedule's label in the active language; its name when it has none (or is gone)."""
    spec = SCHEDULES.get(name)
    return str(spec.label) if spec is not None else name
