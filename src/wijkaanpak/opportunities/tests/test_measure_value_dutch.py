"""The measure value form reads Dutch numbers (core.forms.DutchDecimalField)."""

from __future__ import annotations

from decimal import Decimal


def test_the_measure_value_form_takes_a_decimal_comma() -> None:
    from wijkaanpak.opportunities.forms import MeasureValueForm

    form = MeasureValueForm(data={"date": "2026-03-01", "value": "12,5", "note": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["value"] == Decimal("12.5")
