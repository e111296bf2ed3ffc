"""Page forms of the participation app; the services check the rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkaanpak.core.forms import DateInput, UtrechtForm
from wijkaanpak.participation.images import MAX_BYTES
from wijkaanpak.participation.models import ActivityKind, Channel, OutputKind, OutputStatus


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


class ActivityForm(UtrechtForm):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Type"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    theme = forms.TypedChoiceField(label=_("Theme"), coerce=int, required=False, empty_value=None)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end = forms.TimeField(label=_("End time"), widget=TimeInput(), required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    organisers = forms.TypedMultipleChoiceField(
        label=_("Organisers"), coerce=int, required=False, widget=forms.SelectMultiple
    )
    expected_attendance = forms.IntegerField(
        label=_("Expected attendance"), min_value=0, max_value=1_000_000, required=False
    )
    actual_attendance = forms.IntegerField(
        label=_("Actual attendance"), min_value=0, max_value=1_000_000, required=False
    )
    public = forms.BooleanField(
        label=_("Public (shown on the public calendar)"), required=False, initial=True
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    outcomes = forms.CharField(label=_("Outcomes"), required=False, widget=forms.Textarea)

    def __init__(
        self,
        *args: Any,
        themes: list[tuple[int, str]],
        organisations: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "–"), *themes]  # type: ignore[attr-defined]
        self.fields["organisers"].choices = organisations  # type: ignore[attr-defined]
        self.fields["organisers"].widget.attrs["size"] = 6

    def times(self) -> tuple[dt.datetime, dt.datetime | None]:
        data = self.cleaned_data
        starts = timezone.make_aware(dt.datetime.combine(data["date"], data["start"]))
        ends = (
            timezone.make_aware(dt.datetime.combine(data["date"], data["end"]))
            if data.get("end")
            else None
        )
        return starts, ends


class FollowUpForm(UtrechtForm):
    text = forms.CharField(label=_("Follow-up action"), widget=forms.Textarea)
    assignee = forms.TypedChoiceField(
        label=_("Assigned to"), coerce=int, required=False, empty_value=None
    )
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DateInput())
    opportunity = forms.TypedChoiceField(
        label=_("Kans it is about"), coerce=int, required=False, empty_value=None
    )

    def __init__(
        self,
        *args: Any,
        people: list[tuple[int, str]],
        opportunities: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", "–"), *people]  # type: ignore[attr-defined]
        self.fields["opportunity"].choices = [("", "–"), *opportunities]  # type: ignore[attr-defined]


class OutputForm(UtrechtForm):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    channel = forms.ModelChoiceField(label=_("Channel"), queryset=Channel.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=OutputKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=OutputStatus.choices)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea)
    public = forms.BooleanField(label=_("Public"), required=False, initial=True)
    opportunities = forms.TypedMultipleChoiceField(
        label=_("Kansen"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self, *args: Any, channels: Any, opportunities: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = channels  # type: ignore[attr-defined]
        self.fields["opportunities"].choices = opportunities  # type: ignore[attr-defined]


class StoryForm(UtrechtForm):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Story"), widget=forms.Textarea)
    image = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG, GIF or WebP, at most 10 MB. Location data is removed."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    image_alt = forms.CharField(label=_("What the photo shows"), max_length=200, required=False)
    film_url = forms.URLField(label=_("Link to a film"), required=False, assume_scheme="https")
    published = forms.BooleanField(label=_("Published"), required=False)
    opportunities = forms.TypedMultipleChoiceField(
        label=_("Kansen"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    ambitions = forms.TypedMultipleChoiceField(
        label=_("Ambitions"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        *args: Any,
        opportunities: list[tuple[int, str]],
        ambitions: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opportunities"].choices = opportunities  # type: ignore[attr-defined]
        self.fields["ambitions"].choices = ambitions  # type: ignore[attr-defined]

    def image_bytes(self) -> bytes | None:
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        return bytes(upload.read(MAX_BYTES + 1))
