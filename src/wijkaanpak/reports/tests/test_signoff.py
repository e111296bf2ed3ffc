"""Narratives (texts of the team) and the sign-off workflow with frozen published versions."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from wijkaanpak.accounts.models import User
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.exceptions import Conflict, Forbidden, NotFound
from wijkaanpak.notifications.models import Notification
from wijkaanpak.opportunities.models import Opportunity
from wijkaanpak.programmes.models import Programme
from wijkaanpak.reports import services
from wijkaanpak.reports.models import PublishedVersion, ReportStatusChange

SLUG = "samen-voor-overvecht"
BASE = f"/programmas/{SLUG}/rapportage/2020/"

pytestmark = pytest.mark.django_db


def _user(name: str) -> User:
    user = get_user_model().objects.get(username=name)
    assert isinstance(user, User)
    return user


def _client(name: str | None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    if name:
        client.force_login(_user(name))
    return client


def _programme() -> Programme:
    return Programme.objects.get(slug=SLUG)


def _to(status: str, who: str = "coordinator") -> None:
    services.report_transition(programme=_programme(), year=2020, to=status, by=_user(who))


def test_editor_writes_the_foreword_and_the_report_shows_it(demo_db: Any) -> None:
    client = _client("editor")
    form = client.get(BASE + "tekst/foreword/")
    assert form.status_code == 200 and 'name="version" value="0"' in form.content.decode()
    answer = client.post(
        BASE + "tekst/foreword/", {"text": "Een goed jaar.\n\nTweede alinea.", "version": "0"}
    )
    assert answer.status_code == 302
    html = _client("viewer").get(BASE).content.decode()
    assert '<div class="report-narrative" data-narrative="foreword"><p>Een goed jaar.</p>' in html
    assert "<p>Tweede alinea.</p>" in html
    history = client.get(BASE + "tekst/foreword/").content.decode()
    assert "Versie 1" in history and 'name="version" value="1"' in history


def test_a_kans_has_its_own_text(demo_db: Any) -> None:
    kans = Opportunity.objects.get(programme__slug=SLUG, title="Project O")
    services.narrative_save(
        programme=_programme(),
        year=2020,
        section=f"kans-{kans.pk}",
        text="Project O liep goed.",
        version=0,
        by=_user("editor"),
    )
    html = _client("viewer").get(BASE).content.decode()
    assert f'data-narrative="kans-{kans.pk}"><p>Project O liep goed.</p>' in html


def test_html_in_a_narrative_is_text(demo_db: Any) -> None:
    services.narrative_save(
        programme=_programme(),
        year=2020,
        section="finance",
        text="<script>alert(1)</script><b>vet</b>",
        version=0,
        by=_user("editor"),
    )
    html = _client("viewer").get(BASE).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>vet</b>" not in html


def test_two_editors_saving_the_same_text_the_stale_one_gets_409(demo_db: Any) -> None:
    first, second = _client("editor"), _client("coordinator")
    assert first.post(BASE + "tekst/glance/", {"text": "A", "version": "0"}).status_code == 302
    stale = second.post(BASE + "tekst/glance/", {"text": "B", "version": "0"})
    assert stale.status_code == 409
    assert "in de tussentijd" in stale.content.decode()
    with pytest.raises(Conflict):
        services.narrative_save(
            programme=_programme(), year=2020, section="glance", text="C", version=0, by=SYSTEM
        )


def test_narrative_rules(demo_db: Any) -> None:
    assert (
        _client("viewer").post(BASE + "tekst/foreword/", {"text": "x", "version": "0"}).status_code
        == 403
    )
    assert _client("editor").get(BASE + "tekst/nonsense/").status_code == 404
    assert (
        _client("editor").get(f"/programmas/{SLUG}/rapportage/1990/tekst/foreword/").status_code
        == 404
    )
    with pytest.raises(NotFound):
        services.narrative_save(
            programme=_programme(), year=2020, section="kans-999999", text="x", version=0, by=SYSTEM
        )


def test_the_workflow_with_dated_history_and_roles(demo_db: Any) -> None:
    # An editor asks for review; only a coordinator approves and publishes.
    _to("review", "editor")
    with pytest.raises(Forbidden):
        _to("approved", "editor")
    with pytest.raises(Forbidden):
        _to("approved", "viewer")
    with pytest.raises(Conflict):
        _to("published")  # not approved yet
    _to("approved")
    _to("published")
    changes = list(ReportStatusChange.objects.order_by("id"))
    assert [(c.from_status, c.status) for c in changes] == [
        ("draft", "review"),
        ("review", "approved"),
        ("approved", "published"),
    ]
    assert changes[0].by == _user("editor") and changes[-1].by == _user("coordinator")
    assert all(c.at for c in changes)

    # The team hears of each step (one call site, notifications.events.report_event): the
    # coordinators review the draft, the editors hear of the approval, every member of the
    # publication; who made the step is not told.
    def events(persona: str) -> set[str]:
        return set(
            Notification.objects.filter(recipient=_user(persona)).values_list("event", flat=True)
        )

    assert "report.draft_ready" in events("coordinator")
    assert {"report.approved", "report.published"} <= events("editor")
    assert events("viewer") >= {"report.published"}
    assert "report.approved" not in events("viewer")


def test_viewer_cannot_approve_through_the_page(demo_db: Any) -> None:
    _to("review", "editor")
    answer = _client("viewer").post(BASE + "status/", {"to": "approved", "version": "1"})
    assert answer.status_code == 403
    answer = _client("editor").post(BASE + "status/", {"to": "approved", "version": "1"})
    assert answer.status_code == 403
    assert "Alleen een coördinator" in answer.content.decode()
    # The editor is not offered the button either.
    assert 'value="approved"' not in _client("editor").get(BASE).content.decode()
    answer = _client("coordinator").post(BASE + "status/", {"to": "approved", "version": "1"})
    assert answer.status_code == 302
    assert 'data-report-status="approved"' in _client("viewer").get(BASE).content.decode()


def test_a_published_version_is_frozen(demo_db: Any) -> None:
    services.narrative_save(
        programme=_programme(),
        year=2020,
        section="foreword",
        text="Voor de raad.",
        version=0,
        by=SYSTEM,
    )
    _to("review")
    _to("approved")
    _to("published")
    version = PublishedVersion.objects.get()
    original = bytes(version.html)
    assert hashlib.sha256(original).hexdigest() == version.html_sha256
    assert "Voor de raad." in original.decode() and "Gepubliceerde versie 1" in original.decode()
    # The published report's texts cannot change any more (409), only in a new draft.
    with pytest.raises(Conflict):
        services.narrative_save(
            programme=_programme(),
            year=2020,
            section="foreword",
            text="Anders",
            version=1,
            by=SYSTEM,
        )
    # The data changes after publication: the frozen version still serves its original bytes.
    Opportunity.objects.filter(title="Project O").update(title="Project Omega")
    _to("draft")
    services.narrative_save(
        programme=_programme(),
        year=2020,
        section="foreword",
        text="Nieuw concept.",
        version=1,
        by=SYSTEM,
    )
    anonymous = _client(None).get(BASE + "versies/1.html")
    assert anonymous.status_code == 200
    assert anonymous.content == original
    assert anonymous["X-Content-SHA256"] == version.html_sha256
    assert "Project Omega" not in anonymous.content.decode()
    assert "Project Omega" in _client("viewer").get(BASE).content.decode()
    page = _client("viewer").get(BASE).content.decode()
    assert version.html_sha256 in page
    for fmt in ("pdf", "docx"):
        frozen = bytes(getattr(version, fmt))
        assert frozen and hashlib.sha256(frozen).hexdigest() == getattr(version, f"{fmt}_sha256")
        download = _client(None).get(BASE + f"versies/1.{fmt}")
        assert download.status_code == 200 and download.content == frozen
        assert "attachment" in download["Content-Disposition"]
    assert bytes(version.pdf).startswith(b"%PDF") and bytes(version.docx).startswith(b"PK")
    with pytest.raises(ValueError):
        version.save()
    assert _client(None).get(BASE + "versies/2.html").status_code == 404
    assert _client(None).get(BASE + "versies/1.exe").status_code == 404
