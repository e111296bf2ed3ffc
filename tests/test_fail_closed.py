"""Authorisation fails closed: every service that checks a role takes `by` without a default,
and `by=None` is refused (403) instead of being taken for a system write. System writes (the
demo loader, commands) pass `SYSTEM` explicitly."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
from collections.abc import Callable
from typing import Any

import pytest

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.exceptions import Forbidden

# Modules whose public functions write data on behalf of someone.
WRITE_MODULES = [
    "wijkaanpak.opportunities.services",
    "wijkaanpak.finance.services",
    "wijkaanpak.indicators.services",
    "wijkaanpak.indicators.importers",
    "wijkaanpak.outreach.services",
    "wijkaanpak.outreach.imports",
    "wijkaanpak.outreach.privacy",
]
ACTOR_PARAMETERS = ("by", "user")


def _services_taking_an_actor() -> list[tuple[str, str]]:
    found = []
    for name in WRITE_MODULES:
        module = importlib.import_module(name)
        for attr, func in vars(module).items():
            if attr.startswith("_") or not inspect.isfunction(func):
                continue
            # defined here or in a submodule of a package split by resource
            if not f"{func.__module__}.".startswith(f"{module.__name__}."):
                continue
            for parameter in inspect.signature(func).parameters.values():
                if parameter.name in ACTOR_PARAMETERS and attr.endswith(
                    ("_import", "_create", "_set", "_transition", "_record", "_update", "_resolve")
                ):
                    found.append((f"{name}.{attr}", parameter.name))
    return found


def test_there_are_services_that_take_an_actor() -> None:
    assert len(_services_taking_an_actor()) >= 13


@pytest.mark.parametrize(("service", "parameter"), _services_taking_an_actor())
def test_no_service_has_a_default_actor(service: str, parameter: str) -> None:
    module, name = service.rsplit(".", 1)
    func = getattr(importlib.import_module(module), name)
    default = inspect.signature(func).parameters[parameter].default
    assert default is inspect.Parameter.empty, f"{service}({parameter}=...) has a default"


def test_leaving_by_out_is_a_type_error(programme: Any) -> None:
    from wijkaanpak.opportunities.models import Opportunity
    from wijkaanpak.opportunities.services import opportunity_create

    with pytest.raises(TypeError, match="by"):
        opportunity_create(  # type: ignore[call-arg]
            programme=programme, title="Zonder afzender", start_date=dt.date(2020, 1, 1)
        )
    assert not Opportunity.objects.filter(title="Zonder afzender").exists()


def _calls(programme: Any, kans: Any) -> dict[str, Callable[[Any], object]]:
    from wijkaanpak.finance import services as finance
    from wijkaanpak.indicators.services import indicators_import
    from wijkaanpak.opportunities import services as opportunities
    from wijkaanpak.outreach.services import campaign_create

    measure = opportunities.measure_create(
        opportunity=kans, name="Deelnemers", rba_class="how_much", by=SYSTEM
    )
    budget = finance.budget_set(programme=programme, year=2020, amount=1000, by=SYSTEM)
    csv = b"code,area,period,value\n"
    return {
        "opportunity_create": lambda by: opportunities.opportunity_create(
            programme=programme, title="Nieuw", start_date=dt.date(2020, 1, 1), by=by
        ),
        "opportunity_transition": lambda by: opportunities.opportunity_transition(
            opportunity=kans, to="stopped", on=dt.date(2020, 2, 1), reason="klaar", by=by
        ),
        "progress_update_create": lambda by: opportunities.progress_update_create(
            opportunity=kans, date=dt.date(2020, 2, 1), text="Voortgang", by=by
        ),
        "measure_value_record": lambda by: opportunities.measure_value_record(
            measure=measure, date=dt.date(2020, 2, 1), value=3, by=by
        ),
        "budget_set": lambda by: finance.budget_set(
            programme=programme, year=2021, amount=1000, by=by
        ),
        "budget_line_create": lambda by: finance.budget_line_create(
            budget=budget, subject="Buurtkamer", amount=100, by=by
        ),
        "budget_import": lambda by: finance.budget_import(
            programme=programme, year=2020, content=b"Totaal;0\n", filename="t.csv", by=by
        ),
        "campaign_create": lambda by: campaign_create(
            programme=programme,
            area=programme.area,
            name="Campagne",
            start_date=dt.date(2020, 1, 1),
            end_date=dt.date(2020, 12, 31),
            by=by,
        ),
        "indicators_import": lambda by: indicators_import(
            user=by, stream=__import__("io").BytesIO(csv), file_name="x.csv", fmt="long"
        ),
    }


CALLS = [
    "opportunity_create",
    "opportunity_transition",
    "progress_update_create",
    "measure_value_record",
    "budget_set",
    "budget_line_create",
    "budget_import",
    "campaign_create",
    "indicators_import",
]


@pytest.mark.parametrize("name", CALLS)
def test_by_none_is_refused(name: str, programme: Any, kans: Any) -> None:
    call = _calls(programme, kans)[name]
    with pytest.raises(Forbidden):
        call(None)


@pytest.mark.parametrize("name", ["opportunity_create", "progress_update_create", "budget_set"])
def test_system_writes_pass_and_record_no_user(name: str, programme: Any, kans: Any) -> None:
    result = _calls(programme, kans)[name](SYSTEM)
    assert result is not None
    assert getattr(result, "author", None) is None
