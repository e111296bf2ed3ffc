from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkaanpak.indicators.models import ImportFormat


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"))
    format = forms.ChoiceField(label=_("Format"), choices=ImportFormat.choices)
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1900,
        max_value=2100,
        help_text=_("Only for files that do not state their period, such as an OData CSV."),
    )
    source = forms.CharField(
        label=_("Source and release"),
        required=False,
        max_length=300,
        help_text=_("For example: CBS KWB 2023, first release."),
    )
    dry_run = forms.BooleanField(label=_("Only check, do not import"), required=False)
