"""Forms of the residents pages. Public forms carry a honeypot field (`website`)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkaanpak.areas.models import Area, AreaLevel
from wijkaanpak.core.forms import UtrechtForm
from wijkaanpak.programmes.models import Programme
from wijkaanpak.residents.models import ApplicationState, SignalState, SignalTheme

HONEYPOT = "website"


def buurt_choices(programme: Programme) -> list[tuple[str, str]]:
    """The buurten inside the programme's area (up to three levels down), by name."""
    root = programme.area_id
    buurten = (
        Area.objects.filter(level=AreaLevel.NEIGHBOURHOOD).filter(models_q(root)).order_by("name")
    )
    return [("", "—")] + [(a.code, a.name) for a in buurten]


def models_q(root: int) -> Any:
    from django.db.models import Q

    return Q(parent_id=root) | Q(parent__parent_id=root) | Q(parent__parent__parent_id=root)


class HoneypotMixin(forms.Form):
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class SignalForm(UtrechtForm, HoneypotMixin):
    theme = forms.ChoiceField(label=_("What is it about?"))
    buurt = forms.ChoiceField(label=_("Neighbourhood (buurt)"))
    description = forms.CharField(
        label=_("What did you see?"), max_length=4000, widget=forms.Textarea
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_(
            "A photo as JPEG, PNG, WebP or GIF, at most 10 MB. Its location data is removed."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        themes = SignalTheme.objects.filter(programme=programme).order_by("name")
        cast(forms.ChoiceField, self.fields["theme"]).choices = [("", "—")] + [
            (str(t.pk), t.name) for t in themes
        ]
        cast(forms.ChoiceField, self.fields["buurt"]).choices = buurt_choices(programme)


class ApplicationForm(UtrechtForm, HoneypotMixin):
    title = forms.CharField(label=_("What do you want to do?"), max_length=200)
    place = forms.CharField(label=_("Where?"), max_length=200)
    audience = forms.CharField(label=_("For whom?"), max_length=200)
    description = forms.CharField(
        label=_("Tell us more"), max_length=4000, required=False, widget=forms.Textarea
    )
    amount_asked = forms.IntegerField(
        label=_("Amount asked (euros)"), min_value=1, max_value=10_000_000
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=120)
    contact_email = forms.EmailField(label=_("Your e-mail address"))
    contact_phone = forms.CharField(label=_("Your phone number"), max_length=30, required=False)
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy statement and agree that my contact details are used to handle this application."
        ),
    )


class AmbassadorForm(UtrechtForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=30, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class AmbassadorRegisterForm(UtrechtForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=30, required=False)
    buurt = forms.ChoiceField(label=_("Neighbourhood (buurt)"), required=False)
    consent = forms.BooleanField(
        label=_("The resident has read the privacy statement and agrees."),
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["buurt"]).choices = buurt_choices(programme)


class SignalTransitionForm(UtrechtForm):
    to = forms.ChoiceField(label=_("New state"), choices=SignalState.choices)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    feedback = forms.CharField(
        label=_("Feedback for the sender"), required=False, widget=forms.Textarea
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ApplicationTransitionForm(UtrechtForm):
    to = forms.ChoiceField(label=_("New state"), choices=ApplicationState.choices)
    amount = forms.IntegerField(label=_("Amount granted (euros)"), required=False, min_value=1)
    reason = forms.CharField(label=_("Reason declined"), required=False, widget=forms.Textarea)
    report = forms.CharField(label=_("Account afterwards"), required=False, widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput)
