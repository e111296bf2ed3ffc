"""Residents pages and API: public forms (honeypot, rate limit), following, who sees what."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from wijkaanpak.outreach.models import AuditLogEntry
from wijkaanpak.residents.models import InitiativeApplication, Signal
from wijkaanpak.residents.ratelimit import LIMIT
from wijkaanpak.residents.tests.conftest import RW, apply, jpeg_with_gps


def _client(user: Any = None) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def _fund_form(**over: Any) -> dict[str, Any]:
    data = {
        "title": "Straatfeest",
        "place": "Tigrisdreef",
        "audience": "Kinderen uit de buurt",
        "amount_asked": "750",
        "contact_name": "Ayse Yilmaz",
        "contact_email": "ayse@example.org",
        "consent": "on",
    }
    data.update(over)
    return data


def test_public_fund_form_creates_an_application(rw: RW) -> None:
    url = reverse("residents:fund_apply", args=[rw.programme.slug])
    assert "Privacyverklaring" in _client().get(url).content.decode()
    r = _client().post(url, _fund_form())
    assert r.status_code == 302
    app = InitiativeApplication.objects.get()
    assert app.contact_name == "Ayse Yilmaz" and app.consent_version


def test_fund_form_missing_fields_is_400_and_nothing_saved(rw: RW) -> None:
    url = reverse("residents:fund_apply", args=[rw.programme.slug])
    r = _client().post(url, _fund_form(title="", consent=""))
    assert r.status_code == 400
    assert InitiativeApplication.objects.count() == 0


def test_honeypot_keeps_nothing(rw: RW) -> None:
    url = reverse("residents:fund_apply", args=[rw.programme.slug])
    r = _client().post(url, _fund_form(website="http://spam.example"))
    assert r.status_code == 302
    assert InitiativeApplication.objects.count() == 0


def test_rate_limit_answers_429_in_dutch(rw: RW) -> None:
    url = reverse("residents:fund_apply", args=[rw.programme.slug])
    c = _client()
    for _i in range(LIMIT):
        assert c.post(url, _fund_form()).status_code == 302
    r = c.post(url, _fund_form())
    assert r.status_code == 429
    assert "te vaak" in r.content.decode()
    assert InitiativeApplication.objects.count() == LIMIT
    # The API counts the same way.
    api = f"/api/v1/residents/programmes/{rw.programme.slug}/applications/"
    body = {k: v for k, v in _fund_form().items() if k != "consent"} | {
        "consent": True,
        "amount_asked": 10,
    }
    assert c.post(api, json.dumps(body), content_type="application/json").status_code == 429


def test_public_signal_with_photo_then_follow(rw: RW) -> None:
    url = reverse("residents:signal_create", args=[rw.programme.slug])
    photo = io.BytesIO(jpeg_with_gps())
    photo.name = "foto.jpg"
    r = _client().post(
        url,
        {
            "theme": str(rw.theme.pk),
            "buurt": rw.buurt.code,
            "description": "Kapotte lantaarn",
            "photo": photo,
        },
    )
    assert r.status_code == 302, r.content.decode()[:500]
    s = Signal.objects.get()
    follow = _client().get(r["Location"])
    assert s.code in follow.content.decode() and "Doorgestuurd" in follow.content.decode()
    # The photo: to the routed organisation and the team, not to the public or others.
    photo_url = reverse("residents:signal_photo", args=[s.pk])
    assert _client(rw.partner).get(photo_url).status_code == 200
    assert _client(rw.editor).get(photo_url).status_code == 200
    assert _client().get(photo_url).status_code == 302  # to the login
    assert _client(rw.ambassador_user).get(photo_url).status_code == 404  # not theirs
    body = b"".join(_client(rw.editor).get(photo_url).streaming_content)  # type: ignore[attr-defined]
    assert not Image.open(io.BytesIO(body)).getexif().get_ifd(0x8825)


def test_signal_form_refuses_not_an_image_and_outside_area(rw: RW) -> None:
    url = reverse("residents:signal_create", args=[rw.programme.slug])
    fake = io.BytesIO(b"GIF89a but not really" * 20)
    fake.name = "foto.jpg"
    r = _client().post(
        url,
        {"theme": str(rw.theme.pk), "buurt": rw.buurt.code, "description": "x", "photo": fake},
    )
    assert r.status_code == 400
    assert "geen afbeelding" in r.content.decode()
    r = _client().post(
        url, {"theme": str(rw.theme.pk), "buurt": rw.outside.code, "description": "x"}
    )
    assert r.status_code == 400
    assert Signal.objects.count() == 0


def test_api_signal_outside_area_is_400(rw: RW) -> None:
    r = _client().post(
        f"/api/v1/residents/programmes/{rw.programme.slug}/signals/",
        {"theme": rw.theme.pk, "buurt": rw.outside.code, "description": "x"},
    )
    assert r.status_code == 400
    assert Signal.objects.count() == 0


def test_ambassador_page_correct_and_forget_twice(rw: RW) -> None:
    c = _client(rw.ambassador_user)
    page = c.get(reverse("residents:me"))
    assert "Fatima de Vries" in page.content.decode()
    r = c.post(
        reverse("residents:me"),
        {"name": "Fatima", "email": "", "phone": "", "version": rw.ambassador.version},
    )
    assert r.status_code == 302
    r = c.post(reverse("residents:me_leave"), {"forget": "1"})
    assert r.status_code == 200 and "verwijderd" in r.content.decode()
    # Forgetting again, by the team: a clear 409, not a 500.
    r = _client(rw.editor).post(reverse("residents:ambassador_forget", args=[rw.ambassador.pk]))
    assert r.status_code == 409


def test_team_queue_and_personal_data_visibility(rw: RW) -> None:
    app = apply(rw)
    url = reverse("residents:application", args=[app.pk])
    assert "jan@example.org" in _client(rw.editor).get(url).content.decode()
    assert _client(rw.partner).get(url).status_code == 404
    assert _client(rw.ambassador_user).get(url).status_code == 404
    assert AuditLogEntry.objects.filter(
        record_type="residents.application", record_id=app.pk, action="read"
    ).exists()
    queue = reverse("residents:applications", args=[rw.programme.slug])
    assert _client(rw.editor).get(queue + "?q=barbecue&status=received").status_code == 200
    assert _client(rw.partner).get(queue).status_code == 403
    r = _client(rw.coordinator).post(
        reverse("residents:application_transition", args=[app.pk]),
        {"to": "in_review", "version": app.version},
    )
    assert r.status_code == 302
    app.refresh_from_db()
    r = _client(rw.coordinator).post(
        reverse("residents:application_transition", args=[app.pk]),
        {"to": "granted", "version": app.version, "amount": "200000"},
    )
    assert r.status_code == 409
    public = _client().get(reverse("residents:initiatives", args=[rw.programme.slug]))
    assert "Jan Jansen" not in public.content.decode()


def test_api_follow_and_public_reads_carry_no_personal_data(rw: RW) -> None:
    app = apply(rw)
    from wijkaanpak.residents import services

    app = services.application_transition(
        application=app, to="in_review", version=app.version, by=rw.editor
    )
    services.application_transition(
        application=app, to="granted", version=app.version, amount=500, by=rw.coordinator
    )
    r = _client().get(f"/api/v1/residents/programmes/{rw.programme.slug}/initiatives/")
    assert r.status_code == 200 and r.json()[0]["amount_granted"] == 500
    assert "jan@example.org" not in r.content.decode()
    r = _client().get(f"/api/v1/residents/programmes/{rw.programme.slug}/funds/")
    assert r.json()[0]["left"] == 99_500
    r = _client().get(f"/api/v1/residents/programmes/{rw.programme.slug}/applications/")
    assert r.status_code == 401
    r = _client(rw.editor).get(f"/api/v1/residents/programmes/{rw.programme.slug}/applications/")
    assert r.status_code == 200 and r.json()[0]["contact_email"] == "jan@example.org"


@pytest.mark.parametrize("persona", ["anonymous", "partner", "ambassador"])
def test_ambassador_list_is_for_the_team(rw: RW, persona: str) -> None:
    user = {"anonymous": None, "partner": rw.partner, "ambassador": rw.ambassador_user}[persona]
    r = _client(user).get(reverse("residents:ambassadors", args=[rw.programme.slug]))
    assert r.status_code in (302, 403)
    assert "Fatima" not in r.content.decode()


def test_account_photos_of_a_granted_initiative_for_the_team_only(rw: RW) -> None:
    from wijkaanpak.residents import services

    app = apply(rw)
    app = services.application_transition(
        application=app, to="in_review", version=app.version, by=rw.editor
    )
    url = reverse("residents:application_photo_add", args=[app.pk])
    photo = io.BytesIO(jpeg_with_gps())
    photo.name = "foto.jpg"
    assert _client(rw.editor).post(url, {"photo": photo}).status_code == 409  # not granted yet
    app = services.application_transition(
        application=app, to="granted", version=app.version, amount=100, by=rw.coordinator
    )
    photo.seek(0)
    assert _client(rw.editor).post(url, {"photo": photo}).status_code == 302
    item = app.photos.get()
    with item.image.open("rb") as f:
        assert not Image.open(io.BytesIO(f.read())).getexif().get_ifd(0x8825)
    file_url = reverse("residents:application_photo", args=[app.pk, item.pk])
    assert _client(rw.editor).get(file_url).status_code == 200
    assert _client(rw.partner).get(file_url).status_code == 404


def test_api_signal_with_photo_is_stored_without_gps(rw: RW) -> None:
    photo = io.BytesIO(jpeg_with_gps())
    photo.name = "foto.jpg"
    r = _client().post(
        f"/api/v1/residents/programmes/{rw.programme.slug}/signals/",
        {"theme": rw.theme.pk, "buurt": rw.buurt.code, "description": "Lantaarn", "photo": photo},
    )
    assert r.status_code == 201, r.content
    s = Signal.objects.get(code=r.json()["code"])
    with s.photo.open("rb") as f:
        assert not Image.open(io.BytesIO(f.read())).getexif().get_ifd(0x8825)
