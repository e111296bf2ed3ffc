"""Domain errors raised by services and selectors, mapped to HTTP by the API and views."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class DomainError(Exception):
    """Base class: a request that cannot be carried out, with a message for the user."""

    status = 400

    def __init__(
        self, message: str, *, errors: Sequence[Mapping[str, object]] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.errors: list[dict[str, object]] = [dict(e) for e in errors or []]


class InvalidInput(DomainError):
    """The input is wrong (400). `errors` names fields or rows/columns."""

    status = 400


class NotFound(DomainError):
    """The object does not exist or may not be seen by this user (404)."""

    status = 404


class Forbidden(DomainError):
    """The user may see the object but lacks the role for this action (403)."""

    status = 403


class Conflict(DomainError):
    """A stale version or a transition that the state machine does not allow (409)."""

    status = 409
