"""Activities, follow-up actions, the calendar and calendar feed addresses."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Schema
from ninja.responses import Status
from pydantic import AwareDatetime

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.core.api_utils import (
    READ_ERRORS,
    WRITE_ERRORS,
    Date,
    Id,
    Limit,
    Offset,
    Version,
    paginate,
)
from wijkaanpak.core.exceptions import InvalidInput, NotFound
from wijkaanpak.participation import selectors, services
from wijkaanpak.participation.api.base import router
from wijkaanpak.participation.models import (
    Activity,
    ActivityKind,
    FollowUpAction,
)
from wijkaanpak.programmes.models import Programme
from wijkaanpak.programmes.selectors import programme_get

Title = Annotated[str, Field(min_length=1, max_length=200)]
Short = Annotated[str, Field(max_length=200)]
Text = Annotated[str, Field(max_length=20_000)]
Url = Annotated[str, Field(max_length=200)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
Quarter = Annotated[int, Field(ge=1, le=4)]


# --- activities ----------------------------------------------------------------------------


class FollowUpOut(Schema):
    id: int
    text: str
    status: str
    due_on: dt.date | None
    assignee_id: int | None
    opportunity_id: int | None
    progress_update_id: int | None
    interpretation_id: int | None
    version: int


class ActivityOut(Schema):
    id: int
    uid: str
    kind: str
    title: str
    theme_id: int | None
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    place: str
    organisers: list[int]
    expected_attendance: int | None
    actual_attendance: int | None
    public: bool
    description: str
    outcomes: str
    source: str
    version: int
    url: str


class ActivityDetail(ActivityOut):
    follow_ups: list[FollowUpOut]


class ActivityList(Schema):
    count: int
    items: list[ActivityOut]


class ActivityIn(Schema):
    kind: ActivityKind
    title: Title
    starts_at: AwareDatetime
    ends_at: AwareDatetime | None = None
    theme_id: Id | None = None
    place: Short = ""
    organiser_ids: list[Id] = []
    expected_attendance: Count | None = None
    actual_attendance: Count | None = None
    public: bool = True
    description: Text = ""
    outcomes: Text = ""


class ActivityPatch(Schema):
    version: Version
    kind: ActivityKind | None = None
    title: Title | None = None
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None
    theme_id: Id | None = None
    place: Short | None = None
    organiser_ids: list[Id] | None = None
    expected_attendance: Count | None = None
    actual_attendance: Count | None = None
    public: bool | None = None
    description: Text | None = None
    outcomes: Text | None = None


def _activity_out(a: Activity) -> dict[str, Any]:
    return {
        "id": a.pk,
        "uid": str(a.uid),
        "kind": a.kind,
        "title": a.title,
        "theme_id": a.theme_id,
        "starts_at": timezone.localtime(a.starts_at),
        "ends_at": timezone.localtime(a.ends_at) if a.ends_at else None,
        "place": a.place,
        "organisers": [o.pk for o in a.organisers.all()],
        "expected_attendance": a.expected_attendance,
        "actual_attendance": a.actual_attendance,
        "public": a.public,
        "description": a.description,
        "outcomes": a.outcomes,
        "source": a.source,
        "version": a.version,
        "url": reverse("participation:activity", args=[a.pk]),
    }


def _follow_up_out(f: FollowUpAction) -> dict[str, Any]:
    return {
        "id": f.pk,
        "text": f.text,
        "status": f.status,
        "due_on": f.due_on,
        "assignee_id": f.assignee_id,
        "opportunity_id": f.opportunity_id,
        "progress_update_id": f.progress_update_id,
        "interpretation_id": f.interpretation_id,
        "version": f.version,
    }


def _refs(programme: Programme, data: dict[str, Any]) -> dict[str, Any]:
    """Ids in a body as the programme's objects; an unknown id is a 400 naming the field."""
    from wijkaanpak.organisations.models import Organisation

    out = dict(data)
    if "theme_id" in out:
        theme_id = out.pop("theme_id")
        out["theme"] = programme.themes.filter(pk=theme_id).first() if theme_id else None
        if theme_id and out["theme"] is None:
            raise InvalidInput(
                "Unknown theme", errors=[{"field": "theme_id", "message": "unknown"}]
            )
    if "organiser_ids" in out:
        ids = set(out.pop("organiser_ids") or [])
        organisers = list(Organisation.objects.filter(pk__in=ids))
        if len(organisers) != len(ids):
            raise InvalidInput(
                "Unknown organisation", errors=[{"field": "organiser_ids", "message": "unknown"}]
            )
        out["organisers"] = organisers
    for key, model_field in (("opportunity_ids", "opportunities"), ("ambition_ids", "ambitions")):
        if key in out:
            ids = set(out.pop(key) or [])
            manager = getattr(programme, model_field)
            found = list(manager.filter(pk__in=ids))
            if len(found) != len(ids):
                raise InvalidInput(
                    "Not of this programme", errors=[{"field": key, "message": "unknown"}]
                )
            out[model_field] = found
    if "channel_id" in out:
        out["channel"] = selectors.channel_get(programme=programme, pk=out.pop("channel_id"))
    return out


