"""Set-up: themes, streets, campaigns, roles, questionnaire, service levels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, is_system
from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.accounts.selectors import user_has_programme_role
from wijkaanpak.areas.selectors import area_in_municipality
from wijkaanpak.core.exceptions import Forbidden, InvalidInput
from wijkaanpak.outreach.models import (
    Campaign,
    CampaignWorker,
    OutreachRole,
    OutreachRoleKind,
    Question,
    QuestionType,
    ServiceLevel,
    Street,
    Theme,
)

# --- set-up: themes, streets, campaigns, roles, questionnaire ----------------------------


@transaction.atomic
def theme_ensure(*, code: str, name: str, order: int = 0) -> Theme:
    theme, _created = Theme.objects.update_or_create(
        code=code, defaults={"name": name, "order": order}
    )
    return theme


@transaction.atomic
def street_register(*, area: Any, names: Iterable[str]) -> int:
    existing = set(Street.objects.filter(area=area).values_list("name", flat=True))
    new = [Street(area=area, name=n) for n in sorted(set(names) - existing)]
    Street.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def campaign_create(
    *,
    programme: Any,
    area: Any,
    name: str,
    start_date: dt.date,
    end_date: dt.date,
    themes: Iterable[Theme] = (),
    retention_days: int = 730,
    by: Actor,
) -> Campaign:
    if not is_system(by) and not user_has_programme_role(
        user=by, programme=programme, role=ProgrammeRole.COORDINATOR
    ):
        raise Forbidden(_("You need the coordinator role in this programme."))
    if not area_in_municipality(area=area, municipality_id=programme.municipality_id):
        raise InvalidInput(
            _("The area is not in the programme's municipality."),
            errors=[{"field": "area", "message": _("expected an area of the municipality")}],
        )
    if end_date < start_date:
        raise InvalidInput(
            _("The end date is before the start date."),
            errors=[{"field": "end_date", "message": _("must be on or after the start date")}],
        )
    campaign, _created = Campaign.objects.update_or_create(
        programme=programme,
        name=name,
        defaults={
            "area": area,
            "start_date": start_date,
            "end_date": end_date,
            "retention_days": retention_days,
        },
    )
    campaign.themes.set(list(themes))
    return campaign


@transaction.atomic
def _require_active(user: Actor) -> None:
    """A role is given to an active account only (a deactivated one holds nothing new)."""
    if not getattr(user, "is_active", False):
        raise InvalidInput(
            _("Only an active account can be given an outreach role."),
            errors=[{"field": "user", "message": _("not an active account")}],
        )


def campaign_worker_add(*, campaign: Campaign, user: Actor) -> CampaignWorker:
    _require_active(user)
    worker, _created = CampaignWorker.objects.get_or_create(campaign=campaign, user=user)
    return worker


@transaction.atomic
def outreach_role_set(*, user: Actor, programme: Any, role: str) -> OutreachRole:
    if role not in OutreachRoleKind.values:
        raise InvalidInput(
            _("Unknown outreach role '%s'.") % role,
            errors=[{"field": "role", "message": ", ".join(OutreachRoleKind.values)}],
        )
    _require_active(user)
    obj, _created = OutreachRole.objects.get_or_create(user=user, programme=programme, role=role)
    return obj


@transaction.atomic
def question_create(
    *,
    campaign: Campaign,
    theme: Theme,
    code: str,
    text: str,
    type: QuestionType | str,
    options: list[dict[str, Any]] | None = None,
    positive_values: list[str] | None = None,
    positive_label: str = "",
    order: int = 0,
) -> Question:
    """Add (or change) a question; every change bumps the questionnaire version."""
    options = options or []
    if type in (QuestionType.CHOICE, QuestionType.SCALE) and len(options) < 2:
        raise InvalidInput(
            _("A choice or scale question needs at least two options."),
            errors=[{"field": "options", "message": _("at least two")}],
        )
    question, created = Question.objects.get_or_create(
        campaign=campaign,
        code=code,
        defaults={
            "theme": theme,
            "text": text,
            "type": type,
            "options": options,
            "positive_values": positive_values or [],
            "positive_label": positive_label,
            "order": order,
        },
    )
    changed = created
    for attr, value in {
        "theme": theme,
        "text": text,
        "type": type,
        "options": options,
        "positive_values": positive_values or [],
        "positive_label": positive_label,
        "order": order,
    }.items():
        if getattr(question, attr) != value:
            setattr(question, attr, value)
            changed = True
    if changed:
        question.save()
        Campaign.objects.filter(pk=campaign.pk).update(
            questionnaire_version=F("questionnaire_version") + 1
        )
        campaign.refresh_from_db(fields=["questionnaire_version"])
    return question


@transaction.atomic
def service_level_set(
    *,
    organisation: Any,
    theme: Theme | None = None,
    days_to_accept: int,
    days_to_first_contact: int,
) -> ServiceLevel:
    level, _created = ServiceLevel.objects.update_or_create(
        organisation=organisation,
        theme=theme,
        defaults={"days_to_accept": days_to_accept, "days_to_first_contact": days_to_first_contact},
    )
    return level


# --- set-up by the programme's coordinator (pages) ----------------------------------------


def _require_coordinator(*, by: Actor, programme: Any) -> None:
    if not is_system(by) and not user_has_programme_role(
        user=by, programme=programme, role=ProgrammeRole.COORDINATOR
    ):
        raise Forbidden(_("You need the coordinator role in this programme."))


@transaction.atomic
def campaign_open(
    *,
    programme: Any,
    area: Any,
    name: str,
    start_date: dt.date,
    end_date: dt.date,
    themes: Iterable[Theme] = (),
    by: Actor,
) -> Campaign:
    """A new campaign of the programme (coordinators). A name already used in the programme is
    refused rather than overwriting that campaign."""
    _require_coordinator(by=by, programme=programme)
    if not name.strip():
        raise InvalidInput(
            _("A name is required."), errors=[{"field": "name", "message": _("required")}]
        )
    if Campaign.objects.filter(programme=programme, name=name.strip()).exists():
        raise InvalidInput(
            _("The programme already has a campaign with this name."),
            errors=[{"field": "name", "message": _("already in use")}],
        )
    return campaign_create(
        programme=programme,
        area=area,
        name=name.strip(),
        start_date=start_date,
        end_date=end_date,
        themes=themes,
        by=by,
    )


@transaction.atomic
def campaign_worker_assign(*, campaign: Campaign, user: Any, by: Actor) -> CampaignWorker:
    """Make an (active) account an outreach worker of the campaign (coordinators)."""
    _require_coordinator(by=by, programme=campaign.programme)
    return campaign_worker_add(campaign=campaign, user=user)


@transaction.atomic
def coach_role_give(*, programme: Any, user: Any, by: Actor) -> OutreachRole:
    """Give an (active) account the coach role in the programme (coordinators)."""
    _require_coordinator(by=by, programme=programme)
    return outreach_role_set(user=user, programme=programme, role=OutreachRoleKind.COACH)
