"""Notifications for apps that call in from above: the annual report's sign-off and the
invitation to join a programme. Each is one function, called by the app that owns the change,
inside that change's transaction (like notify()).

    from wijkaanpak.notifications.events import ReportEvent, report_event
    report_event(programme_id=p.pk, year=2026, kind=ReportEvent.DRAFT_READY, by=request.user)

    from wijkaanpak.notifications.events import invitation_email
    invitation_email(invitation_id=inv.pk, to=inv.email, programme_id=p.pk, url=accept_url)
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import TextChoices
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkaanpak.accounts.actors import Actor, acting_user
from wijkaanpak.accounts.models import ProgrammeMembership, ProgrammeRole, User
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.notifications.services import email_to_address, notify
from wijkaanpak.programmes.models import Programme


class ReportEvent(TextChoices):
    DRAFT_READY = "report.draft_ready", gettext_lazy("report draft ready for review")
    APPROVED = "report.approved", gettext_lazy("report approved")
    PUBLISHED = "report.published", gettext_lazy("report published")


# Who hears of each step: the coordinators review the draft; editors and coordinators hear it
# was approved; every member of the programme hears it was published.
_AUDIENCE = {
    ReportEvent.DRAFT_READY: (ProgrammeRole.COORDINATOR,),
    ReportEvent.APPROVED: (ProgrammeRole.COORDINATOR, ProgrammeRole.EDITOR),
    ReportEvent.PUBLISHED: (ProgrammeRole.COORDINATOR, ProgrammeRole.EDITOR, ProgrammeRole.VIEWER),
}


def _report_subject(kind: ReportEvent, *, programme: str, year: int) -> str:
    values = {"programme": programme, "year": year}
    with translation.override(settings.LANGUAGE_CODE):
        if kind == ReportEvent.DRAFT_READY:
            return _("The %(year)s report of %(programme)s is ready for review") % values
        if kind == ReportEvent.APPROVED:
            return _("The %(year)s report of %(programme)s was approved") % values
        return _("The %(year)s report of %(programme)s was published") % values


def report_event(
    *,
    programme_id: int,
    year: int,
    kind: ReportEvent | str,
    by: Actor | None = None,
    revision: int | None = None,
    url: str | None = None,
) -> int:
    """Tell the programme's members that its annual report of `year` moved on; the number of
    notifications created.

    `kind`: ReportEvent.DRAFT_READY (to the coordinators, who review it), APPROVED (editors
    and coordinators), PUBLISHED (every member). `by` (who made the step) is not notified.
    Once per programme, year and kind; pass `revision` (e.g. the draft's version) when a step
    can happen again (a draft sent back and offered for review once more). `url` defaults to
    the report's page. The subject names the programme and the year, nothing personal.
    """
    try:
        kind = ReportEvent(kind)
    except ValueError as exc:
        raise InvalidInput(f"unknown report event {kind!r}") from exc
    programme = Programme.objects.filter(pk=programme_id).only("pk", "name", "slug").first()
    if programme is None:
        raise InvalidInput(f"no programme {programme_id}")
    if url is None:
        try:
            url = reverse("reports:year", args=[programme.slug, year])
        except NoReverseMatch:
            url = "/"
    actor = acting_user(by) if by is not None else None
    recipients = User.objects.filter(
        pk__in=ProgrammeMembership.objects.filter(
            programme_id=programme_id, role__in=_AUDIENCE[kind]
        ).values("user_id"),
        is_active=True,
    )
    if actor is not None and actor.pk is not None:
        recipients = recipients.exclude(pk=actor.pk)
    step = kind.value.split(".", 1)[1]
    key = f"report-{step}:{programme_id}:{year}" + (f":{revision}" if revision is not None else "")
    return notify(
        event=kind.value,
        recipients=recipients,
        key=key,
        subject=_report_subject(kind, programme=programme.name, year=year),
        url=url,
        urgent=False,
        programme_id=programme_id,
    )


def invitation_email(*, invitation_id: int, to: str, programme_id: int, url: str) -> bool:
    """Mail an invitation to join a programme to `to`, who may have no account yet.

    Once per invitation (False when already queued); sent by the worker; the link (with its
    token) is erased from the mail queue once sent. The subject names the programme only.
    Someone who already has an account can also be told in the app with notify().
    """
    programme = Programme.objects.filter(pk=programme_id).only("pk", "name").first()
    if programme is None:
        raise InvalidInput(f"no programme {programme_id}")
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("You are invited to join %(programme)s in Wijkaanpak") % {
            "programme": programme.name
        }
    return email_to_address(
        to=to,
        key=f"invitation:{invitation_id}",
        subject=subject,
        url=url,
        programme_id=programme_id,
    )
