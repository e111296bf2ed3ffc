"""The notifications' jobs and schedules (imported from NotificationsConfig.ready)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from wijkaanpak.jobs.schedule import scheduled
from wijkaanpak.jobs.services import job
from wijkaanpak.notifications.services import (
    ADDRESSED_EMAIL_JOB,
    EMAIL_JOB,
    addressed_emails_send,
    digests_send,
    notification_emails_send,
)


def _merge_ids(kwargs: list[dict[str, Any]]) -> dict[str, Any]:
    return {"ids": sorted({i for k in kwargs for i in k.get("ids", [])})}


@job(name=EMAIL_JOB, label=_("Send notification e-mails"), merge=_merge_ids)
def send_email(*, ids: list[int]) -> None:
    notification_emails_send(ids=ids)


@job(
    name=ADDRESSED_EMAIL_JOB,
    label=_("Send e-mails to addresses (invitations)"),
    merge=_merge_ids,
)
def send_addressed_email(*, ids: list[int]) -> None:
    addressed_emails_send(ids=ids)


@scheduled(
    name="notifications.daily_digest",
    every=dt.timedelta(days=1),
    label=_("Daily digest of notifications"),
)
def daily_digest() -> None:
    digests_send()
