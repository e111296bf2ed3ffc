"""Communication channels, plans and outputs, the media overview, and stories."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, File, Form, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from wijkaanpak.accounts.auth import logged_in
from wijkaanpak.core.api_utils import (
    READ_ERRORS,
    WRITE_ERRORS,
    Date,
    Id,
    Limit,
    Offset,
    Version,
    Year,
    paginate,
)
from wijkaanpak.participation import selectors, services
from wijkaanpak.participation.api.activities import _refs
from wijkaanpak.participation.api.base import router
from wijkaanpak.participation.images import MAX_BYTES
from wijkaanpak.participation.models import (
    ChannelKind,
    CommunicationOutput,
    OutputKind,
    OutputStatus,
    Story,
)
from wijkaanpak.programmes.selectors import programme_get

Title = Annotated[str, Field(min_length=1, max_length=200)]
Name = Annotated[str, Field(min_length=1, max_length=100)]
Text = Annotated[str, Field(max_length=20_000)]
Url = Annotated[str, Field(max_length=200)]
Quarter = Annotated[int, Field(ge=1, le=4)]
Planned = Annotated[int, Field(ge=0, le=100_000)]
# An optional file part (ninja's File(None)); `File[UploadedFile] | None` is not read.
OPTIONAL_IMAGE: Any = File(None)  # type: ignore[type-arg]


class ChannelOut(Schema):
    id: int
    name: str
    kind: str
    description: str


class ChannelIn(Schema):
    name: Name
    kind: ChannelKind
    description: Text = ""


class PlanIn(Schema):
    planned: Planned
    note: Annotated[str, Field(max_length=300)] = ""


class PlanOut(Schema):
    channel_id: int
    year: int
    planned: int
    note: str


class OutputOut(Schema):
    id: int
    uid: str
    channel_id: int
    channel: str
    kind: str
    title: str
    date: dt.date
    status: str
    url: str
    summary: str
    organisation_id: int | None
    opportunities: list[int]
    ambitions: list[int]
    public: bool
    source: str
    version: int


class ChannelYear(Schema):
    channel_id: int
    channel: str
    kind: str
    planned: int
    made: int


class CommunicationYear(Schema):
    year: int
    channels: list[ChannelYear]
    outputs: list[OutputOut]


class OutputIn(Schema):
    channel_id: Id
    kind: OutputKind
    title: Title
    date: Date
    status: OutputStatus = OutputStatus.PLANNED
    url: Url = ""
    summary: Text = ""
    public: bool = True
    opportunity_ids: list[Id] = []
    ambition_ids: list[Id] = []


class OutputPatch(Schema):
    version: Version
    channel_id: Id | None = None
    kind: OutputKind | None = None
    title: Title | None = None
    date: Date | None = None
    status: OutputStatus | None = None
    url: Url | None = None
    summary: Text | None = None
    public: bool | None = None
    opportunity_ids: list[Id] | None = None
    ambition_ids: list[Id] | None = None


def _output_out(o: CommunicationOutput) -> dict[str, Any]:
    return {
        "id": o.pk,
        "uid": str(o.uid),
        "channel_id": o.channel_id,
        "channel": o.channel.name,
        "kind": o.kind,
        "title": o.title,
        "date": o.date,
        "status": o.status,
        "url": o.url,
        "summary": o.summary,
        "organisation_id": o.organisation_id,
        "opportunities": [k.pk for k in o.opportunities.all()],
        "ambitions": [a.pk for a in o.ambitions.all()],
        "public": o.public,
        "source": o.source,
        "version": o.version,
    }


@router.get(
    "/programmes/{slug}/channels/",
    response={200: list[ChannelOut], **READ_ERRORS},
    summary="Communication channels of a programme",
)
def channel_list(request: HttpRequest, slug: str) -> Any:
    programme = programme_get(slug=slug)
    return [
        {"id": c.pk, "name": c.name, "kind": c.kind, "description": c.description}
        for c in selectors.channel_list(programme=programme)
    ]


@router.post(
    "/programmes/{slug}/channels/",
    response={201: ChannelOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Add or change a communication channel by name (editors)",
)
def channel_create(request: HttpRequest, slug: str, payload: ChannelIn) -> Any:
    programme = programme_get(slug=slug)
    c = services.channel_ensure(programme=programme, by=request.user, **payload.dict())
    return Status(201, {"id": c.pk, "name": c.name, "kind": c.kind, "description": c.description})


@router.put(
    "/programmes/{slug}/channels/{int:channel_id}/plans/{int:year}/",
    response={200: PlanOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Set how many outputs are planned on a channel in a year (editors)",
)
def channel_plan_set(
    request: HttpRequest, slug: str, channel_id: Id, year: Year, payload: PlanIn
) -> Any:
    programme = programme_get(slug=slug)
    channel = selectors.channel_get(programme=programme, pk=channel_id)
    plan = services.channel_plan_set(
        channel=channel, year=year, planned=payload.planned, note=payload.note, by=request.user
    )
    return {"channel_id": channel.pk, "year": plan.year, "planned": plan.planned, "note": plan.note}


@router.get(
    "/programmes/{slug}/communication/{int:year}/",
    response={200: CommunicationYear, **READ_ERRORS},
    summary="A year's communication: planned versus made per channel, and the outputs",
)
def communication_year(request: HttpRequest, slug: str, year: Year) -> Any:
    programme = programme_get(slug=slug)
    outputs = selectors.output_list(user=request.user, programme=programme, year=year)
    return {
        "year": year,
        "channels": selectors.planned_vs_made(programme=programme, year=year),
        "outputs": [_output_out(o) for o in outputs],
    }


@router.post(
    "/programmes/{slug}/communication-outputs/",
    response={201: OutputOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Add a communication output: an article, film, newsletter item or post (editors)",
)
def output_create(request: HttpRequest, slug: str, payload: OutputIn) -> Any:
    programme = programme_get(slug=slug)
    output = services.output_create(
        programme=programme, by=request.user, **_refs(programme, payload.dict())
    )
    return Status(201, _output_out(output))


@router.patch(
    "/communication-outputs/{int:output_id}/",
    response={200: OutputOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Change a communication output, e.g. from planned to made (a stale version: 409)",
)
def output_update(request: HttpRequest, output_id: Id, payload: OutputPatch) -> Any:
    output = selectors.output_get(user=request.user, pk=output_id)
    data = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    version = data.pop("version")
    output = services.output_update(
        output=output, version=version, by=request.user, **_refs(output.programme, data)
    )
    return _output_out(output)


class MediaItem(Schema):
    id: int
    title: str
    date: dt.date
    kind: str
    url: str


class MediaChannel(Schema):
    channel: str
    items: list[MediaItem]


class MediaOverview(Schema):
    year: int
    quarter: int
    start: dt.date
    end: dt.date
    total: int
    channels: list[MediaChannel]


@router.get(
    "/programmes/{slug}/media-overview/{int:year}/{int:quarter}/",
    response={200: MediaOverview, **READ_ERRORS},
    summary="The quarterly media overview: what appeared on each channel",
)
def media_overview(request: HttpRequest, slug: str, year: Year, quarter: Quarter) -> Any:
    programme = programme_get(slug=slug)
    return selectors.media_overview(
        user=request.user, programme=programme, year=year, quarter=quarter
    )


# --- stories -------------------------------------------------------------------------------


class StoryOut(Schema):
    id: int
    title: str
    text: str
    image_url: str | None
    image_alt: str
    film_url: str
    published: bool
    published_on: dt.date | None
    opportunities: list[int]
    ambitions: list[int]
    source: str
    version: int


class StoryList(Schema):
    count: int
    items: list[StoryOut]


class StoryForm(Schema):
    title: Title
    text: Annotated[str, Field(min_length=1, max_length=20_000)]
    image_alt: Annotated[str, Field(max_length=200)] = ""
    film_url: Url = ""
    published: bool = False
    opportunity_ids: list[Id] = []
    ambition_ids: list[Id] = []


class StoryPatch(Schema):
    version: Version
    title: Title | None = None
    text: Annotated[str, Field(min_length=1, max_length=20_000)] | None = None
    image_alt: Annotated[str, Field(max_length=200)] | None = None
    film_url: Url | None = None
    published: bool | None = None
    published_on: Date | None = None
    opportunity_ids: list[Id] | None = None
    ambition_ids: list[Id] | None = None


def _story_out(s: Story, has_image: bool) -> dict[str, Any]:
    return {
        "id": s.pk,
        "title": s.title,
        "text": s.text,
        "image_url": reverse("participation:story_image", args=[s.pk]) if has_image else None,
        "image_alt": s.image_alt,
        "film_url": s.film_url,
        "published": s.published,
        "published_on": s.published_on,
        "opportunities": [k.pk for k in s.opportunities.all()],
        "ambitions": [a.pk for a in s.ambitions.all()],
        "source": s.source,
        "version": s.version,
    }


def _with_image(pk: int) -> bool:
    return Story.objects.filter(pk=pk).exclude(image=b"").exists()


@router.get(
    "/programmes/{slug}/stories/",
    response={200: StoryList, **READ_ERRORS},
    summary="Positive stories (drafts only for editors)",
)
def story_list(request: HttpRequest, slug: str, limit: Limit = 100, offset: Offset = 0) -> Any:
    programme = programme_get(slug=slug)
    stories = selectors.story_list(user=request.user, programme=programme)
    with_image = set(
        Story.objects.filter(programme=programme).exclude(image=b"").values_list("pk", flat=True)
    )
    return paginate(
        stories, limit=limit, offset=offset, serialize=lambda s: _story_out(s, s.pk in with_image)
    )


@router.post(
    "/programmes/{slug}/stories/",
    response={201: StoryOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Add a story with an optional photo (editors; JPEG, PNG, GIF or WebP up to 10 MB)",
)
def story_create(
    request: HttpRequest,
    slug: str,
    data: Form[StoryForm],
    image: UploadedFile | None = OPTIONAL_IMAGE,
) -> Any:
    programme = programme_get(slug=slug)
    content = bytes(image.read(MAX_BYTES + 1)) if image is not None else None
    story = services.story_create(
        programme=programme, image=content, by=request.user, **_refs(programme, data.dict())
    )
    return Status(201, _story_out(story, bool(story.image)))


@router.get(
    "/stories/{int:story_id}/",
    response={200: StoryOut, **READ_ERRORS},
    summary="A story",
)
def story_detail(request: HttpRequest, story_id: Id) -> Any:
    story = selectors.story_get(user=request.user, pk=story_id)
    return _story_out(story, _with_image(story.pk))


@router.patch(
    "/stories/{int:story_id}/",
    response={200: StoryOut, **WRITE_ERRORS},
    auth=logged_in,
    summary="Change a story, e.g. publish it (editors; a stale version: 409)",
)
def story_update(request: HttpRequest, story_id: Id, payload: StoryPatch) -> Any:
    story = selectors.story_get(user=request.user, pk=story_id)
    nullable = {"published_on"}
    data = {
        k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None or k in nullable
    }
    version = data.pop("version")
    story = services.story_update(
        story=story, version=version, by=request.user, **_refs(story.programme, data)
    )
    return _story_out(story, _with_image(story.pk))
