"""Activities and their follow-up actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user
from wijkaanpak.accounts.models import User
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.core.history import record_as
from wijkaanpak.opportunities.models import Opportunity
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.participation import selectors
from wijkaanpak.participation.models import (
    Activity,
    ActivityKind,
    FollowUpAction,
    FollowUpStatus,
)
from wijkaanpak.participation.services._common import (
    _calendar_changed,
    _choice,
    _required,
    _same_programme,
    _stale,
)
from wijkaanpak.programmes.models import Programme, Theme

# --- activities ----------------------------------------------------------------------------

ACTIVITY_FIELDS = (
    "kind",
    "title",
    "theme",
    "starts_at",
    "ends_at",
    "place",
    "expected_attendance",
    "actual_attendance",
    "public",
    "description",
    "outcomes",
    "source",
)


def _activity_errors(programme: Programme, values: dict[str, Any]) -> list[dict[str, object]]:
    errors: list[dict[str, object]] = []
    _choice(errors, "kind", str(values["kind"]), ActivityKind)
    _required(errors, "title", values["title"])
    theme: Theme | None = values["theme"]
    if theme is not None:
        _same_programme(errors, "theme", programme, [theme])
    starts, ends = values["starts_at"], values["ends_at"]
    if timezone.is_naive(starts) or (ends is not None and timezone.is_naive(ends)):
        errors.append({"field": "starts_at", "message": _("a time zone is required")})
    elif ends is not None and ends < starts:
        errors.append({"field": "ends_at", "message": _("ends before it starts")})
    for name in ("expected_attendance", "actual_attendance"):
        if values[name] is not None and not 0 <= values[name] <= 1_000_000:
            errors.append({"field": name, "message": _("must be between 0 and 1,000,000")})
    return errors


def _check_organisers(*, by: Actor, programme: Programme, organisers: list[Organisation]) -> None:
    """Partners (not editors) record activities of their own organisation only."""
    if selectors.user_is_editor(user=by, programme=programme):
        return
    own = selectors.partner_organisation_ids(user=by, programme=programme)
    if not own:
        raise Forbidden(
            _(
                "You need the editor role in this programme, or to work for an organisation "
                "in one of its coalitions."
            )
        )
    if not any(o.pk in own for o in organisers):
        raise InvalidInput(
            _("Name your own organisation among the organisers."),
            errors=[{"field": "organisers", "message": _("your organisation is missing")}],
        )


@transaction.atomic
def activity_create(
    *,
    programme: Programme,
    kind: ActivityKind | str,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None = None,
    theme: Theme | None = None,
    place: str = "",
    organisers: Iterable[Organisation] = (),
    expected_attendance: int | None = None,
    actual_attendance: int | None = None,
    public: bool = True,
    description: str = "",
    outcomes: str = "",
    source: str = "",
    by: Actor,
) -> Activity:
    organisers = list(organisers)
    _check_organisers(by=by, programme=programme, organisers=organisers)
    values: dict[str, Any] = {
        "kind": str(kind),
        "title": title.strip(),
        "theme": theme,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": place.strip(),
        "expected_attendance": expected_attendance,
        "actual_attendance": actual_attendance,
        "public": public,
        "description": description.strip(),
        "outcomes": outcomes.strip(),
        "source": source.strip(),
    }
    errors = _activity_errors(programme, values)
    if errors:
        raise InvalidInput(_("The activity is not valid."), errors=errors)
    activity = Activity(programme=programme, created_by=acting_user(by), **values)
    record_as(activity, acting_user(by)).save()
    activity.organisers.set(organisers)
    _calendar_changed(programme.pk)
    return activity


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    version: int | None = None,
    organisers: Iterable[Organisation] | None = None,
    by: Actor,
    **fields: Any,
) -> Activity:
    """Change the given fields; a stale `version` is a Conflict naming what changed."""
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if not selectors.user_may_edit_activity(user=by, activity=activity):
        raise Forbidden(_("Only editors and the organising partners may change this activity."))
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    if version is not None and current.version != version:
        raise _stale(_("activity"), instance=current, version=version)
    if organisers is not None:
        organisers = list(organisers)
        _check_organisers(by=by, programme=current.programme, organisers=organisers)
    values = {name: getattr(current, name) for name in ACTIVITY_FIELDS}
    for name, value in fields.items():
        values[name] = value.strip() if isinstance(value, str) else value
    values["kind"] = str(values["kind"])
    errors = _activity_errors(current.programme, values)
    if errors:
        raise InvalidInput(_("The activity is not valid."), errors=errors)
    for name, value in values.items():
        setattr(current, name, value)
    current.version += 1
    record_as(current, acting_user(by)).save()
    if organisers is not None:
        current.organisers.set(organisers)
    _calendar_changed(current.programme_id)
    return current


# --- follow-up actions ---------------------------------------------------------------------


def _notify_assignee(action: FollowUpAction) -> None:
    from wijkaanpak.notifications.services import notify

    if action.assignee is None:
        return
    notify(
        event="follow_up_assigned",
        recipients=[action.assignee],
        key=f"follow-up-assigned:{action.pk}:{action.assignee_id}",
        subject=_("A follow-up action of %(activity)s was assigned to you")
        % {"activity": action.activity.title},
        url=reverse("participation:activity", args=[action.activity_id]),
        programme_id=action.activity.programme_id,
    )


def _follow_up_errors(
    activity: Activity, text: str, assignee: User | None, opportunity: Opportunity | None
) -> list[dict[str, object]]:
    errors: list[dict[str, object]] = []
    _required(errors, "text", text)
    if opportunity is not None and opportunity.programme_id != activity.programme_id:
        errors.append({"field": "opportunity", "message": _("not of this programme")})
    if assignee is not None and not selectors.user_may_see_internal(
        user=assignee, programme=activity.programme
    ):
        errors.append({"field": "assignee", "message": _("not a member of this programme")})
    return errors


@transaction.atomic
def follow_up_create(
    *,
    activity: Activity,
    text: str,
    assignee: User | None = None,
    due_on: dt.date | None = None,
    opportunity: Opportunity | None = None,
    by: Actor,
) -> FollowUpAction:
    if not selectors.user_may_edit_activity(user=by, activity=activity):
        raise Forbidden(_("Only editors and the organising partners may change this activity."))
    errors = _follow_up_errors(activity, text, assignee, opportunity)
    if errors:
        raise InvalidInput(_("The follow-up action is not valid."), errors=errors)
    action = FollowUpAction(
        activity=activity,
        text=text.strip(),
        assignee=assignee,
        due_on=due_on,
        opportunity=opportunity,
    )
    record_as(action, acting_user(by)).save()
    _notify_assignee(action)
    return action


def _lock_open(action: FollowUpAction, version: int | None) -> FollowUpAction:
    current = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    if version is not None and current.version != version:
        raise _stale(_("follow-up action"), instance=current, version=version)
    if current.status == FollowUpStatus.DONE:
        raise Conflict(
            _("This follow-up action is already done."),
            errors=[{"field": "status", "message": _("already done")}],
        )
    return current


def _finish(current: FollowUpAction, by: Actor) -> FollowUpAction:
    current.status = FollowUpStatus.DONE
    current.version += 1
    record_as(current, acting_user(by)).save()
    return current


@transaction.atomic
def follow_up_complete(
    *, action: FollowUpAction, version: int | None = None, by: Actor
) -> FollowUpAction:
    if not selectors.user_may_edit_activity(user=by, activity=action.activity):
        raise Forbidden(_("Only editors and the organising partners may change this activity."))
    return _finish(_lock_open(action, version), by)


@transaction.atomic
def follow_up_to_progress(
    *,
    action: FollowUpAction,
    opportunity: Opportunity | None = None,
    date: dt.date | None = None,
    text: str = "",
    version: int | None = None,
    by: Actor,
) -> FollowUpAction:
    """The action becomes a progress update of a kans (opportunities' own service, which
    checks that `by` may contribute to that kans)."""
    from wijkaanpak.opportunities.services import progress_update_create

    current = _lock_open(action, version)
    kans = opportunity or current.opportunity
    if kans is None or kans.programme_id != current.activity.programme_id:
        raise InvalidInput(
            _("Choose a kans of this programme."),
            errors=[{"field": "opportunity", "message": _("required")}],
        )
    activity = current.activity
    update = progress_update_create(
        opportunity=kans,
        date=date or timezone.localtime(activity.starts_at).date(),
        text=text.strip() or f"{activity.title}: {current.text}",
        by=by,
    )
    current.opportunity, current.progress_update = kans, update
    return _finish(current, by)


@transaction.atomic
def follow_up_to_interpretation(
    *,
    action: FollowUpAction,
    title: str = "",
    participants: str = "",
    text: str = "",
    version: int | None = None,
    by: Actor,
) -> FollowUpAction:
    """The action becomes a kenniskring interpretation (indicators' own service and rules)."""
    from wijkaanpak.indicators.services import interpretation_create

    current = _lock_open(action, version)
    activity = current.activity
    attendance = activity.actual_attendance or activity.expected_attendance
    interpretation = interpretation_create(
        programme=activity.programme,
        date=timezone.localtime(activity.starts_at).date(),
        title=title.strip() or activity.title,
        participants=participants.strip()
        or (_("%(n)s participants") % {"n": attendance} if attendance else activity.title),
        text=text.strip() or current.text,
        by=by,
    )
    current.interpretation = interpretation
    return _finish(current, by)
