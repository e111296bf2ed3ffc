"""The coordinator's start page gathers what needs attention from apps outreach may not import
(core/attention.py): measures past their target date, budget not yet allocated, failed jobs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import otp_verify_session
from wijkaanpak.core.actors import SYSTEM
from wijkaanpak.finance.models import LineStatus
from wijkaanpak.finance.services import budget_line_create, budget_set
from wijkaanpak.jobs.models import Job, JobStatus
from wijkaanpak.opportunities.services import measure_create, measure_value_record

pytestmark = pytest.mark.django_db

WORK = "/outreach/mijn-werk/"


def _client(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(user)
    otp_verify_session(client, user)
    return client


def _attention(programme: Any, kans: Any, n: int, start: int = 0) -> None:
    """n late measures (one more reached its target in time), n budget years with money to
    allocate, n failed jobs."""
    past = dt.date.today() - dt.timedelta(days=30)
    for i in range(start, start + n):
        measure_create(
            opportunity=kans,
            name=f"Laat resultaat {i}",
            rba_class="how_much",
            target=10,
            target_date=past,
            by=SYSTEM,
        )
        budget = budget_set(programme=programme, year=2030 + i, amount=1000, by=SYSTEM)
        budget_line_create(
            budget=budget, subject="Nog te verdelen", amount=400 + i, status=LineStatus.UNALLOCATED,
            by=SYSTEM,
        )  # fmt: skip
        Job.objects.create(name="tests.import", programme_id=programme.pk, status=JobStatus.FAILED)
    reached = measure_create(
        opportunity=kans,
        name=f"Op tijd gehaald {start}",
        rba_class="how_much",
        target=10,
        target_date=past,
        by=SYSTEM,
    )
    measure_value_record(measure=reached, date=past, value=12, by=SYSTEM)


def test_the_coordinator_sees_late_measures_unallocated_budget_and_failed_jobs(
    world: Any, kans: Any
) -> None:
    programme = world.campaign.programme
    assert kans.programme_id == programme.pk
    _attention(programme, kans, 2)
    html = _client(world.users["coordinator"]).get(WORK).content.decode()
    section = html.split('data-queue="coordinator"')[1]
    late = section.split('data-attention="measures_past_target_date"')[1].split("</li>")[0]
    assert ">2<" in late and "resultaten over hun streefdatum" in late
    assert "Laat resultaat 0" in section and "Op tijd gehaald" not in section
    budget = section.split('data-attention="budget_unallocated"')[1].split("</li>")[0]
    assert ">2<" in budget
    assert "2031: € 401 nog niet toegewezen" in section
    jobs = section.split('data-attention="failed_jobs"')[1].split("</li>")[0]
    assert ">2<" in jobs and "mislukte achtergrondtaken" in jobs


def test_a_partner_sees_none_of_it(world: Any, kans: Any) -> None:
    _attention(world.campaign.programme, kans, 1)
    html = _client(world.users["mitros"]).get(WORK).content.decode()
    assert "data-attention" not in html


def test_the_attention_costs_the_same_queries_at_two_sizes(world: Any, kans: Any) -> None:
    client = _client(world.users["coordinator"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(WORK).status_code == 200
        return len(ctx.captured_queries)

    _attention(world.campaign.programme, kans, 1)
    small = queries()
    _attention(world.campaign.programme, kans, 4, start=1)
    assert queries() == small
