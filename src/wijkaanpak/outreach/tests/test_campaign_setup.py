"""Campaign set-up by the programme's coordinator in pages: create a campaign, assign outreach
workers and coaches, import the address list. Nobody else may."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from wijkaanpak.outreach.models import Address, Campaign, CampaignWorker, OutreachRole

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_coordinator_creates_a_campaign_and_a_second_with_the_same_name_is_refused(
    programme, coordinator, editor
):
    url = reverse("outreach:campaign_create", args=[programme.slug])
    data = {
        "name": "Zomerronde",
        "area": programme.area_id,
        "start_date": "2026-06-01",
        "end_date": "2026-08-31",
    }
    assert client_for(editor).post(url, data).status_code == 403
    created = client_for(coordinator).post(url, data)
    campaign = Campaign.objects.get(name="Zomerronde")
    assert created.status_code == 302
    assert created["Location"] == reverse("outreach:campaign_team", args=[campaign.pk])
    again = client_for(coordinator).post(url, {**data, "end_date": "2026-12-31"})
    assert again.status_code == 400
    campaign.refresh_from_db()
    assert str(campaign.end_date) == "2026-08-31"  # not overwritten
    backwards = client_for(coordinator).post(
        url, {**data, "name": "Achteruit", "end_date": "2026-01-01"}
    )
    assert backwards.status_code == 400
    assert not Campaign.objects.filter(name="Achteruit").exists()


def test_the_coordinator_assigns_workers_and_coaches_and_imports_addresses(world, coordinator):
    campaign = world.campaign
    team = reverse("outreach:campaign_team", args=[campaign.pk])
    worker = world.users["coach"]
    client = client_for(coordinator)
    assert client.post(team, {"username": "nobody", "role": "worker"}).status_code == 400
    assert client.post(team, {"username": worker.username, "role": "worker"}).status_code == 302
    assert CampaignWorker.objects.filter(campaign=campaign, user=worker).exists()
    assert client.post(team, {"username": "outsider", "role": "coach"}).status_code == 302
    assert OutreachRole.objects.filter(user__username="outsider", role="coach").exists()
    page = client.get(team).content.decode()
    assert worker.username in page and "outsider" in page

    url = reverse("outreach:address_import", args=[campaign.pk])
    before = Address.objects.filter(campaign=campaign).count()
    bad = SimpleUploadedFile(
        "adressen.csv", b"street,house_number,postcode\nNergensstraat,1,3563AA\n"
    )
    refused = client.post(url, {"file": bad})
    assert refused.status_code == 400 and "Nergensstraat" in refused.content.decode()
    good = SimpleUploadedFile(
        "adressen.csv",
        b"street,house_number,postcode\nNigerdreef,901,3563AA\nZambesidreef,902,3563AB\n",
    )
    assert client.post(url, {"file": good}).status_code == 302
    assert Address.objects.filter(campaign=campaign).count() == before + 2


def test_others_may_not_set_up_a_campaign(world, editor):
    for name in ("outreach:campaign_team", "outreach:address_import"):
        url = reverse(name, args=[world.campaign.pk])
        assert client_for(editor).get(url).status_code == 403
    assert (
        client_for(editor)
        .post(
            reverse("outreach:campaign_team", args=[world.campaign.pk]),
            {"username": "editor", "role": "worker"},
        )
        .status_code
        == 403
    )
    assert not CampaignWorker.objects.filter(user=editor).exists()
