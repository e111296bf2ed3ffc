"""Page forms of the campaign set-up (coordinators). The services decide the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkaanpak.areas.models import Area
from wijkaanpak.core.forms import DateInput, UtrechtForm
from wijkaanpak.outreach.models import Theme


class CampaignForm(UtrechtForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none())
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    end_date = forms.DateField(label=_("End date"), widget=DateInput())
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["area"].queryset = Area.objects.filter(
            Q(pk=programme.area_id) | Q(parent_id=programme.area_id)
        ).order_by("level", "name")
        fields["themes"].queryset = Theme.objects.order_by("order", "name")


class AssignForm(UtrechtForm):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("worker", _("outreach worker")), ("coach", _("coach"))],
    )


class AddressImportForm(UtrechtForm):
    file = forms.FileField(
        label=_("Address list"),
        help_text=_("CSV or XLSX with the columns street, house_number, addition and postcode."),
    )
