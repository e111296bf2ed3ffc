from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from wijkaanpak.accounts.services import organisation_membership_add
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.opportunities.services import coalition_member_set
from wijkaanpak.organisations.services import organisation_create_or_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def jou(kans: Any, editor: Any) -> Any:
    org = organisation_create_or_update(name="JoU", type="welfare")
    coalition_member_set(opportunity=kans, organisation=org, role="lead", by=SYSTEM)
    editor.first_name, editor.last_name = "Eddy", "Redacteur"
    editor.save()
    organisation_membership_add(user=editor, organisation=org, job_title="jongerenwerker")
    return org


def test_the_directory_lists_organisations_with_their_number_of_kansen(jou: Any) -> None:
    organisation_create_or_update(name="Politie Utrecht", type="police")
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/organisations/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/organisations/jou/"' in html and "Politie Utrecht" in html
    police_only = Client().get("/organisations/", {"type": "police"}).content.decode()
    assert "Politie Utrecht" in police_only and 'href="/organisations/jou/"' not in police_only


def test_the_organisation_page_shows_its_kansen_and_role(jou: Any, kans: Any) -> None:
    html = Client(HTTP_ACCEPT_LANGUAGE="en").get("/organisations/jou/").content.decode()
    assert f'href="/kansen/{kans.pk}/"' in html and "Lead" in html


def test_people_are_shown_to_logged_in_users_only(jou: Any, viewer: Any) -> None:
    assert "Eddy Redacteur" not in Client().get("/organisations/jou/").content.decode()
    client = Client()
    client.force_login(viewer)
    assert "Eddy Redacteur" in client.get("/organisations/jou/").content.decode()


def test_an_unknown_organisation_is_404(db: Any) -> None:
    assert Client().get("/organisations/nope/").status_code == 404
