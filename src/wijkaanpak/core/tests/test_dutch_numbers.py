"""Dutch number input (issue 15): "12,5" is a number in every form that asks for one."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms

from wijkaanpak.core.forms import DutchDecimalField, dutch_number_text


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("12,5", "12.5"),
        ("1.234,5", "1234.5"),
        ("1.250", "1250"),
        ("12.5", "12.5"),
        (" 3 000 ", "3000"),
        ("\u22122,5", "-2.5"),
        ("7", "7"),
    ],
)
def test_dutch_number_text_reads_what_people_type(typed: str, read: str) -> None:
    assert dutch_number_text(typed) == read


class _Form(forms.Form):
    value = DutchDecimalField(max_digits=14, decimal_places=2)


def test_a_decimal_comma_is_accepted_by_the_form_field() -> None:
    form = _Form(data={"value": "12,5"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["value"] == Decimal("12.5")
    assert _Form(data={"value": "1.250,75"}).is_valid()


def test_text_that_is_no_number_is_still_refused() -> None:
    form = _Form(data={"value": "twaalf"})
    assert not form.is_valid()
    assert "value" in form.errors
    assert not _Form(data={"value": "1,2,3"}).is_valid()


def test_the_field_is_a_text_box_with_the_decimal_keyboard() -> None:
    html = str(_Form()["value"])
    assert 'type="text"' in html and 'inputmode="decimal"' in html
