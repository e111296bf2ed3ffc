"""The unread count in the header of every page (one indexed query, only for logged-in users)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from wijkaanpak.accounts.models import User
from wijkaanpak.notifications.selectors import unread_count


def notifications(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return {}
    # Lazy: pages that do not render the header (API, redirects) run no query.
    return {"notifications_unread": SimpleLazyObject(lambda: unread_count(user=user))}
