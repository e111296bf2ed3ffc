"""The one place where residents writes the audit log (outreach's append-only AuditLogEntry).

Every read and write of an ambassador's or applicant's personal data goes through `audit()`.
Kept to one call site on purpose: when outreach's audit_record gains a `programme` keyword the
change is made here only."""

from __future__ import annotations

from collections.abc import Iterable

from wijkaanpak.accounts.actors import Actor
from wijkaanpak.outreach.audit import audit_record
from wijkaanpak.programmes.models import Programme


def audit(
    *,
    user: Actor | None,
    action: str,
    record_type: str,
    record_ids: Iterable[int],
    source: str,
    programme: Programme | None = None,
) -> int:
    """Log `action` ("read", "create", "update", "export", "erase") on these records."""
    del programme  # passed on once outreach's audit_record takes it (see the module text)
    return audit_record(
        user=user,
        action=action,
        record_type=f"residents.{record_type}",
        record_ids=record_ids,
        source=source,
    )
