"""Writes of the participation app: activities and their follow-up, communication, stories and
calendar feed addresses. Every write goes through one of these functions (pages, API, demo,
tests); `by=SYSTEM` is a system write, a user needs the role the selectors' rules name."""

from wijkaanpak.participation.services.activities import (
    activity_create,
    activity_update,
    follow_up_complete,
    follow_up_create,
    follow_up_to_interpretation,
    follow_up_to_progress,
)
from wijkaanpak.participation.services.communication import (
    channel_ensure,
    channel_plan_set,
    feed_token_create,
    feed_token_revoke,
    output_create,
    output_update,
    story_create,
    story_update,
)

__all__ = [
    "activity_create",
    "activity_update",
    "channel_ensure",
    "channel_plan_set",
    "feed_token_create",
    "feed_token_revoke",
    "follow_up_complete",
    "follow_up_create",
    "follow_up_to_interpretation",
    "follow_up_to_progress",
    "output_create",
    "output_update",
    "story_create",
    "story_update",
]
