"""Refresh the public dashboard when its data changes: any save or delete of a model of the
apps it shows gives a new data version token after the transaction commits (one row, so the
cache key changes in every server process). Bulk writes without signals (imports) end by saving
their ImportRun or Budget, which fires this too; the cache also expires after a while."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

WATCHED_APPS = {
    "programmes",
    "opportunities",
    "finance",
    "indicators",
    "outreach",
    "organisations",
    "areas",
    "reports",
    "participation",
    "residents",
}


def bump() -> None:
    from wijkaanpak.reports.models import DataVersion

    DataVersion.objects.update_or_create(
        pk=1, defaults={"token": uuid.uuid4().hex, "changed_at": timezone.now()}
    )


def _changed(sender: Any, **kwargs: Any) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in WATCHED_APPS or meta.model_name == "dataversion":
        return
    if kwargs.get("raw"):  # loading fixtures
        return
    transaction.on_commit(bump)


def connect() -> None:
    post_save.connect(_changed, dispatch_uid="reports-dashboard-save")
    post_delete.connect(_changed, dispatch_uid="reports-dashboard-delete")
    m2m_changed.connect(_changed, dispatch_uid="reports-dashboard-m2m")
