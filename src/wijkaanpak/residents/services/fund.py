"""The initiative fund: applications, review, grants within the budget line, retention."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

from django.db import transaction
from django.db.models import F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user
from wijkaanpak.accounts.models import User
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.finance.models import BudgetLine
from wijkaanpak.notifications.services import notify
from wijkaanpak.programmes.models import Ambition, Programme
from wijkaanpak.residents.access import is_coordinator, is_team
from wijkaanpak.residents.audit import audit
from wijkaanpak.residents.models import (
    APPLICATION_TRANSITIONS,
    CONSENT_VERSION,
    Ambassador,
    ApplicationPhoto,
    ApplicationState,
    ApplicationTransition,
    InitiativeApplication,
    InitiativeFund,
)
from wijkaanpak.residents.photos import photo_clean

#: How long personal data stay after the matter is closed.
APPLICATION_RETENTION = dt.timedelta(days=365)
AMBASSADOR_RETENTION = dt.timedelta(days=365)
MAX_PHOTOS = 6


def fund_set(
    *, programme: Programme, year: int, name: str, line: BudgetLine, by: Actor, open: bool = True
) -> InitiativeFund:
    """Tie the programme's fund of a year to its budget line (coordinator)."""
    if not is_coordinator(by, programme):
        raise Forbidden(_("Only the coordinator sets up the initiative fund."))
    if line.budget.programme_id != programme.pk or line.budget.year != year:
        raise InvalidInput(_("Choose a budget line of this programme and year."))
    fund, _created = InitiativeFund.objects.update_or_create(
        programme=programme, year=year, defaults={"name": name, "line": line, "open": open}
    )
    return fund


@transaction.atomic
def application_submit(
    *,
    fund: InitiativeFund,
    title: str,
    place: str,
    audience: str,
    amount_asked: int | None,
    contact_name: str,
    contact_email: str,
    contact_phone: str = "",
    description: str = "",
    consent: bool,
    ambitions: Sequence[Ambition] = (),
    received_at: dt.datetime | None = None,
    by: Actor,
) -> InitiativeApplication:
    """A resident's application (public form; `by` is whoever sends it)."""
    if not fund.open:
        raise Conflict(_("This fund takes no applications now."))
    values = {
        "title": title.strip(),
        "place": place.strip(),
        "audience": audience.strip(),
        "contact_name": contact_name.strip(),
        "contact_email": contact_email.strip().lower(),
    }
    errors = [
        {"field": k, "message": _("This field is required.")} for k, v in values.items() if not v
    ]
    for k, v in values.items():
        if len(v) > 200:
            errors.append({"field": k, "message": _("At most 200 characters.")})
    if values["contact_email"] and "@" not in values["contact_email"]:
        errors.append({"field": "contact_email", "message": _("Enter a valid e-mail address.")})
    if amount_asked is None or amount_asked < 1:
        errors.append({"field": "amount_asked", "message": _("Enter the amount in whole euros.")})
    elif amount_asked > fund.line.amount:
        errors.append(
            {"field": "amount_asked", "message": _("The amount is more than the whole fund.")}
        )
    if not consent:
        errors.append(
            {"field": "consent", "message": _("Agree to the privacy statement to apply.")}
        )
    if len(description) > 4000 or len(contact_phone) > 30:
        errors.append({"field": "description", "message": _("The text is too long.")})
    if errors:
        raise InvalidInput(_("Check the fields marked."), errors=errors)
    assert amount_asked is not None  # checked above
    now = received_at or timezone.now()
    app = InitiativeApplication.objects.create(
        fund=fund,
        amount_asked=amount_asked,
        contact_phone=contact_phone.strip(),
        description=description.strip(),
        consent_at=now,
        consent_version=CONSENT_VERSION,
        received_at=now,
        **values,
    )
    if ambitions:
        app.ambitions.set([a for a in ambitions if a.programme_id == fund.programme_id])
    ApplicationTransition.objects.create(
        application=app, to_state=ApplicationState.RECEIVED, at=now, by=acting_user(by)
    )
    audit(
        user=by,
        action="create",
        record_type="application",
        record_ids=[app.pk],
        source="application_submit",
        programme=fund.programme,
    )
    team = User.objects.filter(
        programme_memberships__programme_id=fund.programme_id,
        programme_memberships__role__in=("editor", "coordinator"),
        is_active=True,
    )
    notify(
        event="residents.application_received",
        recipients=team,
        key=f"application-received:{app.pk}",
        subject=_("A new application to the initiative fund"),
        url=reverse("residents:application", args=[app.pk]),
        programme_id=fund.programme_id,
    )
    return app


def _granted_total(fund_id: int) -> int:
    total = InitiativeApplication.objects.filter(
        fund_id=fund_id, state__in=(ApplicationState.GRANTED, ApplicationState.REPORTED)
    ).aggregate(s=Sum("amount_granted"))["s"]
    return int(total or 0)


