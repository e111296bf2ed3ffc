"""Pages people work in all day (issue 15): "My work" after login, the referral's detail page
with its history, and the verbs that name each step of a referral."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.outreach import selectors, services
from wijkaanpak.outreach.models import SHAREABLE_FIELDS, TRANSITIONS, ReferralState
from wijkaanpak.outreach.models.referral import Actor
from wijkaanpak.outreach.selectors.work import STALE_PROGRESS_DAYS, work_for_user

#: Each step of a referral named as what the person does (the state it leads to is the key).
VERBS: dict[str, Any] = {
    ReferralState.SENT: gettext_lazy("Send"),
    ReferralState.ACCEPTED: gettext_lazy("Accept"),
    ReferralState.DECLINED: gettext_lazy("Decline"),
    ReferralState.FIRST_CONTACT: gettext_lazy("Record first contact"),
    ReferralState.COMPLETED: gettext_lazy("Complete"),
    ReferralState.STALLED: gettext_lazy("Report as stalled"),
    ReferralState.WITHDRAWN: gettext_lazy("Withdraw"),
}


def shareable_fields() -> list[tuple[str, str]]:
    """The household fields that may be shared, with the names people read."""
    names = {
        "display_name": _("name or reference"),
        "address": _("address"),
        "composition": _("composition"),
        "contact_preference": _("contact preference"),
        "contact": _("phone or e-mail"),
    }
    return [(f, str(names.get(f, f))) for f in SHAREABLE_FIELDS]


def shared_data_items(data: dict[str, Any]) -> list[tuple[str, Any]]:
    """A referral's shared data with the field names people read ("Naam", not display_name)."""
    names = dict(shareable_fields())
    return [(capfirst(names.get(key, key)), value) for key, value in data.items()]


def referral_steps(state: str, actors: set[str]) -> list[tuple[str, str]]:
    """The steps from `state` that these roles may take, as (target state, verb)."""
    steps = []
    for to, who in TRANSITIONS[state].items():
        if who & actors:
            verb = _("Send again") if state == ReferralState.STALLED else str(VERBS[to])
            steps.append((str(to), verb))
    return steps


def safe_next(request: HttpRequest, default: str) -> str:
    """The page to return to after an action (a `next` on this site), else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    """The start page after login: per role, what waits, with counts, verbs and links."""
    work = work_for_user(user=request.user, source=request.path)
    if work.partner is not None:
        for r in work.partner.items:
            r.overdue = selectors.referral_is_overdue(r)
            r.steps = [
                (to, verb)
                for to, verb in referral_steps(r.state, {Actor.PARTNER})
                if to != ReferralState.DECLINED  # declining needs a reason: on the detail page
            ]
            r.name = r.shared_data.get("display_name", "")
    return render(request, "outreach/work.html", {"work": work, "stale_days": STALE_PROGRESS_DAYS})


@login_required
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One referral: the dates that matter, what was shared, the whole history with its notes,
    and the steps the caller may take."""
    try:
        referral = selectors.referral_get(user=request.user, pk=pk, source=request.path)
        history = selectors.referral_history(
            user=request.user, pk=pk, source=request.path, referral=referral
        )
    except NotFound as exc:
        raise Http404(exc.message) from exc
    for entry in history:
        entry["to_label"] = ReferralState(entry["to_state"]).label
    personal = selectors.referral_carries_personal_data(referral)
    actors = services.referral_actors(user=request.user, referral=referral)
    context: dict[str, Any] = {
        "referral": referral,
        "overdue": selectors.referral_is_overdue(referral),
        "personal": personal,
        "shared_items": shared_data_items(referral.shared_data) if personal else [],
        "history": history,
        "steps": referral_steps(referral.state, actors),
        "household_id": referral.household_id if getattr(referral, "is_worker", False) else None,
    }
    return render(request, "outreach/referral.html", context)
