"""Residents services: the state tables, the bad input of issue 17, forgetting, retention."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from PIL import Image

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.outreach.models import AuditLogEntry
from wijkaanpak.residents import selectors, services
from wijkaanpak.residents.models import Ambassador, InitiativeApplication, Signal, SignalState
from wijkaanpak.residents.tests.conftest import RW, apply, jpeg_with_gps


def _signal(rw: RW, by=None, **over):
    data = {
        "programme": rw.programme,
        "theme": rw.theme,
        "buurt": rw.buurt,
        "description": "Vuilniszakken naast de container",
        "by": by or AnonymousUser(),
    }
    data.update(over)
    return services.signal_submit(**data)


def test_public_signal_is_routed_by_theme_and_kept_without_sender(rw: RW) -> None:
    s = _signal(rw)
    assert s.state == SignalState.ROUTED
    assert s.organisation == rw.org
    assert s.ambassador is None
    assert len(s.code) == 10
    assert [t.to_state for t in s.transitions.all()] == ["received", "routed"]
    # The organisation's member is told, without personal data.
    from wijkaanpak.notifications.models import Notification

    n = Notification.objects.get(recipient=rw.partner)
    assert "Vuilnis" not in n.subject


def test_more_specific_route_wins(rw: RW) -> None:
    from wijkaanpak.organisations.services import organisation_ensure

    other = organisation_ensure(name="Buurtbeheer Zambesi")
    services.routing_rule_set(theme=rw.theme, area=rw.buurt, organisation=other, by=SYSTEM)
    assert _signal(rw).organisation == other
    assert _signal(rw, buurt=rw.buurt2).organisation == rw.org


def test_signal_outside_the_programme_area_is_refused(rw: RW) -> None:
    with pytest.raises(InvalidInput) as exc:
        _signal(rw, buurt=rw.outside)
    assert exc.value.errors[0]["field"] == "buurt"
    assert Signal.objects.count() == 0


def test_signal_state_table_and_feedback(rw: RW) -> None:
    s = _signal(rw, by=rw.ambassador_user)
    assert s.ambassador == rw.ambassador
    with pytest.raises(Conflict):  # routed -> received is not in the table
        services.signal_transition(signal=s, to="received", version=s.version, by=rw.partner)
    s = services.signal_transition(signal=s, to="in_progress", version=s.version, by=rw.partner)
    with pytest.raises(InvalidInput):  # handled needs feedback
        services.signal_transition(signal=s, to="handled", version=s.version, by=rw.partner)
    with pytest.raises(Forbidden):  # the ambassador does not handle signals
        services.signal_transition(
            signal=s, to="handled", version=s.version, feedback="x", by=rw.ambassador_user
        )
    s = services.signal_transition(
        signal=s, to="handled", version=s.version, feedback="Opgeruimd", by=rw.partner
    )
    assert s.state == "handled" and s.feedback == "Opgeruimd"
    assert selectors.signal_follow(code=s.code.lower()).feedback == "Opgeruimd"
    assert list(selectors.signals_of_ambassador(user=rw.ambassador_user)) == [s]


def test_unrouted_signal_is_routed_by_the_team_only(rw: RW) -> None:
    s = _signal(rw, theme=rw.theme_unrouted)
    assert s.state == "received" and s.organisation is None
    with pytest.raises(Forbidden):
        services.signal_transition(
            signal=s, to="routed", version=s.version, organisation=rw.org, by=rw.partner
        )
    s = services.signal_transition(
        signal=s, to="routed", version=s.version, organisation=rw.org, by=rw.editor
    )
    assert s.organisation == rw.org


def test_service_level_overdue(rw: RW) -> None:
    from django.utils import timezone

    old = timezone.now() - dt.timedelta(days=30)
    s = _signal(rw, received_at=old)
    assert selectors.is_overdue(s)
    fresh = _signal(rw)
    assert not selectors.is_overdue(fresh)
    q = selectors.SignalQuery(overdue=True)
    assert list(selectors.signal_queue(programme=rw.programme, user=rw.editor, query=q)) == [s]


def test_photo_is_reencoded_without_gps(rw: RW) -> None:
    raw = jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(0x8825)  # the input has GPS
    s = _signal(rw, photo=io.BytesIO(raw))
    with s.photo.open("rb") as f:
        stored = Image.open(io.BytesIO(f.read()))
        assert stored.format == "JPEG"
        exif = stored.getexif()
        assert not exif.get_ifd(0x8825)
        assert len(exif) == 0
        assert "exif" not in stored.info


@pytest.mark.parametrize(
    "content,message",
    [
        (b"%PDF-1.4 not an image" * 10, "not an image"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "not an image"),  # a JPEG header, no image
    ],
)
def test_photo_that_is_no_image_is_refused(rw: RW, content: bytes, message: str) -> None:
    from django.utils import translation

    with translation.override("en"), pytest.raises(InvalidInput) as exc:
        _signal(rw, photo=io.BytesIO(content))
    assert message in exc.value.message
    assert Signal.objects.count() == 0


def test_photo_too_large_is_refused(rw: RW) -> None:
    with pytest.raises(InvalidInput):
        _signal(rw, photo=io.BytesIO(b"x"), photo_size=10 * 1024 * 1024 + 1)
    assert Signal.objects.count() == 0


def test_decompression_bomb_is_refused(rw: RW) -> None:
    """A small PNG that declares 200 million pixels: refused before decoding."""
    bomb = Image.new("1", (20_000, 10_000))
    out = io.BytesIO()
    bomb.save(out, format="PNG", optimize=True)
    assert out.tell() < 1_000_000
    with pytest.raises(InvalidInput):
        _signal(rw, photo=io.BytesIO(out.getvalue()))
    assert Signal.objects.count() == 0


# --- Ambassadors -------------------------------------------------------------------------------


def test_ambassador_consent_is_recorded_and_required(rw: RW) -> None:
    assert rw.ambassador.consent_version and rw.ambassador.consent_at
    with pytest.raises(InvalidInput):
        services.ambassador_register(
            programme=rw.programme, name="Zonder", consent=False, by=rw.editor
        )
    with pytest.raises(Forbidden):
        services.ambassador_register(
            programme=rw.programme, name="X", consent=True, by=rw.ambassador_user
        )


def test_ambassador_corrects_own_data_and_is_audited(rw: RW) -> None:
    a = services.ambassador_update(
        ambassador=rw.ambassador,
        name="Fatima V.",
        email="f@example.org",
        phone="",
        version=rw.ambassador.version,
        by=rw.ambassador_user,
    )
    assert a.name == "Fatima V."
    assert AuditLogEntry.objects.filter(
        record_type="residents.ambassador", record_id=a.pk, action="update"
    ).exists()
    data = services.ambassador_export(ambassador=a, by=rw.ambassador_user)
    assert data["email"] == "f@example.org"


def test_forget_keeps_signals_anonymously_and_twice_is_a_conflict(rw: RW) -> None:
    s = _signal(rw, by=rw.ambassador_user)
    services.ambassador_forget(ambassador=rw.ambassador, by=rw.ambassador_user)
    a = Ambassador.objects.get(pk=rw.ambassador.pk)
    assert a.erased_at and a.name == "" and a.email == "" and a.user is None
    rw.ambassador_user.refresh_from_db()
    assert not rw.ambassador_user.is_active
    assert "fatima" not in rw.ambassador_user.username.lower()
    s.refresh_from_db()
    assert s.ambassador is None and s.description  # the signal stays
    with pytest.raises(Conflict):
        services.ambassador_forget(ambassador=a, by=rw.editor)
    assert (
        AuditLogEntry.objects.filter(record_type="residents.ambassador", action="erase").count()
        == 1
    )


# --- Fund ---------------------------------------------------------------------------------------


def test_application_missing_fields_is_refused_with_each_field(rw: RW) -> None:
    with pytest.raises(InvalidInput) as exc:
        apply(rw, title="", contact_email="", consent=False, amount=0)
    fields = {e["field"] for e in exc.value.errors}
    assert {"title", "contact_email", "consent", "amount_asked"} <= fields
    assert InitiativeApplication.objects.count() == 0


def test_application_flow_and_grant_limit(rw: RW) -> None:
    a = apply(rw, amount=60_000)
    b = apply(rw, amount=50_000)
    from wijkaanpak.notifications.models import Notification

    assert (
        Notification.objects.filter(
            recipient=rw.editor, event="residents.application_received"
        ).count()
        == 2
    )
    a = services.application_transition(
        application=a, to="in_review", version=a.version, by=rw.editor
    )
    with pytest.raises(Forbidden):  # the editor does not grant money
        services.application_transition(
            application=a, to="granted", version=a.version, amount=10, by=rw.editor
        )
    a = services.application_transition(
        application=a, to="granted", version=a.version, amount=60_000, by=rw.coordinator
    )
    assert selectors.fund_left(rw.fund) == 40_000
    b = services.application_transition(
        application=b, to="in_review", version=b.version, by=rw.editor
    )
    with pytest.raises(Conflict) as exc:  # larger than what is left
        services.application_transition(
            application=b, to="granted", version=b.version, amount=50_000, by=rw.coordinator
        )
    assert exc.value.status == 409
    b.refresh_from_db()
    assert b.state == "in_review" and b.amount_granted is None
    with pytest.raises(InvalidInput):
        services.application_transition(
            application=b, to="declined", version=b.version, by=rw.editor
        )
    b = services.application_transition(
        application=b, to="declined", version=b.version, reason="Past niet", by=rw.editor
    )
    a = services.application_transition(
        application=a,
        to="reported",
        version=a.version,
        report="Het was een mooie dag",
        by=rw.editor,
    )
    public = list(selectors.initiatives_public(programme=rw.programme))
    assert public == [a]
    summary = selectors.report_summary(rw.programme, 2020)
    assert summary["fund"]["granted"] == 60_000 and summary["fund"]["left"] == 40_000
    assert "Jan" not in str(summary)


def test_retention_removes_contact_data_of_closed_applications(rw: RW) -> None:
    a = apply(rw)
    a = services.application_transition(
        application=a, to="declined", version=a.version, reason="Nee", by=rw.editor
    )
    services.ambassador_leave(ambassador=rw.ambassador, by=rw.ambassador_user)
    later = dt.date.today() + dt.timedelta(days=400)
    result = services.retention_apply(today=later)
    assert result.applications == 1 and result.ambassadors == 1
    a.refresh_from_db()
    assert a.contact_name == "" and a.contact_email == "" and a.erased_at
    assert a.title  # the figures stay
    assert services.retention_apply(today=later).applications == 0
