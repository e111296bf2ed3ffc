"""The lifecycle of a kans: transitions, reasons, and 'which kansen were active on date D'."""

from __future__ import annotations

import datetime as dt

import pytest

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.opportunities.models import OpportunityKind, OpportunityStatus
from wijkaanpak.opportunities.selectors import opportunity_list
from wijkaanpak.opportunities.services import opportunity_create, opportunity_transition

START = dt.date(2019, 7, 1)
REVIEW = dt.date(2020, 3, 1)


def titles(programme, on, kind=OpportunityKind.KANS):
    return {o.title for o in opportunity_list(programme=programme, kind=kind, active_on=on)}


@pytest.fixture
def review(programme):
    """Three kansen in 2019; at the review one merges into another, one moves to long-running
    work, and a new one starts."""
    a = opportunity_create(
        programme=programme, title="Sociaal renoveren", start_date=START, by=SYSTEM
    )
    b = opportunity_create(programme=programme, title="Geldzorgen", start_date=START, by=SYSTEM)
    c = opportunity_create(programme=programme, title="Sportpark", start_date=START, by=SYSTEM)
    opportunity_transition(
        opportunity=a,
        to=OpportunityStatus.MERGED,
        on=REVIEW,
        reason="samen",
        merged_into=b,
        by=SYSTEM,
    )
    opportunity_transition(
        opportunity=c,
        to=OpportunityStatus.LONG_RUNNING,
        on=REVIEW,
        reason="minder kansrijk",
        by=SYSTEM,
    )
    opportunity_create(programme=programme, title="Amazone", start_date=REVIEW, by=SYSTEM)
    return a, b, c


def test_active_on_answers_for_any_date_around_the_review(programme, review):
    assert titles(programme, START - dt.timedelta(days=1)) == set()
    assert titles(programme, START) == {"Sociaal renoveren", "Geldzorgen", "Sportpark"}
    assert titles(programme, REVIEW - dt.timedelta(days=1)) == {
        "Sociaal renoveren",
        "Geldzorgen",
        "Sportpark",
    }
    assert titles(programme, REVIEW) == {"Geldzorgen", "Amazone"}
    assert titles(programme, dt.date(2020, 4, 30)) == {"Geldzorgen", "Amazone"}


def test_moved_work_is_long_running_from_the_review_on(programme, review):
    assert titles(programme, REVIEW - dt.timedelta(days=1), OpportunityKind.LONG_RUNNING) == set()
    assert titles(programme, REVIEW, OpportunityKind.LONG_RUNNING) == {"Sportpark"}
    _, _, sportpark = review
    sportpark.refresh_from_db()
    assert sportpark.kind == OpportunityKind.LONG_RUNNING
    assert sportpark.status == OpportunityStatus.LONG_RUNNING


def test_history_is_kept_with_reasons(programme, review):
    merged, into, _ = review
    changes = list(merged.status_changes.order_by("effective_date", "id"))
    assert [(c.from_status, c.status) for c in changes] == [
        ("", OpportunityStatus.ACTIVE),
        (OpportunityStatus.ACTIVE, OpportunityStatus.MERGED),
    ]
    assert changes[1].merged_into == into
    assert changes[1].reason == "samen"


def test_a_transition_the_lifecycle_does_not_allow_is_a_conflict(programme, review):
    merged, _, _ = review
    with pytest.raises(Conflict):
        opportunity_transition(
            opportunity=merged, to=OpportunityStatus.ACTIVE, on=REVIEW, by=SYSTEM
        )


def test_stopping_needs_a_reason_and_a_date_not_before_the_last_change(programme, kans):
    with pytest.raises(InvalidInput) as exc:
        opportunity_transition(opportunity=kans, to=OpportunityStatus.STOPPED, on=START, by=SYSTEM)
    assert {e["field"] for e in exc.value.errors} == {"reason"}
    with pytest.raises(InvalidInput) as exc:
        opportunity_transition(
            opportunity=kans,
            to=OpportunityStatus.STOPPED,
            on=dt.date(2018, 1, 1),
            reason="x",
            by=SYSTEM,
        )
    assert {e["field"] for e in exc.value.errors} == {"on"}


def test_merge_needs_another_kans(programme, kans):
    with pytest.raises(InvalidInput):
        opportunity_transition(
            opportunity=kans,
            to=OpportunityStatus.MERGED,
            on=REVIEW,
            reason="x",
            merged_into=kans,
            by=SYSTEM,
        )


def test_a_stale_version_is_a_conflict(programme, kans):
    with pytest.raises(Conflict):
        opportunity_transition(
            opportunity=kans,
            to=OpportunityStatus.COMPLETED,
            on=REVIEW,
            version=kans.version + 1,
            by=SYSTEM,
        )


def test_only_editors_change_status(programme, kans, viewer, editor):
    with pytest.raises(Forbidden):
        opportunity_transition(
            opportunity=kans, to=OpportunityStatus.COMPLETED, on=REVIEW, by=viewer
        )
    opportunity_transition(opportunity=kans, to=OpportunityStatus.COMPLETED, on=REVIEW, by=editor)
    assert titles(programme, REVIEW) == set()
    assert titles(programme, REVIEW - dt.timedelta(days=1)) == {"Focus op Overvecht"}
