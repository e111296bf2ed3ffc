from __future__ import annotations

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
