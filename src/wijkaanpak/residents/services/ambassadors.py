"""Ambassadors: registration with consent, correction, leaving and being forgotten."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor
from wijkaanpak.accounts.models import User
from wijkaanpak.areas.models import Area
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.programmes.models import Programme
from wijkaanpak.residents.access import ambassador_of, is_team
from wijkaanpak.residents.audit import audit
from wijkaanpak.residents.models import CONSENT_VERSION, Ambassador, Signal
from wijkaanpak.residents.services.areas import buurt_in_programme


def _may_act_for(by: Actor, ambassador: Ambassador) -> bool:
    own = ambassador_of(by)
    return is_team(by, ambassador.programme) or (own is not None and own.pk == ambassador.pk)


def _clean(name: str, email: str, phone: str) -> tuple[str, str, str]:
    name, email, phone = name.strip(), email.strip().lower(), phone.strip()
    errors = []
    if not name:
        errors.append({"field": "name", "message": _("Enter a name.")})
    if len(name) > 120:
        errors.append({"field": "name", "message": _("At most 120 characters.")})
    if email and ("@" not in email or len(email) > 254):
        errors.append({"field": "email", "message": _("Enter a valid e-mail address.")})
    if len(phone) > 30:
        errors.append({"field": "phone", "message": _("At most 30 characters.")})
    if errors:
        raise InvalidInput(_("Check the fields marked."), errors=errors)
    return name, email, phone


@transaction.atomic
def ambassador_register(
    *,
    programme: Programme,
    name: str,
    email: str = "",
    phone: str = "",
    buurt: Area | None = None,
    consent: bool,
    password: str | None = None,
    username: str | None = None,
    joined_on: dt.date | None = None,
    by: Actor,
) -> Ambassador:
    """Register a resident as ambassador (the team does this with them), with a light account:
    no programme role and no two-factor authentication; it sees only their own data."""
    if not is_team(by, programme):
        raise Forbidden(_("Only the programme's team registers ambassadors."))
    if not consent:
        message = _("The ambassador must agree to the privacy statement.")
        raise InvalidInput(message, errors=[{"field": "consent", "message": message}])
    name, email, phone = _clean(name, email, phone)
    if buurt is not None:
        buurt_in_programme(programme=programme, area=buurt, field="buurt")
    user = User.objects.create(username=username or f"amb-{secrets.token_hex(5)}", email=email)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    ambassador = Ambassador.objects.create(
        programme=programme,
        user=user,
        name=name,
        email=email,
        phone=phone,
        buurt=buurt,
        consent_at=timezone.now(),
        consent_version=CONSENT_VERSION,
        joined_on=joined_on or timezone.localdate(),
    )
    audit(
        user=by,
        action="create",
        record_type="ambassador",
        record_ids=[ambassador.pk],
        source="ambassador_register",
        programme=programme,
    )
    return ambassador


@transaction.atomic
def ambassador_update(
    *, ambassador: Ambassador, name: str, email: str, phone: str, version: int, by: Actor
) -> Ambassador:
    """Correct what is held (by the ambassador or the team)."""
    if not _may_act_for(by, ambassador):
        raise Forbidden(_("You may only correct your own data."))
    current = Ambassador.objects.select_for_update().get(pk=ambassador.pk)
    if current.erased_at is not None:
        raise Conflict(_("This ambassador has been forgotten."))
    if current.version != version:
        raise Conflict(_("Someone changed these data meanwhile; reload the page."))
    name, email, phone = _clean(name, email, phone)
    Ambassador.objects.filter(pk=current.pk).update(
        name=name, email=email, phone=phone, version=F("version") + 1
    )
    if current.user_id:
        User.objects.filter(pk=current.user_id).update(email=email)
    audit(
        user=by,
        action="update",
        record_type="ambassador",
        record_ids=[current.pk],
        source="ambassador_update",
        programme=ambassador.programme,
    )
    current.refresh_from_db()
    return current


def ambassador_export(*, ambassador: Ambassador, by: Actor) -> dict[str, Any]:
    """Everything held about the ambassador (right of access)."""
    if not _may_act_for(by, ambassador):
        raise Forbidden(_("You may only see your own data."))
    signals = list(ambassador.signals.select_related("theme", "buurt").order_by("received_at"))
    audit(
        user=by,
        action="export",
        record_type="ambassador",
        record_ids=[ambassador.pk],
        source="ambassador_export",
        programme=ambassador.programme,
    )
    return {
        "name": ambassador.name,
        "email": ambassador.email,
        "phone": ambassador.phone,
        "buurt": ambassador.buurt.name if ambassador.buurt else None,
        "consent_at": ambassador.consent_at.isoformat() if ambassador.consent_at else None,
        "consent_version": ambassador.consent_version,
        "joined_on": ambassador.joined_on.isoformat(),
        "left_on": ambassador.left_on.isoformat() if ambassador.left_on else None,
        "signals": [
            {
                "code": s.code,
                "theme": s.theme.name,
                "buurt": s.buurt.name,
                "description": s.description,
                "state": s.state,
                "received_at": s.received_at.isoformat(),
            }
            for s in signals
        ],
    }


@transaction.atomic
def ambassador_leave(*, ambassador: Ambassador, by: Actor) -> Ambassador:
    """Stop as ambassador: the account can no longer log in; the data stay until forgotten
    or until the retention term has passed."""
    if not _may_act_for(by, ambassador):
        raise Forbidden(_("You may only end your own registration."))
    current = Ambassador.objects.select_for_update().get(pk=ambassador.pk)
    if current.erased_at is not None or current.left_on is not None:
        raise Conflict(_("This ambassador has already left."))
    current.left_on = timezone.localdate()
    current.version += 1
    current.save(update_fields=["left_on", "version"])
    if current.user_id:
        User.objects.filter(pk=current.user_id).update(is_active=False)
    audit(
        user=by,
        action="update",
        record_type="ambassador",
        record_ids=[current.pk],
        source="ambassador_leave",
        programme=current.programme,
    )
    return current


def _erase(ambassador_ids: list[int]) -> list[int]:
    """Empty the personal fields, close the accounts; signals stay without a sender."""
    rows = list(
        Ambassador.objects.select_for_update()
        .filter(pk__in=ambassador_ids, erased_at__isnull=True)
        .values_list("pk", "user_id")
    )
    if not rows:
        return []
    ids = [pk for pk, _user in rows]
    user_ids = [u for _pk, u in rows if u is not None]
    now = timezone.now()

    Signal.objects.filter(ambassador_id__in=ids).update(ambassador=None)
    Ambassador.objects.filter(pk__in=ids).update(
        name="",
        email="",
        phone="",
        buurt=None,
        user=None,
        erased_at=now,
        left_on=timezone.localdate(),
        version=F("version") + 1,
    )
    # The account is closed and stripped rather than deleted: the audit log keeps its link.
    for user_id in user_ids:
        User.objects.filter(pk=user_id).update(
            username=f"vergeten-{user_id}",
            email="",
            first_name="",
            last_name="",
            password="!",
            is_active=False,
        )
    return ids


@transaction.atomic
def ambassador_forget(*, ambassador: Ambassador, by: Actor) -> None:
    """Erasure on request: the ambassador's data and account are removed; the signals they
    sent stay, without a link to them. Asking twice is a Conflict (409), not an error."""
    current = (
        Ambassador.objects.select_for_update().select_related("programme").get(pk=ambassador.pk)
    )
    if current.erased_at is not None:
        raise Conflict(_("This ambassador has already been forgotten."))
    if not _may_act_for(by, current):
        raise Forbidden(_("You may only have your own data removed."))
    audit(
        user=by,
        action="erase",
        record_type="ambassador",
        record_ids=[current.pk],
        source="ambassador_forget",
        programme=current.programme,
    )
    _erase([current.pk])
