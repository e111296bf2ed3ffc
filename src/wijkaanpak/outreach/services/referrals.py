"""Referrals and their state machine."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor as Caller
from wijkaanpak.accounts.actors import acting_user, is_system
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.core.workdays import add_working_days
from wijkaanpak.outreach.models import (
    SHAREABLE_FIELDS,
    TRANSITIONS,
    Actor,
    AuditAction,
    Household,
    Referral,
    ReferralState,
    ReferralTransition,
    ServiceLevel,
    Theme,
)
from wijkaanpak.outreach.selectors import (
    programme_service_level,
    user_has_outreach_role,
    user_is_campaign_worker,
)
from wijkaanpak.outreach.services import events
from wijkaanpak.outreach.services.base import (
    SYSTEM,
    _audit,
    _refuse_erased,
    _refuse_expired,
    _require_worker,
)
from wijkaanpak.outreach.services.measures import campaign_measures_refresh
from wijkaanpak.outreach.services.validation import fields_check

# --- referrals ----------------------------------------------------------------------------


def _shared_snapshot(household: Household) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in household.shared_fields:
        if name == "address":
            data["address"] = str(household.address) if household.address else ""
        elif name in ("composition", "contact_preference"):
            # The handover is kept as the partner reads it: in the installation's language,
            # whatever language the caller happens to use.
            with translation.override(settings.LANGUAGE_CODE):
                data[name] = str(getattr(household, f"get_{name}_display")())
        elif name in SHAREABLE_FIELDS:
            data[name] = getattr(household, name)
    return data


@transaction.atomic
def referral_create(
    *,
    household: Household,
    organisation: Any,
    theme: Theme,
    by: Caller,
    reason: str = "",
    send: bool = False,
    source: str = SYSTEM,
) -> Referral:
    """Propose a referral carrying only the consented fields; refused when the household did not
    consent to sharing with this organisation."""
    _require_worker(by=by, campaign=household.campaign, household=household)
    _refuse_expired(household.campaign)
    _refuse_erased(household)
    fields_check(Referral, {"reason": reason})
    if not household.share_with.filter(pk=organisation.pk).exists():
        raise InvalidInput(
            _("The household did not consent to sharing with %s.") % organisation.name,
            errors=[
                {
                    "field": "organisation",
                    "message": _("no consent to share with this organisation"),
                }
            ],
        )
    referral = Referral.objects.create(
        campaign=household.campaign,
        household=household,
        organisation=organisation,
        theme=theme,
        reason=reason,
        shared_data=_shared_snapshot(household),
        created_by=acting_user(by),
    )
    ReferralTransition.objects.create(
        referral=referral,
        from_state="",
        to_state=ReferralState.PROPOSED,
        by=acting_user(by),
        at=timezone.now(),
    )
    _audit(
        by,
        AuditAction.CREATE,
        "referral",
        referral.pk,
        source,
        programme=referral.campaign.programme_id,
    )
    if send:
        referral = referral_transition(
            referral=referral, to=ReferralState.SENT, by=by, source=source
        )
    return referral


def referral_actors(*, user: Caller, referral: Referral) -> set[str]:
    """The roles in which the user acts on this referral (worker/coach, partner, back office)."""
    if is_system(user):
        return {Actor.WORKER, Actor.PARTNER, Actor.BACK_OFFICE}
    acting = acting_user(user)
    if acting is None:
        return set()
    actors: set[str] = set()
    if (
        getattr(referral, "is_worker", None)
        or (referral.household is not None and referral.household.coach_id == acting.pk)
        or user_is_campaign_worker(user=acting, campaign=referral.campaign)
    ):
        actors.add(Actor.WORKER)
    if (
        getattr(referral, "is_partner", None)
        or acting.organisation_memberships.filter(organisation_id=referral.organisation_id).exists()
    ):
        actors.add(Actor.PARTNER)
    if getattr(referral, "is_back_office", None) or user_has_outreach_role(
        user=acting, role="back_office", programme=referral.campaign.programme
    ):
        actors.add(Actor.BACK_OFFICE)
    return actors


def _service_level(referral: Referral) -> ServiceLevel:
    """The organisation's level for the theme, else its general one, else the programme's."""
    levels = {
        sl.theme_id: sl
        for sl in ServiceLevel.objects.filter(organisation_id=referral.organisation_id)
    }
    found = levels.get(referral.theme_id) or levels.get(None)
    if found is not None:
        return found
    programme = programme_service_level(programme_id=referral.campaign.programme_id)
    return ServiceLevel(
        days_to_accept=programme.referral_accept_days,
        days_to_first_contact=programme.first_contact_days,
    )


@transaction.atomic
def referral_transition(
    *,
    referral: Referral,
    to: ReferralState | str,
    by: Caller,
    note: str = "",
    version: int | None = None,
    at: dt.datetime | None = None,
    source: str = SYSTEM,
) -> Referral:
    """Move a referral along the state machine: Conflict (409) for a transition it does not
    allow or a stale version, Forbidden (403) for a role that may not make it."""
    current = referral.state
    if to not in ReferralState.values:
        raise InvalidInput(
            _("Unknown state '%s'.") % to,
            errors=[{"field": "to", "message": ", ".join(ReferralState.values)}],
        )
    # Before the state machine: an erased household's referral was withdrawn by the erasure,
    # and "erased" says why better than "cannot go from withdrawn".
    _refuse_expired(referral.campaign)
    _refuse_erased(referral.household_id)
    allowed = TRANSITIONS[current].get(to)
    if allowed is None:
        raise Conflict(
            _("A referral cannot go from '%(from)s' to '%(to)s'.") % {"from": current, "to": to},
            errors=[
                {
                    "field": "to",
                    "message": _("allowed: %s") % (", ".join(TRANSITIONS[current]) or "-"),
                }
            ],
        )
    if not referral_actors(user=by, referral=referral) & allowed:
        raise Forbidden(_("Your role may not move this referral to '%s'.") % to)
    fields_check(ReferralTransition, {"note": note})
    if to == ReferralState.DECLINED and not note.strip():
        raise InvalidInput(
            _("Give the reason for declining."),
            errors=[{"field": "note", "message": _("required")}],
        )
    if version is not None and version != referral.version:
        raise Conflict(
            _("This referral was changed in the meantime."),
            errors=[{"field": "version", "message": _("stale version")}],
        )
    now = at or timezone.now()
    changes: dict[str, Any] = {"state": to}
    level = _service_level(referral)
    if to == ReferralState.SENT:
        changes["sent_at"] = now
        changes["accept_due"] = add_working_days(timezone.localdate(now), level.days_to_accept)
    elif to == ReferralState.ACCEPTED:
        changes["accepted_at"] = now
        changes["first_contact_due"] = add_working_days(
            timezone.localdate(now), level.days_to_first_contact
        )
    elif to == ReferralState.FIRST_CONTACT:
        changes["first_contact_at"] = now
    elif to == ReferralState.COMPLETED:
        changes["completed_at"] = now
    elif to == ReferralState.DECLINED:
        changes["decline_reason"] = note.strip()
    updated = Referral.objects.filter(
        pk=referral.pk, version=referral.version, state=current
    ).update(version=F("version") + 1, **changes)
    if not updated:
        raise Conflict(
            _("This referral was changed in the meantime."),
            errors=[{"field": "version", "message": _("stale version")}],
        )
    ReferralTransition.objects.create(
        referral=referral,
        from_state=current,
        to_state=to,
        note=note.strip(),
        by=acting_user(by),
        at=now,
    )
    referral.refresh_from_db()
    _audit(
        by,
        AuditAction.UPDATE,
        "referral",
        referral.pk,
        source,
        programme=referral.campaign.programme_id,
    )
    campaign_measures_refresh(campaign=referral.campaign)
    if to == ReferralState.SENT:
        events.referral_sent(referral)
    return referral
