from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkaanpak.core.api_utils import BIGINT_MAX
from wijkaanpak.finance.models import LineKind, LineStatus
from wijkaanpak.opportunities.models import Opportunity
from wijkaanpak.opportunities.selectors import opportunity_list
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.organisations.selectors import organisation_list
from wijkaanpak.programmes.models import Ambition, Programme


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
        max_value=BIGINT_MAX,
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


_TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
_SELECT = {"class": "utrecht-select utrecht-select--html-select"}


class BudgetLineForm(forms.Form):
    """A line of a year's budget (coordinators). The service checks the rest (a subject used
    twice in the year, a kans or ambition of another programme)."""

    subject = forms.CharField(
        label=_("Subject"), max_length=300, widget=forms.TextInput(attrs=_TEXT)
    )
    amount = forms.IntegerField(
        label=_("Amount in euros"),
        min_value=0,
        max_value=BIGINT_MAX,
        widget=forms.NumberInput(attrs=_TEXT),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=LineKind.choices, widget=forms.Select(attrs=_SELECT)
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=LineStatus.choices, widget=forms.Select(attrs=_SELECT)
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation that receives the money"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("(none)"),
        widget=forms.Select(attrs=_SELECT),
    )
    opportunity = forms.ModelChoiceField(
        label=_("Kans or long-running work it pays for"),
        queryset=Opportunity.objects.none(),
        required=False,
        empty_label=_("(none)"),
        widget=forms.Select(attrs=_SELECT),
    )
    ambitions = forms.ModelMultipleChoiceField(
        label=_("Ambitions it serves"),
        queryset=Ambition.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    overrun = forms.BooleanField(
        label=_("Spending more than the amount is allowed for this line"), required=False
    )
    note = forms.CharField(
        label=_("Note"), max_length=500, required=False, widget=forms.TextInput(attrs=_TEXT)
    )

    version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1, required=False
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["organisation"].queryset = organisation_list()
        fields["opportunity"].queryset = opportunity_list(programme=programme)
        fields["ambitions"].queryset = programme.ambitions.order_by("number")
        fields["ambitions"].label_from_instance = lambda a: f"{a.number}. {a.name}"
