"""Stories: images are decoded, limited, re-encoded and stripped of location data."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from PIL import Image

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.participation import services
from wijkaanpak.participation.models import Story

pytestmark = pytest.mark.django_db


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), "orange")
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    gps = {1: "N", 2: (52.0, 7.0, 30.0), 3: "E", 4: (5.0, 7.0, 10.0)}
    exif[0x8825] = gps  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_story_photo_is_stored_without_location_data(programme: Any, editor: Any) -> None:
    original = _jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the fixture has GPS
    story = services.story_create(
        programme=programme,
        title="Fotoclub",
        text="Foto's van de wijk.",
        image=original,
        published=True,
        by=editor,
    )
    stored = bytes(Story.objects.get(pk=story.pk).image)
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and image.size == (64, 48)
    assert not image.getexif() and b"Exif" not in stored and b"Telefoonmerk" not in stored
    response = Client().get(f"/participatie/verhalen/{story.pk}/foto.jpg")
    assert response.status_code == 200 and response.content == stored


@pytest.mark.parametrize(
    "content, message",
    [
        (b"%PDF-1.4 not an image", "not an image"),
        (b"\xff\xd8\xff" + b"0" * 100, "not an image"),
        (b"x" * (10 * 1024 * 1024 + 1), "larger than 10 MB"),
    ],
)
def test_what_is_not_a_small_real_image_is_refused(
    programme: Any, content: bytes, message: str
) -> None:
    with pytest.raises(InvalidInput) as exc:
        services.story_create(programme=programme, title="T", text="T", image=content, by=SYSTEM)
    assert message in exc.value.message and exc.value.errors[0]["field"] == "image"
    assert not Story.objects.exists()


def test_a_decompression_bomb_is_refused(programme: Any) -> None:
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, format="PNG")  # small file, 400 megapixels
    assert len(out.getvalue()) < 10 * 1024 * 1024
    with pytest.raises(InvalidInput):
        services.story_create(
            programme=programme, title="T", text="T", image=out.getvalue(), by=SYSTEM
        )


def test_drafts_are_for_editors_only(programme: Any, editor: Any, viewer: Any) -> None:
    story = services.story_create(programme=programme, title="Concept", text="…", by=editor)
    assert Client().get(f"/participatie/verhalen/{story.pk}/").status_code == 404
    client = Client()
    client.force_login(viewer)
    assert client.get(f"/participatie/verhalen/{story.pk}/").status_code == 404
    client.force_login(editor)
    assert client.get(f"/participatie/verhalen/{story.pk}/").status_code == 200
    services.story_update(story=story, version=1, published=True, by=editor)
    assert (
        Client().get("/participatie/samen-voor-overvecht/verhalen/").content.count(b"Concept") == 1
    )


def test_a_stale_story_version_is_a_conflict_naming_the_change(programme: Any, editor: Any) -> None:
    from wijkaanpak.core.exceptions import Conflict

    story = services.story_create(
        programme=programme,
        title="Fotoclub",
        text="Vier trainingen.",
        image=_jpeg_with_gps(),
        by=editor,
    )
    services.story_update(story=story, version=1, title="Fotoclub Overvecht", by=editor)
    with pytest.raises(Conflict) as exc:
        services.story_update(story=story, version=1, text="Anders", by=editor)
    assert {"version", "title"} <= {e["field"] for e in exc.value.errors}
