"""The set-up and team pages: forms, who may, stale versions, accepting an invitation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from wijkaanpak.accounts.models import Invitation, ProgrammeMembership, User
from wijkaanpak.programmes.models import Ambition, Programme
from wijkaanpak.team import services

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _invite(by: Any, programme: Any, email: str, role: str = "editor") -> str:
    invitation = services.invitation_create(by=by, programme=programme, email=email, role=role)
    return f"/uitnodiging/{Invitation.token_for(invitation.secret)}/"


def test_a_municipality_admin_creates_a_programme_on_the_page(zeist_admin: Any, zeist: Any) -> None:
    client = _client(zeist_admin)
    page = client.get("/programmas/nieuw/")
    assert page.status_code == 200
    assert "Vollenhove" in page.content.decode()
    assert "Utrecht" not in page.content.decode()  # only the municipalities they administer
    area = zeist.children.get()
    response = client.post(
        "/programmas/nieuw/",
        {
            "name": "Samen voor Vollenhove",
            "municipality": zeist.pk,
            "area": area.pk,
            "start_year": 2024,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/programmas/samen-voor-vollenhove/inrichting/"
    programme = Programme.objects.get()
    assert programme.memberships.get().user == zeist_admin
    setup = client.get(response["Location"]).content.decode()
    assert "Aangemaakt" in setup or "aangemaakt" in setup


def test_bad_programme_form_answers_400_with_dutch_messages(zeist_admin: Any, zeist: Any) -> None:
    response = _client(zeist_admin).post(
        "/programmas/nieuw/", {"name": "", "municipality": zeist.pk, "start_year": 1800}
    )
    assert response.status_code == 400
    assert not Programme.objects.exists()
    assert "Dit veld is verplicht" in response.content.decode()


def test_pages_are_refused_to_others(coordinator: Any, editor: Any, programme: Any) -> None:
    assert _client(coordinator).get("/programmas/nieuw/").status_code == 403
    for url in (
        "/programmas/samen-voor-overvecht/inrichting/",
        "/programmas/samen-voor-overvecht/team/",
        "/programmas/samen-voor-overvecht/ambities/nieuw/",
    ):
        assert _client(editor).get(url).status_code == 403, url
        assert _client(coordinator).get(url).status_code == 200, url
        assert Client().get(url).status_code == 302, url  # to the login page


def test_a_stale_ambition_form_answers_409_and_shows_what_changed(
    coordinator: Any, programme: Any
) -> None:
    ambition = Ambition.objects.get(programme=programme, number=1)
    url = f"/ambities/{ambition.pk}/bewerken/"
    form = {"short_name": "Wonen", "name": "Mijn naam", "colour": "#24578f", "version": 1}
    services.ambition_update(
        by=coordinator,
        ambition=ambition,
        version=1,
        short_name="Wonen",
        name="Andermans naam",
        colour="#24578f",
    )
    response = _client(coordinator).post(url, form)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft dit intussen opgeslagen" in html
    assert "Andermans naam" in html
    assert 'name="version" value="2"' in html  # saving again overwrites on purpose
    assert Ambition.objects.get(pk=ambition.pk).name == "Andermans naam"
    again = _client(coordinator).post(url, {**form, "version": 2})
    assert again.status_code == 302
    assert Ambition.objects.get(pk=ambition.pk).name == "Mijn naam"


def test_team_page_invites_changes_roles_and_refuses_members(
    coordinator: Any, editor: Any, programme: Any
) -> None:
    editor.email = "editor@example.org"
    editor.save()
    client = _client(coordinator)
    base = "/programmas/samen-voor-overvecht/team/"
    sent = client.post(base + "uitnodigen/", {"email": "nieuw@example.org", "role": "viewer"})
    assert sent.status_code == 302
    page = client.get(base).content.decode()
    assert "nieuw@example.org" in page
    member = client.post(base + "uitnodigen/", {"email": "editor@example.org", "role": "viewer"})
    assert member.status_code == 409
    assert "al lid van dit programma" in member.content.decode()
    assert client.post(f"{base}{editor.pk}/rol/", {"role": "viewer"}).status_code == 302
    assert ProgrammeMembership.objects.get(user=editor).role == "viewer"
    page = client.get(base).content.decode()
    assert "Geschiedenis van de rollen" in page
    assert "redacteur" in page and "lezer" in page  # the change from editor to viewer
    assert client.post(f"{base}{editor.pk}/verwijderen/").status_code == 302
    assert not ProgrammeMembership.objects.filter(user=editor).exists()


def test_a_municipality_admin_deactivates_a_member_and_the_session_ends(
    utrecht_admin: Any, editor: Any, programme: Any
) -> None:
    editor_client = _client(editor)
    assert editor_client.get("/notifications/").status_code == 200
    admin = _client(utrecht_admin)
    page = admin.get("/programmas/samen-voor-overvecht/team/").content.decode()
    assert "Account deactiveren" in page
    response = admin.post(f"/programmas/samen-voor-overvecht/team/{editor.pk}/deactiveren/")
    assert response.status_code == 302
    assert not User.objects.get(pk=editor.pk).is_active
    assert editor_client.get("/notifications/").status_code == 302  # logged out: to login


def test_a_coordinator_may_not_deactivate_accounts(coordinator: Any, editor: Any) -> None:
    response = _client(coordinator).post(
        f"/programmas/samen-voor-overvecht/team/{editor.pk}/deactiveren/"
    )
    assert response.status_code == 403
    assert User.objects.get(pk=editor.pk).is_active


def test_a_new_person_accepts_sets_a_password_and_the_link_is_single_use(
    coordinator: Any, programme: Any
) -> None:
    url = _invite(coordinator, programme, "nieuw@example.org")
    client = Client()
    page = client.get(url)
    assert page.status_code == 200
    assert "Uitnodiging voor Samen voor Overvecht" in page.content.decode()
    weak = client.post(url, {"username": "nieuw", "password": "123", "password_again": "123"})
    assert weak.status_code == 400
    assert not User.objects.filter(username="nieuw").exists()
    response = client.post(
        url,
        {
            "first_name": "Nieuwe",
            "last_name": "Redacteur",
            "username": "nieuw",
            "password": "een-lang-wachtwoord-42",
            "password_again": "een-lang-wachtwoord-42",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/programmas/samen-voor-overvecht/"
    user = User.objects.get(username="nieuw")
    assert user.email == "nieuw@example.org"
    assert user.check_password("een-lang-wachtwoord-42")
    assert ProgrammeMembership.objects.get(user=user).role == "editor"
    again = Client().get(url)
    assert again.status_code == 410
    assert "al gebruikt" in again.content.decode()
    # who invited hears of it in Wijkaanpak (and by e-mail): programme and role, no name
    from wijkaanpak.notifications.models import Notification

    note = Notification.objects.get(recipient=coordinator, event="invitation_accepted")
    assert note.subject == ("Een uitnodiging voor Samen voor Overvecht als redacteur is aangenomen")
    assert "Nieuwe" not in note.subject and "nieuw@" not in note.subject
    assert note.url == "/programmas/samen-voor-overvecht/team/"


def test_expired_and_unknown_links_get_a_dutch_page(coordinator: Any, programme: Any) -> None:
    url = _invite(coordinator, programme, "laat@example.org")
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    expired = Client().get(url)
    assert expired.status_code == 410
    assert "verlopen" in expired.content.decode()
    assert Client().post(url, {"username": "x"}).status_code == 410
    assert not User.objects.filter(username="x").exists()
    unknown = Client().get("/uitnodiging/onzin/")
    assert unknown.status_code == 404
    assert "niet geldig" in unknown.content.decode()


def test_an_existing_account_logs_in_to_accept(
    coordinator: Any, viewer: Any, outsider: Any, programme: Any
) -> None:
    outsider.email = "outsider@example.org"
    outsider.save()
    url = _invite(coordinator, programme, "outsider@example.org", role="viewer")
    anonymous = Client().get(url).content.decode()
    assert "/accounts/login/?next=" in anonymous
    # someone else who is logged in may not take it
    viewer.email = "viewer@example.org"
    viewer.save()
    assert _client(viewer).post(url).status_code == 403
    response = _client(outsider).post(url)
    assert response.status_code == 302
    assert ProgrammeMembership.objects.get(user=outsider).role == "viewer"


def test_a_role_that_needs_two_factor_is_sent_to_set_it_up(
    coordinator: Any, programme: Any
) -> None:
    from wijkaanpak.accounts.two_factor import (
        register_two_factor_rule,
        unregister_two_factor_rule,
    )

    def coordinators_need_it(user: Any) -> bool:
        return bool(user.programme_memberships.filter(role="coordinator").exists())

    register_two_factor_rule(coordinators_need_it)
    try:
        url = _invite(coordinator, programme, "co@example.org", role="coordinator")
        response = Client().post(
            url,
            {
                "username": "co",
                "password": "een-lang-wachtwoord-42",
                "password_again": "een-lang-wachtwoord-42",
            },
        )
    finally:
        unregister_two_factor_rule(coordinators_need_it)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/setup/?next=")
