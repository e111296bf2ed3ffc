"""The pages that run a kans: create and edit (with what changed meanwhile), coalition,
planned results, progress edited by its author, partners in the loop and the change history."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from wijkaanpak.accounts.services import organisation_membership_add
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.opportunities import services
from wijkaanpak.opportunities.models import CoalitionMember, Measure, Opportunity, ProgressUpdate
from wijkaanpak.organisations.services import organisation_create_or_update

pytestmark = pytest.mark.django_db


def client_for(user: Any | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_an_editor_creates_a_kans_from_the_programme_page(editor, programme):
    client = client_for(editor)
    page = client.get(reverse("opportunities:programme", args=[programme.slug]))
    assert reverse("opportunities:create", args=[programme.slug]) in page.content.decode()
    url = reverse("opportunities:create", args=[programme.slug])
    response = client.post(
        url,
        {
            "title": "Buurtmoestuin",
            "kind": "kans",
            "start_date": "2024-03-01",
            "ambitions": [programme.ambitions.get(number=1).pk],
            "goal": "Samen tuinieren",
        },
    )
    kans = Opportunity.objects.get(title="Buurtmoestuin")
    assert response.status_code == 302
    assert response["Location"] == reverse("opportunities:detail", args=[kans.pk])
    assert kans.status_changes.get().effective_date == dt.date(2024, 3, 1)
    assert [a.number for a in kans.ambitions.all()] == [1]


def test_a_stale_edit_shows_what_changed_meanwhile(editor, coordinator, kans):
    url = reverse("opportunities:edit", args=[kans.pk])
    services.opportunity_update(
        opportunity=kans, version=kans.version, goal="Nieuw doel", by=coordinator
    )
    response = client_for(editor).post(
        url, {"title": "Focus", "goal": "Mijn doel", "version": kans.version}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Nieuw doel" in html and "Intussen gewijzigd" in html
    assert f'name="version" value="{kans.version + 1}"' in html  # saving again overwrites
    kans.refresh_from_db()
    assert (kans.title, kans.goal) == ("Focus op Overvecht", "Nieuw doel")


def test_the_coalition_page_refuses_a_coalition_without_a_lead(editor, kans):
    dock = organisation_create_or_update(name="DOCK", type="welfare")
    mitros = organisation_create_or_update(name="Mitros", type="housing")
    client = client_for(editor)
    url = reverse("opportunities:coalition", args=[kans.pk])
    refused = client.post(url, {"organisation": dock.pk, "role": "partner"})
    assert refused.status_code == 400
    assert "heeft een trekker nodig" in refused.content.decode()
    assert not CoalitionMember.objects.exists()
    added = client.post(
        url, {"organisation": mitros.pk, "role": "lead", "contact_function": "Wijkconsulent"}
    )
    assert added.status_code == 302
    member = CoalitionMember.objects.get()
    edit = reverse("opportunities:coalition_member_edit", args=[kans.pk, member.pk])
    ended = client.post(edit, {"role": "lead", "left_on": "2025-01-01", "version": member.version})
    assert ended.status_code == 302
    member.refresh_from_db()
    assert member.left_on == dt.date(2025, 1, 1)


def test_a_target_date_before_the_kans_started_is_refused(editor, kans):
    url = reverse("opportunities:measure_create", args=[kans.pk])
    response = client_for(editor).post(
        url,
        {"name": "Bereikt", "rba_class": "how_much", "unit": "aantal", "target_date": "2018-01-01"},
    )
    assert response.status_code == 400
    assert not Measure.objects.exists()


def test_a_partner_adds_progress_to_their_kans_only(outsider, programme, kans):
    mitros = organisation_create_or_update(name="Mitros", type="housing")
    services.coalition_member_add(opportunity=kans, organisation=mitros, role="lead", by=SYSTEM)
    organisation_membership_add(user=outsider, organisation=mitros)
    other = services.opportunity_create(
        programme=programme, title="Elders", start_date=dt.date(2019, 1, 1), by=SYSTEM
    )
    client = client_for(outsider)
    detail = client.get(reverse("opportunities:detail", args=[kans.pk])).content.decode()
    assert reverse("opportunities:progress_create", args=[kans.pk]) in detail
    assert reverse("opportunities:edit", args=[kans.pk]) not in detail
    ok = client.post(
        reverse("opportunities:progress_create", args=[kans.pk]),
        {"date": "2024-05-01", "text": "Huurders bezocht"},
    )
    assert ok.status_code == 302
    refused = client.post(
        reverse("opportunities:progress_create", args=[other.pk]),
        {"date": "2024-05-01", "text": "Niet van mij"},
    )
    assert refused.status_code == 403
    assert list(ProgressUpdate.objects.values_list("text", flat=True)) == ["Huurders bezocht"]


def test_progress_is_edited_by_its_author_and_removed_by_a_coordinator(
    editor, coordinator, viewer, kans
):
    update = services.progress_update_create(
        opportunity=kans, date=dt.date(2024, 1, 1), text="Eerst", by=editor
    )
    edit = reverse("opportunities:progress_edit", args=[update.pk])
    assert client_for(viewer).get(edit).status_code == 403
    saved = client_for(editor).post(
        edit, {"date": "2024-01-01", "text": "Beter", "version": update.version}
    )
    assert saved.status_code == 302
    delete = reverse("opportunities:progress_delete", args=[update.pk])
    assert client_for(editor).get(delete).status_code == 200
    assert client_for(coordinator).post(delete).status_code == 302
    assert not ProgressUpdate.objects.exists()
    page = client_for(viewer).get(reverse("opportunities:detail", args=[kans.pk])).content.decode()
    assert 'id="wijzigingen"' in page and "Beter" in page and "verwijderd" in page
    anonymous = client_for(None).get(reverse("opportunities:detail", args=[kans.pk]))
    assert 'id="wijzigingen"' not in anonymous.content.decode()
