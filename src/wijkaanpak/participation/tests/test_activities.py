"""Meetings and activities through the services: roles, validation, versions, follow-up."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput, NotFound
from wijkaanpak.participation import selectors, services
from wijkaanpak.participation.models import ActivityKind, FollowUpStatus

AMS = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db


def _meeting(programme: Any, by: Any, **extra: Any) -> Any:
    values: dict[str, Any] = {
        "programme": programme,
        "kind": ActivityKind.MARKET,
        "title": "Beroepenmarkt Bouw & Techniek",
        "starts_at": dt.datetime(2020, 3, 4, 14, 0, tzinfo=AMS),
        "ends_at": dt.datetime(2020, 3, 4, 18, 0, tzinfo=AMS),
        "place": "Theater Stefanus",
        "expected_attendance": 150,
        "by": by,
    }
    values.update(extra)
    return services.activity_create(**values)


def test_an_editor_records_a_meeting_and_a_viewer_may_not(
    programme: Any, editor: Any, viewer: Any
) -> None:
    activity = _meeting(programme, editor)
    assert activity.version == 1 and activity.created_by == editor
    with pytest.raises(Forbidden):
        _meeting(programme, viewer)


def test_a_partner_records_only_activities_of_its_own_organisation(
    programme: Any, partner: Any
) -> None:
    from wijkaanpak.organisations.services import organisation_ensure

    other = organisation_ensure(name="DOCK")
    with pytest.raises(InvalidInput) as exc:
        _meeting(programme, partner, organisers=[other])
    assert exc.value.errors[0]["field"] == "organisers"
    own = _meeting(programme, partner, organisers=[partner.org])
    assert selectors.user_may_edit_activity(user=partner, activity=own)
    theirs = _meeting(programme, SYSTEM, organisers=[other])
    with pytest.raises(Forbidden):
        services.activity_update(activity=theirs, title="Overgenomen", by=partner)


def test_bad_input_is_named_per_field(programme: Any, editor: Any) -> None:
    with pytest.raises(InvalidInput) as exc:
        _meeting(
            programme,
            editor,
            title=" ",
            kind="picnic",
            ends_at=dt.datetime(2020, 3, 4, 9, 0, tzinfo=AMS),
        )
    assert {e["field"] for e in exc.value.errors} == {"title", "kind", "ends_at"}
    with pytest.raises(InvalidInput):
        _meeting(programme, editor, starts_at=dt.datetime(2020, 3, 4, 14, 0))


def test_a_stale_version_is_a_conflict_naming_the_change(programme: Any, editor: Any) -> None:
    activity = _meeting(programme, editor)
    services.activity_update(activity=activity, version=1, actual_attendance=176, by=editor)
    with pytest.raises(Conflict) as exc:
        services.activity_update(activity=activity, version=1, place="Elders", by=editor)
    fields = {e["field"] for e in exc.value.errors}
    assert "version" in fields and "actual_attendance" in fields


def test_internal_activities_are_hidden_from_visitors_and_outsiders(
    programme: Any, editor: Any, viewer: Any, outsider: Any
) -> None:
    from django.contrib.auth.models import AnonymousUser

    internal = _meeting(programme, editor, public=False, title="Overleg communicatieadviseurs")
    _meeting(programme, editor)
    for user in (AnonymousUser(), outsider):
        titles = [a.title for a in selectors.activity_list(user=user, programme=programme)]
        assert titles == ["Beroepenmarkt Bouw & Techniek"]
        with pytest.raises(NotFound):
            selectors.activity_get(user=user, pk=internal.pk)
    assert selectors.activity_get(user=viewer, pk=internal.pk) == internal


def test_a_follow_up_becomes_a_progress_update_of_the_kans(
    programme: Any, kans: Any, coordinator: Any, editor: Any
) -> None:
    from wijkaanpak.notifications.models import Notification

    activity = _meeting(programme, coordinator, actual_attendance=176)
    action = services.follow_up_create(
        activity=activity,
        text="Kandidaten doorverwijzen naar Bouw=Wouw",
        assignee=editor,
        opportunity=kans,
        by=coordinator,
    )
    assert Notification.objects.filter(recipient=editor).count() == 1
    done = services.follow_up_to_progress(action=action, version=action.version, by=coordinator)
    assert done.status == FollowUpStatus.DONE and done.progress_update is not None
    update = kans.progress_updates.get()
    assert update.date == dt.date(2020, 3, 4)
    assert "Bouw=Wouw" in update.text and update.author == coordinator
    with pytest.raises(Conflict):
        services.follow_up_complete(action=done, by=coordinator)


def test_a_follow_up_becomes_a_kenniskring_interpretation(programme: Any, editor: Any) -> None:
    activity = _meeting(
        programme,
        editor,
        kind=ActivityKind.KENNISKRING,
        title="Kenniskring veiligheid",
        starts_at=dt.datetime(2020, 5, 14, 19, 0, tzinfo=AMS),
        ends_at=None,
        actual_attendance=14,
    )
    action = services.follow_up_create(
        activity=activity, text="Onveiligheidsgevoel daalt niet in de Zambesibuurt", by=editor
    )
    done = services.follow_up_to_interpretation(action=action, by=editor)
    interpretation = done.interpretation
    assert interpretation.programme == programme
    assert interpretation.date == dt.date(2020, 5, 14)
    assert "Zambesibuurt" in interpretation.text and "14" in interpretation.participants


def test_a_partner_may_not_turn_a_follow_up_into_an_interpretation(
    programme: Any, partner: Any
) -> None:
    activity = _meeting(programme, partner, organisers=[partner.org])
    action = services.follow_up_create(activity=activity, text="Terugkoppelen", by=partner)
    with pytest.raises(Forbidden):
        services.follow_up_to_interpretation(action=action, by=partner)
    action.refresh_from_db()
    assert action.status == FollowUpStatus.OPEN and action.interpretation is None
