"""Reporting deadlines: a coordinator asks every kans's coalition for progress."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user, is_system
from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.accounts.selectors import user_has_programme_role
from wijkaanpak.core.exceptions import Forbidden, InvalidInput
from wijkaanpak.outreach.models import ReportingDeadline
from wijkaanpak.outreach.services import events
from wijkaanpak.outreach.services.base import SYSTEM
from wijkaanpak.outreach.services.validation import fields_check


@transaction.atomic
def reporting_deadline_create(
    *, programme: Any, title: str, due_on: dt.date, by: Actor, source: str = SYSTEM
) -> ReportingDeadline:
    """Set a deadline (coordinators only) and request progress from every kans's coalition."""
    if not is_system(by) and not user_has_programme_role(
        user=by, programme=programme, role=ProgrammeRole.COORDINATOR
    ):
        raise Forbidden(_("Only the programme's coordinators set reporting deadlines."))
    fields_check(ReportingDeadline, {"title": title})
    if not title.strip():
        raise InvalidInput(
            _("Give the deadline a title."), errors=[{"field": "title", "message": _("required")}]
        )
    if due_on <= timezone.localdate():
        raise InvalidInput(
            _("The deadline must lie in the future."),
            errors=[{"field": "due_on", "message": _("must be after today")}],
        )
    deadline = ReportingDeadline.objects.create(
        programme=programme, title=title.strip(), due_on=due_on, created_by=acting_user(by)
    )
    events.progress_requested(deadline)
    return deadline
