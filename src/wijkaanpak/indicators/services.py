"""Writes of the indicator monitor: indicators, targets, observations, imports, interpretations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import SYSTEM, Actor, acting_user, is_system
from wijkaanpak.accounts.selectors import user_may_import_for
from wijkaanpak.areas.models import Area
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.core.history import changes_since, record_as
from wijkaanpak.core.tabular import sniff_delimiter
from wijkaanpak.indicators import selectors
from wijkaanpak.indicators.importers import FORMATS, import_file
from wijkaanpak.indicators.importers.base import DerivedParser
from wijkaanpak.indicators.importers.common import Problems
from wijkaanpak.indicators.importers.writer import run_import
from wijkaanpak.indicators.models import (
    AreaNameMapping,
    Indicator,
    Interpretation,
    Observation,
    ObservationStatus,
    Target,
)
from wijkaanpak.programmes.models import Ambition, Programme


@transaction.atomic
def indicator_create_or_update(
    *,
    code: str,
    name_nl: str,
    name_en: str = "",
    unit: str = "number",
    direction: str = "neutral",
    definition: str = "",
    source: str = "",
    ambitions: Iterable[Ambition] | None = None,
    numerator: Indicator | None = None,
    denominator: Indicator | None = None,
    factor: float = 1.0,
) -> Indicator:
    indicator, _ = Indicator.objects.update_or_create(
        code=code,
        defaults={
            "name_nl": name_nl,
            "name_en": name_en,
            "unit": unit,
            "direction": direction,
            "definition": definition,
            "source": source,
            "numerator": numerator,
            "denominator": denominator,
            "factor": factor,
            "created_by_import": False,
        },
    )
    if ambitions is not None:
        indicator.ambitions.set(list(ambitions))
    return indicator


@transaction.atomic
def observation_set(
    *,
    indicator: Indicator,
    area: Area,
    period: int,
    value: float | None,
    source: str,
    release: str = "",
    missing_reason: str = "",
    status: str = ObservationStatus.FINAL,
) -> Observation:
    """Record one value. A different value of a newer release replaces the current one,
    which stays as history; the same value again changes nothing."""
    if value is None and not missing_reason:
        raise InvalidInput("A value or a reason it is missing is required")
    if value is not None and indicator.unit == "percent" and not 0 <= value <= 100:
        raise InvalidInput(
            "Not a percentage", errors=[{"field": "value", "message": "expected 0 to 100"}]
        )
    release = release or source
    current = Observation.objects.filter(
        indicator=indicator, area=area, period=period, is_current=True
    ).first()
    if current is not None:
        if (current.value, current.missing_reason, current.source, current.release) == (
            value,
            missing_reason,
            source,
            release,
        ):
            return current
        current.is_current = False
        current.save(update_fields=["is_current"])
    return Observation.objects.create(
        indicator=indicator,
        area=area,
        period=period,
        value=value,
        missing_reason=missing_reason,
        source=source,
        release=release,
        status=status,
    )


def derived_observations_compute(*, indicator: Indicator) -> int:
    """Compute a derived indicator (numerator / denominator x factor) wherever both exist, in
    bulk through the import writer: unchanged values stay, changed ones go to history."""
    if indicator.numerator_id is None or indicator.denominator_id is None:
        return 0
    parser = DerivedParser(indicator=indicator, problems=Problems(file_name=indicator.code))
    report = run_import(
        parser=parser,
        fmt="long",
        file_name=f"{indicator.code} (berekend)",
        source=parser.source or "",
        dry_run=False,
        by=SYSTEM,
        allow_empty=True,
        keep_unchanged_run=False,
    )
    return int(report["values_written"])


def indicators_import(
    *,
    user: Actor,
    stream: IO[bytes],
    file_name: str,
    fmt: str,
    year: int | None = None,
    source: str = "",
    dry_run: bool = False,
    properties: list[dict[str, Any]] | None = None,
    progress: Callable[[int], None] | None = None,
    keep_unchanged_run: bool = True,
) -> dict[str, Any]:
    """Validate a whole file, then write it in one transaction; returns the report. `user` is
    a coordinator (or superuser), or SYSTEM for the demo and the command.
    Raises InvalidInput with errors naming file, row and column; nothing is written then."""
    scope = None if is_system(user) else user_may_import_for(user=user)
    if scope is not None and not scope:
        raise Forbidden(_("Only coordinators may import indicator files"))
    if scope is not None and fmt in FORMATS and fmt != "long":
        # CBS, StatLine and city monitor files define areas and national indicators.
        raise Forbidden(
            _("Only data stewards may import CBS, StatLine and city monitor files"),
            errors=[{"field": "format", "message": _("expected the long format")}],
        )
    report = import_file(
        stream=stream,
        file_name=file_name,
        fmt=fmt,
        year=year,
        source=source,
        dry_run=dry_run,
        by=user,
        properties=properties,
        progress=progress,
        keep_unchanged_run=keep_unchanged_run,
        municipalities=scope,
    )
    if not dry_run:
        for derived in Indicator.objects.filter(
            numerator__isnull=False, denominator__isnull=False
        ).select_related("numerator", "denominator"):
            derived_observations_compute(indicator=derived)
    return report


@transaction.atomic
def target_set(
    *, indicator: Indicator, area: Area, year: int, value: float, description: str = ""
) -> Target:
    target, _ = Target.objects.update_or_create(
        indicator=indicator,
        area=area,
        year=year,
        defaults={"value": value, "description": description},
    )
    return target


@transaction.atomic
def area_name_mapping_set(*, name: str, area: Area) -> AreaNameMapping:
    mapping, _ = AreaNameMapping.objects.update_or_create(
        name=name.strip(), defaults={"area": area}
    )
    return mapping


@transaction.atomic
def area_name_mappings_load(*, path: Path) -> int:
    """Load `name;code` rows (a header row is optional) into the mapping table; all or nothing."""
    import csv

    rows = []
    errors: list[dict[str, object]] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        sample = fh.readline()
        fh.seek(0)
        delimiter = sniff_delimiter(sample)
        for i, row in enumerate(csv.reader(fh, delimiter=delimiter), 1):
            if len(row) < 2 or not row[0].strip():
                continue
            name, code = row[0].strip(), row[1].strip().upper()
            if i == 1 and code.lower() == "code":
                continue
            rows.append((i, name, code))
    areas = Area.objects.in_bulk({c for _i, _n, c in rows}, field_name="code")
    for i, _name, code in rows:
        if code not in areas:
            errors.append(
                {"file": path.name, "row": i, "column": "code",
                 "message": _("Unknown area code '%(code)s'; expected the code of an existing area (e.g. WK034403)") % {"code": code}}
            )  # fmt: skip
    if errors:
        raise InvalidInput(
            _("%(file)s: the file cannot be imported") % {"file": path.name}, errors=errors
        )
    for _i, name, code in rows:
        area_name_mapping_set(name=name, area=areas[code])
    return len(rows)


@transaction.atomic
def interpretation_create_or_update(
    *,
    programme: Programme,
    date: dt.date,
    title: str,
    participants: str,
    text: str,
    indicators: Iterable[Indicator],
    areas: Iterable[Area],
    years: list[int],
) -> Interpretation:
    interpretation, _ = Interpretation.objects.update_or_create(
        programme=programme,
        date=date,
        title=title,
        defaults={"participants": participants, "text": text, "years": years},
    )
    interpretation.indicators.set(list(indicators))
    interpretation.areas.set(list(areas))
    return interpretation


# --- kenniskring interpretations and targets, by the programme team ----------------------


def _stale(what: str, *, instance: Any, version: int) -> Conflict:
    errors: list[dict[str, object]] = [{"field": "version", "message": _("stale version")}]
    for c in changes_since(instance=instance, version=version):
        errors.append(
            {
                "field": c.field,
                "message": _("Changed in the meantime: %(old)s → %(new)s")
                % {"old": c.old or "–", "new": c.new or "–"},
                "old": c.old,
                "new": c.new,
            }
        )
    return Conflict(
        _("Someone else changed this %(kind)s in the meantime; check the changes and try again.")
        % {"kind": what},
        errors=errors,
    )


def _interpretation_errors(
    *,
    programme: Programme,
    title: str,
    participants: str,
    text: str,
    indicators: list[Indicator],
    areas: list[Area],
    years: list[int],
) -> list[dict[str, object]]:
    errors: list[dict[str, object]] = []
    for name, value in (("title", title), ("participants", participants), ("text", text)):
        if not value.strip():
            errors.append({"field": name, "message": _("required")})
    allowed = set(selectors.programme_indicators(programme=programme).values_list("pk", flat=True))
    if any(i.pk not in allowed for i in indicators):
        errors.append({"field": "indicators", "message": _("not an indicator of this programme")})
    allowed_areas = set(selectors.programme_areas(programme=programme).values_list("pk", flat=True))
    if any(a.pk not in allowed_areas for a in areas):
        errors.append({"field": "areas", "message": _("not an area of this programme")})
    if any(not 1900 <= y <= 2100 for y in years):
        errors.append({"field": "years", "message": _("a year between 1900 and 2100")})
    return errors


@transaction.atomic
def interpretation_create(
    *,
    programme: Programme,
    date: dt.date,
    title: str,
    participants: str,
    text: str,
    indicators: Iterable[Indicator] = (),
    areas: Iterable[Area] = (),
    years: Iterable[int] = (),
    by: Actor,
) -> Interpretation:
    """Record a kenniskring: who took part (a description, no names), what the figures of
    which indicators, areas and years mean to them."""
    if not is_system(by) and not selectors.user_may_edit_interpretations(
        user=by, programme=programme
    ):
        raise Forbidden(_("You need the editor role in this programme."))
    indicators, areas, years = list(indicators), list(areas), sorted(set(years))
    errors = _interpretation_errors(
        programme=programme,
        title=title,
        participants=participants,
        text=text,
        indicators=indicators,
        areas=areas,
        years=years,
    )
    if errors:
        raise InvalidInput(_("The interpretation is not valid."), errors=errors)
    interpretation = Interpretation(
        programme=programme,
        date=date,
        title=title.strip(),
        participants=participants.strip(),
        text=text.strip(),
        years=years,
    )
    record_as(interpretation, acting_user(by)).save()
    interpretation.indicators.set(indicators)
    interpretation.areas.set(areas)
    return interpretation


@transaction.atomic
def interpretation_update(
    *,
    interpretation: Interpretation,
    version: int,
    by: Actor,
    indicators: Iterable[Indicator] | None = None,
    areas: Iterable[Area] | None = None,
    **fields: Any,
) -> Interpretation:
    """Change an interpretation; `version` must be the one read, else Conflict (409)."""
    programme = interpretation.programme
    if not is_system(by) and not selectors.user_may_edit_interpretations(
        user=by, programme=programme
    ):
        raise Forbidden(_("You need the editor role in this programme."))
    unknown = set(fields) - {"date", "title", "participants", "text", "years"}
    if unknown:
        raise InvalidInput(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    locked = Interpretation.objects.select_for_update().get(pk=interpretation.pk)
    if locked.version != version:
        raise _stale(_("interpretation"), instance=locked, version=version)
    for key, value in fields.items():
        if key == "years":
            value = sorted(set(value))
        setattr(locked, key, value.strip() if isinstance(value, str) else value)
    new_indicators = list(indicators if indicators is not None else locked.indicators.all())
    new_areas = list(areas if areas is not None else locked.areas.all())
    errors = _interpretation_errors(
        programme=programme,
        title=locked.title,
        participants=locked.participants,
        text=locked.text,
        indicators=new_indicators,
        areas=new_areas,
        years=list(locked.years),
    )
    if errors:
        raise InvalidInput(_("The interpretation is not valid."), errors=errors)
    locked.version += 1
    record_as(locked, acting_user(by)).save()
    if indicators is not None:
        locked.indicators.set(new_indicators)
    if areas is not None:
        locked.areas.set(new_areas)
    return locked


def _target_errors(
    *, programme: Programme, indicator: Indicator, area: Area, year: int
) -> list[dict[str, object]]:
    errors = _target_ownership_errors(programme=programme, indicator=indicator, area=area)
    if not 1900 <= year <= 2100:
        errors.append({"field": "year", "message": _("a year between 1900 and 2100")})
    return errors


def _target_ownership_errors(
    *, programme: Programme, indicator: Indicator, area: Area
) -> list[dict[str, object]]:
    """The indicator must be national or the programme's municipality's own, the area one of
    the programme's (its municipality, its target area and the areas inside that)."""
    errors: list[dict[str, object]] = []
    if not selectors.programme_indicators(programme=programme).filter(pk=indicator.pk).exists():
        errors.append({"field": "indicator", "message": _("not an indicator of this programme")})
    if not selectors.programme_areas(programme=programme).filter(pk=area.pk).exists():
        errors.append({"field": "area", "message": _("not an area of this programme")})
    return errors


