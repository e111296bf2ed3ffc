"""Notify users: in-app notifications and their e-mail, queued in the caller's transaction.

`notify()` is the one entry point for every event (a referral sent, a service level missed, an
escalation assigned, ...). It writes the in-app notifications and queues the e-mail job on the
caller's database connection: a rolled-back change leaves neither, a committed one both. The
e-mail job records each delivery on the notification, so a retried or rerun job sends no
duplicate. Mail goes out from the worker, never from the request: a mail server that is down
delays mail, it never fails the user's request.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import smtplib
import time
from collections.abc import Iterable, Sequence
from typing import Any, cast

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, connections, router, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from wijkaanpak.accounts.actors import Actor, acting_user
from wijkaanpak.accounts.models import User
from wijkaanpak.core.exceptions import Forbidden, InvalidInput, NotFound
from wijkaanpak.jobs.services import job_enqueue
from wijkaanpak.notifications.models import (
    AddressedEmail,
    Delivery,
    Notification,
    NotificationPreference,
)

EMAIL_JOB = "notifications.send_email"
ADDRESSED_EMAIL_JOB = "notifications.send_addressed_email"
# How far back a daily digest looks for notifications not yet mailed.
DIGEST_WINDOW = dt.timedelta(days=2)


def _preferences(user_ids: Iterable[int]) -> dict[int, str]:
    return dict(
        NotificationPreference.objects.filter(user_id__in=list(user_ids)).values_list(
            "user_id", "email"
        )
    )


def notify(
    *,
    event: str,
    recipients: Iterable[User],
    key: str,
    subject: str,
    url: str,
    urgent: bool = False,
    programme_id: int | None = None,
) -> int:
    """Notify `recipients` of `event`; the number of notifications created.

    `key` identifies the event (e.g. "referral-sent:42"): a recipient gets one notification per
    key, however often this is called. `subject` and `url` must carry no personal data: they go
    into the e-mail. Urgent notifications are mailed at once whatever the user's preference.
    Runs inside the caller's transaction.
    """
    if not key or not subject or not url:
        raise InvalidInput("key, subject and url are required")
    users = {user.pk: user for user in recipients if user.pk is not None and user.is_active}
    if not users:
        return 0
    # One statement on the request's path for the notifications, two for the e-mail job: a
    # repeated key is skipped by the database (ON CONFLICT DO NOTHING, no savepoint needed), and
    # who wants mail at once is decided by the job, not here.
    # In the caller's transaction; a transaction of its own when called outside one.
    with transaction.atomic(savepoint=False):
        created = _insert_new(
            [
                (
                    user_id,
                    event[:60],
                    key[:200],
                    subject[:200],
                    url[:500],
                    urgent,
                    programme_id,
                )
                for user_id in users
            ]
        )
        to_mail = [pk for pk, recipient_id in created if users[recipient_id].email]
        if to_mail:
            job_enqueue(name=EMAIL_JOB, kwargs={"ids": to_mail}, programme_id=programme_id)
    return len(created)


def _insert_new(rows: list[tuple[object, ...]]) -> list[tuple[int, int]]:
    """INSERT the rows that are new for their (key, recipient); (id, recipient_id) of those."""
    db = connections[router.db_for_write(Notification)]
    quote = db.ops.quote_name
    columns = ["recipient_id", "event", "key", "subject", "url", "urgent", "programme_id"]
    columns.append("created_at")
    now = db.ops.adapt_datetimefield_value(timezone.now())
    values = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(rows))
    sql = (
        f"INSERT INTO {quote(Notification._meta.db_table)} "
        f"({', '.join(quote(c) for c in columns)}) VALUES {values} "
        f"ON CONFLICT ({quote('key')}, {quote('recipient_id')}) DO NOTHING "
        f"RETURNING {quote('id')}, {quote('recipient_id')}"
    )
    params: list[Any] = [value for row in rows for value in (*row, now)]
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        return [(int(pk), int(recipient_id)) for pk, recipient_id in cursor.fetchall()]


def absolute_url(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return f"{settings.SITE_URL}/{url.lstrip('/')}"


def _message(
    *, to: str, template: str, subject: str, context: dict[str, object]
) -> EmailMultiAlternatives:
    with translation.override("nl"):
        text = render_to_string(f"notifications/email/{template}.txt", context)
        html = render_to_string(f"notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    return message


# The worker's SMTP connection, kept open between jobs for a short while: opening one (connect,
# EHLO, maybe TLS and login) costs more than sending a message. Keyed by the settings it was
# opened with; dropped after any error, so a retry starts with a fresh one.
_KEEP_SMTP_SECONDS = 20.0
_smtp: dict[str, Any] = {}


def _smtp_key() -> tuple[object, ...]:
    return (settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT)


def _mail_connection() -> BaseEmailBackend:
    if not settings.EMAIL_BACKEND.endswith("smtp.EmailBackend"):
        return cast(BaseEmailBackend, get_connection())
    current = _smtp.get("connection")
    fresh = time.monotonic() - float(_smtp.get("opened", 0.0)) < _KEEP_SMTP_SECONDS
    if current is not None and fresh and _smtp.get("key") == _smtp_key():
        return cast(BaseEmailBackend, current)
    _mail_connection_drop()
    connection = cast(BaseEmailBackend, get_connection())
    connection.open()
    _smtp.update(connection=connection, opened=time.monotonic(), key=_smtp_key())
    return connection


def _mail_connection_drop() -> None:
    current = _smtp.pop("connection", None)
    if current is not None:
        with contextlib.suppress(Exception):
            current.close()


def _send(message: EmailMultiAlternatives) -> None:
    connection = _mail_connection()
    message.connection = connection
    try:
        message.send()
    except smtplib.SMTPServerDisconnected:
        # The kept connection timed out at the server: once more on a new one.
        _mail_connection_drop()
        message.connection = _mail_connection()
        try:
            message.send()
        except Exception:
            _mail_connection_drop()
            raise
    except Exception:
        _mail_connection_drop()
        raise
    if connection is not _smtp.get("connection"):
        connection.close()


def notification_emails_send(*, ids: Sequence[int]) -> int:
    """Mail the notifications `ids` not mailed yet; each delivery is recorded as it happens."""
    pending = (
        Notification.objects.filter(pk__in=list(ids), emailed_at__isnull=True)
        .select_related("recipient")
        .order_by("pk")
    )
    items = list(pending)
    preferences = _preferences({item.recipient_id for item in items})
    sent = 0
    for item in items:
        if not item.recipient.email:
            continue
        wants = preferences.get(item.recipient_id, Delivery.IMMEDIATELY)
        if not item.urgent and wants != Delivery.IMMEDIATELY:
            continue  # in the daily digest, or not mailed at all
        message = _message(
            to=item.recipient.email,
            template="notification",
            subject=item.subject,
            context={
                "notification": item,
                "link": absolute_url(item.url),
                "inbox": absolute_url(reverse("notifications:inbox")),
            },
        )
        _send(message)
        # Recorded at once (autocommit): a rerun after a crash skips what was sent.
        Notification.objects.filter(pk=item.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        sent += 1
    return sent


def digests_send(*, now: dt.datetime | None = None) -> int:
    """The daily digest: one e-mail per user on "digest" listing what was not mailed yet."""
    now = now or timezone.now()
    digest_users = NotificationPreference.objects.filter(email=Delivery.DIGEST).values_list(
        "user_id", flat=True
    )
    waiting = (
        Notification.objects.filter(
            recipient_id__in=digest_users,
            emailed_at__isnull=True,
            created_at__gte=now - DIGEST_WINDOW,
        )
        .select_related("recipient")
        .order_by("recipient_id", "created_at")
    )
    per_user: dict[int, list[Notification]] = {}
    for item in waiting:
        per_user.setdefault(item.recipient_id, []).append(item)
    sent = 0
    for items in per_user.values():
        recipient = items[0].recipient
        if not recipient.email:
            continue
        with translation.override("nl"):
            subject = str(
                translation.ngettext(
                    "Wijkaanpak: %(count)d new notification",
                    "Wijkaanpak: %(count)d new notifications",
                    len(items),
                )
                % {"count": len(items)}
            )
        message = _message(
            to=recipient.email,
            template="digest",
            subject=subject,
            context={
                "items": [(n, absolute_url(n.url)) for n in items],
                "inbox": absolute_url(reverse("notifications:inbox")),
            },
        )
        _send(message)
        Notification.objects.filter(pk__in=[n.pk for n in items], emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        sent += 1
    return sent


def email_to_address(
    *, to: str, key: str, subject: str, url: str, programme_id: int | None = None
) -> bool:
    """Queue an e-mail to an address that has no account yet (an invitation to a programme).

    Like notify(): in the caller's transaction, once per `key` ever (False when the key was
    used before), sent by the worker (a mail server that is down delays it), Dutch text and
    HTML with the link and nothing personal. `url` may carry a secret (an invitation token):
    it is erased from the database once the mail is sent. No in-app notification: there is no
    inbox yet. Whoever has an account is notified with notify() instead.
    """
    to = to.strip()
    if not to or "@" not in to or not key or not subject or not url:
        raise InvalidInput("to, key, subject and url are required")
    with transaction.atomic(savepoint=False):
        db = router.db_for_write(AddressedEmail)
        if AddressedEmail.objects.using(db).filter(key=key[:200]).exists():
            return False
        with transaction.atomic(using=db):  # a savepoint: a crossing call with the same key
            try:
                item = AddressedEmail.objects.using(db).create(
                    key=key[:200],
                    to=to,
                    subject=subject[:200],
                    url=url[:1000],
                    programme_id=programme_id,
                )
            except IntegrityError:
                return False
        job_enqueue(name=ADDRESSED_EMAIL_JOB, kwargs={"ids": [item.pk]}, programme_id=programme_id)
    return True


def addressed_emails_send(*, ids: Sequence[int]) -> int:
    """Send the e-mails `ids` not sent yet; record each as sent and erase its link."""
    sent = 0
    for item in AddressedEmail.objects.filter(pk__in=list(ids), sent_at__isnull=True).order_by(
        "pk"
    ):
        message = _message(
            to=item.to,
            template="addressed",
            subject=item.subject,
            context={"subject": item.subject, "link": absolute_url(item.url)},
        )
        _send(message)
        AddressedEmail.objects.filter(pk=item.pk, sent_at__isnull=True).update(
            sent_at=timezone.now(), url=""
        )
        sent += 1
    return sent


def _user(by: Actor) -> User:
    user = acting_user(by)
    if user is None or not user.is_authenticated:
        raise Forbidden("Log in to read your notifications.")
    return user


def notification_mark_read(*, by: Actor, notification_id: int) -> Notification:
    user = _user(by)
    item = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if item is None:
        raise NotFound("Notification not found.")
    if item.read_at is None:
        item.read_at = timezone.now()
        item.save(update_fields=["read_at"])
    return item


def notification_mark_all_read(*, by: Actor) -> int:
    user = _user(by)
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_preference_set(*, by: Actor, email: str) -> NotificationPreference:
    user = _user(by)
    if email not in Delivery.values:
        raise InvalidInput(
            "Choose immediately, digest or off.",
            errors=[{"field": "email", "message": "Choose immediately, digest or off."}],
        )
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email": email}
    )
    return preference
