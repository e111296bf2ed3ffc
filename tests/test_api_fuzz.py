"""API fuzzing with schemathesis against /api/v1/openapi.json, in-process through the WSGI app.

Every operation gets generated requests (valid and invalid) as several personas (bearer
tokens from tests/world.py); every answer must be free of 5xx and match the documented status
codes, content types and response schemas. Bounded here (FUZZ_EXAMPLES, default 8 per
operation and persona); `bin/fuzz` runs the long version.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import PositiveDataAcceptanceConfig

from tests.world import World

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
PERSONAS = os.environ.get("FUZZ_PERSONAS", "anonymous,viewer,editor,partner_a").split(",")

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
# The API ignores query parameters it does not know (as HTTP clients expect: cache busters,
# tracking), so an extra one is not invalid input; and every request carries the persona's own
# Authorization header, so schemathesis must not generate or remove that header itself (a
# "missing Authorization" case would still arrive authenticated).
schema.config.generation.update(allow_extra_parameters=False, with_security_parameters=False)
# A request the schema accepts may still be refused with 400 and a problem+json message by the
# services: rules a schema cannot state (a file's contents, a theme from the programme's list,
# a stale `version`). 422 stays unexpected for a schema-valid request: that would mean the
# schema and the API's own validation disagree.
schema.config.checks.positive_data_acceptance = PositiveDataAcceptanceConfig(
    expected_statuses=["2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"]
)


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """Like Django's test Client: requests must not close the connection of the test transaction.

    Django closes 'old' connections at request start and end; inside the test transaction
    (autocommit off) that closes PostgreSQL's connection and every later query fails.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=PERSONAS)
def persona(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("FUZZ_RANDOM") != "1",
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case: schemathesis.Case, world: World, persona: str) -> None:
    case.call_and_validate(headers=world.api_headers(persona))
