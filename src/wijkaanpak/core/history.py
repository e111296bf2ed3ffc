"""Change history for non-personal data, recorded by django-simple-history.

Models register `history = HistoricalRecords()`; services set `instance._history_user` to the
acting user before saving (`record_as`). These helpers turn the recorded rows into entries with
who, when and each field before and after, for the object's page and the API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _


def history_m2m(model: Any, *names: str) -> list[str]:
    """The accessors on `model`'s history rows for the snapshots of these many-to-many fields
    (simple-history `m2m_fields`), to prefetch: `records.prefetch_related(*history_m2m(...))`."""
    historical = model.history.model
    found = {
        rel.related_model.__name__: rel.get_accessor_name()
        for rel in historical._meta.related_objects
    }
    return [found[f"{historical.__name__}_{name}"] for name in names]


def record_as(instance: Any, user: Any) -> Any:
    """Mark who makes the next save or delete of `instance` (None for the system)."""
    instance._history_user = user
    return instance


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    by: str | None
    object_type: str
    object_label: str
    action: str  # created, changed, deleted
    object_type_label: str
    changes: list[FieldChange]


_HIDDEN = {"id", "version", "created_at"}


def _display(model: Any, name: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    field = model._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _user_label(user: Any) -> str | None:
    if user is None:
        return None
    return str(user.get_full_name() or user.get_username())


def history_entries(
    model: Any,
    records: list[Any],
    *,
    object_type: str,
    object_type_label: str = "",
    label: Callable[[Any], str],
    names: dict[str, dict[Any, str]] | None = None,
    hidden: set[str] | frozenset[str] = frozenset(),
    m2m: dict[str, dict[Any, str]] | None = None,
) -> list[HistoryEntry]:
    """Entries for one model's history rows (ordered by time): creation with the fields it
    was given, each change with the fields that differ from the object's previous row, and
    removal. `names` shows related objects by name ({field: {id: name}}); `hidden` leaves out fields
    (the parent the history is shown on). `m2m` shows the many-to-many fields that
    simple-history keeps (`m2m_fields`), {field: {id: name}}, as the set before and after; the
    records should come with those fields prefetched."""
    names = names or {}
    m2m = m2m or {}
    targets = {name: model._meta.get_field(name).m2m_reverse_field_name() + "_id" for name in m2m}
    accessors = dict(zip(m2m, history_m2m(model, *m2m), strict=True)) if m2m else {}
    skip = _HIDDEN | set(hidden)
    # Fields the history does not keep (HistoricalRecords(excluded_fields=...)) have no value.
    tracked = {f.attname for f in model.history.model._meta.concrete_fields}
    fields = [
        f.attname
        for f in model._meta.concrete_fields
        if f.name not in skip and f.attname in tracked
    ]
    entries: list[HistoryEntry] = []
    previous: dict[int, Any] = {}
    actions = {"+": "created", "~": "changed", "-": "deleted"}
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        changes: list[FieldChange] = []
        for attname in fields:
            name = attname.removesuffix("_id") if attname.endswith("_id") else attname
            field = model._meta.get_field(name)
            new = getattr(record, attname)
            old = getattr(before, attname) if before is not None else None
            if record.history_type == "-" or (before is not None and old == new):
                continue
            if before is None and new in (None, ""):
                continue
            if field.is_relation:
                known = names.get(name, {})
                old_text = known.get(old) if old is not None else None
                new_text = known.get(new) if new is not None else None
                old_text = old_text or (str(old) if old is not None else None)
                new_text = new_text or (str(new) if new is not None else None)
            else:
                old_text, new_text = _display(model, name, old), _display(model, name, new)
            changes.append(
                FieldChange(
                    attname.removesuffix("_id"), str(field.verbose_name), old_text, new_text
                )
            )
        for name, known in m2m.items():
            if record.history_type == "-":
                break
            new_ids = {
                getattr(row, targets[name]) for row in getattr(record, accessors[name]).all()
            }
            old_ids = (
                {getattr(row, targets[name]) for row in getattr(before, accessors[name]).all()}
                if before is not None
                else set()
            )
            if new_ids == old_ids:
                continue
            changes.append(
                FieldChange(
                    name,
                    str(model._meta.get_field(name).verbose_name),
                    _names(old_ids, known),
                    _names(new_ids, known),
                )
            )
        if record.history_type == "~" and not changes:
            continue
        entries.append(
            HistoryEntry(
                at=record.history_date,
                by=_user_label(record.history_user),
                object_type=object_type,
                object_label=label(record),
                action=actions[record.history_type],
                object_type_label=object_type_label,
                changes=changes,
            )
        )
    return entries


def _names(ids: set[Any], known: dict[Any, str]) -> str | None:
    """A set of related objects by name, sorted (None when empty)."""
    return ", ".join(sorted(known.get(pk, str(pk)) for pk in ids)) or None


def changes_since(*, instance: Any, version: int) -> list[FieldChange]:
    """What changed on `instance` after the `version` a form was based on (for a 409)."""
    model = type(instance)
    then = model.history.filter(id=instance.pk, version=version).order_by("-history_id").first()
    if then is None:
        return []
    now = model.history.filter(id=instance.pk).order_by("-history_id").first()
    records = [then, now]
    entries = history_entries(model, records, object_type="", label=lambda r: "")
    return entries[-1].changes if len(entries) > 1 else []
