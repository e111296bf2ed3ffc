"""Helpers for page views: domain errors from selectors and services become HTTP answers."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from wijkaanpak.core.exceptions import Forbidden, NotFound


def page_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """NotFound → the 404 page, Forbidden → the 403 page. InvalidInput the view handles itself,
    because it belongs on the form."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except Forbidden as exc:
            raise PermissionDenied(exc.message) from exc

    return wrapper
