"""Measures of a kans and their recorded values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.opportunities.models import (
    Measure,
    MeasureValue,
    Opportunity,
    RbaClass,
)
from wijkaanpak.opportunities.services.common import (
    _create,
    _require_contributor,
    _require_editor,
    _save,
    _stale,
)


def _measure_errors(
    *,
    opportunity: Opportunity,
    target: Decimal | int | None,
    target_date: dt.date | None,
    funnel_order: int | None,
    exclude: int | None = None,
) -> list[dict[str, object]]:
    errors: list[dict[str, object]] = []
    if target is not None and Decimal(target) < 0:
        errors.append({"field": "target", "message": _("A target cannot be negative.")})
    start = opportunity_start(opportunity=opportunity)
    if target_date is not None and start is not None and target_date < start:
        errors.append(
            {
                "field": "target_date",
                "message": _("The target date may not be before the kans started (%(date)s).")
                % {"date": start.isoformat()},
            }
        )
    others = opportunity.measures.exclude(pk=exclude) if exclude else opportunity.measures.all()
    if funnel_order is not None:
        if others.filter(funnel_order=funnel_order).exists():
            errors.append(
                {"field": "funnel_order", "message": _("Another measure has this funnel step.")}
            )
        if target is not None:
            previous = (
                others.filter(funnel_order__lt=funnel_order, target__isnull=False)
                .order_by("-funnel_order")
                .first()
            )
            if (
                previous is not None
                and previous.target is not None
                and Decimal(target) > previous.target
            ):
                errors.append(
                    {
                        "field": "target",
                        "message": _(
                            "A funnel step cannot have a larger target than the step before it "
                            "(at most %s)."
                        )
                        % f"{previous.target.normalize():f}",
                    }
                )
    return errors


def opportunity_start(*, opportunity: Opportunity) -> dt.date | None:
    """The date the kans's history starts."""
    first = opportunity.status_changes.order_by("effective_date", "id").first()
    return first.effective_date if first else None


@transaction.atomic
def measure_create(
    *,
    opportunity: Opportunity,
    name: str,
    rba_class: RbaClass | str,
    unit: str = "aantal",
    target: Decimal | int | None = None,
    target_is_minimum: bool = True,
    target_date: dt.date | None = None,
    funnel_order: int | None = None,
    order: int = 0,
    indicators: Iterable[Any] | None = None,
    by: Actor,
) -> Measure:
    _require_editor(user=by, programme=opportunity.programme)
    errors = _measure_errors(
        opportunity=opportunity, target=target, target_date=target_date, funnel_order=funnel_order
    )
    if not name.strip():
        errors.append({"field": "name", "message": _("required")})
    if rba_class not in RbaClass.values:
        errors.append({"field": "rba_class", "message": _("unknown RBA class")})
    if errors:
        raise InvalidInput(str(errors[0]["message"]), errors=errors)
    measure = _create(
        Measure,
        actor=by,
        opportunity=opportunity,
        name=name.strip(),
        rba_class=rba_class,
        unit=unit.strip() or "aantal",
        target=target,
        target_is_minimum=target_is_minimum,
        target_date=target_date,
        funnel_order=funnel_order,
        order=order,
    )
    if indicators is not None:
        measure.indicators.set(list(indicators))
    return measure


MEASURE_FIELDS = (
    "name",
    "unit",
    "target",
    "target_is_minimum",
    "target_date",
    "rba_class",
    "funnel_order",
    "order",
)


@transaction.atomic
def measure_update(
    *,
    measure: Measure,
    version: int,
    by: Actor,
    indicators: Iterable[Any] | None = None,
    **fields: Any,
) -> Measure:
    """Change a measure; `version` must be the one read, else Conflict (409)."""
    opportunity = measure.opportunity
    _require_editor(user=by, programme=opportunity.programme)
    unknown = set(fields) - set(MEASURE_FIELDS)
    if unknown:
        raise InvalidInput(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    locked = Measure.objects.select_for_update().get(pk=measure.pk)
    if locked.version != version:
        raise _stale(_("measure"), instance=locked, version=version)
    for key, value in fields.items():
        setattr(locked, key, value)
    errors = _measure_errors(
        opportunity=opportunity,
        target=locked.target,
        target_date=locked.target_date,
        funnel_order=locked.funnel_order,
        exclude=locked.pk,
    )
    if not str(locked.name).strip():
        errors.append({"field": "name", "message": _("required")})
    if locked.rba_class not in RbaClass.values:
        errors.append({"field": "rba_class", "message": _("unknown RBA class")})
    if errors:
        raise InvalidInput(str(errors[0]["message"]), errors=errors)
    locked.version += 1
    _save(locked, by=by)
    if indicators is not None:
        locked.indicators.set(list(indicators))
    return locked


def _latest_value(measure: Measure, *, on: dt.date) -> Decimal | None:
    value = measure.values.filter(date__lte=on).order_by("-date", "-id").first()
    return value.value if value else None


@transaction.atomic
def measure_value_record(
    *, measure: Measure, date: dt.date, value: Decimal | int, note: str = "", by: Actor
) -> MeasureValue:
    """Record an actual value. Refused: negative values, or a funnel step larger than the step
    before it (or smaller than the step after it) on that date."""
    opportunity = measure.opportunity
    _require_contributor(user=by, opportunity=opportunity)
    value = Decimal(value)
    if value < 0:
        raise InvalidInput(
            _("A measure value cannot be negative."),
            errors=[{"field": "value", "message": _("must be 0 or more")}],
        )
    if measure.funnel_order is not None:
        steps = list(
            opportunity.measures.filter(funnel_order__isnull=False).order_by("funnel_order")
        )
        index = next(i for i, step in enumerate(steps) if step.pk == measure.pk)
        if index > 0:
            before = steps[index - 1]
            previous = _latest_value(before, on=date)
            if previous is not None and value > previous:
                raise InvalidInput(
                    _(
                        "A funnel step cannot be larger than the step before it (%(name)s: %(value)s)."
                    )
                    % {"name": before.name, "value": f"{previous.normalize():f}"},
                    errors=[
                        {"field": "value", "message": _("at most %s") % f"{previous.normalize():f}"}
                    ],
                )
        if index + 1 < len(steps):
            after = steps[index + 1]
            following = _latest_value(after, on=date)
            if following is not None and value < following:
                raise InvalidInput(
                    _(
                        "A funnel step cannot be smaller than the step after it (%(name)s: %(value)s)."
                    )
                    % {"name": after.name, "value": f"{following.normalize():f}"},
                    errors=[
                        {
                            "field": "value",
                            "message": _("at least %s") % f"{following.normalize():f}",
                        }
                    ],
                )
    return _create(
        MeasureValue,
        actor=by,
        measure=measure,
        date=date,
        value=value,
        note=note,
        by=acting_user(by),
    )
