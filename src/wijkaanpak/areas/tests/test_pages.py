"""The area pages: search by name or code; an area with its parents, children, division
history and outline (the demo's Utrecht with its example re-division)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from wijkaanpak.areas import demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def utrecht_demo(db: Any) -> None:
    demo.load()


def test_search_finds_by_name_and_by_code(client: Client, utrecht_demo: None) -> None:
    html = client.get("/areas/", {"q": "lombok"}).content.decode()
    assert "2 gebieden gevonden" in html
    assert 'href="/areas/BU03440121/"' in html and "Lombok-Oost" in html
    html = client.get("/areas/", {"q": "bu0344031"}).content.decode()
    assert (
        "Taag- en Rubicondreef en omgeving" in html and "Taagdreef en omgeving (voorbeeld)" in html
    )
    html = client.get("/areas/", {"q": "Atlantis"}).content.decode()
    assert "Geen gebied heeft deze naam of code" in html


def test_a_wijk_page_has_parents_children_and_an_outline(
    client: Client, utrecht_demo: None
) -> None:
    r = client.get("/areas/WK034403/")
    html = r.content.decode()
    assert r.status_code == 200
    assert '<a class="utrecht-link" href="/areas/GM0344/">Utrecht</a>' in html
    assert "Zamenhofdreef en omgeving" in html  # a child
    # the latest division: the successors of the split buurt, not the old buurt itself
    assert "Taagdreef en omgeving (voorbeeld)" in html
    assert "Taag- en Rubicondreef en omgeving" not in html
    assert html.count("<path ") == 11 + 1  # 10 buurten of 2025 + 1 successor more, and the wijk
    assert "Bron" in html and "Gemeente Utrecht, wijk- en buurtgrenzen 2013" in html
    assert "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_the_split_buurt_shows_its_history(client: Client, utrecht_demo: None) -> None:
    html = client.get("/areas/BU03440311/").content.decode()
    assert "Indelingsgeschiedenis" in html and "2023 tot en met 2024" in html
    assert 'href="/areas/BU03440315/"' in html and "55 %" in html
    assert "Voorbeeld: verzonnen herindeling" in html
    html = client.get("/areas/BU03440316/").content.decode()
    assert "sinds 2025" in html and 'href="/areas/BU03440311/"' in html
    assert client.get("/areas/BU99440311/").status_code == 404
