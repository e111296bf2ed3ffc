"""Reporting deadlines of a programme, for its members."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Viewer
from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.accounts.selectors import user_has_programme_role
from wijkaanpak.core.exceptions import Forbidden
from wijkaanpak.outreach.models import ReportingDeadline


def reporting_deadline_list(*, user: Viewer, programme: Any) -> QuerySet[ReportingDeadline]:
    if not user_has_programme_role(user=user, programme=programme, role=ProgrammeRole.VIEWER):
        raise Forbidden(_("Only the programme's members see its reporting deadlines."))
    return ReportingDeadline.objects.filter(programme=programme).order_by("-due_on", "-id")
