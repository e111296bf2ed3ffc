"""Page forms of the report: a section's text and a sign-off step."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkaanpak.core.api_utils import INT_MAX
from wijkaanpak.core.forms import UtrechtForm
from wijkaanpak.reports.models import ReportStatus
from wijkaanpak.reports.services import MAX_NARRATIVE


class NarrativeForm(UtrechtForm):
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        max_length=MAX_NARRATIVE,
        help_text=_("Plain paragraphs: leave an empty line between paragraphs."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=INT_MAX)


class TransitionForm(UtrechtForm):
    to = forms.ChoiceField(label=_("New status"), choices=ReportStatus.choices)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=INT_MAX)
