"""The shared page frame: error pages, language switch and landmarks."""

from __future__ import annotations

from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_404_is_a_dutch_page_within_the_site_frame() -> None:
    response = Client().get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html and '<main id="main"' in html


def test_403_is_a_dutch_page_that_says_which_role_is_missing(kans: Any, viewer: Any) -> None:
    client = Client()
    client.force_login(viewer)
    response = client.get(f"/kansen/{kans.pk}/voortgang/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Dit mag u niet doen" in html
    assert "heeft u de rol redacteur in dit programma nodig" in html


def test_the_500_page_renders_without_a_request() -> None:
    with translation.override("nl"):
        html = render_to_string("500.html")
    assert "Er ging iets mis" in html


def test_the_language_switch_turns_the_pages_english(programme: Any) -> None:
    client = Client()
    assert (
        "Ambities en hun kansen" in client.get("/programmas/samen-voor-overvecht/").content.decode()
    )
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/programmas/samen-voor-overvecht/"}
    )
    assert response.status_code == 302
    html = client.get("/programmas/samen-voor-overvecht/").content.decode()
    assert '<html lang="en"' in html and "Ambitions and their kansen" in html


def test_every_page_has_header_navigation_main_and_footer_landmarks(programme: Any) -> None:
    html = Client().get("/programmas/samen-voor-overvecht/").content.decode()
    for landmark in ("<header", "<nav", '<main id="main"', "<footer", 'href="#main"'):
        assert landmark in html
