"""The programme page: ambitions with their kansen, long-running work, counts, date filter."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.opportunities import services
from wijkaanpak.opportunities.models import Opportunity

pytestmark = pytest.mark.django_db

URL = "/programmas/samen-voor-overvecht/"


@pytest.fixture
def review(programme: Any, kans: Any) -> dict[str, Opportunity]:
    """The 2020 review in miniature: one kans merged, one moved to long-running work, one new."""
    jeugd = list(programme.ambitions.filter(number=2))
    wonen = list(programme.ambitions.filter(number=1))
    renoveren = services.opportunity_create(
        programme=programme,
        title="Sociaal renoveren",
        ambitions=wonen,
        start_date=dt.date(2019, 7, 1),
        by=SYSTEM,
    )
    vechtzoom = services.opportunity_create(
        programme=programme,
        title="Sportpark Vechtzoom",
        ambitions=jeugd,
        start_date=dt.date(2019, 7, 1),
        by=SYSTEM,
    )
    gagelsteede = services.opportunity_create(
        programme=programme,
        title="Gagelsteede",
        ambitions=wonen,
        start_date=dt.date(2020, 3, 1),
        by=SYSTEM,
    )
    services.opportunity_transition(
        opportunity=renoveren,
        to="merged",
        on=dt.date(2020, 3, 1),
        reason="review",
        merged_into=kans,
        by=SYSTEM,
    )
    services.opportunity_transition(
        opportunity=vechtzoom,
        to="long_running",
        on=dt.date(2020, 3, 1),
        reason="runs for years",
        by=SYSTEM,
    )
    return {"renoveren": renoveren, "vechtzoom": vechtzoom, "gagelsteede": gagelsteede}


def get(url: str, **params: str) -> Any:
    return Client(HTTP_ACCEPT_LANGUAGE="en").get(url, params)


def test_the_programme_page_lists_ambitions_with_their_kansen_and_status(
    review: dict[str, Opportunity], kans: Any
) -> None:
    response = get(URL)
    assert response.status_code == 200
    overview = response.context["overview"]
    by_number = {
        row.ambition.number: [k.opportunity.title for k in row.kansen] for row in overview.ambitions
    }
    assert by_number == {1: ["Gagelsteede", "Sociaal renoveren"], 2: ["Focus op Overvecht"]}
    assert [k.opportunity.title for k in overview.long_running] == ["Sportpark Vechtzoom"]
    html = response.content.decode()
    assert "merged into another kans" in html
    assert f'href="/kansen/{kans.pk}/"' in html
    assert 'href="/organisations/"' in html
    assert 'href="/programmas/samen-voor-overvecht/langjarig/"' in html


def test_the_date_filter_shows_what_was_active_on_that_day(review: dict[str, Opportunity]) -> None:
    before = get(URL, op="2019-12-31").context["overview"]
    after = get(URL, op="2020-04-30").context["overview"]
    titles = lambda o: sorted(k.opportunity.title for row in o.ambitions for k in row.kansen)  # noqa: E731
    assert titles(before) == ["Focus op Overvecht", "Sociaal renoveren", "Sportpark Vechtzoom"]
    assert titles(after) == ["Focus op Overvecht", "Gagelsteede"]
    assert before.kans_count == 3 and after.kans_count == 2
    assert [k.opportunity.title for k in after.long_running] == ["Sportpark Vechtzoom"]
    assert before.long_running == []


def test_a_bad_date_is_answered_with_400_and_a_message_at_the_field(programme: Any) -> None:
    response = get(URL, op="31-12-2019x")
    assert response.status_code == 400
    assert "op" in response.context["form"].errors
    assert 'id="id_op_error"' in response.content.decode()


def test_an_unknown_programme_is_404(db: Any) -> None:
    response = get("/programmas/nope/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_long_running_page_tells_when_work_moved_from_kans(
    review: dict[str, Opportunity],
) -> None:
    response = get(URL + "langjarig/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sportpark Vechtzoom" in html and "Focus op Overvecht" not in html
    assert "from active to moved to long-running work" in html
    assert 'datetime="2020-03-01"' in html and "runs for years" in html


def test_the_programme_page_is_dutch_by_default(review: dict[str, Opportunity]) -> None:
    html = Client().get(URL).content.decode()
    assert '<html lang="nl"' in html
    assert "Langjarig werken" in html and "samengevoegd" in html.lower()


def test_the_programme_page_needs_a_constant_number_of_queries(
    programme: Any, kans: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(15):
        services.opportunity_create(
            programme=programme,
            title=f"Kans {i}",
            ambitions=list(programme.ambitions.all()),
            start_date=dt.date(2019, 7, 1),
            by=SYSTEM,
        )
    with django_assert_max_num_queries(20):
        assert get(URL, op="2020-01-01").status_code == 200
