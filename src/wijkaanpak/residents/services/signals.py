"""Signals: submission (ambassador or public), routing by theme and area, the state table."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import IO

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user
from wijkaanpak.accounts.models import User
from wijkaanpak.areas.models import Area
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.core.workdays import add_working_days
from wijkaanpak.notifications.services import notify
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.programmes.models import Programme
from wijkaanpak.residents.access import ambassador_of, is_signal_handler, is_team
from wijkaanpak.residents.models import (
    SIGNAL_TRANSITIONS,
    RoutingRule,
    Signal,
    SignalState,
    SignalTheme,
    SignalTransition,
)
from wijkaanpak.residents.photos import photo_clean
from wijkaanpak.residents.services.areas import buurt_in_programme

# No 0/O, 1/I/L: a code read out over the phone.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def _new_code() -> str:
    return "".join(secrets.choice(_ALPHABET) for _i in range(10))


def signal_theme_set(
    *, programme: Programme, name: str, service_days: int, by: Actor
) -> SignalTheme:
    if not is_team(by, programme):
        raise Forbidden(_("Only the programme's team sets up signal themes."))
    if not name.strip() or service_days < 1 or service_days > 365:
        raise InvalidInput(_("A theme needs a name and a service level of 1 to 365 days."))
    theme, _created = SignalTheme.objects.update_or_create(
        programme=programme, name=name.strip(), defaults={"service_days": service_days}
    )
    return theme


def routing_rule_set(
    *, theme: SignalTheme, area: Area | None, organisation: Organisation, by: Actor
) -> RoutingRule:
    if not is_team(by, theme.programme):
        raise Forbidden(_("Only the programme's team sets up routing."))
    rule, _created = RoutingRule.objects.update_or_create(
        programme=theme.programme,
        theme=theme,
        area=area,
        defaults={"organisation": organisation},
    )
    return rule


def route_for(*, theme: SignalTheme, buurt: Area) -> Organisation | None:
    """The organisation of the most specific rule: the buurt's, then its wijk's (and so on
    up), then the theme's rule without an area."""
    rules = {
        r.area_id: r.organisation
        for r in RoutingRule.objects.filter(theme=theme).select_related("organisation")
    }
    current: Area | None = buurt
    for _depth in range(6):
        if current is None:
            break
        if current.pk in rules:
            return rules[current.pk]
        current = current.parent
    return rules.get(None)


def _due(received: dt.datetime, days: int) -> dt.datetime:
    local = timezone.localtime(received)
    day = add_working_days(local.date(), days)
    return local.replace(
        year=day.year, month=day.month, day=day.day, hour=23, minute=59, second=0, microsecond=0
    )


def _record(
    signal: Signal, to: str, *, by: Actor, note: str = "", at: dt.datetime | None = None
) -> None:
    SignalTransition.objects.create(
        signal=signal,
        from_state=signal.state if signal.pk else "",
        to_state=to,
        at=at or timezone.now(),
        by=acting_user(by),
        note=note,
    )


def _notify_routed(signal: Signal) -> None:
    if signal.organisation is None:
        return
    members = User.objects.filter(
        organisation_memberships__organisation=signal.organisation, is_active=True
    )
    notify(
        event="residents.signal_routed",
        recipients=members,
        key=f"signal-routed:{signal.pk}:{signal.organisation_id}",
        subject=_("A new signal was routed to your organisation"),
        url=reverse("residents:signal", args=[signal.pk]),
        programme_id=signal.programme_id,
    )


@transaction.atomic
def signal_submit(
    *,
    programme: Programme,
    theme: SignalTheme,
    buurt: Area,
    description: str,
    photo: IO[bytes] | None = None,
    photo_size: int | None = None,
    received_at: dt.datetime | None = None,
    by: Actor,
) -> Signal:
    """A signal from an ambassador (logged in) or from anyone (the public form, `by` anonymous).
    Routed at once when a rule matches. No personal data of a public sender is kept."""
    description = description.strip()
    errors = []
    if theme.programme_id != programme.pk:
        errors.append({"field": "theme", "message": _("Choose one of the programme's themes.")})
    if not description:
        errors.append({"field": "description", "message": _("Describe what you saw.")})
    elif len(description) > 4000:
        errors.append({"field": "description", "message": _("At most 4000 characters.")})
    if errors:
        raise InvalidInput(_("Check the fields marked."), errors=errors)
    buurt_in_programme(programme=programme, area=buurt)
    stored = photo_clean(photo, size=photo_size) if photo is not None else None
    own = ambassador_of(by)
    if own is not None and own.programme_id != programme.pk:
        own = None
    now = received_at or timezone.now()
    signal = Signal(
        programme=programme,
        code=_new_code(),
        theme=theme,
        buurt=buurt,
        description=description,
        ambassador=own,
        received_at=now,
        due_at=_due(now, theme.service_days),
    )
    if stored is not None:
        signal.photo.save(stored.name or "photo.jpg", stored, save=False)
    signal.save()
    SignalTransition.objects.create(
        signal=signal, to_state=SignalState.RECEIVED, at=now, by=acting_user(by)
    )
    organisation = route_for(theme=theme, buurt=buurt)
    if organisation is not None:
        signal.organisation = organisation
        _record(signal, SignalState.ROUTED, by=by, note=organisation.name, at=now)
        signal.state = SignalState.ROUTED
        signal.save(update_fields=["organisation", "state"])
        _notify_routed(signal)
    else:
        team = User.objects.filter(
            programme_memberships__programme=programme,
            programme_memberships__role__in=("editor", "coordinator"),
            is_active=True,
        )
        notify(
            event="residents.signal_received",
            recipients=team,
            key=f"signal-received:{signal.pk}",
            subject=_("A signal waits to be routed"),
            url=reverse("residents:signal", args=[signal.pk]),
            programme_id=programme.pk,
        )
    return signal


@transaction.atomic
def signal_transition(
    *,
    signal: Signal,
    to: str,
    version: int,
    by: Actor,
    feedback: str = "",
    organisation: Organisation | None = None,
) -> Signal:
    """Move a signal along the state table. Routing (by hand) needs the team and names the
    organisation; handled needs feedback for the sender."""
    current = (
        Signal.objects.select_for_update(of=("self",))
        .select_related("programme", "organisation")
        .get(pk=signal.pk)
    )
    if not is_signal_handler(by, current):
        raise Forbidden(_("Only the team and the organisation it is routed to handle a signal."))
    if current.version != version:
        raise Conflict(_("Someone changed this signal meanwhile; reload the page."))
    if (current.state, to) not in SIGNAL_TRANSITIONS:
        raise Conflict(
            _("A signal cannot go from %(from)s to %(to)s.") % {"from": current.state, "to": to}
        )
    feedback = feedback.strip()
    note = feedback
    if to == SignalState.ROUTED:
        if not is_team(by, current.programme):
            raise Forbidden(_("Only the programme's team routes signals."))
        if organisation is None:
            message = _("Choose the organisation.")
            raise InvalidInput(message, errors=[{"field": "organisation", "message": message}])
        current.organisation = organisation
        note = organisation.name
    if to == SignalState.HANDLED:
        if not feedback:
            message = _("Write the feedback for the sender.")
            raise InvalidInput(message, errors=[{"field": "feedback", "message": message}])
        current.feedback = feedback
        current.handled_at = timezone.now()
    _record(current, to, by=by, note=note)
    current.state = to
    current.version = F("version") + 1
    current.save()
    current.refresh_from_db()
    if to == SignalState.ROUTED:
        _notify_routed(current)
    return current
