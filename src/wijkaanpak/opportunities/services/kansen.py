"""Creating, editing and moving a kans through its lifecycle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user
from wijkaanpak.core.exceptions import Conflict, InvalidInput
from wijkaanpak.opportunities.models import (
    TRANSITIONS,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    OpportunityStatusChange,
)
from wijkaanpak.opportunities.services.common import _create, _require_editor, _save, _stale
from wijkaanpak.programmes.models import Ambition, Programme, Theme


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
