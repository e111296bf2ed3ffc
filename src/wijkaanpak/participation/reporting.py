"""What the annual report and the public dashboard take from this app (docs/participation.md).

Both return plain data (dicts and lists of str, int, dates and None) of public items only, so
the numbers agree in the report, on the dashboard and in the API.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from wijkaanpak.participation.models import (
    Activity,
    Channel,
    ChannelPlan,
    CommunicationOutput,
    OutputStatus,
    Story,
)
from wijkaanpak.programmes.models import Programme


def _story_dict(story: Story) -> dict[str, Any]:
    return {
        "id": story.pk,
        "title": story.title,
        "text": story.text,
        "published_on": story.published_on,
        "film_url": story.film_url or None,
        "image_url": reverse("participation:story_image", args=[story.pk])
        if story.has_image  # type: ignore[attr-defined]
        else None,
        "image_alt": story.image_alt,
        "url": reverse("participation:story", args=[story.pk]),
        "opportunities": [o.title for o in story.opportunities.all()],
        "ambitions": [a.number for a in story.ambitions.all()],
    }


def _published_stories(programme: Programme) -> Any:
    return (
        Story.objects.filter(programme=programme, published=True)
        .defer("image")
        .annotate(has_image=~Q(image=b""))
        .prefetch_related("opportunities", "ambitions")
        .order_by("-published_on", "-pk")
    )


def public_stories(*, programme: Programme, limit: int) -> list[dict[str, Any]]:
    """The newest published stories: id, title, text, published_on, film_url, image_url,
    image_alt, url, opportunities (titles), ambitions (numbers)."""
    return [_story_dict(s) for s in _published_stories(programme)[: max(0, limit)]]


def _channels(programme: Programme, year: int) -> list[dict[str, Any]]:
    plans = dict(
        ChannelPlan.objects.filter(channel__programme=programme, year=year).values_list(
            "channel_id", "planned"
        )
    )
    rows = (
        Channel.objects.filter(programme=programme)
        .annotate(
            made=Count(
                "outputs",
                filter=Q(
                    outputs__date__year=year,
                    outputs__status=OutputStatus.MADE,
                    outputs__public=True,
                ),
            ),
            listed=Count("outputs", filter=Q(outputs__date__year=year, outputs__public=True)),
        )
        .order_by("name")
    )
    return [
        {"channel": c.name, "kind": c.kind, "planned": plans.get(c.pk, c.listed), "made": c.made}
        for c in rows
    ]


def _quarters(programme: Programme, year: int) -> list[dict[str, Any]]:
    outputs = CommunicationOutput.objects.filter(
        programme=programme, public=True, status=OutputStatus.MADE, date__year=year
    ).select_related("channel")
    quarters: list[dict[str, Any]] = [{"quarter": q, "count": 0, "items": []} for q in (1, 2, 3, 4)]
    for o in outputs.order_by("date", "pk"):
        quarter = quarters[(o.date.month - 1) // 3]
        quarter["count"] += 1
        quarter["items"].append(
            {"title": o.title, "date": o.date, "channel": o.channel.name, "kind": o.kind}
        )
    return quarters


def report_section(*, programme: Programme, year: int) -> dict[str, Any]:
    """Section 4 of the annual report (public items only):

    {"year", "meetings": [{"title", "kind", "kind_label", "date", "place", "organisers",
      "expected_attendance", "actual_attendance", "outcomes"}], "meetings_count",
     "attendance_total", "communication": [{"channel", "kind", "planned", "made"}],
     "media_overview": [{"quarter", "count", "items": [{"title", "date", "channel", "kind"}]}],
     "stories": [public_stories' dicts]}
    """
    start = timezone.make_aware(dt.datetime(year, 1, 1))
    end = timezone.make_aware(dt.datetime(year + 1, 1, 1))
    meetings = []
    for a in (
        Activity.objects.filter(
            programme=programme, public=True, starts_at__gte=start, starts_at__lt=end
        )
        .prefetch_related("organisers")
        .order_by("starts_at", "pk")
    ):
        meetings.append(
            {
                "title": a.title,
                "kind": a.kind,
                "kind_label": str(a.get_kind_display()),
                "date": timezone.localtime(a.starts_at).date(),
                "place": a.place,
                "organisers": [o.name for o in a.organisers.all()],
                "expected_attendance": a.expected_attendance,
                "actual_attendance": a.actual_attendance,
                "outcomes": a.outcomes,
            }
        )
    stories = [
        _story_dict(s) for s in _published_stories(programme).filter(published_on__year=year)
    ]
    return {
        "year": year,
        "meetings": meetings,
        "meetings_count": len(meetings),
        "attendance_total": sum(m["actual_attendance"] or 0 for m in meetings),
        "communication": _channels(programme, year),
        "media_overview": _quarters(programme, year),
        "stories": stories,
    }
