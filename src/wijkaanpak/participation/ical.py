"""The shared calendar as an iCalendar feed (RFC 5545), built with the icalendar library.

Activities are timed events in Europe/Amsterdam (with a VTIMEZONE); communication outputs are
all-day events. UIDs come from the rows' stored UUIDs, so they never change when an item is
edited (SEQUENCE follows its version). The finished feed is cached per programme and scope and
dropped whenever an activity or output changes (`feed_cache_clear`).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import zoneinfo
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from wijkaanpak.participation.models import (
    Activity,
    ActivityKind,
    CommunicationOutput,
    OutputKind,
    OutputStatus,
)
from wijkaanpak.programmes.models import Programme

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
CACHE_SECONDS = 300
UID_DOMAIN = "wijkaanpak"


def _key(programme_id: int, internal: bool) -> str:
    return f"participation:ics:{programme_id}:{'internal' if internal else 'public'}"


def feed_cache_clear(programme_id: int) -> None:
    cache.delete_many([_key(programme_id, False), _key(programme_id, True)])


class Feed(NamedTuple):
    body: bytes
    gzipped: bytes  # compressed once, for the calendar programs that accept gzip
    etag: str


def feed_bytes(*, programme: Programme, internal: bool, base_url: str) -> Feed:
    """The feed (public items, or with `internal` all items), compressed and with its ETag,
    from the cache when fresh."""
    key = _key(programme.pk, internal)
    cached: Feed | None = cache.get(key)
    if cached is None:
        body = build_feed(programme=programme, internal=internal, base_url=base_url)
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        cached = Feed(body, gzip.compress(body, compresslevel=6, mtime=0), etag)
        cache.set(key, cached, CACHE_SECONDS)
    return cached


def build_feed(*, programme: Programme, internal: bool, base_url: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Wijkaanpak//Gedeelde kalender//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{programme.name} – kalender")
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    stamp = timezone.now().replace(microsecond=0)
    activities = Activity.objects.filter(programme=programme).prefetch_related("organisers")
    outputs = CommunicationOutput.objects.filter(programme=programme).select_related("channel")
    if not internal:
        activities = activities.filter(public=True)
        outputs = outputs.filter(public=True)
    # Labels once per feed, not per item (get_FOO_display is costly with lazy choices).
    kinds = {k: str(v) for k, v in ActivityKind.choices}
    output_kinds = {k: str(v) for k, v in OutputKind.choices}
    statuses = {k: str(v) for k, v in OutputStatus.choices}
    for a in activities.order_by("starts_at", "pk"):
        event = Event()
        event.add("uid", f"activity-{a.uid}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        start = a.starts_at.astimezone(AMSTERDAM)
        event.add("dtstart", start)
        event.add("dtend", (a.ends_at or a.starts_at + dt.timedelta(hours=1)).astimezone(AMSTERDAM))
        event.add("summary", a.title)
        if a.place:
            event.add("location", a.place)
        organisers = ", ".join(o.name for o in a.organisers.all())
        text = "\n".join(x for x in (kinds.get(a.kind, a.kind), organisers, a.description) if x)
        event.add("description", text)
        event.add("categories", [kinds.get(a.kind, a.kind)])
        event.add("class", "PUBLIC" if a.public else "PRIVATE")
        event.add("sequence", a.version - 1)
        event.add("url", base_url + reverse("participation:activity", args=[a.pk]))
        cal.add_component(event)
    for o in outputs.filter(~Q(date=None)).order_by("date", "pk"):
        event = Event()
        event.add("uid", f"output-{o.uid}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", o.date)
        event.add("dtend", o.date + dt.timedelta(days=1))
        event.add("summary", f"{o.channel.name}: {o.title}")
        event.add(
            "description",
            f"{output_kinds.get(o.kind, o.kind)} ({statuses.get(o.status, o.status)})",
        )
        event.add("categories", [o.channel.name])
        event.add("class", "PUBLIC" if o.public else "PRIVATE")
        event.add("transp", "TRANSPARENT")
        event.add("sequence", o.version - 1)
        cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
