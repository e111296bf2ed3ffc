"""Conversations (the questionnaire's answers)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Schema, Status

from wijkaanpak.core.api_utils import READ_ERRORS, WRITE_ERRORS, Date, Id, Limit, Offset
from wijkaanpak.core.exceptions import InvalidInput
from wijkaanpak.outreach import selectors, services
from wijkaanpak.outreach.api.base import Out, router, text
from wijkaanpak.outreach.models import Conversation


class ConversationOut(Out):
    id: int
    household: int
    date: dt.date
    themes: list[str]
    answers: dict[str, str]
    note: str


class ConversationList(Out):
    count: int
    items: list[ConversationOut]


def _conversation_out(c: Conversation) -> dict[str, Any]:
    return {
        "id": c.pk,
        "household": c.household_id,
        "date": c.date,
        "themes": [t.code for t in c.themes.all()],
        "answers": {a.question.code: a.value for a in c.answers.all()},
        "note": c.note,
    }


@router.get("/conversations/", response={200: ConversationList, **READ_ERRORS})
def conversations(
    request: HttpRequest,
    campaign: Id | None = None,
    household: Id | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    page = selectors.page_audited(
        selectors.conversation_list(user=request.user, campaign=campaign, household=household),
        user=request.user,
        source=request.path,
        record_type="conversation",
        limit=limit,
        offset=offset,
    )
    return {"count": page.count, "items": [_conversation_out(c) for c in page.items]}


class ConversationIn(Schema):
    household: Id
    date: Date
    themes: list[str] = []
    answers: dict[str, str | int | float | bool | None] = {}
    note: Annotated[str, text()] = ""


@router.post("/conversations/", response={201: ConversationOut, **WRITE_ERRORS})
def conversation_create(request: HttpRequest, payload: ConversationIn) -> Status[dict[str, Any]]:
    h = selectors.household_get(
        user=request.user, pk=payload.household, source=request.path, audit=False, erased=True
    )
    themes = selectors.themes_find(codes=payload.themes)
    if len(themes) != len(set(payload.themes)):
        raise InvalidInput("Unknown theme", errors=[{"field": "themes", "message": "unknown code"}])
    answers = {
        k: ("yes" if v is True else "no" if v is False else v) for k, v in payload.answers.items()
    }
    c = services.conversation_record(
        household=h,
        date=payload.date,
        answers=answers,
        themes=themes,
        note=payload.note,
        by=request.user,
        source=request.path,
    )
    return Status(201, _conversation_out(c))
