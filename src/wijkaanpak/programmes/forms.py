from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkaanpak.core.forms import DateInput, UtrechtForm


class ActiveOnForm(UtrechtForm):
    """The "active on date" filter of the programme page (?op=YYYY-MM-DD)."""

    op = forms.DateField(
        label=_("Active on"),
        required=False,
        widget=DateInput(),
        help_text=_("Show the kansen and long-running work that were running on this date."),
    )
