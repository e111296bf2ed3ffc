"""The shared calendar's iCalendar feeds, parsed back with the icalendar library."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.test import Client
from icalendar import Calendar

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.participation import services
from wijkaanpak.participation.models import ActivityKind, ChannelKind, OutputKind

AMS = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


@pytest.fixture
def items(programme: Any) -> dict[str, Any]:
    public = services.activity_create(
        programme=programme,
        kind=ActivityKind.VERSNELLINGSCAFE,
        title="Versnellingscafé: geld, werk; opvoeden",
        starts_at=dt.datetime(2020, 3, 4, 19, 30, tzinfo=AMS),
        ends_at=dt.datetime(2020, 3, 4, 21, 0, tzinfo=AMS),
        place="Buurtcentrum Dock, Zamenhofdreef 1",
        description="Regel één\nRegel twee, met \\ backslash",
        by=SYSTEM,
    )
    internal = services.activity_create(
        programme=programme,
        kind=ActivityKind.OTHER,
        title="Overleg communicatieadviseurs",
        starts_at=dt.datetime(2020, 7, 1, 10, 0, tzinfo=AMS),
        public=False,
        by=SYSTEM,
    )
    channel = services.channel_ensure(
        programme=programme, name="Dreefnieuws", kind=ChannelKind.PRINT, by=SYSTEM
    )
    output = services.output_create(
        programme=programme,
        channel=channel,
        kind=OutputKind.ARTICLE,
        title="Artikel over de wijkambassadeurs",
        date=dt.date(2020, 3, 20),
        status="made",
        by=SYSTEM,
    )
    return {"public": public, "internal": internal, "output": output}


def _events(body: bytes) -> dict[str, Any]:
    cal = Calendar.from_ical(body)
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def test_the_public_feed_has_public_items_with_times_in_amsterdam(items: Any) -> None:
    response = Client().get("/participatie/samen-voor-overvecht/kalender.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content
    events = _events(raw)
    assert set(events) == {
        "Versnellingscafé: geld, werk; opvoeden",
        "Dreefnieuws: Artikel over de wijkambassadeurs",
    }
    cafe = events["Versnellingscafé: geld, werk; opvoeden"]
    start = cafe.decoded("DTSTART")
    assert start == dt.datetime(2020, 3, 4, 19, 30, tzinfo=AMS)
    assert start.astimezone(dt.UTC) == dt.datetime(2020, 3, 4, 18, 30, tzinfo=dt.UTC)
    assert b"DTSTART;TZID=Europe/Amsterdam:20200304T193000" in raw
    assert b"BEGIN:VTIMEZONE" in raw and b"TZID:Europe/Amsterdam" in raw
    # Escaping (RFC 5545 3.3.11): commas, semicolons, backslashes and new lines survive.
    assert b"SUMMARY:Versnellingscaf\xc3\xa9: geld\\, werk\\; opvoeden" in raw
    assert str(cafe["LOCATION"]) == "Buurtcentrum Dock, Zamenhofdreef 1"
    assert "Regel één\nRegel twee, met \\ backslash" in str(cafe["DESCRIPTION"])
    article = events["Dreefnieuws: Artikel over de wijkambassadeurs"]
    assert article.decoded("DTSTART") == dt.date(2020, 3, 20)
    assert b"Overleg communicatieadviseurs" not in raw


def test_uids_stay_the_same_when_an_item_changes(items: Any) -> None:
    client = Client()
    url = "/participatie/samen-voor-overvecht/kalender.ics"
    before = {str(e["UID"]) for e in Calendar.from_ical(client.get(url).content).walk("VEVENT")}
    services.activity_update(
        activity=items["public"], title="Versnellingscafé (verplaatst)", by=SYSTEM
    )
    after_events = _events(client.get(url).content)
    after = {str(e["UID"]) for e in after_events.values()}
    assert before == after and len(after) == 2
    moved = after_events["Versnellingscafé (verplaatst)"]
    assert str(moved["UID"]) == f"activity-{items['public'].uid}@wijkaanpak"
    assert int(moved["SEQUENCE"]) == 1


def test_internal_items_only_through_a_personal_secret_address(
    items: Any, viewer: Any, outsider: Any
) -> None:
    from wijkaanpak.core.exceptions import Forbidden

    token, raw = services.feed_token_create(programme=items["public"].programme, by=viewer)
    client = Client()
    url = f"/participatie/feed/{raw}.ics"
    response = client.get(url)
    assert response.status_code == 200
    assert "Overleg communicatieadviseurs" in _events(response.content)
    assert "no-store" in response["Cache-Control"]
    assert client.get("/participatie/feed/not-a-token.ics").status_code == 404
    services.feed_token_revoke(token=token, by=viewer)
    assert client.get(url).status_code == 404
    with pytest.raises(Forbidden):
        services.feed_token_create(programme=items["public"].programme, by=outsider)


def test_a_member_who_leaves_loses_the_internal_feed(items: Any, viewer: Any) -> None:
    from wijkaanpak.accounts.models import ProgrammeMembership

    _token, raw = services.feed_token_create(programme=items["public"].programme, by=viewer)
    ProgrammeMembership.objects.filter(user=viewer).delete()
    assert Client().get(f"/participatie/feed/{raw}.ics").status_code == 404


def test_a_calendar_program_that_has_the_feed_gets_304(items: Any) -> None:
    client = Client()
    url = "/participatie/samen-voor-overvecht/kalender.ics"
    first = client.get(url)
    etag = first["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    services.activity_update(activity=items["public"], place="Elders", by=SYSTEM)
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_the_feed_is_sent_compressed_to_who_accepts_gzip(items: Any) -> None:
    import gzip

    url = "/participatie/samen-voor-overvecht/kalender.ics"
    plain = Client().get(url)
    packed = Client().get(url, headers={"Accept-Encoding": "gzip, deflate"})
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
