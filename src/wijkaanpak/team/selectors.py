"""Reads of the programme set-up and its team: members, open invitations, change history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, Viewer, acting_user
from wijkaanpak.accounts.models import (
    Invitation,
    MunicipalityMembership,
    ProgrammeMembership,
    ProgrammeRole,
    User,
)
from wijkaanpak.accounts.selectors import (
    user_administered_municipality_ids,
    user_has_programme_role,
    user_may_manage_programme,
)
from wijkaanpak.areas.models import Area, AreaLevel
from wijkaanpak.core.exceptions import Forbidden, NotFound
from wijkaanpak.programmes.models import Ambition, Programme, Theme

HISTORY_LIMIT = 50


def require_manager(*, user: Viewer, programme: Programme) -> None:
    """Checked before showing a team or set-up page; the services check again when writing."""
    if not user_may_manage_programme(user=user, programme=programme):
        raise Forbidden(
            _(
                "Only the programme's coordinators and its municipality's administrators may do this."
            )
        )


def user_deactivate_allowed(*, by: Actor | Viewer, user: User) -> bool:
    """An installation admin deactivates anyone but themselves; a municipality administrator
    deactivates users whose every role lies in municipalities they administer (not staff)."""
    actor = acting_user(by)
    if actor is None or actor.pk == user.pk:
        return False
    if actor.is_superuser:
        return True
    if user.is_superuser or user.is_staff:
        return False
    mine = user_administered_municipality_ids(user=actor)
    if not mine:
        return False
    theirs = set(
        ProgrammeMembership.objects.filter(user=user).values_list(
            "programme__municipality_id", flat=True
        )
    ) | set(
        MunicipalityMembership.objects.filter(user=user).values_list("municipality_id", flat=True)
    )
    return bool(theirs) and theirs <= mine


def deactivatable_ids(*, by: Viewer, user_ids: list[int]) -> set[int]:
    """Which of these users the caller may deactivate (`user_deactivate_allowed` for many, in
    a fixed number of queries)."""
    actor = acting_user(by)
    if actor is None or not user_ids:
        return set()
    if actor.is_superuser:
        return set(user_ids) - {actor.pk}
    mine = user_administered_municipality_ids(user=actor)
    if not mine:
        return set()
    roles: dict[int, set[int]] = {}
    rows = list(
        ProgrammeMembership.objects.filter(user_id__in=user_ids).values_list(
            "user_id", "programme__municipality_id"
        )
    ) + list(
        MunicipalityMembership.objects.filter(user_id__in=user_ids).values_list(
            "user_id", "municipality_id"
        )
    )
    for user_id, municipality_id in rows:
        roles.setdefault(user_id, set()).add(municipality_id)
    staff = set(
        User.objects.filter(pk__in=user_ids)
        .filter(Q(is_staff=True) | Q(is_superuser=True))
        .values_list("pk", flat=True)
    )
    return {
        user_id
        for user_id, theirs in roles.items()
        if theirs <= mine and user_id not in staff and user_id != actor.pk
    }


def require_member(*, user: Viewer, programme: Programme) -> None:
    """Members of the programme (any role) and those who manage it see its change history."""
    if not (
        user_has_programme_role(user=user, programme=programme, role=ProgrammeRole.VIEWER)
        or user_may_manage_programme(user=user, programme=programme)
    ):
        raise Forbidden(_("Only the programme's members may see its change history."))


def deactivatable_user_get(*, user: Viewer, user_id: int) -> User:
    """A user the caller may deactivate, or NotFound (others' users are not theirs to see)."""
    target = User.objects.filter(pk=user_id).first()
    if target is None or not user_deactivate_allowed(by=user, user=target):
        raise NotFound(_("No such user in your municipality."))
    return target


def municipalities_for_creation(*, user: Viewer) -> QuerySet[Area]:
    """The municipalities in which the user may create a programme."""
    qs = Area.objects.filter(level=AreaLevel.MUNICIPALITY).order_by("name")
    if isinstance(user, User) and user.is_superuser:
        return qs
    return qs.filter(pk__in=user_administered_municipality_ids(user=user))


def target_area_choices(*, municipality_ids: list[int]) -> QuerySet[Area]:
    """Areas a programme in these municipalities may target on the page: the municipality
    itself, its districts and their subdistricts (any area inside it through the API)."""
    return (
        Area.objects.filter(
            Q(pk__in=municipality_ids)
            | Q(parent_id__in=municipality_ids, level=AreaLevel.DISTRICT)
            | Q(parent__parent_id__in=municipality_ids, level=AreaLevel.SUBDISTRICT)
        )
        .select_related("parent")
        .order_by("code")
    )


def area_by_code(*, code: str, field: str) -> Area:
    from wijkaanpak.core.exceptions import InvalidInput

    area = Area.objects.filter(code=(code or "").strip().upper()).first()
    if area is None:
        raise InvalidInput(
            _("Unknown area code."), errors=[{"field": field, "message": _("unknown CBS code")}]
        )
    return area


def ambition_get(*, pk: int) -> Ambition:
    ambition = Ambition.objects.select_related("programme").filter(pk=pk).first()
    if ambition is None:
        raise NotFound(_("No such ambition."))
    return ambition


def theme_get(*, pk: int) -> Theme:
    theme = Theme.objects.select_related("programme").filter(pk=pk).first()
    if theme is None:
        raise NotFound(_("No such theme."))
    return theme


def themes_of(*, programme: Programme) -> QuerySet[Theme]:
    return Theme.objects.filter(programme=programme).order_by("name")


def members_of(*, programme: Programme) -> list[ProgrammeMembership]:
    return list(
        ProgrammeMembership.objects.filter(programme=programme)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


def open_invitations_of(*, programme: Programme) -> list[Invitation]:
    return list(
        Invitation.objects.filter(
            programme=programme, accepted_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )


def invitation_get(*, programme: Programme, pk: int) -> Invitation:
    invitation = (
        Invitation.objects.select_related("programme").filter(programme=programme, pk=pk).first()
    )
    if invitation is None:
        raise NotFound(_("No such invitation."))
    return invitation


def member_get(*, programme: Programme, user_id: int) -> User:
    membership = (
        ProgrammeMembership.objects.select_related("user")
        .filter(programme=programme, user_id=user_id)
        .first()
    )
    if membership is None:
        raise NotFound(_("This person is not a member of the programme."))
    return membership.user


# --- change history (simple-history) ---------------------------------------------------------


@dataclass
class Change:
    at: Any
    by: str
    kind: str  # "+" created, "~" changed, "-" removed
    subject: str
    changes: list[dict[str, Any]]


def _who(record: Any) -> str:
    user = getattr(record, "history_user", None)
    if user is None:
        return ""
    return str(user.get_full_name() or user.username)


def _subject(record: Any) -> str:
    user = getattr(record, "user", None) if hasattr(record, "user_id") else None
    if user is not None:
        return str(user.get_full_name() or user.username)
    return str(getattr(record, "name", "") or getattr(record, "short_name", ""))


def _diffs(records: list[Any], fields: list[str]) -> list[Change]:
    """The changes of `records` (oldest first), newest first: each record is compared with the
    record before it of the same object."""
    out: list[Change] = []
    previous_of: dict[int, Any] = {}
    for record in records:
        before = previous_of.get(record.id)
        previous_of[record.id] = record
        removed = record.history_type == "-"
        changes = []
        for f in fields:
            old = None if before is None else getattr(before, f)
            new = None if removed else getattr(record, f)
            if before is None or old != new:
                changes.append({"field": f, "before": old, "after": new})
        if record.history_type == "~" and not changes:
            continue
        out.append(
            Change(
                at=record.history_date,
                by=_who(record),
                kind=record.history_type,
                subject=_subject(record),
                changes=changes,
            )
        )
    out.reverse()
    return out


PROGRAMME_FIELDS = ["name", "area_id", "start_year", "end_year", "description"]
AMBITION_FIELDS = ["number", "short_name", "name", "description", "desired_movement", "colour"]
THEME_FIELDS = ["name", "description"]


def _history(model: type[Model], fields: list[str], **filters: Any) -> list[Change]:
    records = list(
        model.history.filter(**filters)  # type: ignore[attr-defined]
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    return _diffs(records, fields)[:HISTORY_LIMIT]


def programme_history(*, programme: Programme) -> list[Change]:
    return _area_names(_history(Programme, PROGRAMME_FIELDS, id=programme.pk))


def ambition_history(*, ambition: Ambition) -> list[Change]:
    return _history(Ambition, AMBITION_FIELDS, id=ambition.pk)


def theme_history(*, theme: Theme) -> list[Change]:
    return _history(Theme, THEME_FIELDS, id=theme.pk)


def setup_history(*, programme: Programme) -> list[Change]:
    """The programme's, its ambitions' and its themes' changes together, newest first."""
    changes = (
        _history(Programme, PROGRAMME_FIELDS, id=programme.pk)
        + _history(Ambition, AMBITION_FIELDS, programme_id=programme.pk)
        + _history(Theme, THEME_FIELDS, programme_id=programme.pk)
    )
    changes.sort(key=lambda c: c.at, reverse=True)
    return _area_names(changes[:HISTORY_LIMIT])


def _area_names(changes: list[Change]) -> list[Change]:
    """A programme's target area by name in its history (one query)."""
    ids = {
        v
        for c in changes
        for d in c.changes
        if d["field"] == "area_id"
        for v in (d["before"], d["after"])
        if v is not None
    }
    names = dict(Area.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    for c in changes:
        for d in c.changes:
            if d["field"] == "area_id":
                d["field"] = "area"
                d["before"] = names.get(d["before"], d["before"])
                d["after"] = names.get(d["after"], d["after"])
    return changes


def role_history(*, programme: Programme) -> list[Change]:
    """Who gave or took which role in the programme, newest first."""
    records = list(
        ProgrammeMembership.history.filter(programme_id=programme.pk)  # type: ignore[attr-defined]
        .select_related("history_user", "user")
        .order_by("history_date", "history_id")
    )
    return _diffs(records, ["role"])[:HISTORY_LIMIT]
