"""Review comments per section: coalition partners (members of the coalition organisations) see
the draft and comment while it is in review; the kenniskring (the programme team) too; the team
sees them; they stay with the report."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from wijkaanpak.accounts.services import organisation_membership_add
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.opportunities.models import CoalitionMember
from wijkaanpak.programmes.models import Programme
from wijkaanpak.reports import services
from wijkaanpak.reports.models import ReviewComment

SLUG = "samen-voor-overvecht"
BASE = f"/programmas/{SLUG}/rapportage/2020/"

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    from conftest import otp_verify_session

    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(user)
    otp_verify_session(client, user)
    return client


def test_partners_comment_during_review_and_the_team_sees_it(demo_db: Any) -> None:
    programme = Programme.objects.get(slug=SLUG)
    member = CoalitionMember.objects.filter(opportunity__programme=programme).first()
    assert member is not None
    users = get_user_model().objects
    partner = users.create_user(username="partner-review", password="x" * 16)
    organisation_membership_add(user=partner, organisation=member.organisation)
    outsider = users.create_user(username="outsider-review", password="x" * 16)

    # In draft: the partner neither sees nor comments.
    assert _client(partner).get(BASE).status_code == 403
    assert (
        _client(partner)
        .post(f"{BASE}opmerkingen/", {"section": "finance", "text": "x"})
        .status_code
        == 403
    )
    with pytest.raises(Conflict):
        services.review_comment_add(
            programme=programme, year=2020, section="finance", text="x", by=SYSTEM
        )

    services.report_transition(programme=programme, year=2020, to="review", by=SYSTEM)
    assert _client(outsider).get(BASE).status_code == 403
    page = _client(partner).get(BASE)
    assert page.status_code == 200 and 'id="id_c_text"' in page.content.decode()
    r = _client(partner).post(
        f"{BASE}opmerkingen/", {"section": "finance", "text": "Klopt het totaal <b>wel</b>?"}
    )
    assert r.status_code == 302
    comment = ReviewComment.objects.get()
    assert comment.section == "finance" and comment.by == partner
    assert member.organisation.name in comment.organisation
    with pytest.raises(Forbidden):
        services.review_comment_add(
            programme=programme, year=2020, section="finance", text="x", by=outsider
        )
    with pytest.raises(InvalidInput):
        services.review_comment_add(
            programme=programme, year=2020, section="finance", text="  ", by=partner
        )
    with pytest.raises(InvalidInput):
        services.review_comment_add(
            programme=programme, year=2020, section="nergens", text="x", by=partner
        )
    # The kenniskring: a viewer of the programme comments too; the coordinator sees both.
    viewer = users.get(username="viewer")
    services.review_comment_add(
        programme=programme, year=2020, section="monitoring", text="Duiding klopt.", by=viewer
    )
    html = _client(users.get(username="coordinator")).get(BASE).content.decode()
    listed = html.split("data-comments", 1)[1].split("</ul>", 1)[0]
    assert "Klopt het totaal &lt;b&gt;wel&lt;/b&gt;?" in listed and "Duiding klopt." in listed
    # After review the partner no longer sees the draft; the comments stay.
    services.report_transition(programme=programme, year=2020, to="approved", by=SYSTEM)
    assert _client(partner).get(BASE).status_code == 403
    assert ReviewComment.objects.count() == 2
