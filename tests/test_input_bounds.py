"""Input is validated at the edge (issue #12, item 6): oversized and out-of-range numbers in path
and query parameters never give a 500, on any page or API read, as any persona.

Routes come from the URL configuration and the OpenAPI document, as in the authorisation
matrix: a new page or endpoint is swept without being listed here. Every integer path parameter
gets each number below; every integer query parameter of the API and the numeric query
parameters the pages read get them too. The answer must be 400 (a message) or 404 (no such
thing), or a plain answer where the number only filters; never 5xx.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from tests import policy
from tests.test_authorisation_matrix import api_operations, url_patterns
from tests.world import World

pytestmark = pytest.mark.django_db

# Beyond a 64-bit integer, beyond a 32-bit one, negative beyond 64 bits, and a year no date has.
NUMBERS = ["99999999999999999999", "2147483648", "-99999999999999999999", "10000"]
# Query parameters pages read as numbers.
PAGE_QUERY = ["page", "limit", "offset", "year", "campaign"]
PERSONAS = ["anonymous", "coordinator", "outreach_worker", "back_office", "privacy_officer"]
INT_CONVERTER = re.compile(r"<int:(\w+)>")


def _page_urls(world: World) -> list[str]:
    urls = []
    for key, route in url_patterns().items():
        cases = policy.PAGES.get(key)
        params = cases[0].params if cases else {}
        filled = route
        for name, value in params.items():
            filled = re.sub(r"<(?:str:|slug:)" + name + ">", str(world[value]), filled)
        if re.search(r"<(?:str:|slug:)\w+>", filled):
            continue  # a text parameter the policy does not fill: nothing numeric to try
        for number in NUMBERS:
            for name in INT_CONVERTER.findall(filled):  # each integer in turn, the others valid
                urls.append(_fill_ints(filled, params, world, huge_name=name, number=number))
            query = "&".join(f"{q}={number}" for q in PAGE_QUERY)
            urls.append(
                _fill_ints(filled, params, world, huge_name="", number=number) + "?" + query
            )
    return sorted(set(urls))


def _fill_ints(
    route: str, params: dict[str, str], world: World, *, huge_name: str, number: str
) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == huge_name:
            return number
        return str(world[params[name]]) if name in params else "1"

    return "/" + INT_CONVERTER.sub(value, route).lstrip("/")


def _api_urls(world: World) -> list[str]:
    urls = []
    for key, operation in api_operations().items():
        method, path = key.split(" ", 1)
        if method != "GET":
            continue
        cases = policy.API.get(key)
        params = cases[0].params if cases else {}
        declared = operation.get("parameters", [])
        int_path = [p["name"] for p in declared if p["in"] == "path" and _is_int(p["schema"])]
        int_query = [p["name"] for p in declared if p["in"] == "query" and _is_int(p["schema"])]
        for number in NUMBERS:
            for name in int_path:
                urls.append(_fill_api(path, declared, params, world, huge_name=name, number=number))
            if int_query:
                query = "&".join(f"{q}={number}" for q in int_query)
                filled = _fill_api(path, declared, params, world, huge_name="", number=number)
                urls.append(f"{filled}?{query}")
    return sorted(set(urls))


def _fill_api(
    path: str,
    declared: list[dict[str, Any]],
    params: dict[str, str],
    world: World,
    *,
    huge_name: str,
    number: str,
) -> str:
    for p in declared:
        if p["in"] != "path":
            continue
        name = p["name"]
        if name == huge_name:
            value = number
        elif name in params:
            value = str(world[params[name]])
        else:
            value = "1"
        path = path.replace("{" + name + "}", value)
    return path


def _is_int(schema: dict[str, Any]) -> bool:
    if schema.get("type") == "integer":
        return True
    return any(_is_int(s) for s in schema.get("anyOf", []))


def _problems(world: World, urls: list[str], *, api: bool) -> list[str]:
    problems = []
    for persona in PERSONAS:
        client = Client(raise_request_exception=False) if api else world.page_client(persona)
        client.raise_request_exception = False
        headers = world.api_headers(persona) if api else {}
        for url in urls:
            with transaction.atomic():
                response = client.get(url, headers=headers)
                if response.status_code >= 500:
                    problems.append(f"{url} as {persona}: {response.status_code}")
                elif api and response.status_code in (400, 422):
                    body = json.loads(response.content)
                    if not body.get("detail"):
                        problems.append(
                            f"{url} as {persona}: {response.status_code} without detail"
                        )
                transaction.set_rollback(True)
    return problems


def test_pages_answer_oversized_numbers_without_a_server_error(world: World) -> None:
    urls = _page_urls(world)
    assert len(urls) > 20
    problems = _problems(world, urls, api=False)
    assert not problems, "\n".join(problems)


def test_api_reads_answer_oversized_numbers_without_a_server_error(world: World) -> None:
    urls = _api_urls(world)
    assert len(urls) > 20
    problems = _problems(world, urls, api=True)
    assert not problems, "\n".join(problems)
