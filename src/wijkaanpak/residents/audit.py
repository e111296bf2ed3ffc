"""The one place where residents writes the audit log (outreach's append-only AuditLogEntry).

Every read and write of an ambassador's or applicant's personal data goes through `audit()`.
Each entry names the programme whose resident it concerns, so a privacy officer sees only their
programmes' entries (outreach's audit log is per programme)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

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
    programme: Programme | int | Sequence[int],
) -> int:
    """Log `action` ("read", "create", "update", "export", "erase") on these records.
    `programme`: the records' programme, or one programme id per record (in their order)."""
    return audit_record(
        user=user,
        action=action,
        record_type=f"residents.{record_type}",
        record_ids=record_ids,
        source=source,
        programme=programme.pk if isinstance(programme, Programme) else programme,
    )
