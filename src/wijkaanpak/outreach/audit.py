"""Writing the audit log: one entry per personal-data record read or written, in one INSERT."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from wijkaanpak.outreach.models import AuditAction, AuditLogEntry


def audit_record(
    *,
    user: Any,
    action: AuditAction | str,
    record_type: str,
    record_ids: Iterable[int],
    source: str,
) -> int:
    """Append one entry per record; returns how many. A single bulk INSERT whatever the count."""
    now = timezone.now()
    username = getattr(user, "username", "") or "system"
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    entries = [
        AuditLogEntry(
            at=now,
            user_id=user_id,
            username=username,
            action=action,
            record_type=record_type,
            record_id=pk,
            source=source[:300],
        )
        for pk in record_ids
    ]
    if entries:
        AuditLogEntry.objects.bulk_create(entries)
    return len(entries)
