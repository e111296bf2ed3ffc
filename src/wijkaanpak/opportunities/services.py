"""Writes of kansen: lifecycle, coalition, progress and measures.

Every write goes through one of these functions, whether it comes from a page, the API,
the admin, a command or a test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user, is_system
from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.accounts.selectors import user_has_programme_role
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
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


def _require_editor(*, user: Actor, programme: Programme) -> None:
    """SYSTEM is a system write (demo loader, command); a user needs the editor role.
    Anything else (None, anonymous) is refused."""
    if is_system(user):
        return
    if not user_has_programme_role(user=user, programme=programme, role=ProgrammeRole.EDITOR):
        raise Forbidden(_("You need the editor role in this programme."))


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
    opportunity = Opportunity.objects.create(
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
    Opportunity.objects.filter(pk=locked.pk).update(
        status=to, kind=kind, version=locked.version + 1
    )
    opportunity.status, opportunity.kind, opportunity.version = to, kind, locked.version + 1
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
    _require_editor(user=by, programme=opportunity.programme)
    if not text.strip():
        raise InvalidInput(
            _("Describe the progress."), errors=[{"field": "text", "message": _("required")}]
        )
    update = ProgressUpdate.objects.create(
        opportunity=opportunity,
        date=date,
        text=text.strip(),
        next_steps=next_steps.strip(),
        author=acting_user(by),
    )
    if next_steps.strip():
        Opportunity.objects.filter(pk=opportunity.pk).update(next_steps=next_steps.strip())
    return update


@transaction.atomic
def measure_create(
    *,
    opportunity: Opportunity,
    name: str,
    rba_class: RbaClass | str,
    unit: str = "aantal",
    target: Decimal | int | None = None,
    target_is_minimum: bool = True,
    funnel_order: int | None = None,
    order: int = 0,
    by: Actor,
) -> Measure:
    _require_editor(user=by, programme=opportunity.programme)
    if target is not None and Decimal(target) < 0:
        raise InvalidInput(
            _("A target cannot be negative."), errors=[{"field": "target", "message": _("≥ 0")}]
        )
    if funnel_order is not None and target is not None:
        previous = (
            opportunity.measures.filter(funnel_order__lt=funnel_order, target__isnull=False)
            .order_by("-funnel_order")
            .first()
        )
        if (
            previous is not None
            and previous.target is not None
            and Decimal(target) > previous.target
        ):
            raise InvalidInput(
                _("A funnel step cannot have a larger target than the step before it."),
                errors=[{"field": "target", "message": _("at most %s") % previous.target}],
            )
    return Measure.objects.create(
        opportunity=opportunity,
        name=name,
        rba_class=rba_class,
        unit=unit,
        target=target,
        target_is_minimum=target_is_minimum,
        funnel_order=funnel_order,
        order=order,
    )


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
    _require_editor(user=by, programme=opportunity.programme)
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
    return MeasureValue.objects.create(
        measure=measure, date=date, value=value, note=note, by=acting_user(by)
    )
