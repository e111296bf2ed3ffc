"""The API of programme set-up and team management: who may, bad input, versions, history."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from wijkaanpak.accounts.models import (
    ApiToken,
    Invitation,
    ProgrammeMembership,
    ProgrammeRole,
    User,
)
from wijkaanpak.jobs.models import Job
from wijkaanpak.programmes.models import Ambition, Programme

pytestmark = pytest.mark.django_db

NEW = {
    "name": "Samen voor Vollenhove",
    "municipality": "GM0355",
    "area": "WK035503",
    "start_year": 2024,
    "description": "Voorbeeld",
}


def test_a_municipality_admin_creates_a_programme_and_becomes_its_coordinator(
    api: Any, zeist_admin: Any
) -> None:
    response = api(zeist_admin).post("/programmes/", NEW)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "samen-voor-vollenhove"
    assert body["municipality"]["code"] == "GM0355"
    assert body["version"] == 1
    programme = Programme.objects.get(slug="samen-voor-vollenhove")
    assert ProgrammeMembership.objects.get(programme=programme).user == zeist_admin
    assert ProgrammeMembership.objects.get(programme=programme).role == "coordinator"
    # the creation is in the history, by the admin
    history = api(zeist_admin).get("/programmes/samen-voor-vollenhove/history/").json()
    assert history["items"][0]["kind"] == "created"
    assert history["items"][0]["by"] == "Beheerder Zeist"


@pytest.mark.parametrize("who", ["utrecht_admin", "coordinator", "anonymous"])
def test_others_may_not_create_a_programme_in_zeist(
    api: Any, zeist: Any, who: str, request: Any
) -> None:
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = api(user).post("/programmes/", NEW)
    assert response.status_code == (401 if user is None else 403)
    assert not Programme.objects.filter(municipality=zeist).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"area": "WK034403"}, "area"),  # Overvecht lies in Utrecht, not Zeist
        ({"area": "XX999"}, "area"),
        ({"municipality": "WK035503"}, "municipality"),
        ({"start_year": 1850}, "start_year"),
        ({"name": "   "}, "name"),
    ],
)
def test_bad_programme_input_is_refused_with_the_field(
    api: Any, zeist_admin: Any, utrecht: Any, change: dict[str, Any], field: str
) -> None:
    response = api(zeist_admin).post("/programmes/", {**NEW, **change})
    assert response.status_code == 400, response.content
    assert field in [e.get("field") for e in response.json()["errors"]]
    assert Programme.objects.count() == 0


def test_programme_update_with_a_stale_version_is_409(api: Any, coordinator: Any) -> None:
    first = api(coordinator).patch(
        "/programmes/samen-voor-overvecht/", {"version": 1, "description": "Nieuw"}
    )
    assert first.status_code == 200, first.content
    assert first.json()["version"] == 2
    stale = api(coordinator).patch(
        "/programmes/samen-voor-overvecht/", {"version": 1, "description": "Oud"}
    )
    assert stale.status_code == 409
    assert Programme.objects.get().description == "Nieuw"


def test_ambitions_and_themes_are_created_and_edited_with_versions(
    api: Any, coordinator: Any, editor: Any
) -> None:
    client = api(coordinator)
    created = client.post(
        "/ambitions/",
        {"programme": "samen-voor-overvecht", "short_name": "Veilig", "name": "Veilige wijk"},
    )
    assert created.status_code == 201, created.content
    ambition = created.json()
    assert ambition["number"] == 3  # after Wonen and Jeugd
    # an editor may not change the programme's ambitions
    denied = api(editor).patch(f"/ambitions/{ambition['id']}/", {"version": 1, "name": "X"})
    assert denied.status_code == 403
    changed = client.patch(
        f"/ambitions/{ambition['id']}/", {"version": 1, "name": "Een veilige wijk"}
    )
    assert changed.status_code == 200
    assert changed.json()["version"] == 2
    stale = client.patch(f"/ambitions/{ambition['id']}/", {"version": 1, "name": "Oud"})
    assert stale.status_code == 409
    assert Ambition.objects.get(pk=ambition["id"]).name == "Een veilige wijk"
    duplicate = client.post(
        "/ambitions/",
        {"programme": "samen-voor-overvecht", "short_name": "wonen", "name": "Nog eens"},
    )
    assert duplicate.status_code == 409
    history = client.get(f"/ambitions/{ambition['id']}/history/").json()
    assert [i["kind"] for i in history["items"]] == ["changed", "created"]
    assert history["items"][0]["changes"] == [
        {"field": "name", "before": "Veilige wijk", "after": "Een veilige wijk"}
    ]
    assert history["items"][0]["by"] == "coordinator"
    # themes
    theme = client.post("/themes/", {"programme": "samen-voor-overvecht", "name": "Armoede"}).json()
    assert (
        client.patch(f"/themes/{theme['id']}/", {"version": 1, "description": "x"}).json()[
            "version"
        ]
        == 2
    )
    assert client.patch(f"/themes/{theme['id']}/", {"version": 1, "name": "y"}).status_code == 409
    listed = api().get("/programmes/samen-voor-overvecht/themes/").json()
    assert [t["name"] for t in listed["items"]] == ["Armoede"]


def test_invitation_is_created_once_per_address_and_refused_for_members(
    api: Any, coordinator: Any, editor: Any
) -> None:
    editor.email = "editor@example.org"
    editor.save()
    client = api(coordinator)
    url = "/programmes/samen-voor-overvecht/invitations/"
    first = client.post(url, {"email": "nieuw@example.org", "role": "editor"})
    assert first.status_code == 201, first.content
    assert Job.objects.filter(name="team.send_invitation").count() == 1
    again = client.post(url, {"email": "Nieuw@Example.org", "role": "viewer"})
    assert again.status_code == 201
    # the second replaces the first: one open invitation, in the newer role
    assert list(Invitation.objects.values_list("role", flat=True)) == ["viewer"]
    member = client.post(url, {"email": "EDITOR@example.org", "role": "viewer"})
    assert member.status_code == 409
    assert member.json()["errors"][0]["field"] == "email"
    bad_role = client.post(url, {"email": "x@example.org", "role": "admin"})
    assert bad_role.status_code == 422
    bad_mail = client.post(url, {"email": "geen-adres", "role": "viewer"})
    assert bad_mail.status_code == 400
    assert api(editor).post(url, {"email": "y@example.org", "role": "viewer"}).status_code == 403
    assert Invitation.objects.count() == 1
    # the row keeps no token, only its hash
    invitation = Invitation.objects.get()
    token = Invitation.token_for(invitation.secret)
    assert invitation.token_hash == Invitation.hash(token)
    assert token not in str(Invitation.objects.values().get())


def test_roles_are_given_and_taken_and_the_last_coordinator_stays(
    api: Any, coordinator: Any, editor: Any, programme: Any
) -> None:
    client = api(coordinator)
    base = "/programmes/samen-voor-overvecht/members/"
    assert client.put(f"{base}{editor.pk}/", {"role": "coordinator"}).status_code == 200
    assert client.put(f"{base}{coordinator.pk}/", {"role": "viewer"}).status_code == 200
    # now the editor is the only coordinator: it cannot step down
    last = api(editor).put(f"{base}{editor.pk}/", {"role": "viewer"})
    assert last.status_code == 409
    assert api(editor).delete(f"{base}{editor.pk}/").status_code == 409
    assert api(editor).delete(f"{base}{coordinator.pk}/").status_code == 204
    assert not ProgrammeMembership.objects.filter(user=coordinator).exists()
    history = api(editor).get("/programmes/samen-voor-overvecht/role-history/").json()
    kinds = [(i["kind"], i["subject"]) for i in history["items"][:3]]
    assert kinds == [
        ("removed", "coordinator"),
        ("changed", "coordinator"),
        ("changed", "editor"),
    ]
    assert history["items"][0]["by"] == "editor"
    assert history["items"][2]["changes"] == [
        {"field": "role", "before": "editor", "after": "coordinator"}
    ]


def test_a_deactivated_users_token_answers_401_at_once(
    api: Any, utrecht_admin: Any, editor: Any, zeist_admin: Any
) -> None:
    raw = "editor-token-123"
    ApiToken.objects.create(user=editor, key_hash=ApiToken.hash(raw), two_factor=True)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    from django.test import Client

    assert Client().get("/api/v1/auth/tokens/", **headers).status_code == 200
    # an administrator of another municipality does not see this user
    assert api(zeist_admin).post(f"/users/{editor.pk}/deactivate/").status_code == 404
    response = api(utrecht_admin).post(f"/users/{editor.pk}/deactivate/")
    assert response.status_code == 200, response.content
    assert response.json()["active"] is False
    assert Client().get("/api/v1/auth/tokens/", **headers).status_code == 401
    assert not User.objects.get(pk=editor.pk).is_active


def test_a_deactivated_users_session_ends_at_once(
    client: Any, utrecht_admin: Any, editor: Any
) -> None:
    client.force_login(editor)
    assert client.get("/api/v1/auth/tokens/").status_code == 200
    from wijkaanpak.team.services import user_deactivate

    user_deactivate(by=utrecht_admin, user=editor)
    assert client.get("/api/v1/auth/tokens/").status_code == 401


def test_history_is_for_members_only(api: Any, outsider: Any, viewer: Any) -> None:
    assert api(viewer).get("/programmes/samen-voor-overvecht/history/").status_code == 200
    assert api(outsider).get("/programmes/samen-voor-overvecht/history/").status_code == 403
    assert api().get("/programmes/samen-voor-overvecht/history/").status_code == 401


def test_invitations_expire(api: Any, coordinator: Any, programme: Any) -> None:
    from wijkaanpak.team.services import Gone, invitation_by_token

    client = api(coordinator)
    client.post(
        "/programmes/samen-voor-overvecht/invitations/",
        {"email": "laat@example.org", "role": "viewer"},
    )
    invitation = Invitation.objects.get()
    assert invitation.expires_at - timezone.now() > dt.timedelta(days=6)
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(Gone):
        invitation_by_token(token=Invitation.token_for(invitation.secret))
    assert invitation.role == ProgrammeRole.VIEWER


def test_the_municipality_admin_manages_its_programmes_but_not_anothers(
    api: Any, utrecht_admin: Any, zeist_admin: Any, programme: Any
) -> None:
    slug = "/programmes/samen-voor-overvecht"
    invite = {"email": "iemand@example.org", "role": "viewer"}
    ambition = {"programme": "samen-voor-overvecht", "short_name": "Zorg", "name": "Zorg"}
    # Zeist's administrator is nobody in Utrecht's programme: refused, nothing written.
    assert api(zeist_admin).post(f"{slug}/invitations/", invite).status_code == 403
    assert api(zeist_admin).post("/ambitions/", ambition).status_code == 403
    assert api(zeist_admin).patch(f"{slug}/", {"version": 1, "name": "Zeist"}).status_code == 403
    assert api(zeist_admin).get(f"{slug}/members/").status_code == 403
    assert not Invitation.objects.exists()
    assert not Ambition.objects.filter(short_name="Zorg").exists()
    assert Programme.objects.get().name == "Samen voor Overvecht"
    # Utrecht's administrator manages it without being a member.
    assert not ProgrammeMembership.objects.filter(user=utrecht_admin).exists()
    assert api(utrecht_admin).post(f"{slug}/invitations/", invite).status_code == 201
    assert api(utrecht_admin).post("/ambitions/", ambition).status_code == 201
    assert api(utrecht_admin).get(f"{slug}/members/").status_code == 200
