"""Writes of kansen: lifecycle, coalition, progress and measures.

Every write goes through one of these functions, whether it comes from a page, the API,
the admin, a command or a test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user, is_system
from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.accounts.selectors import user_has_programme_role
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.core.history import changes_since
from wijkaanpak.opportunities import selectors
from wijkaanpak.opportunities.models import (
    TRANSITIONS,
    CoalitionMember,
    CoalitionRole,
    Measure,
    MeasureValue,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    OpportunityStatusChange,
    ProgressUpdate,
    RbaClass,
)
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.programmes.models import Ambition, Programme, Theme

M = TypeVar("M", bound=models.Model)


def _save(instance: Any, *, by: Actor, fields: list[str] | None = None, reason: str = "") -> None:
    """Save through the model, so django-simple-history records who (`by`) and what."""
    instance._history_user = acting_user(by)
    if reason:
        instance._change_reason = reason[:100]
    instance.save(update_fields=fields)


def _create(model: type[M], *, actor: Actor, **fields: Any) -> M:
    instance = model(**fields)
    setattr(instance, "_history_user", acting_user(actor))  # noqa: B010 (read by simple-history)
    instance.save()
    return instance


def editor_required() -> Forbidden:
    return Forbidden(_("You need the editor role in this programme."))


def _require_editor(*, user: Actor, programme: Programme) -> None:
    """SYSTEM is a system write (demo loader, command); a user needs the editor role.
    Anything else (None, anonymous) is refused."""
    if is_system(user):
        return
    if not user_has_programme_role(user=user, programme=programme, role=ProgrammeRole.EDITOR):
        raise editor_required()


def _require_contributor(*, user: Actor, opportunity: Opportunity) -> None:
    """Progress updates and measure values: editors, and members of a coalition organisation
    of this kans (selectors.user_may_contribute)."""
    if not selectors.user_may_contribute(user=user, opportunity=opportunity):
        raise Forbidden(
            _(
                "You need the editor role in this programme, or to work for an organisation "
                "in this kans's coalition."
            )
        )


@transaction.atomic
def opportunity_create(
    *,
    programme: Programme,
    title: str,
    kind: OpportunityKind | str = OpportunityKind.KANS,
    description: str = "",
    goal: str = "",
    next_steps: str = "",
    ambitions: Iterable[Ambition] = (),
    themes: Iterable[Theme] = (),
    location: str = "",
    area: Any = None,
    status: OpportunityStatus | str = OpportunityStatus.ACTIVE,
    start_date: dt.date,
    by: Actor,
) -> Opportunity:
    """Create a kans or long-running work, starting its history at `start_date`."""
    _require_editor(user=by, programme=programme)
    if not title.strip():
        raise InvalidInput(
            _("A title is required."), errors=[{"field": "title", "message": _("required")}]
        )
    if kind == OpportunityKind.LONG_RUNNING and status == OpportunityStatus.ACTIVE:
        status = OpportunityStatus.LONG_RUNNING
    if status == OpportunityStatus.LONG_RUNNING:
        kind = OpportunityKind.LONG_RUNNING
    base = slugify(title)[:190] or "kans"
    slug, n = base, 1
    while Opportunity.objects.filter(programme=programme, slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    opportunity = _create(
        Opportunity,
        actor=by,
        programme=programme,
        kind=kind,
        status=status,
        title=title.strip(),
        slug=slug,
        description=description,
        goal=goal,
        next_steps=next_steps,
        location=location,
        area=area,
    )
    opportunity.ambitions.set(list(ambitions))
    opportunity.themes.set(list(themes))
    OpportunityStatusChange.objects.create(
        opportunity=opportunity,
        from_status="",
        status=status,
        kind=kind,
        effective_date=start_date,
        reason="",
        by=acting_user(by),
    )
    return opportunity


@transaction.atomic
def opportunity_transition(
    *,
    opportunity: Opportunity,
    to: OpportunityStatus | str,
    on: dt.date,
    reason: str = "",
    merged_into: Opportunity | None = None,
    by: Actor,
    version: int | None = None,
) -> OpportunityStatusChange:
    """Move a kans through its lifecycle on a date, with a reason. History is appended."""
    _require_editor(user=by, programme=opportunity.programme)
    locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if version is not None and version != locked.version:
        raise Conflict(_("This kans was changed by someone else; reload and try again."))
    if to not in OpportunityStatus.values:
        raise InvalidInput(
            _("Unknown status."), errors=[{"field": "to", "message": _("unknown status")}]
        )
    if to not in TRANSITIONS[locked.status]:
        raise Conflict(
            _("A kans cannot go from %(from)s to %(to)s.")
            % {"from": locked.get_status_display(), "to": OpportunityStatus(to).label}
        )
    errors: list[dict[str, object]] = []
    needs_reason = (
        OpportunityStatus.STOPPED,
        OpportunityStatus.MERGED,
        OpportunityStatus.LONG_RUNNING,
    )
    if to in needs_reason and not reason.strip():
        errors.append({"field": "reason", "message": _("Give a reason for this change.")})
    if to == OpportunityStatus.MERGED:
        if merged_into is None:
            errors.append({"field": "merged_into", "message": _("Say which kans it merges into.")})
        elif merged_into.pk == locked.pk or merged_into.programme_id != locked.programme_id:
            errors.append(
                {"field": "merged_into", "message": _("Choose another kans of this programme.")}
            )
    elif merged_into is not None:
        errors.append({"field": "merged_into", "message": _("Only for a merge.")})
    last = locked.status_changes.order_by("-effective_date", "-id").first()
    if last is not None and on < last.effective_date:
        errors.append(
            {
                "field": "on",
                "message": _("The date may not be before the previous change (%(date)s).")
                % {"date": last.effective_date.isoformat()},
            }
        )
    if errors:
        raise InvalidInput(_("The status change is not valid."), errors=errors)
    kind = locked.kind
    if to == OpportunityStatus.LONG_RUNNING:
        kind = OpportunityKind.LONG_RUNNING
    elif to == OpportunityStatus.ACTIVE:
        kind = OpportunityKind.KANS
    change = OpportunityStatusChange.objects.create(
        opportunity=locked,
        from_status=locked.status,
        status=to,
        kind=kind,
        effective_date=on,
        reason=reason.strip(),
        merged_into=merged_into,
        by=acting_user(by),
    )
    locked.status, locked.kind, locked.version = to, kind, locked.version + 1
    _save(locked, by=by, reason=reason.strip(), fields=["status", "kind", "version"])
    opportunity.status, opportunity.kind, opportunity.version = to, kind, locked.version
    return change


@transaction.atomic
def coalition_member_set(
    *,
    opportunity: Opportunity,
    organisation: Organisation,
    role: CoalitionRole | str,
    by: Actor,
) -> CoalitionMember:
    _require_editor(user=by, programme=opportunity.programme)
    member, _ = CoalitionMember.objects.update_or_create(
        opportunity=opportunity, organisation=organisation, defaults={"role": role}
    )
    return member


@transaction.atomic
def progress_update_create(
    *,
    opportunity: Opportunity,
    date: dt.date,
    text: str,
    next_steps: str = "",
    by: Actor,
) -> ProgressUpdate:
    _require_contributor(user=by, opportunity=opportunity)
    if not text.strip():
        raise InvalidInput(
            _("Describe the progress."), errors=[{"field": "text", "message": _("required")}]
        )
    update = _create(
        ProgressUpdate,
        actor=by,
        opportunity=opportunity,
        date=date,
        text=text.strip(),
        next_steps=next_steps.strip(),
        author=acting_user(by),
    )
    if next_steps.strip():
        Opportunity.objects.filter(pk=opportunity.pk).update(next_steps=next_steps.strip())
    return update


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


def _stale(kind: str, *, instance: Any, version: int) -> Conflict:
    """A stale version (409), naming each field that changed since `version` was read."""
    errors: list[dict[str, object]] = [{"field": "version", "message": _("stale version")}]
    for change in changes_since(instance=instance, version=version):
        errors.append(
            {
                "field": change.field,
                "message": _("Changed in the meantime: %(old)s → %(new)s")
                % {"old": change.old or "–", "new": change.new or "–"},
                "old": change.old,
                "new": change.new,
            }
        )
    return Conflict(
        _("Someone else changed this %(kind)s in the meantime; check the changes and try again.")
        % {"kind": kind},
        errors=errors,
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


# --- editing a kans -----------------------------------------------------------------------

OPPORTUNITY_FIELDS = ("title", "description", "goal", "next_steps", "location", "area")


@transaction.atomic
def opportunity_update(
    *,
    opportunity: Opportunity,
    version: int,
    by: Actor,
    ambitions: Iterable[Ambition] | None = None,
    themes: Iterable[Theme] | None = None,
    **fields: Any,
) -> Opportunity:
    """Change a kans's description; `version` must be the one read, else Conflict (409).
    The status changes only through `opportunity_transition` (the yearly review)."""
    _require_editor(user=by, programme=opportunity.programme)
    unknown = set(fields) - set(OPPORTUNITY_FIELDS)
    if unknown:
        raise InvalidInput(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    if "title" in fields and not str(fields["title"]).strip():
        raise InvalidInput(
            _("A title is required."), errors=[{"field": "title", "message": _("required")}]
        )
    errors: list[dict[str, object]] = []
    ambitions = list(ambitions) if ambitions is not None else None
    themes = list(themes) if themes is not None else None
    if ambitions is not None and any(a.programme_id != opportunity.programme_id for a in ambitions):
        errors.append({"field": "ambitions", "message": _("Choose from this programme.")})
    if themes is not None and any(t.programme_id != opportunity.programme_id for t in themes):
        errors.append({"field": "themes", "message": _("Choose from this programme.")})
    if errors:
        raise InvalidInput(str(errors[0]["message"]), errors=errors)
    locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if locked.version != version:
        raise _stale(_("kans"), instance=locked, version=version)
    for key, value in fields.items():
        setattr(locked, key, value.strip() if isinstance(value, str) else value)
    locked.version += 1
    _save(locked, by=by)
    if ambitions is not None:
        locked.ambitions.set(list(ambitions))
    if themes is not None:
        locked.themes.set(list(themes))
    return locked


# --- coalition ------------------------------------------------------------------------------


def _current(member: CoalitionMember, on: dt.date) -> bool:
    return member.left_on is None or member.left_on > on


def _check_lead(*, opportunity: Opportunity, members: list[CoalitionMember]) -> None:
    """A coalition with current members has at least one current lead."""
    from django.utils import timezone

    today = timezone.localdate()
    current = [m for m in members if _current(m, today)]
    if current and not any(m.role == CoalitionRole.LEAD for m in current):
        raise InvalidInput(
            _(
                "A coalition needs a lead: add the lead organisation first, or make another "
                "member the lead before this change."
            ),
            errors=[{"field": "role", "message": _("the coalition would have no lead")}],
        )


def _coalition_with(
    opportunity: Opportunity, changed: CoalitionMember | None = None
) -> list[CoalitionMember]:
    members = [
        m
        for m in CoalitionMember.objects.filter(opportunity=opportunity)
        if changed is None or m.pk != changed.pk
    ]
    return [*members, changed] if changed is not None else members


def _dates_errors(joined_on: dt.date | None, left_on: dt.date | None) -> list[dict[str, object]]:
    if joined_on is not None and left_on is not None and left_on < joined_on:
        return [
            {"field": "left_on", "message": _("The date left may not be before the date joined.")}
        ]
    return []


@transaction.atomic
def coalition_member_add(
    *,
    opportunity: Opportunity,
    organisation: Organisation,
    role: CoalitionRole | str,
    joined_on: dt.date | None = None,
    contact_function: str = "",
    by: Actor,
) -> CoalitionMember:
    """Add an organisation to the kans's coalition. The first current member must be the lead."""
    _require_editor(user=by, programme=opportunity.programme)
    Opportunity.objects.select_for_update().filter(pk=opportunity.pk).first()
    if role not in CoalitionRole.values:
        raise InvalidInput(_("Unknown role."), errors=[{"field": "role", "message": _("unknown")}])
    if CoalitionMember.objects.filter(opportunity=opportunity, organisation=organisation).exists():
        raise InvalidInput(
            _("This organisation is already in the coalition; change its membership instead."),
            errors=[{"field": "organisation", "message": _("already a member")}],
        )
    member = CoalitionMember(
        opportunity=opportunity,
        organisation=organisation,
        role=role,
        joined_on=joined_on,
        contact_function=contact_function.strip(),
    )
    _check_lead(opportunity=opportunity, members=_coalition_with(opportunity, member))
    _save(member, by=by)
    return member