@transaction.atomic
def target_create(
    *,
    programme: Programme,
    indicator: Indicator,
    area: Area,
    year: int,
    value: float,
    description: str = "",
    by: Actor,
) -> Target:
    """A target for an indicator in one of the programme's areas by a year (coordinators)."""
    if not is_system(by) and not selectors.user_may_set_targets(user=by, programme=programme):
        raise Forbidden(_("You need the coordinator role in this programme."))
    errors = _target_errors(programme=programme, indicator=indicator, area=area, year=year)
    if errors:
        raise InvalidInput(_("The target is not valid."), errors=errors)
    if Target.objects.filter(indicator=indicator, area=area, year=year).exists():
        raise InvalidInput(
            _("There is already a target for this indicator, area and year; change that one."),
            errors=[{"field": "year", "message": _("already has a target")}],
        )
    target = Target(
        indicator=indicator, area=area, year=year, value=value, description=description.strip()
    )
    record_as(target, acting_user(by)).save()
    return target


@transaction.atomic
def target_update(
    *,
    programme: Programme,
    target: Target,
    version: int,
    by: Actor,
    value: float | None = None,
    description: str | None = None,
) -> Target:
    if not is_system(by) and not selectors.user_may_set_targets(user=by, programme=programme):
        raise Forbidden(_("You need the coordinator role in this programme."))
    # The role counts only for the programme's own targets: one of another municipality's
    # areas or indicators is not this programme's to change (issue 13, tenancy).
    if _target_ownership_errors(programme=programme, indicator=target.indicator, area=target.area):
        raise Forbidden(_("This target does not belong to this programme."))
    locked = Target.objects.select_for_update().get(pk=target.pk)
    if locked.version != version:
        raise _stale(_("target"), instance=locked, version=version)
    if value is not None:
        locked.value = value
    if description is not None:
        locked.description = description.strip()
    locked.version += 1
    record_as(locked, acting_user(by)).save()
    return locked
