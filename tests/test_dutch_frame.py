"""One Dutch frame (issue 15): no raw codes or English field names in any rendered page, for
every persona, and the Dutch 403/404 pages also while DEBUG is on.

The scan renders every GET page that the authorisation policy (tests/policy.py) says a persona
may open, with the demo world (tests/world.py), in Dutch, and looks at the text people read:
tags, attribute values (ids, URLs, data-*) and scripts are left out.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client, override_settings

from tests import policy
from tests.test_authorisation_matrix import _fill, url_patterns
from tests.world import PERSONAS, World

pytestmark = pytest.mark.django_db

NOT_SCANNED = {"api:openapi-json", "api:openapi-view", "outreach:audit_csv"}

# Codes from the models and aggregates that must never reach a Dutch reader as such.
RAW_WORDS = (
    "addresses",
    "attempted",
    "interviewed",
    "agreements",
    "first_contact",
    "display_name",
    "contact_preference",
    "shared_fields",
    "legal_basis",
    "public_task",
    "single_parent",
)
RAW_PATTERNS = [re.compile(rf"\b{w}\b") for w in RAW_WORDS] + [
    re.compile(r"\bcomposition:"),
    re.compile(r"\baddress:"),
    re.compile(r"\breferral #"),
    re.compile(r"\b(household|visit|conversation|commitment|escalation) #"),
]
# Whole text nodes that are a raw answer code (a yes/no answer shown as stored).
RAW_NODES = {"yes", "no"}


class _VisibleText(HTMLParser):
    """The text nodes of a page, without scripts, styles and attribute values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.nodes.append(data.strip())


_ENGLISH: set[str] = set()


def english_texts() -> set[str]:
    """Every English msgid of the Dutch catalogue with a different Dutch text, of two words or
    more: a text node that equals one is a string that escaped gettext (or its translation)."""
    if not _ENGLISH:
        from django.utils.translation import trans_real

        catalog = trans_real.translation("nl")._catalog  # type: ignore[attr-defined]
        dutch = set()
        for key, value in catalog.items():
            if isinstance(key, str) and isinstance(value, str):
                dutch.add(value)
        for key, value in catalog.items():
            if (
                isinstance(key, str)
                and isinstance(value, str)
                and key != value
                and " " in key.strip()
                and "%" not in key
                and "{" not in key
            ):
                _ENGLISH.add(key.strip())
        _ENGLISH.difference_update(dutch)
    return _ENGLISH


def raw_codes(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    english = english_texts()
    found = [n for n in parser.nodes if n in RAW_NODES or n in english]
    text = "\n".join(parser.nodes)
    for pattern in RAW_PATTERNS:
        found += [m.group(0) for m in pattern.finditer(text)]
    return found


def pages_for(persona: str, world: World) -> list[str]:
    routes = url_patterns()
    urls = []
    for key, cases in sorted(policy.PAGES.items()):
        if key.startswith("POST ") or key in NOT_SCANNED:
            continue
        for c in cases:
            if c.expect[persona] == policy.OK:
                urls.append(_fill(routes[key], c.params, world))
    return urls


def test_the_scan_sees_text_but_not_attributes() -> None:
    html = (
        '<p data-step="first_contact"><a href="/?display_name=x">Eerste contact</a></p>'
        "<script>var first_contact = 1;</script><ul><li>display_name: Jan</li>"
        "<li>Tevreden? <strong>yes</strong></li><li>referral #9</li></ul>"
    )
    assert raw_codes(html) == ["yes", "display_name", "referral #"]


def test_the_scan_finds_english_that_escaped_the_translation() -> None:
    html = "<th>Last action</th><td>Laatste actie</td><p>Index</p><p>only overdue</p>"
    assert raw_codes(html) == ["Last action", "only overdue"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_shows_a_raw_code(world: World, db: Any, persona: str) -> None:
    client = world.page_client(persona)
    problems: list[str] = []
    urls = pages_for(persona, world)
    assert urls, persona
    for url in urls:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
        assert response.status_code == 200, url
        if "text/html" not in response.get("Content-Type", ""):
            continue
        problems += [f"{url}: {code}" for code in raw_codes(response.content.decode())]
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_campaign_funnel_has_dutch_step_names(world: World, db: Any) -> None:
    from wijkaanpak.outreach.models import Campaign

    campaign = Campaign.objects.order_by("pk").first()
    assert campaign is not None
    html = world.page_client("coordinator").get(f"/outreach/campaigns/{campaign.pk}/").content
    page = html.decode()
    for label in ("Adressen", "Bezocht", "Geïnterviewd", "Eerste contact", "Afgerond"):
        assert page.count(label) >= 2, label  # in the chart and in the table


def test_an_answer_shows_the_option_label(world: World, db: Any) -> None:
    from wijkaanpak.outreach.models import Answer, QuestionType

    answer = (
        Answer.objects.filter(question__type__in=[QuestionType.SCALE, QuestionType.CHOICE])
        .exclude(question__options=[])
        .select_related("question", "conversation__household")
        .order_by("pk")
        .first()
    )
    if answer is None:
        pytest.skip("the demo has no scale answers")
    label = answer.question.label_of(answer.value)
    assert label != answer.value
    household = answer.conversation.household
    client = world.page_client("outreach_worker")
    page = client.get(f"/outreach/households/{household.pk}/").content.decode()
    assert f"<strong>{label}</strong>" in page
    assert f"<strong>{answer.value}</strong>" not in page


def test_yes_no_labels_are_translated() -> None:
    from django.utils import translation

    from wijkaanpak.outreach.models import Question, QuestionType

    question = Question(type=QuestionType.YES_NO)
    with translation.override("nl"):
        assert question.label_of("yes") == "Ja" and question.label_of("no") == "Nee"
    with translation.override("en"):
        assert question.label_of("yes") == "Yes"


@override_settings(DEBUG=True)
def test_a_refused_page_is_the_dutch_404_also_in_debug(world: World, db: Any) -> None:
    client = world.page_client("partner_b")
    response = client.get("/outreach/households/999999999/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Pagina niet gevonden" in page
    assert "URLconf" not in page and "Technical" not in page


@override_settings(DEBUG=True)
def test_an_unknown_url_keeps_djangos_debug_page() -> None:
    # Only the app's own refusals get the Dutch page; a mistyped URL while developing still
    # shows Django's page with the URL list.
    response = Client().get("/bestaat-niet/")
    assert response.status_code == 404 and b"URLconf" in response.content


def test_the_403_page_says_u_and_not_je(world: World, db: Any) -> None:
    client = world.page_client("viewer")
    response = client.get(f"/kansen/{world['kans_id']}/voortgang/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Dit mag u niet doen" in page
    assert not re.search(r"\b(je|jij|jouw)\b", page, re.IGNORECASE)
    assert "rol redacteur als u die nodig hebt" not in page  # no longer a fixed, wrong role


def test_admin_is_branded(admin_client: Any) -> None:
    page = admin_client.get("/admin/").content.decode()
    assert "Wijkaanpak beheer" in page


def test_pages_link_the_favicon(world: World, db: Any) -> None:
    page = world.page_client("anonymous").get("/", follow=True).content.decode()
    assert 'rel="icon"' in page and "favicon.svg" in page


def test_the_audit_log_names_records_in_dutch(world: World, db: Any) -> None:
    client = world.page_client("privacy_officer")
    page = client.get("/outreach/audit/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert re.search(r">huishouden \d+</a>", page)  # a Dutch kind name and the number
    assert not re.search(r" #\d+<", page)  # not "huishouden #10"
    assert raw_codes(page) == []
