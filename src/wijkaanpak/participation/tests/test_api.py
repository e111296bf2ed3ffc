"""The participation API: same role rules as the services, public reads only of what is public."""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db

SLUG = "/programmes/samen-voor-overvecht"
MEETING = {
    "kind": "market",
    "title": "Beroepenmarkt Bouw & Techniek",
    "starts_at": "2020-03-04T14:00:00+01:00",
    "ends_at": "2020-03-04T18:00:00+01:00",
    "place": "Theater Stefanus",
    "expected_attendance": 150,
}


def test_activities_are_written_by_editors_and_read_by_all(
    api: Any, programme: Any, editor: Any, viewer: Any
) -> None:
    assert api().post(f"{SLUG}/activities/", MEETING).status_code == 401
    assert api(viewer).post(f"{SLUG}/activities/", MEETING).status_code == 403
    response = api(editor).post(f"{SLUG}/activities/", MEETING)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["starts_at"] == "2020-03-04T14:00:00+01:00" and created["version"] == 1
    internal = api(editor).post(
        f"{SLUG}/activities/", {**MEETING, "title": "Intern overleg", "public": False}
    )
    listed = api().get(f"{SLUG}/activities/").json()
    assert [a["title"] for a in listed["items"]] == ["Beroepenmarkt Bouw & Techniek"]
    assert api().get(f"/activities/{internal.json()['id']}/").status_code == 404
    assert api(viewer).get(f"/activities/{internal.json()['id']}/").status_code == 200


def test_a_naive_time_and_bad_ids_are_refused(api: Any, programme: Any, editor: Any) -> None:
    response = api(editor).post(
        f"{SLUG}/activities/", {**MEETING, "starts_at": "2020-03-04T14:00:00"}
    )
    assert response.status_code == 422
    response = api(editor).post(f"{SLUG}/activities/", {**MEETING, "organiser_ids": [999999]})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "organiser_ids"


def test_a_stale_version_answers_409(api: Any, programme: Any, editor: Any) -> None:
    client = api(editor)
    activity = client.post(f"{SLUG}/activities/", MEETING).json()
    path = f"/activities/{activity['id']}/"
    ok = client.client.patch(
        "/api/v1" + path,
        {"version": 1, "actual_attendance": 176},
        content_type="application/json",
        headers=client.headers,
    )
    assert ok.status_code == 200 and ok.json()["actual_attendance"] == 176
    stale = client.client.patch(
        "/api/v1" + path,
        {"version": 1, "place": "Elders"},
        content_type="application/json",
        headers=client.headers,
    )
    assert stale.status_code == 409
    assert {"field": "version"}.items() <= stale.json()["errors"][0].items()


def test_a_follow_up_completes_as_a_progress_update(
    api: Any, programme: Any, kans: Any, coordinator: Any
) -> None:
    client = api(coordinator)
    activity = client.post(f"{SLUG}/activities/", MEETING).json()
    action = client.post(
        f"/activities/{activity['id']}/follow-ups/",
        {"text": "Kandidaten naar Bouw=Wouw", "opportunity_id": kans.pk},
    ).json()
    done = client.post(
        f"/follow-ups/{action['id']}/complete/",
        {"version": action["version"], "outcome": "progress"},
    )
    assert done.status_code == 200, done.content
    assert done.json()["progress_update_id"] == kans.progress_updates.get().pk
    again = client.post(f"/follow-ups/{action['id']}/complete/", {"version": 2})
    assert again.status_code == 409


def test_stories_with_a_photo_and_drafts_only_for_editors(
    api: Any, programme: Any, editor: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    out = io.BytesIO()
    Image.new("RGB", (20, 10), "green").save(out, format="PNG")
    response = api(editor).post_multipart(
        f"{SLUG}/stories/",
        {
            "title": "Fotoclub",
            "text": "Vier trainingen per jaar.",
            "image": SimpleUploadedFile("foto.png", out.getvalue(), content_type="image/png"),
        },
    )
    assert response.status_code == 201, response.content
    story = response.json()
    assert story["published"] is False and story["image_url"]
    assert api().get(f"/stories/{story['id']}/").status_code == 404
    assert api().get(f"{SLUG}/stories/").json()["count"] == 0
    bad = api(editor).post_multipart(
        f"{SLUG}/stories/",
        {"title": "x", "text": "y", "image": SimpleUploadedFile("x.jpg", b"no image")},
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "image"


def test_communication_and_the_media_overview(api: Any, programme: Any, editor: Any) -> None:
    client = api(editor)
    channel = client.post(f"{SLUG}/channels/", {"name": "Films", "kind": "film"}).json()
    plan = client.client.put(
        f"/api/v1{SLUG}/channels/{channel['id']}/plans/2020/",
        {"planned": 8},
        content_type="application/json",
        headers=client.headers,
    )
    assert plan.status_code == 200
    for day in ("2020-01-10", "2020-02-10", "2020-03-10"):
        made = client.post(
            f"{SLUG}/communication-outputs/",
            {
                "channel_id": channel["id"],
                "kind": "film",
                "title": f"Film {day}",
                "date": day,
                "status": "made",
            },
        )
        assert made.status_code == 201, made.content
    year = api().get(f"{SLUG}/communication/2020/").json()
    assert year["channels"][0]["planned"] == 8 and year["channels"][0]["made"] == 3
    overview = api().get(f"{SLUG}/media-overview/2020/1/").json()
    assert overview["total"] == 3
    assert api().get(f"{SLUG}/media-overview/2020/5/").status_code == 422


def test_feed_addresses_are_personal(api: Any, programme: Any, viewer: Any, editor: Any) -> None:
    created = api(viewer).post(f"{SLUG}/calendar/feed-tokens/")
    assert created.status_code == 201 and "/participatie/feed/" in created.json()["url"]
    token_id = created.json()["id"]
    other = api(editor).client.delete(
        f"/api/v1/calendar/feed-tokens/{token_id}/", headers=api(editor).headers
    )
    assert other.status_code == 404
    mine = api(viewer)
    assert (
        mine.client.delete(
            f"/api/v1/calendar/feed-tokens/{token_id}/", headers=mine.headers
        ).status_code
        == 204
    )
