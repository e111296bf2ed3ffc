"""Helpers shared by the outreach pages."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.core.exceptions import NotFound


def _posted_id(value: str | None) -> int:
    """An id sent by a form, or 0 (matches nothing) for text or a number beyond any id."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else 0


def _or_404(fn: Any, **kwargs: Any) -> Any:
    try:
        return fn(**kwargs)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _coordinated_programmes(user: Any) -> list[Any]:
    from wijkaanpak.accounts.models import ProgrammeMembership
    from wijkaanpak.programmes.models import Programme

    return list(
        Programme.objects.filter(
            pk__in=ProgrammeMembership.objects.filter(
                user=user, role=ProgrammeRole.COORDINATOR
            ).values("programme_id")
        ).order_by("name")
    )
