"""Reads of the participation app, and who may see or change what.

Public activities, made public outputs and published stories are readable by everyone.
Internal items are for the programme's team (any programme role) and for the partners whose
organisation is a current member of a coalition of one of the programme's kansen.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from wijkaanpak.accounts.actors import Actor, Viewer, is_system
from wijkaanpak.accounts.models import ProgrammeRole, User
from wijkaanpak.accounts.selectors import (
    user_has_programme_role,
    user_organisation_ids,
    user_programme_role,
)
from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.opportunities.models import CoalitionMember
from wijkaanpak.participation.models import (
    Activity,
    CalendarFeedToken,
    Channel,
    ChannelPlan,
    CommunicationOutput,
    FollowUpAction,
    OutputStatus,
    Story,
)
from wijkaanpak.participation.reporting import public_stories, report_section
from wijkaanpak.programmes.models import Programme

__all__ = ["public_stories", "report_section"]


# --- rules ---------------------------------------------------------------------------------


def partner_organisation_ids(*, user: Actor, programme: Programme) -> set[int]:
    """The user's organisations that are current coalition members of a kans of the programme."""
    if not isinstance(user, User):
        return set()
    own = user_organisation_ids(user=user)
    if not own:
        return set()
    today = timezone.localdate()
    return set(
        CoalitionMember.objects.filter(opportunity__programme=programme, organisation_id__in=own)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=today))
        .values_list("organisation_id", flat=True)
    )


def user_is_editor(*, user: Actor, programme: Programme) -> bool:
    return is_system(user) or user_has_programme_role(
        user=user, programme=programme, role=ProgrammeRole.EDITOR
    )


def user_may_see_internal(*, user: Actor, programme: Programme) -> bool:
    """The team (any programme role) and the programme's coalition partners."""
    if is_system(user):
        return True
    if isinstance(user, AnonymousUser) or not isinstance(user, User):
        return False
    if user_programme_role(user=user, programme=programme) is not None:
        return True
    return bool(partner_organisation_ids(user=user, programme=programme))


def user_may_add_activity(*, user: Actor, programme: Programme) -> bool:
    return user_is_editor(user=user, programme=programme) or bool(
        partner_organisation_ids(user=user, programme=programme)
    )


def user_may_edit_activity(*, user: Actor, activity: Activity) -> bool:
    """Editors and coordinators; partners for activities their own organisation organises."""
    if user_is_editor(user=user, programme=activity.programme):
        return True
    partners = partner_organisation_ids(user=user, programme=activity.programme)
    return bool(partners) and activity.organisers.filter(pk__in=partners).exists()


# --- activities ----------------------------------------------------------------------------


def activity_list(
    *,
    user: Viewer,
    programme: Programme,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    kind: str | None = None,
) -> QuerySet[Activity]:
    qs = Activity.objects.filter(programme=programme)
    if not user_may_see_internal(user=user, programme=programme):
        qs = qs.filter(public=True)
    if start is not None:
        qs = qs.filter(starts_at__gte=start)
    if end is not None:
        qs = qs.filter(starts_at__lt=end)
    if kind:
        qs = qs.filter(kind=kind)
    return (
        qs.select_related("theme")
        .prefetch_related("organisers")
        .annotate(open_follow_ups=Count("follow_ups", filter=Q(follow_ups__status="open")))
    )


def activity_get(*, user: Viewer | Actor, pk: int) -> Activity:
    activity = (
        Activity.objects.select_related("programme", "theme")
        .prefetch_related("organisers")
        .filter(pk=pk)
        .first()
    )
    if activity is None or (
        not activity.public and not user_may_see_internal(user=user, programme=activity.programme)
    ):
        raise NotFound("Activity not found")
    return activity


def follow_up_list(*, activity: Activity) -> list[FollowUpAction]:
    return list(
        activity.follow_ups.select_related("assignee", "opportunity", "progress_update").all()
    )


def follow_up_get(*, user: Viewer | Actor, pk: int) -> FollowUpAction:
    action = FollowUpAction.objects.select_related("activity__programme").filter(pk=pk).first()
    if action is None:
        raise NotFound("Follow-up action not found")
    activity_get(user=user, pk=action.activity_id)
    return action


# --- communication -------------------------------------------------------------------------


def channel_list(*, programme: Programme) -> QuerySet[Channel]:
    return Channel.objects.filter(programme=programme)


def channel_get(*, programme: Programme, pk: int) -> Channel:
    channel = Channel.objects.filter(programme=programme, pk=pk).first()
    if channel is None:
        raise NotFound("Channel not found")
    return channel


def output_list(
    *, user: Viewer, programme: Programme, year: int | None = None
) -> QuerySet[CommunicationOutput]:
    qs = CommunicationOutput.objects.filter(programme=programme)
    if not user_may_see_internal(user=user, programme=programme):
        qs = qs.filter(public=True)
    if year is not None:
        qs = qs.filter(date__year=year)
    return qs.select_related("channel", "organisation").prefetch_related(
        "opportunities", "ambitions"
    )


