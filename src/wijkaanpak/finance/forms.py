from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class BudgetImportForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=1900,
        max_value=2200,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}),
    )
    file = forms.FileField(
        label=_("Budget table (CSV or XLSX)"),
        required=False,
        help_text=_(
            "Columns 'Onderwerp' and 'Bedrag (x 1.000 euro)', one row per line, "
            "and a 'Totaal' row at the end."
        ),
    )
    unit = forms.ChoiceField(
        label=_("Amounts in"),
        required=False,
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
        choices=[
            ("", _("as the header says")),
            ("thousands", _("thousands of euros")),
            ("euros", _("euros")),
        ],
    )
    total_means = forms.ChoiceField(
        label=_("The printed total is"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("", _("not stated (ask me if it differs from the lines)")),
            (
                "allocated",
                _("the allocated part; lines that explain the difference are not yet allocated"),
            ),
            ("budget", _("the year's budget")),
        ],
    )
    dry_run = forms.BooleanField(label=_("Only check, do not save"), required=False)


class RealisationForm(forms.Form):
    line = forms.TypedChoiceField(
        label=_("Budget line"),
        coerce=int,
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(
            attrs={"type": "date", "class": "utrecht-textbox utrecht-textbox--html-input"}
        ),
    )
    amount = forms.IntegerField(
        label=_("Amount in euros"),
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}),
    )

    def __init__(self, *args: Any, lines: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["line"].choices = lines  # type: ignore[attr-defined]
