"""A small residents world: Overvecht with two buurten (and one outside), a signal theme routed
to an organisation, ambassadors, and the 2020 fund on the €100,000 "Bewonersinitiatieven" line."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PIL import Image

from wijkaanpak.core.actors import SYSTEM


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media(tmp_path: Any, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class RW:
    programme: Any
    buurt: Any
    buurt2: Any
    outside: Any
    theme: Any
    theme_unrouted: Any
    org: Any
    fund: Any
    line: Any
    coordinator: Any
    editor: Any
    partner: Any
    ambassador: Any
    ambassador_user: Any


def jpeg_with_gps(size: tuple[int, int] = (64, 48)) -> bytes:
    """A JPEG with EXIF carrying a GPS position (Utrecht) and a camera make."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    gps = {1: "N", 2: (52.0, 6.0, 0.0), 3: "E", 4: (5.0, 7.0, 0.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def rw(programme: Any, coordinator: Any, editor: Any) -> RW:
    from wijkaanpak.accounts.models import User
    from wijkaanpak.accounts.services import organisation_membership_add
    from wijkaanpak.areas.models import Area, AreaLevel
    from wijkaanpak.areas.services import area_create_or_update
    from wijkaanpak.finance.services import budget_line_create, budget_set
    from wijkaanpak.organisations.services import organisation_ensure
    from wijkaanpak.residents import services

    wk = Area.objects.get(code="WK034403")
    gm = wk.parent
    buurt = area_create_or_update(
        code="BU03440300", name="Zambesidreef", level=AreaLevel.NEIGHBOURHOOD, parent=wk
    )
    buurt2 = area_create_or_update(
        code="BU03440301", name="Tigrisdreef", level=AreaLevel.NEIGHBOURHOOD, parent=wk
    )
    other_wk = area_create_or_update(
        code="WK034401", name="West", level=AreaLevel.DISTRICT, parent=gm
    )
    outside = area_create_or_update(
        code="BU03440100", name="Lombok", level=AreaLevel.NEIGHBOURHOOD, parent=other_wk
    )
    org = organisation_ensure(name="Stadsbeheer")
    partner = User.objects.create_user(username="partner", password="pw-partner-123")
    organisation_membership_add(user=partner, organisation=org)
    theme = services.signal_theme_set(programme=programme, name="Afval", service_days=3, by=SYSTEM)
    unrouted = services.signal_theme_set(
        programme=programme, name="Overig", service_days=10, by=SYSTEM
    )
    services.routing_rule_set(theme=theme, area=None, organisation=org, by=SYSTEM)
    budget = budget_set(programme=programme, year=2020, amount=2_614_000, by=SYSTEM)
    line = budget_line_create(
        budget=budget, subject="Bewonersinitiatieven", amount=100_000, by=SYSTEM
    )
    fund = services.fund_set(
        programme=programme, year=2020, name="Bewonersinitiatievenfonds", line=line, by=SYSTEM
    )
    amb = services.ambassador_register(
        programme=programme,
        name="Fatima de Vries",
        email="fatima@example.org",
        phone="0612345678",
        buurt=buurt,
        consent=True,
        username="fatima",
        password="pw-fatima-123",
        by=SYSTEM,
    )
    return RW(
        programme=programme,
        buurt=buurt,
        buurt2=buurt2,
        outside=outside,
        theme=theme,
        theme_unrouted=unrouted,
        org=org,
        fund=fund,
        line=line,
        coordinator=coordinator,
        editor=editor,
        partner=partner,
        ambassador=amb,
        ambassador_user=amb.user,
    )


def apply(rw: RW, amount: int = 1000, **over: Any) -> Any:
    from django.contrib.auth.models import AnonymousUser

    from wijkaanpak.residents import services

    data: dict[str, Any] = {
        "fund": rw.fund,
        "title": "Buurtbarbecue",
        "place": "Zambesidreef",
        "audience": "Bewoners van de flat",
        "amount_asked": amount,
        "contact_name": "Jan Jansen",
        "contact_email": "jan@example.org",
        "consent": True,
        "by": AnonymousUser(),
    }
    data.update(over)
    return services.application_submit(**data)