@router.get(
    "/programmes/{slug}/activities/",
    response={200: ActivityList, **READ_ERRORS},
    summary="Meetings and activities of a programme (internal ones for its team and partners)",
)
def activity_list(
    request: HttpRequest,
    slug: str,
    start: Date | None = None,
    end: Date | None = None,
    kind: ActivityKind | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Any:
    programme = programme_get(slug=slug)
    tz = timezone.get_current_timezone()
    qs = selectors.activity_list(
        user=request.user,
        programme=programme,
        start=dt.datetime.combine(start, dt.time(), tzinfo=tz) if start else None,
        end=dt.datetime.combine(end, dt.time(), tzinfo=tz) if end else None,
        kind=kind,
    )
    return paginate(qs, limit=limit, offset=offset, serialize=_activity_out)


@router.post(
    "/programmes/{slug}/activities/",
    response={201: ActivityDetail, **WRITE_ERRORS},
    auth=logged_in,
    summary="Record a meeting or activity (editors; partners for their own organisation)",
)
def activity_create(request: HttpRequest, slug: str, payload: ActivityIn) -> Any:
    programme = programme_get(slug=slug)
    activity = services.activity_create(
        programme=programme, by=request.user, **_refs(programme, payload.dict())
    )
    return Status(201, {**_activity_out(activity), "follow_ups": []})


def _detail(request: HttpRequest, activity: Activity) -> dict[str, Any]:
    internal = selectors.user_may_see_internal(user=request.user, programme=activity.programme)
    follow_ups = selectors.follow_up_list(activity=activity) if internal else []
    return {**_activity_out(activity), "follow_ups": [_follow_up_out(f) for f in follow_ups]}


@router.get(
    "/activities/{int:activity_id}/",
    response={200: ActivityDetail, **READ_ERRORS},
    summary="A meeting or activity; its follow-up actions for the team and partners",
)
def activity_detail(request: HttpRequest, activity_id: Id) -> Any:
    return _detail(request, selectors.activity_get(user=request.user, pk=activity_id))


@router.patch(
    "/activities/{int:activity_id}/",
    response={200: ActivityDetail, **WRITE_ERRORS},
    auth=logged_in,
    summary="Change a meeting or activity (a stale version answers 409)",
)
def activity_update(request: HttpRequest, activity_id: Id, payload: ActivityPatch) -> Any:
    activity = selectors.activity_get(user=request.user, pk=activity_id)
    nullable = {"ends_at", "theme_id", "expected_attendance", "actual_attendance"}
    data = {
        k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None or k in nullable
    }
    version = data.pop("version")
    activity = services.activity_update(
        activity=activity,
        version=version,
        by=request.user,
        **_refs(activity.programme, data),
    )
    return _detail(request, activity)


class FollowUpIn(Schema):
    text: Text = Field(min_length=1)
    assignee_id: Id | None = None
    due_on: Date | None = None
    opportunity_id: Id | None = None


@router.post(
    "/activities/{int:activity_id}/follow-ups/",
    response={201: FollowUpOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Add a follow-up action (the assignee is notified)",
)
def follow_up_create(request: HttpRequest, activity_id: Id, payload: FollowUpIn) -> Any:
    from wijkaanpak.accounts.models import User

    activity = selectors.activity_get(user=request.user, pk=activity_id)
    assignee = None
    if payload.assignee_id is not None:
        assignee = User.objects.filter(pk=payload.assignee_id, is_active=True).first()
        if assignee is None:
            raise InvalidInput(
                "Unknown user", errors=[{"field": "assignee_id", "message": "unknown"}]
            )
    opportunity = None
    if payload.opportunity_id is not None:
        opportunity = activity.programme.opportunities.filter(pk=payload.opportunity_id).first()
        if opportunity is None:
            raise InvalidInput(
                "Unknown kans", errors=[{"field": "opportunity_id", "message": "unknown"}]
            )
    action = services.follow_up_create(
        activity=activity,
        text=payload.text,
        assignee=assignee,
        due_on=payload.due_on,
        opportunity=opportunity,
        by=request.user,
    )
    return Status(201, _follow_up_out(action))


class FollowUpDone(Schema):
    version: Version
    outcome: Literal["done", "progress", "interpretation"] = "done"
    opportunity_id: Id | None = None
    text: Text = ""


@router.post(
    "/follow-ups/{int:follow_up_id}/complete/",
    response={200: FollowUpOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Complete a follow-up action: done, or as a kans progress update or an interpretation",
)
def follow_up_complete(request: HttpRequest, follow_up_id: Id, payload: FollowUpDone) -> Any:
    action = selectors.follow_up_get(user=request.user, pk=follow_up_id)
    if payload.outcome == "progress":
        kans = None
        if payload.opportunity_id is not None:
            kans = action.activity.programme.opportunities.filter(pk=payload.opportunity_id).first()
            if kans is None:
                raise InvalidInput(
                    "Unknown kans", errors=[{"field": "opportunity_id", "message": "unknown"}]
                )
        action = services.follow_up_to_progress(
            action=action,
            opportunity=kans,
            text=payload.text,
            version=payload.version,
            by=request.user,
        )
    elif payload.outcome == "interpretation":
        action = services.follow_up_to_interpretation(
            action=action, text=payload.text, version=payload.version, by=request.user
        )
    else:
        action = services.follow_up_complete(
            action=action, version=payload.version, by=request.user
        )
    return _follow_up_out(action)


# --- calendar ------------------------------------------------------------------------------


class CalendarItem(Schema):
    type: str
    id: int
    date: dt.date
    time: dt.time | None
    end_time: dt.time | None
    title: str
    label: str
    place: str
    public: bool


class CalendarOut(Schema):
    start: dt.date
    end: dt.date
    ics: str
    items: list[CalendarItem]


@router.get(
    "/programmes/{slug}/calendar/",
    response={200: CalendarOut, **READ_ERRORS},
    summary="The shared calendar: activities and communication items (at most 366 days)",
)
def calendar(
    request: HttpRequest, slug: str, start: Date | None = None, end: Date | None = None
) -> Any:
    """From `start` (default today) up to `end` (default two months on), exclusive."""
    programme = programme_get(slug=slug)
    start = start or timezone.localdate()
    end = end or start + dt.timedelta(days=62)
    if not start < end <= start + dt.timedelta(days=366):
        raise InvalidInput(
            "end must lie after start, at most 366 days",
            errors=[{"field": "end", "message": "at most 366 days after start"}],
        )
    items = selectors.calendar_items(user=request.user, programme=programme, start=start, end=end)
    for item in items:
        item["label"] = str(item["label"])
    return {
        "start": start,
        "end": end,
        "ics": reverse("participation:feed", args=[programme.slug]),
        "items": items,
    }


class FeedTokenOut(Schema):
    id: int
    created_at: dt.datetime
    url: str | None = None


class FeedTokenList(Schema):
    count: int
    items: list[FeedTokenOut]


@router.get(
    "/programmes/{slug}/calendar/feed-tokens/",
    response={200: FeedTokenList, **READ_ERRORS},
    auth=logged_in,
    summary="Your live secret calendar addresses (the address itself is shown only once)",
)
def feed_token_list(request: HttpRequest, slug: str) -> Any:
    programme = programme_get(slug=slug)
    tokens = selectors.feed_token_list(user=request.user, programme=programme)
    return paginate(
        tokens,
        limit=100,
        offset=0,
        serialize=lambda t: {"id": t.pk, "created_at": t.created_at, "url": None},
    )


@router.post(
    "/programmes/{slug}/calendar/feed-tokens/",
    response={201: FeedTokenOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="A new secret calendar address with the internal items (team and partners)",
)
def feed_token_create(request: HttpRequest, slug: str) -> Any:
    programme = programme_get(slug=slug)
    token, raw = services.feed_token_create(programme=programme, by=request.user)
    url = request.build_absolute_uri(reverse("participation:feed_private", args=[raw]))
    return Status(201, {"id": token.pk, "created_at": token.created_at, "url": url})


@router.delete(
    "/calendar/feed-tokens/{int:token_id}/",
    response={204: None, **WRITE_ERRORS},
    auth=logged_in,
    summary="Revoke one of your secret calendar addresses",
)
def feed_token_revoke(request: HttpRequest, token_id: Id) -> Any:
    from wijkaanpak.participation.models import CalendarFeedToken

    token = CalendarFeedToken.objects.filter(
        pk=token_id, user_id=int(request.user.pk or 0), revoked_at=None
    ).first()
    if token is None:
        raise NotFound("Unknown calendar feed address")
    services.feed_token_revoke(token=token, by=request.user)
    return Status(204, None)
