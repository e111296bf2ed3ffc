"""The members of a programme and of an organisation are edited on their admin pages. The
inlines are added by accounts (above programmes and organisations in the app map)."""

from __future__ import annotations

from typing import Any

from django.test import Client

from wijkaanpak.organisations.services import organisation_create_or_update


def test_the_programme_admin_page_lists_its_members(
    admin_client: Client, programme: Any, editor: Any
) -> None:
    response = admin_client.get(f"/admin/programmes/programme/{programme.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="ambitions-TOTAL_FORMS"' in html  # programmes' own inlines stay
    assert 'name="memberships-TOTAL_FORMS"' in html
    assert f'<option value="{editor.pk}" selected>{editor}</option>' in html


def test_the_organisation_admin_page_lists_its_members(admin_client: Client, db: Any) -> None:
    organisation = organisation_create_or_update(
        name="Buurtteam Overvecht", type="neighbourhood_team"
    )
    response = admin_client.get(f"/admin/organisations/organisation/{organisation.pk}/change/")
    assert response.status_code == 200
    assert 'name="memberships-TOTAL_FORMS"' in response.content.decode()