@transaction.atomic
def application_transition(
    *,
    application: InitiativeApplication,
    to: str,
    version: int,
    by: Actor,
    amount: int | None = None,
    reason: str = "",
    report: str = "",
    at: dt.datetime | None = None,
) -> InitiativeApplication:
    """Move an application along the state table. Granting (coordinator) locks the fund's
    budget line first, so two grants at the same moment are counted one after the other and
    together never exceed what is left."""
    fund = application.fund
    if not is_team(by, fund.programme):
        raise Forbidden(_("Only the programme's team handles applications."))
    if to == ApplicationState.GRANTED:
        if not is_coordinator(by, fund.programme):
            raise Forbidden(_("Only the coordinator grants money from the fund."))
        # The lock that serialises grants on this fund (PostgreSQL; SQLite writes one at a time).
        line = BudgetLine.objects.select_for_update().get(pk=fund.line_id)
    current = InitiativeApplication.objects.select_for_update().get(pk=application.pk)
    if current.erased_at is not None:
        raise Conflict(_("This application's data have been removed."))
    if current.version != version:
        raise Conflict(_("Someone changed this application meanwhile; reload the page."))
    if (current.state, to) not in APPLICATION_TRANSITIONS:
        raise Conflict(
            _("An application cannot go from %(from)s to %(to)s.")
            % {"from": current.state, "to": to}
        )
    note = ""
    now = at or timezone.now()
    if to == ApplicationState.GRANTED:
        if amount is None or amount < 1:
            message = _("Enter the amount granted in whole euros.")
            raise InvalidInput(message, errors=[{"field": "amount", "message": message}])
        left = int(line.amount) - _granted_total(fund.pk)
        if amount > left:
            message = _("The fund has %(left)s euros left; this grant would exceed it.") % {
                "left": left
            }
            raise Conflict(message, errors=[{"field": "amount", "message": message}])
        current.amount_granted = amount
        current.decided_at = now
        note = str(amount)
    elif to == ApplicationState.DECLINED:
        if not reason.strip():
            message = _("Give the reason for declining.")
            raise InvalidInput(message, errors=[{"field": "reason", "message": message}])
        current.decline_reason = reason.strip()
        current.decided_at = now
        note = current.decline_reason
    elif to == ApplicationState.REPORTED:
        if not report.strip():
            message = _("Write a short account of how it went.")
            raise InvalidInput(message, errors=[{"field": "report", "message": message}])
        current.report = report.strip()
    ApplicationTransition.objects.create(
        application=current,
        from_state=current.state,
        to_state=to,
        at=now,
        by=acting_user(by),
        note=note,
    )
    current.state = to
    current.version = F("version") + 1
    current.save()
    current.refresh_from_db()
    audit(
        user=by,
        action="update",
        record_type="application",
        record_ids=[current.pk],
        source=f"application_transition:{to}",
        programme=fund.programme,
    )
    return current


@transaction.atomic
def application_photo_add(
    *, application: InitiativeApplication, photo: IO[bytes], size: int | None = None, by: Actor
) -> ApplicationPhoto:
    """A photo with the account afterwards (granted or reported applications)."""
    if not is_team(by, application.fund.programme):
        raise Forbidden(_("Only the programme's team adds photos."))
    if application.state not in (ApplicationState.GRANTED, ApplicationState.REPORTED):
        raise Conflict(_("Photos belong to a granted initiative."))
    if application.photos.count() >= MAX_PHOTOS:
        raise Conflict(_("At most six photos per initiative."))
    stored = photo_clean(photo, size=size)
    item = ApplicationPhoto(application=application)
    item.image.save(stored.name or "photo.jpg", stored, save=False)
    item.save()
    return item


@dataclass
class RetentionResult:
    applications: int
    ambassadors: int


@transaction.atomic
def retention_apply(*, today: dt.date | None = None) -> RetentionResult:
    """Remove contact data of applications closed more than APPLICATION_RETENTION ago
    (declined, or reported back), and forget ambassadors who left more than
    AMBASSADOR_RETENTION ago. Running it again changes nothing."""
    from wijkaanpak.residents.services.ambassadors import _erase

    today = today or timezone.localdate()
    cutoff = timezone.make_aware(dt.datetime.combine(today - APPLICATION_RETENTION, dt.time()))
    closed = InitiativeApplication.objects.filter(erased_at__isnull=True).filter(
        Q(state=ApplicationState.DECLINED, decided_at__lt=cutoff)
        | Q(
            state=ApplicationState.REPORTED,
            transitions__to_state=ApplicationState.REPORTED,
            transitions__at__lt=cutoff,
        )
    )
    owners = dict(closed.values_list("pk", "fund__programme_id").distinct())
    ids = sorted(owners)
    if ids:
        InitiativeApplication.objects.filter(pk__in=ids).update(
            contact_name="",
            contact_email="",
            contact_phone="",
            erased_at=timezone.now(),
            version=F("version") + 1,
        )
        audit(
            user=None,
            action="erase",
            record_type="application",
            record_ids=ids,
            source="residents.apply_retention",
            programme=[owners[pk] for pk in ids],
        )
    left = list(
        Ambassador.objects.filter(
            erased_at__isnull=True, left_on__lt=today - AMBASSADOR_RETENTION
        ).values_list("pk", flat=True)
    )
    erased = _erase(left) if left else []
    if erased:
        programmes = dict(
            Ambassador.objects.filter(pk__in=erased).values_list("pk", "programme_id")
        )
        audit(
            user=None,
            action="erase",
            record_type="ambassador",
            record_ids=erased,
            source="residents.apply_retention",
            programme=[programmes[pk] for pk in erased],
        )
    return RetentionResult(applications=len(ids), ambassadors=len(erased))