def output_get(*, user: Viewer | Actor, pk: int) -> CommunicationOutput:
    output = (
        CommunicationOutput.objects.select_related("programme", "channel").filter(pk=pk).first()
    )
    if output is None or (
        not output.public and not user_may_see_internal(user=user, programme=output.programme)
    ):
        raise NotFound("Communication output not found")
    return output


def planned_vs_made(*, programme: Programme, year: int) -> list[dict[str, Any]]:
    """Per channel: planned (the year's plan, or else the outputs on it) and made that year."""
    channels = list(
        Channel.objects.filter(programme=programme)
        .annotate(
            made=Count(
                "outputs",
                filter=Q(outputs__date__year=year, outputs__status=OutputStatus.MADE),
            ),
            listed=Count("outputs", filter=Q(outputs__date__year=year)),
        )
        .order_by("name")
    )
    plans = dict(
        ChannelPlan.objects.filter(channel__programme=programme, year=year).values_list(
            "channel_id", "planned"
        )
    )
    return [
        {
            "channel_id": c.pk,
            "channel": c.name,
            "kind": c.kind,
            "planned": plans.get(c.pk, c.listed),
            "made": c.made,
        }
        for c in channels
    ]


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * (quarter - 1) + 1, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return start, end


def media_overview(
    *, user: Viewer | Actor, programme: Programme, year: int, quarter: int
) -> dict[str, Any]:
    """The quarterly media overview: what appeared on each channel in the quarter."""
    start, end = quarter_bounds(year, quarter)
    qs = CommunicationOutput.objects.filter(
        programme=programme, status=OutputStatus.MADE, date__gte=start, date__lt=end
    ).select_related("channel")
    if not user_may_see_internal(user=user, programme=programme):
        qs = qs.filter(public=True)
    channels: dict[str, list[dict[str, Any]]] = {}
    for o in qs.order_by("channel__name", "date", "pk"):
        channels.setdefault(o.channel.name, []).append(
            {"id": o.pk, "title": o.title, "date": o.date, "kind": o.kind, "url": o.url}
        )
    return {
        "year": year,
        "quarter": quarter,
        "start": start,
        "end": end - dt.timedelta(days=1),
        "total": sum(len(v) for v in channels.values()),
        "channels": [{"channel": k, "items": v} for k, v in channels.items()],
    }


# --- stories -------------------------------------------------------------------------------


def story_list(*, user: Viewer, programme: Programme) -> QuerySet[Story]:
    qs = Story.objects.filter(programme=programme).defer("image")
    if not user_is_editor(user=user, programme=programme):
        qs = qs.filter(published=True)
    return qs.prefetch_related("opportunities", "ambitions")


def story_get(*, user: Viewer | Actor, pk: int, with_image: bool = False) -> Story:
    qs = Story.objects.select_related("programme")
    story = (qs if with_image else qs.defer("image")).filter(pk=pk).first()
    if story is None or (
        not story.published and not user_is_editor(user=user, programme=story.programme)
    ):
        raise NotFound("Story not found")
    return story


# --- calendar feed -------------------------------------------------------------------------


def feed_token_list(*, user: Viewer, programme: Programme) -> QuerySet[CalendarFeedToken]:
    if not isinstance(user, User):
        return CalendarFeedToken.objects.none()
    return CalendarFeedToken.objects.filter(user=user, programme=programme, revoked_at=None)


def feed_token_user(*, raw: str) -> CalendarFeedToken | None:
    """The live token for a secret feed address, if its user may still see internal items."""
    token = (
        CalendarFeedToken.objects.select_related("user", "programme")
        .filter(key_hash=CalendarFeedToken.hash(raw), revoked_at=None)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if not user_may_see_internal(user=token.user, programme=token.programme):
        return None
    return token


def calendar_items(
    *, user: Viewer, programme: Programme, start: dt.date, end: dt.date
) -> list[dict[str, Any]]:
    """Activities and communication items from `start` up to `end` (exclusive), by date and
    time, as the user may see them: dicts with date, time, end_time, title, label, place,
    public, type ("activity" or "output") and id."""
    tz = timezone.get_current_timezone()
    first = dt.datetime.combine(start, dt.time(), tzinfo=tz)
    last = dt.datetime.combine(end, dt.time(), tzinfo=tz)
    items: list[dict[str, Any]] = []
    for a in activity_list(user=user, programme=programme, start=first, end=last):
        local = timezone.localtime(a.starts_at)
        items.append(
            {
                "type": "activity",
                "id": a.pk,
                "date": local.date(),
                "time": local.time(),
                "end_time": timezone.localtime(a.ends_at).time() if a.ends_at else None,
                "title": a.title,
                "label": a.get_kind_display(),
                "place": a.place,
                "public": a.public,
            }
        )
    outputs = output_list(user=user, programme=programme).filter(date__gte=start, date__lt=end)
    for o in outputs:
        items.append(
            {
                "type": "output",
                "id": o.pk,
                "date": o.date,
                "time": None,
                "end_time": None,
                "title": o.title,
                "label": f"{o.channel.name} · {o.get_kind_display()}",
                "place": "",
                "public": o.public,
            }
        )
    items.sort(key=lambda i: (i["date"], i["time"] or dt.time(), i["type"], i["id"]))
    return items
