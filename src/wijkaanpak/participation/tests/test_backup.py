"""The participation data (UUIDs, the story's photo bytes) survives a backup round trip."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from PIL import Image

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.backup import export_lines
from wijkaanpak.participation import services
from wijkaanpak.participation.models import Activity, Story


@pytest.mark.django_db
def test_round_trip_keeps_activities_and_photos(tmp_path: Path, programme: Any) -> None:
    activity = services.activity_create(
        programme=programme,
        kind="market",
        title="Beroepenmarkt",
        starts_at=dt.datetime(2020, 3, 4, 14, tzinfo=ZoneInfo("Europe/Amsterdam")),
        by=SYSTEM,
    )
    photo = io.BytesIO()
    Image.new("RGB", (16, 16), "red").save(photo, format="PNG")
    story = services.story_create(
        programme=programme, title="Foto", text="Tekst", image=photo.getvalue(), by=SYSTEM
    )
    stored = bytes(Story.objects.get(pk=story.pk).image)
    before = [line for _, line in export_lines()]
    file = tmp_path / "backup.zip"
    call_command("backup", str(file))
    Activity.objects.all().delete()
    Story.objects.all().delete()
    call_command("restore", str(file), "--force")
    assert [line for _, line in export_lines()] == before
    assert Activity.objects.get().uid == activity.uid
    assert bytes(Story.objects.get().image) == stored
