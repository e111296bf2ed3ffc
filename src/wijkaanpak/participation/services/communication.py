"""Communication channels, plans and outputs; stories; calendar feed addresses."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user, is_system
from wijkaanpak.accounts.models import User
from wijkaanpak.core.exceptions import Forbidden, InvalidInput
from wijkaanpak.core.history import record_as
from wijkaanpak.opportunities.models import Opportunity
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.participation import selectors
from wijkaanpak.participation.images import image_clean
from wijkaanpak.participation.models import (
    CalendarFeedToken,
    Channel,
    ChannelKind,
    ChannelPlan,
    CommunicationOutput,
    OutputKind,
    OutputStatus,
    Story,
)
from wijkaanpak.participation.services._common import (
    _calendar_changed,
    _choice,
    _require_editor,
    _required,
    _same_programme,
    _stale,
)
from wijkaanpak.programmes.models import Ambition, Programme

# --- communication -------------------------------------------------------------------------


@transaction.atomic
def channel_ensure(
    *, programme: Programme, name: str, kind: ChannelKind | str, description: str = "", by: Actor
) -> Channel:
    _require_editor(by=by, programme=programme)
    errors: list[dict[str, object]] = []
    _required(errors, "name", name)
    _choice(errors, "kind", str(kind), ChannelKind)
    if errors:
        raise InvalidInput(_("The channel is not valid."), errors=errors)
    channel, _created = Channel.objects.update_or_create(
        programme=programme,
        name=name.strip(),
        defaults={"kind": str(kind), "description": description.strip()},
    )
    return channel


@transaction.atomic
def channel_plan_set(
    *, channel: Channel, year: int, planned: int, note: str = "", by: Actor
) -> ChannelPlan:
    _require_editor(by=by, programme=channel.programme)
    if not 0 <= planned <= 100_000 or not 1900 <= year <= 2200:
        raise InvalidInput(
            _("The plan is not valid."),
            errors=[{"field": "planned", "message": _("must be between 0 and 100,000")}],
        )
    plan, _created = ChannelPlan.objects.update_or_create(
        channel=channel, year=year, defaults={"planned": planned, "note": note.strip()}
    )
    return plan


OUTPUT_FIELDS = (
    "channel",
    "kind",
    "title",
    "date",
    "status",
    "url",
    "summary",
    "organisation",
    "public",
    "source",
)


def _output_errors(programme: Programme, values: dict[str, Any]) -> list[dict[str, object]]:
    errors: list[dict[str, object]] = []
    _required(errors, "title", values["title"])
    _choice(errors, "kind", str(values["kind"]), OutputKind)
    _choice(errors, "status", str(values["status"]), OutputStatus)
    if values["channel"].programme_id != programme.pk:
        errors.append({"field": "channel", "message": _("not of this programme")})
    if values["url"] and not str(values["url"]).startswith(("https://", "http://")):
        errors.append({"field": "url", "message": _("a web address starting with https://")})
    return errors


def _tie(instance: Any, programme: Programme, opportunities: Any, ambitions: Any) -> None:
    errors: list[dict[str, object]] = []
    if opportunities is not None:
        opportunities = list(opportunities)
        _same_programme(errors, "opportunities", programme, opportunities)
    if ambitions is not None:
        ambitions = list(ambitions)
        _same_programme(errors, "ambitions", programme, ambitions)
    if errors:
        raise InvalidInput(_("Choose kansen and ambitions of this programme."), errors=errors)
    if opportunities is not None:
        instance.opportunities.set(opportunities)
    if ambitions is not None:
        instance.ambitions.set(ambitions)


@transaction.atomic
def output_create(
    *,
    programme: Programme,
    channel: Channel,
    kind: OutputKind | str,
    title: str,
    date: dt.date,
    status: OutputStatus | str = OutputStatus.PLANNED,
    url: str = "",
    summary: str = "",
    organisation: Organisation | None = None,
    public: bool = True,
    source: str = "",
    opportunities: Iterable[Opportunity] = (),
    ambitions: Iterable[Ambition] = (),
    by: Actor,
) -> CommunicationOutput:
    _require_editor(by=by, programme=programme)
    values: dict[str, Any] = {
        "channel": channel,
        "kind": str(kind),
        "title": title.strip(),
        "date": date,
        "status": str(status),
        "url": url.strip(),
        "summary": summary.strip(),
        "organisation": organisation,
        "public": public,
        "source": source.strip(),
    }
    errors = _output_errors(programme, values)
    if errors:
        raise InvalidInput(_("The communication output is not valid."), errors=errors)
    output = CommunicationOutput(programme=programme, **values)
    record_as(output, acting_user(by)).save()
    _tie(output, programme, opportunities, ambitions)
    _calendar_changed(programme.pk)
    return output


@transaction.atomic
def output_update(
    *,
    output: CommunicationOutput,
    version: int | None = None,
    opportunities: Iterable[Opportunity] | None = None,
    ambitions: Iterable[Ambition] | None = None,
    by: Actor,
    **fields: Any,
) -> CommunicationOutput:
    unknown = set(fields) - set(OUTPUT_FIELDS)
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    _require_editor(by=by, programme=output.programme)
    current = CommunicationOutput.objects.select_for_update().get(pk=output.pk)
    if version is not None and current.version != version:
        raise _stale(_("communication output"), instance=current, version=version)
    values = {name: getattr(current, name) for name in OUTPUT_FIELDS}
    for name, value in fields.items():
        values[name] = value.strip() if isinstance(value, str) else value
    errors = _output_errors(current.programme, values)
    if errors:
        raise InvalidInput(_("The communication output is not valid."), errors=errors)
    for name, value in values.items():
        setattr(current, name, value)
    current.version += 1
    record_as(current, acting_user(by)).save()
    _tie(current, current.programme, opportunities, ambitions)
    _calendar_changed(current.programme_id)
    return current


# --- stories -------------------------------------------------------------------------------

STORY_FIELDS = ("title", "text", "image_alt", "film_url", "published", "published_on", "source")


def _story_errors(values: dict[str, Any]) -> list[dict[str, object]]:
    errors: list[dict[str, object]] = []
    _required(errors, "title", values["title"])
    _required(errors, "text", values["text"])
    if values["film_url"] and not str(values["film_url"]).startswith(("https://", "http://")):
        errors.append({"field": "film_url", "message": _("a web address starting with https://")})
    return errors


def _story_save(story: Story, values: dict[str, Any], image: bytes | None, by: Actor) -> None:
    if values["published"] and values["published_on"] is None:
        values["published_on"] = timezone.localdate()
    for name, value in values.items():
        setattr(story, name, value)
    if image is not None:
        story.image = image_clean(image) if image else b""
    record_as(story, acting_user(by)).save()


@transaction.atomic
def story_create(
    *,
    programme: Programme,
    title: str,
    text: str,
    image: bytes | None = None,
    image_alt: str = "",
    film_url: str = "",
    published: bool = False,
    published_on: dt.date | None = None,
    source: str = "",
    opportunities: Iterable[Opportunity] = (),
    ambitions: Iterable[Ambition] = (),
    by: Actor,
) -> Story:
    _require_editor(by=by, programme=programme)
    values: dict[str, Any] = {
        "title": title.strip(),
        "text": text.strip(),
        "image_alt": image_alt.strip(),
        "film_url": film_url.strip(),
        "published": published,
        "published_on": published_on,
        "source": source.strip(),
    }
    errors = _story_errors(values)
    if errors:
        raise InvalidInput(_("The story is not valid."), errors=errors)
    story = Story(programme=programme)
    _story_save(story, values, image, by)
    _tie(story, programme, opportunities, ambitions)
    return story


@transaction.atomic
def story_update(
    *,
    story: Story,
    version: int | None = None,
    image: bytes | None = None,
    opportunities: Iterable[Opportunity] | None = None,
    ambitions: Iterable[Ambition] | None = None,
    by: Actor,
    **fields: Any,
) -> Story:
    """Change the given fields; `image=b""` removes the image, None keeps it."""
    unknown = set(fields) - set(STORY_FIELDS)
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    _require_editor(by=by, programme=story.programme)
    current = Story.objects.select_for_update().get(pk=story.pk)
    if version is not None and current.version != version:
        raise _stale(_("story"), instance=current, version=version)
    values = {name: getattr(current, name) for name in STORY_FIELDS}
    for name, value in fields.items():
        values[name] = value.strip() if isinstance(value, str) else value
    errors = _story_errors(values)
    if errors:
        raise InvalidInput(_("The story is not valid."), errors=errors)
    current.version += 1
    _story_save(current, values, image, by)
    _tie(current, current.programme, opportunities, ambitions)
    return current


# --- calendar feed addresses ---------------------------------------------------------------


@transaction.atomic
def feed_token_create(*, programme: Programme, by: Actor) -> tuple[CalendarFeedToken, str]:
    """A new secret feed address for the user; the raw token is returned once."""
    if is_system(by) or not isinstance(by, User):
        raise Forbidden(_("A calendar feed address belongs to a signed-in user."))
    if not selectors.user_may_see_internal(user=by, programme=programme):
        raise Forbidden(_("Only the programme's team and partners have an internal feed."))
    raw = secrets.token_urlsafe(32)
    token = CalendarFeedToken.objects.create(
        user=by, programme=programme, key_hash=CalendarFeedToken.hash(raw)
    )
    return token, raw


@transaction.atomic
def feed_token_revoke(*, token: CalendarFeedToken, by: Actor) -> None:
    if not isinstance(by, User) or token.user_id != by.pk:
        raise Forbidden(_("Only its owner revokes a calendar feed address."))
    CalendarFeedToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=timezone.now())
