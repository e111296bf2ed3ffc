"""Campaigns the caller may see."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Viewer
from wijkaanpak.accounts.models import ProgrammeMembership
from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.outreach.models import (
    Campaign,
    CampaignWorker,
    Household,
    OutreachRole,
    OutreachRoleKind,
)
from wijkaanpak.outreach.selectors.scope import _member, _uid, _worker

# --- campaigns ---------------------------------------------------------------------------


def campaign_visible(*, user: Viewer) -> QuerySet[Campaign]:
    if user.is_superuser:
        return Campaign.objects.all()
    return Campaign.objects.filter(
        _worker(user, "pk")
        | _member(user, "programme")
        | Exists(
            OutreachRole.objects.filter(
                programme=OuterRef("programme"), user_id=_uid(user)
            ).exclude(role=OutreachRoleKind.COACH)
        )
        | Exists(Household.objects.filter(campaign=OuterRef("pk"), coach_id=_uid(user)))
    )


def campaign_list(*, user: Viewer, worker_flag: bool = False) -> QuerySet[Campaign]:
    """The campaigns the user may see; with `worker_flag`, each has `is_worker`."""
    qs = campaign_visible(user=user).select_related("programme", "area")
    if worker_flag:
        qs = qs.annotate(is_worker=_worker(user, "pk"))
    return qs.order_by("-start_date", "id")


def _campaign_sql() -> tuple[str, str]:
    """campaign_visible()'s condition and the is_worker flag as SQL on the campaign row: the
    same four EXISTS, but compiling them through the ORM cost more than the query on every
    funnel request."""
    qn = connection.ops.quote_name

    def t(model: Any) -> str:
        return str(qn(model._meta.db_table))

    c = t(Campaign)
    worker = f"EXISTS (SELECT 1 FROM {t(CampaignWorker)} w WHERE w.campaign_id = {c}.id AND w.user_id = %s)"
    visible = (
        f"({worker}"
        f" OR EXISTS (SELECT 1 FROM {t(ProgrammeMembership)} m"
        f" WHERE m.programme_id = {c}.programme_id AND m.user_id = %s)"
        f" OR EXISTS (SELECT 1 FROM {t(OutreachRole)} r"
        f" WHERE r.programme_id = {c}.programme_id AND r.user_id = %s"
        f" AND r.role <> '{OutreachRoleKind.COACH.value}')"
        f" OR EXISTS (SELECT 1 FROM {t(Household)} h"
        f" WHERE h.campaign_id = {c}.id AND h.coach_id = %s))"
    )
    return visible, worker


def campaign_get(*, user: Viewer, pk: int) -> Campaign:
    uid = _uid(user)
    visible, worker = _campaign_sql()
    qs = Campaign.objects.select_related("programme", "area").annotate(
        is_worker=RawSQL(worker, [uid], output_field=BooleanField())
    )
    if not user.is_superuser:
        qs = qs.filter(RawSQL(visible, [uid] * 4, output_field=BooleanField()))
    campaign = qs.filter(pk=pk).first()
    if campaign is None:
        raise NotFound(_("No campaign with id %s") % pk)
    return campaign


def campaign_team(*, campaign: Campaign) -> dict[str, Any]:
    """The campaign's outreach workers and the programme's coaches (usernames and names only),
    and how many addresses its list holds."""
    workers = list(
        CampaignWorker.objects.filter(campaign=campaign)
        .select_related("user")
        .order_by("user__username")
    )
    coaches = list(
        OutreachRole.objects.filter(programme=campaign.programme, role=OutreachRoleKind.COACH)
        .select_related("user")
        .order_by("user__username")
    )
    return {
        "workers": [w.user for w in workers],
        "coaches": [c.user for c in coaches],
        "address_count": campaign.addresses.count(),
    }
