"""The kans page and the editors' forms, spoken through the personas."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.opportunities import services
from wijkaanpak.opportunities.models import MeasureValue, OpportunityStatus, ProgressUpdate
from wijkaanpak.organisations.services import organisation_create_or_update

pytestmark = pytest.mark.django_db


def client_for(user: Any | None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def funnel(kans: Any) -> list[Any]:
    steps = [("Approached", 100), ("In view", 80), ("Referred", 20), ("Back on track", 15)]
    return [
        services.measure_create(
            opportunity=kans,
            name=name,
            rba_class="how_much",
            target=target,
            funnel_order=i,
            by=SYSTEM,
        )
        for i, (name, target) in enumerate(steps, 1)
    ]


def progress_url(kans: Any) -> str:
    return f"/kansen/{kans.pk}/voortgang/"


def test_the_kans_page_shows_coalition_by_role_progress_measures_and_funnel(
    kans: Any, funnel: list[Any]
) -> None:
    jou = organisation_create_or_update(name="JoU", type="welfare")
    city = organisation_create_or_update(name="Gemeente Utrecht", type="municipality")
    services.coalition_member_set(opportunity=kans, organisation=jou, role="lead", by=SYSTEM)
    services.coalition_member_set(opportunity=kans, organisation=city, role="funder", by=SYSTEM)
    services.progress_update_create(
        opportunity=kans,
        date=dt.date(2020, 2, 1),
        text="Team of four youth workers started.",
        by=SYSTEM,
    )
    services.measure_value_record(measure=funnel[0], date=dt.date(2020, 3, 1), value=112, by=SYSTEM)
    services.measure_value_record(measure=funnel[1], date=dt.date(2020, 3, 1), value=74, by=SYSTEM)

    response = client_for(None).get(f"/kansen/{kans.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Lead") < html.index("JoU") < html.index("Funder") < html.index("Gemeente")
    assert f'href="/organisations/{jou.slug}/"' in html
    assert "Team of four youth workers started." in html
    assert 'datetime="2020-02-01"' in html
    assert '<svg class="app-funnel"' in html and "<title" in html and "<desc" in html
    assert "Approached: target 100, actual 112" in html  # the text alternative of the chart
    assert "93% of target" in html  # 74 of 80
    assert "Add progress update" not in html  # anonymous: no edit buttons


def test_a_kans_without_a_funnel_has_no_chart(kans: Any) -> None:
    services.measure_create(
        opportunity=kans, name="Matches", rba_class="how_much", target=50, by=SYSTEM
    )
    html = client_for(None).get(f"/kansen/{kans.pk}/").content.decode()
    assert "Matches" in html and "app-funnel" not in html


def test_editors_see_edit_buttons_and_viewers_do_not(kans: Any, editor: Any, viewer: Any) -> None:
    assert "Add progress update" in client_for(editor).get(f"/kansen/{kans.pk}/").content.decode()
    assert (
        "Add progress update" not in client_for(viewer).get(f"/kansen/{kans.pk}/").content.decode()
    )


def test_an_editor_adds_a_progress_update(kans: Any, editor: Any) -> None:
    response = client_for(editor).post(
        progress_url(kans),
        {
            "date": "2020-04-01",
            "text": "First 100 young people approached.",
            "next_steps": "Scale up.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/kansen/{kans.pk}/#voortgang"
    update = ProgressUpdate.objects.get(opportunity=kans)
    assert update.text == "First 100 young people approached." and update.author == editor
    page = client_for(editor).get(f"/kansen/{kans.pk}/").content.decode()
    assert "First 100 young people approached." in page and "Scale up." in page


@pytest.mark.parametrize("persona", ["viewer", "outsider"])
def test_viewers_and_outsiders_get_403(kans: Any, persona: str, request: Any) -> None:
    user = request.getfixturevalue(persona)
    client = client_for(user)
    assert client.get(progress_url(kans)).status_code == 403
    response = client.post(progress_url(kans), {"date": "2020-04-01", "text": "x"})
    assert response.status_code == 403
    assert "You may not do this" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_anonymous_posting_is_sent_to_the_login_page(kans: Any) -> None:
    response = client_for(None).post(progress_url(kans), {"date": "2020-04-01", "text": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not ProgressUpdate.objects.exists()


def test_invalid_progress_is_shown_again_with_a_message_per_field(kans: Any, editor: Any) -> None:
    response = client_for(editor).post(progress_url(kans), {"date": "not a date", "text": ""})
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"date", "text"}
    html = response.content.decode()
    assert 'id="id_date_error"' in html and 'aria-invalid="true"' in html
    assert not ProgressUpdate.objects.exists()


def test_unknown_ids_give_404(editor: Any) -> None:
    client = client_for(editor)
    assert client.get("/kansen/999999/").status_code == 404
    assert client.post("/kansen/999999/voortgang/", {"text": "x"}).status_code == 404
    assert client.get("/kansen/metingen/999999/waarde/").status_code == 404
    assert client.get("/kansen/999999/status/").status_code == 404


def test_an_editor_records_a_measure_value(funnel: list[Any], editor: Any) -> None:
    url = f"/kansen/metingen/{funnel[0].pk}/waarde/"
    response = client_for(editor).post(url, {"date": "2020-03-01", "value": "112", "note": ""})
    assert response.status_code == 302
    assert MeasureValue.objects.get(measure=funnel[0]).value == 112


def test_a_negative_measure_value_is_refused_with_a_clear_message(
    funnel: list[Any], editor: Any
) -> None:
    url = f"/kansen/metingen/{funnel[0].pk}/waarde/"
    response = client_for(editor).post(url, {"date": "2020-03-01", "value": "-3"})
    assert response.status_code == 400
    assert response.context["form"].errors["value"] == ["must be 0 or more"]
    assert "A measure value cannot be negative." in response.content.decode()
    assert not MeasureValue.objects.exists()


def test_a_funnel_step_larger_than_the_step_before_is_refused(
    funnel: list[Any], editor: Any
) -> None:
    services.measure_value_record(measure=funnel[0], date=dt.date(2020, 3, 1), value=100, by=SYSTEM)
    url = f"/kansen/metingen/{funnel[1].pk}/waarde/"
    response = client_for(editor).post(url, {"date": "2020-03-02", "value": "120"})
    assert response.status_code == 400
    assert response.context["form"].errors["value"] == ["at most 100"]
    assert "cannot be larger than the step before it (Approached: 100)" in response.content.decode()
    assert not MeasureValue.objects.filter(measure=funnel[1]).exists()


def test_viewers_cannot_record_values(funnel: list[Any], viewer: Any) -> None:
    url = f"/kansen/metingen/{funnel[0].pk}/waarde/"
    assert client_for(viewer).post(url, {"date": "2020-03-01", "value": "5"}).status_code == 403


def test_an_editor_merges_a_kans_and_the_history_links_to_the_other(
    kans: Any, programme: Any, editor: Any
) -> None:
    other = services.opportunity_create(
        programme=programme,
        title="Slim wegnemen van geldzorgen",
        start_date=dt.date(2019, 7, 1),
        by=SYSTEM,
    )
    response = client_for(editor).post(
        f"/kansen/{other.pk}/status/",
        {
            "to": "merged",
            "on": "2020-03-01",
            "reason": "Yearly review",
            "merged_into": kans.pk,
            "version": other.version,
        },
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == OpportunityStatus.MERGED
    html = client_for(None).get(f"/kansen/{other.pk}/").content.decode()
    assert f'href="/kansen/{kans.pk}/"' in html and "Yearly review" in html
    html = client_for(None).get(f"/kansen/{kans.pk}/").content.decode()
    assert "Merged into this kans" in html and "Slim wegnemen van geldzorgen" in html


def test_a_status_change_without_reason_or_target_kans_is_refused_per_field(
    kans: Any, editor: Any
) -> None:
    response = client_for(editor).post(
        f"/kansen/{kans.pk}/status/",
        {"to": "merged", "on": "2020-03-01", "reason": "", "version": kans.version},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["reason"] == ["Give a reason for this change."]
    assert errors["merged_into"] == ["Say which kans it merges into."]
    kans.refresh_from_db()
    assert kans.status == OpportunityStatus.ACTIVE


def test_a_status_not_allowed_by_the_lifecycle_is_refused(kans: Any, editor: Any) -> None:
    response = client_for(editor).post(
        f"/kansen/{kans.pk}/status/",
        {"to": "proposed", "on": "2020-03-01", "version": kans.version},
    )
    assert response.status_code == 400
    assert "to" in response.context["form"].errors


def test_a_status_change_on_a_stale_version_is_a_conflict(kans: Any, editor: Any) -> None:
    response = client_for(editor).post(
        f"/kansen/{kans.pk}/status/",
        {"to": "completed", "on": "2020-03-01", "version": kans.version - 1 or 99},
    )
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()


def test_a_status_change_dated_before_the_last_one_is_refused_at_the_date(
    kans: Any, editor: Any
) -> None:
    response = client_for(editor).post(
        f"/kansen/{kans.pk}/status/",
        {"to": "completed", "on": "2019-01-01", "version": kans.version},
    )
    assert response.status_code == 400
    assert "before the previous change" in response.context["form"].errors["on"][0]
