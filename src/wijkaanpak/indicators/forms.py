from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkaanpak.core.api_utils import INT_MAX
from wijkaanpak.core.forms import DateInput, UtrechtForm
from wijkaanpak.indicators.models import ImportFormat, Indicator
from wijkaanpak.indicators.selectors import programme_areas, programme_indicators


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


class _Years(forms.CharField):
    """Years as '2021, 2022'."""

    def to_python(self, value: Any) -> list[int]:  # type: ignore[override]
        text = super().to_python(value)
        years: list[int] = []
        for part in str(text or "").replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or not 1900 <= int(part) <= 2100:
                raise forms.ValidationError(_("Give years such as 2021, 2022."))
            years.append(int(part))
        return sorted(set(years))


def _checkboxes(label: Any) -> forms.ModelMultipleChoiceField[Any]:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class InterpretationForm(UtrechtForm):
    date = forms.DateField(label=_("Meeting date"), widget=DateInput())
    title = forms.CharField(label=_("Title"), max_length=200)
    participants = forms.CharField(
        label=_("Who took part"),
        widget=forms.Textarea,
        help_text=_("A description, e.g. 'six residents, buurtteam, police'; no names."),
    )
    text = forms.CharField(label=_("Interpretation"), widget=forms.Textarea)
    indicators = _checkboxes(_("Indicators"))
    areas = _checkboxes(_("Areas"))
    years = _Years(label=_("Years interpreted"), required=False, help_text=_("e.g. 2021, 2022"))
    version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, max_value=INT_MAX, required=False
    )

    def __init__(self, *args: Any, programme: Any, interpretation: Any = None, **kw: Any) -> None:
        if interpretation is not None:
            kw.setdefault(
                "initial",
                {
                    "date": interpretation.date,
                    "title": interpretation.title,
                    "participants": interpretation.participants,
                    "text": interpretation.text,
                    "indicators": [i.pk for i in interpretation.indicators.all()],
                    "areas": [a.pk for a in interpretation.areas.all()],
                    "years": ", ".join(str(y) for y in interpretation.years),
                    "version": interpretation.version,
                },
            )
        super().__init__(*args, **kw)
        fields: Any = self.fields
        fields["indicators"].queryset = programme_indicators(programme=programme)
        fields["indicators"].label_from_instance = lambda i: i.name_nl
        fields["areas"].queryset = programme_areas(programme=programme)
        fields["areas"].label_from_instance = lambda a: a.name
        if interpretation is None:
            del fields["version"]
        else:
            fields["version"].required = True


class TargetForm(UtrechtForm):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    area = forms.ModelChoiceField(label=_("Area"), queryset=Indicator.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100)
    value = forms.FloatField(
        label=_("Target value"), min_value=-1e12, max_value=1e12, widget=forms.TextInput
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, max_value=INT_MAX, required=False
    )

    def __init__(self, *args: Any, programme: Any, target: Any = None, **kw: Any) -> None:
        if target is not None:
            kw.setdefault(
                "initial",
                {
                    "value": target.value,
                    "description": target.description,
                    "version": target.version,
                },
            )
        super().__init__(*args, **kw)
        fields: Any = self.fields
        fields["value"].widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        if target is None:
            fields["indicator"].queryset = programme_indicators(programme=programme)
            fields["indicator"].label_from_instance = lambda i: i.name_nl
            fields["area"].queryset = programme_areas(programme=programme)
            fields["area"].label_from_instance = lambda a: a.name
            del fields["version"]
        else:
            del fields["indicator"], fields["area"], fields["year"]
            fields["version"].required = True
