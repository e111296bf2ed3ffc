"""The funnel chart's geometry and labels."""

from __future__ import annotations

from django.utils import translation

from wijkaanpak.opportunities.charts import LABEL_CHARS, _label


def test_a_short_label_is_drawn_whole() -> None:
    assert _label("Benaderd", "112", "100", None) == ("Benaderd: 112 / 100",) * 2


def test_a_long_step_name_is_shortened_but_keeps_its_figures() -> None:
    name = "Jongeren die na een warme overdracht een traject bij de werkgever hebben afgerond"
    with translation.override("en"):
        drawn, full = _label(name, "74", "80", 66)
    assert full == f"{name}: 74 / 80 (66% of previous step)"
    assert len(drawn) <= LABEL_CHARS
    assert drawn.endswith("…: 74 / 80 (66% of previous step)")
    assert drawn.startswith("Jongeren die na een")
