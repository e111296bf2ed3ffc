"""A small rate limiter for the public forms: at most LIMIT posts per client per WINDOW,
counted in Django's cache (per process with the default local-memory cache; configure a shared
cache such as Redis or the database cache when running several processes)."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest

LIMIT = 10
WINDOW = 10 * 60  # seconds


def client_key(request: HttpRequest) -> str:
    """The client: a logged-in user by their id, a visitor by their address (hashed: the
    address is not kept)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user-{user.pk}"
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return hashlib.sha256(address.encode()).hexdigest()[:32]


def rate_limited(request: HttpRequest, *, form: str, limit: int = LIMIT) -> bool:
    """Count this post; True when the client is over the limit for this form."""
    key = f"residents:rl:{form}:{client_key(request)}"
    cache.add(key, 0, timeout=WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW)
        count = 1
    return count > limit
