"""Page forms for editors. They check the shape of the input; the services decide the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkaanpak.core.api_utils import INT_MAX
from wijkaanpak.core.forms import DateInput, DutchDecimalField, UtrechtForm
from wijkaanpak.opportunities.models import TRANSITIONS, Opportunity, OpportunityStatus


def _today() -> Any:
    return timezone.localdate()


class ProgressUpdateForm(UtrechtForm):
    date = forms.DateField(label=_("Date"), initial=_today, widget=DateInput())
    text = forms.CharField(
        label=_("Progress"),
        widget=forms.Textarea,
        help_text=_("What happened? Write facts: what was done, reached or decided."),
    )
    next_steps = forms.CharField(
        label=_("Next steps"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Replaces the kans's next steps when filled in."),
    )


class MeasureValueForm(UtrechtForm):
    date = forms.DateField(label=_("Date"), initial=_today, widget=DateInput())
    value = DutchDecimalField(
        label=_("Value"), max_digits=14, decimal_places=2, widget=forms.TextInput
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"].widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})


class StatusChangeForm(UtrechtForm):
    to = forms.ChoiceField(label=_("New status"))
    on = forms.DateField(label=_("Date of the change"), initial=_today, widget=DateInput())
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Required when a kans is merged, stopped or moved to long-running work."),
    )
    merged_into = forms.ModelChoiceField(
        label=_("Merged into"),
        queryset=Opportunity.objects.none(),
        required=False,
        help_text=_("Only for a merge: the kans that carries on this work."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=INT_MAX)

    def __init__(self, *args: Any, opportunity: Opportunity, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})["version"] = opportunity.version
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS[OpportunityStatus(opportunity.status)]
        to = self.fields["to"]
        assert isinstance(to, forms.ChoiceField)
        to.choices = [(s.value, s.label) for s in OpportunityStatus if s in allowed]
        merged_into = self.fields["merged_into"]
        assert isinstance(merged_into, forms.ModelChoiceField)
        merged_into.queryset = Opportunity.objects.filter(
            programme_id=opportunity.programme_id
        ).exclude(pk=opportunity.pk)