COALITION_FIELDS = ("role", "joined_on", "left_on", "contact_function")


@transaction.atomic
def coalition_member_update(
    *, member: CoalitionMember, version: int, by: Actor, **fields: Any
) -> CoalitionMember:
    """Change a membership (role, dates, contact function); ending it is setting `left_on`.
    A stale `version` is a Conflict (409); a change that leaves no current lead is refused."""
    opportunity = member.opportunity
    _require_editor(user=by, programme=opportunity.programme)
    unknown = set(fields) - set(COALITION_FIELDS)
    if unknown:
        raise InvalidInput(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    Opportunity.objects.select_for_update().filter(pk=opportunity.pk).first()
    locked = CoalitionMember.objects.select_for_update().get(pk=member.pk)
    if locked.version != version:
        raise _stale(_("coalition membership"), instance=locked, version=version)
    if "role" in fields and fields["role"] not in CoalitionRole.values:
        raise InvalidInput(_("Unknown role."), errors=[{"field": "role", "message": _("unknown")}])
    for key, value in fields.items():
        setattr(locked, key, value.strip() if isinstance(value, str) else value)
    errors = _dates_errors(locked.joined_on, locked.left_on)
    if errors:
        raise InvalidInput(str(errors[0]["message"]), errors=errors)
    _check_lead(opportunity=opportunity, members=_coalition_with(opportunity, locked))
    locked.version += 1
    _save(locked, by=by)
    return locked


def coalition_member_end(
    *, member: CoalitionMember, left_on: dt.date, version: int, by: Actor
) -> CoalitionMember:
    """End a membership on a date (the row and its history stay)."""
    return coalition_member_update(member=member, version=version, by=by, left_on=left_on)


# --- progress updates: edited and removed by their author or a coordinator ----------------


def _require_author_or_coordinator(*, user: Actor, update: ProgressUpdate) -> None:
    if not selectors.user_may_change_progress(user=user, update=update):
        raise Forbidden(_("Only the author of a progress update or a coordinator may change it."))


@transaction.atomic
def progress_update_update(
    *,
    update: ProgressUpdate,
    version: int,
    by: Actor,
    date: dt.date | None = None,
    text: str | None = None,
    next_steps: str | None = None,
) -> ProgressUpdate:
    _require_author_or_coordinator(user=by, update=update)
    locked = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    if locked.version != version:
        raise _stale(_("progress update"), instance=locked, version=version)
    if text is not None:
        if not text.strip():
            raise InvalidInput(
                _("Describe the progress."), errors=[{"field": "text", "message": _("required")}]
            )
        locked.text = text.strip()
    if date is not None:
        locked.date = date
    if next_steps is not None:
        locked.next_steps = next_steps.strip()
    locked.version += 1
    _save(locked, by=by)
    return locked


@transaction.atomic
def progress_update_delete(
    *, update: ProgressUpdate, version: int | None = None, by: Actor
) -> None:
    """Remove a progress update; its history keeps what it said and who removed it."""
    _require_author_or_coordinator(user=by, update=update)
    locked = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    if version is not None and locked.version != version:
        raise _stale(_("progress update"), instance=locked, version=version)
    setattr(locked, "_history_user", acting_user(by))  # noqa: B010 (read by simple-history)
    locked.delete()
