"""Communication: planned versus made, the quarterly media overview, the report section."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.exceptions import Forbidden, InvalidInput
from wijkaanpak.participation import selectors, services
from wijkaanpak.participation.models import ChannelKind, OutputKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def films(programme: Any) -> Any:
    channel = services.channel_ensure(
        programme=programme, name="Films", kind=ChannelKind.FILM, by=SYSTEM
    )
    services.channel_plan_set(channel=channel, year=2020, planned=8, by=SYSTEM)
    for month in (1, 2, 3):
        services.output_create(
            programme=programme,
            channel=channel,
            kind=OutputKind.FILM,
            title=f"Film {month}",
            date=dt.date(2020, month, 15),
            status="made",
            by=SYSTEM,
        )
    services.output_create(
        programme=programme,
        channel=channel,
        kind=OutputKind.FILM,
        title="Film 4",
        date=dt.date(2020, 4, 15),
        by=SYSTEM,
    )
    return channel


def test_three_films_made_of_eight_planned(programme: Any, films: Any) -> None:
    rows = selectors.planned_vs_made(programme=programme, year=2020)
    assert rows == [
        {"channel_id": films.pk, "channel": "Films", "kind": "film", "planned": 8, "made": 3}
    ]


def test_the_quarterly_media_overview_lists_what_appeared(programme: Any, films: Any) -> None:
    q1 = selectors.media_overview(user=AnonymousUser(), programme=programme, year=2020, quarter=1)
    assert q1["total"] == 3 and q1["end"] == dt.date(2020, 3, 31)
    assert [i["title"] for i in q1["channels"][0]["items"]] == ["Film 1", "Film 2", "Film 3"]
    q2 = selectors.media_overview(user=AnonymousUser(), programme=programme, year=2020, quarter=2)
    assert q2["total"] == 0  # Film 4 is only planned


def test_outputs_are_written_by_editors_only_and_tied_to_own_kansen(
    programme: Any, films: Any, viewer: Any, editor: Any, kans: Any
) -> None:
    with pytest.raises(Forbidden):
        services.output_create(
            programme=programme,
            channel=films,
            kind="film",
            title="x",
            date=dt.date(2020, 1, 1),
            by=viewer,
        )
    output = services.output_create(
        programme=programme,
        channel=films,
        kind="film",
        title="Bouw=Wouw",
        date=dt.date(2020, 5, 1),
        opportunities=[kans],
        by=editor,
    )
    assert list(output.opportunities.all()) == [kans]
    with pytest.raises(InvalidInput) as exc:
        services.output_update(
            output=output, version=output.version, url="javascript:alert(1)", by=editor
        )
    assert exc.value.errors[0]["field"] == "url"


def test_report_section_has_meetings_communication_and_stories(programme: Any, films: Any) -> None:
    from zoneinfo import ZoneInfo

    services.activity_create(
        programme=programme,
        kind="market",
        title="Beroepenmarkt",
        starts_at=dt.datetime(2020, 3, 4, 14, tzinfo=ZoneInfo("Europe/Amsterdam")),
        actual_attendance=176,
        by=SYSTEM,
    )
    services.activity_create(
        programme=programme,
        kind="other",
        title="Intern overleg",
        starts_at=dt.datetime(2020, 3, 5, 14, tzinfo=ZoneInfo("Europe/Amsterdam")),
        public=False,
        actual_attendance=5,
        by=SYSTEM,
    )
    services.story_create(
        programme=programme,
        title="Trots op Overvecht",
        text="Een mooi verhaal.",
        published=True,
        published_on=dt.date(2020, 4, 1),
        by=SYSTEM,
    )
    services.story_create(programme=programme, title="Concept", text="Nog niet af.", by=SYSTEM)
    section = selectors.report_section(programme=programme, year=2020)
    assert [m["title"] for m in section["meetings"]] == ["Beroepenmarkt"]
    assert section["attendance_total"] == 176
    assert section["communication"][0]["planned"] == 8 and section["communication"][0]["made"] == 3
    assert [q["count"] for q in section["media_overview"]] == [3, 0, 0, 0]
    assert [s["title"] for s in section["stories"]] == ["Trots op Overvecht"]
    assert [s["title"] for s in selectors.public_stories(programme=programme, limit=5)] == [
        "Trots op Overvecht"
    ]
