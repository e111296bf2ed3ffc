"""notify(): in-app notifications and the e-mail job, idempotent and in the caller's transaction."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.db import transaction

from wijkaanpak.accounts.models import User
from wijkaanpak.jobs.models import Job
from wijkaanpak.jobs.worker import run_pending
from wijkaanpak.notifications.models import Delivery, Notification, NotificationPreference
from wijkaanpak.notifications.services import digests_send, notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def members() -> list[User]:
    return [
        User.objects.create_user(f"lid{i}", email=f"lid{i}@example.org", password="x" * 12)
        for i in range(3)
    ]


def _notify(members: list[User], **extra: Any) -> int:
    return notify(
        event="referral_sent",
        recipients=members,
        key="referral-sent:1",
        subject="Er is een nieuwe doorverwijzing voor DOCK",
        url="/outreach/referrals/1/",
        **extra,
    )


def test_notify_creates_one_notification_per_recipient_and_key(members: list[User]) -> None:
    assert _notify(members) == 3
    assert _notify(members) == 0  # a repeated call (a retried job) duplicates nothing
    assert Notification.objects.count() == 3
    assert Job.objects.filter(name="notifications.send_email").count() == 1


def test_the_email_job_sends_once_even_when_run_twice(members: list[User]) -> None:
    _notify(members, programme_id=5)
    run_pending()
    assert sorted(m.to[0] for m in mail.outbox) == [f"lid{i}@example.org" for i in range(3)]
    assert Job.objects.get().programme_id == 5
    job = Job.objects.get()
    Job.objects.filter(pk=job.pk).update(status="pending")
    from wijkaanpak.jobs.services import run_job

    run_job.enqueue(job.pk)
    run_pending()
    assert len(mail.outbox) == 3
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_a_rolled_back_change_leaves_no_notification_and_no_mail(members: list[User]) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        _notify(members)
        raise RuntimeError("the referral could not be saved")
    assert Notification.objects.count() == 0
    assert Job.objects.count() == 0
    run_pending()
    assert mail.outbox == []


def test_preferences_digest_and_off(members: list[User]) -> None:
    NotificationPreference.objects.create(user=members[0], email=Delivery.DIGEST)
    NotificationPreference.objects.create(user=members[1], email=Delivery.OFF)
    _notify(members)
    run_pending()
    assert [m.to[0] for m in mail.outbox] == ["lid2@example.org"]
    assert digests_send() == 1
    assert mail.outbox[-1].to == ["lid0@example.org"]
    assert "1 nieuwe melding" in mail.outbox[-1].subject
    assert digests_send() == 0  # nothing new: no second digest
    # Urgent goes out at once, also to users on digest or off.
    notify(
        event="escalation",
        recipients=members,
        key="escalation:1",
        subject="Een doorverwijzing is geëscaleerd",
        url="/outreach/escalations/1/",
        urgent=True,
    )
    run_pending()
    assert sorted(m.to[0] for m in mail.outbox[-3:]) == [f"lid{i}@example.org" for i in range(3)]


def test_a_new_recipient_of_a_known_event_is_notified_alone(members: list[User]) -> None:
    _notify(members[:2])
    assert _notify(members) == 1  # only the third member is new
    assert sorted(Notification.objects.values_list("recipient__username", flat=True)) == [
        "lid0",
        "lid1",
        "lid2",
    ]
    run_pending()
    assert sorted(m.to[0] for m in mail.outbox) == [f"lid{i}@example.org" for i in range(3)]
